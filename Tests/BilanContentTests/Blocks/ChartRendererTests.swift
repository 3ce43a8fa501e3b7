import Foundation
import FoundationXML
import Testing

@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent

/// Chart models used by the tests, in French and English.
enum ChartFixtures {
    static let french = FigureFormatter(localeIdentifier: "fr-CA")
    static let english = FigureFormatter(localeIdentifier: "en-CA")

    static func d(_ text: String) -> Decimal { FigureFixtures.decimal(text) }

    static func values(_ texts: [String?]) -> [Decimal?] { texts.map { $0.map(d) } }

    /// A model in `language` ("fr" or "en").
    static func model(
        _ kind: ChartModel.Kind, _ language: String, id: String = "chart", title: String = "Chart",
        categories: [String], categoryLabel: String = "", series: [ChartModel.Series],
        display: FigureDisplay = FigureDisplay(format: .number)
    ) -> ChartModel {
        ChartModel(
            kind: kind, id: id, title: title, categories: categories, categoryLabel: categoryLabel,
            series: series, language: language, formatter: language == "fr" ? french : english, display: display)
    }

    static let years = ["2019", "2020", "2021", "2022", "2023", "2024"]

    /// The snapshot models: each kind in both languages, named `<kind>-<variant>.<lang>`.
    static func snapshots() -> [(name: String, model: ChartModel)] {
        var result: [(String, ChartModel)] = []
        for language in ["fr", "en"] {
            let fr = language == "fr"
            let women = fr ? "Femmes" : "Women"
            let relatives = fr ? "Proches" : "Relatives"
            let children = fr ? "Enfants" : "Children"
            result.append(
                (
                    "column.\(language)",
                    model(
                        .column, language, id: "accueil-annee",
                        title: fr ? "Personnes accueillies par année" : "People welcomed by year",
                        categories: years, categoryLabel: fr ? "Année" : "Year",
                        series: [.init(label: women, values: values(["12", "40", "95", "150", "210", "253"]))],
                        display: FigureDisplay(format: .integer))
                ))
            result.append(
                (
                    "column-three-series.\(language)",
                    model(
                        .column, language, id: "services-region",
                        title: fr ? "Services rendus par région" : "Services by region",
                        categories: fr
                            ? [
                                "Montréal", "Capitale-Nationale", "Saguenay–Lac-Saint-Jean",
                                "Abitibi-Témiscamingue et Nord-du-Québec", "Côte-Nord",
                            ]
                            : [
                                "Montréal", "Capitale-Nationale", "Saguenay–Lac-Saint-Jean",
                                "Abitibi-Témiscamingue and Northern Quebec", "Côte-Nord",
                            ],
                        categoryLabel: fr ? "Région" : "Region",
                        series: [
                            .init(label: women, values: values(["1250", "830", "412.5", "96", "51"])),
                            .init(label: relatives, values: values(["940", "610", nil, "120", "33"])),
                            .init(label: children, values: values(["388", "205", "150", "44", "12"])),
                        ])
                ))
            result.append(
                (
                    "bar.\(language)",
                    model(
                        .bar, language, id: "depenses", title: fr ? "Dépenses par programme" : "Spending by program",
                        categories: fr
                            ? [
                                "Hébergement d’urgence",
                                "Accompagnement psychosocial et juridique des femmes et de leurs enfants",
                                "Prévention",
                                "Administration",
                            ]
                            : [
                                "Emergency shelter", "Psychosocial and legal support for women and their children",
                                "Prevention", "Administration",
                            ],
                        categoryLabel: fr ? "Programme" : "Program",
                        series: [
                            .init(
                                label: fr ? "Dépenses" : "Spending",
                                values: values(["203250.5", "125000", "48000", "-12500"]))
                        ],
                        display: FigureDisplay(format: .currency))
                ))
            result.append(
                (
                    "line.\(language)",
                    model(
                        .line, language, id: "taux", title: fr ? "Taux d’occupation" : "Occupancy rate",
                        categories: years, categoryLabel: fr ? "Année" : "Year",
                        series: [
                            .init(
                                label: fr ? "Maison A" : "House A",
                                values: values(["0.82", "0.91", nil, "0.875", "0.95", "0.97"])),
                            .init(
                                label: fr ? "Maison B" : "House B",
                                values: values(["0.64", "0.7", "0.735", "0.8", "0.78", "0.9"])),
                            .init(
                                label: fr ? "Maison C" : "House C",
                                values: values(["0.5", "0.55", "0.61", nil, "0.66", nil])),
                        ],
                        display: FigureDisplay(format: .percent))
                ))
            result.append(
                (
                    "stacked.\(language)",
                    model(
                        .stacked, language, id: "demandes", title: fr ? "Demandes par type" : "Requests by type",
                        categories: years, categoryLabel: fr ? "Année" : "Year",
                        series: [
                            .init(
                                label: fr ? "Téléphone" : "Phone",
                                values: values(["120", "150", "180", "210", "260", "300"])),
                            .init(
                                label: fr ? "Courriel" : "Email",
                                values: values(["40", "55", "90", "130", "160", "175"])),
                            .init(
                                label: fr ? "En personne" : "In person",
                                values: values(["80", "60", "30", "45", nil, "70"])),
                        ],
                        display: FigureDisplay(format: .integer))
                ))
            result.append(
                (
                    "donut.\(language)",
                    model(
                        .donut, language, id: "revenus", title: fr ? "Sources de revenus" : "Sources of income",
                        categories: fr
                            ? ["Gouvernement du Québec", "Dons", "Fondations", "Activités de financement"]
                            : ["Government of Quebec", "Donations", "Foundations", "Fundraising events"],
                        categoryLabel: fr ? "Source" : "Source",
                        series: [
                            .init(
                                label: fr ? "Revenus" : "Income",
                                values: values(["412000", "96500.5", "61000", "25000"]))
                        ],
                        display: FigureDisplay(format: .currency))
                ))
        }
        return result
    }

    /// Models at the edges: empty, missing, zero, negative, mismatched lengths.
    static func edgeCases() -> [ChartModel] {
        var result: [ChartModel] = []
        for kind in ChartModel.Kind.allCases {
            for language in ["fr", "en", "de"] {
                result.append(model(kind, language, categories: [], series: []))
                result.append(model(kind, language, categories: ["a", "b"], series: []))
                result.append(model(kind, language, categories: [], series: [.init(label: "S", values: [1, 2])]))
                result.append(
                    model(
                        kind, language, categories: ["a", "b", "c"],
                        series: [.init(label: "S", values: [nil, nil, nil])]))
                result.append(
                    model(kind, language, categories: ["a", "b"], series: [.init(label: "S", values: [0, 0])]))
                result.append(
                    model(kind, language, categories: ["a"], series: [.init(label: "S", values: [d("0.125")])]))
                result.append(
                    model(
                        kind, language, categories: ["a", "b", "c"], series: [.init(label: "S", values: [-5, 3, nil])]))
                result.append(
                    model(
                        kind, language, categories: ["a", "b", "c"], series: [.init(label: "S", values: [-5, -3, -1])]))
                result.append(
                    model(
                        kind, language, categories: ["a", "b", "c"],
                        series: [
                            .init(label: "S", values: [1]), .init(label: "T", values: [1, 2, 3, 4, 5]),
                        ]))
                result.append(
                    model(
                        kind, language, categories: ["a", "b"],
                        series: [.init(label: "", values: [d("1000000000"), 1])],
                        display: FigureDisplay(format: .currency)))
                result.append(
                    model(
                        kind, language, categories: ["", "  "], categoryLabel: "",
                        series: [.init(label: "S", values: [1, 2])]))
                result.append(
                    model(
                        kind, language, categories: (0..<60).map { "Catégorie numéro \($0)" },
                        series: (0..<9).map { s in
                            .init(label: "Série \(s)", values: (0..<60).map { Decimal(($0 * 7 + s * 13) % 50) })
                        }))
            }
        }
        return result
    }
}

/// Parses `svg` as XML and records an issue if it is not well-formed.
func expectWellFormed(_ svg: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let parser = XMLParser(data: Data(svg.utf8))
    let parsed = parser.parse()
    #expect(
        parsed, "not well-formed XML: \(String(describing: parser.parserError))\n\(svg)", sourceLocation: sourceLocation
    )
}

/// The `<rect class="chart-bar" …/>` elements' attributes, in order.
func barRects(_ svg: String) -> [(x: Double, y: Double, width: Double, height: Double)] {
    svg.split(separator: "\n").filter { $0.contains("<rect class=\"chart-bar\"") }.map { line in
        func attribute(_ name: String) -> Double {
            let start = line.range(of: " \(name)=\"")!.upperBound
            let end = line[start...].firstIndex(of: "\"")!
            return Double(line[start..<end])!
        }
        return (attribute("x"), attribute("y"), attribute("width"), attribute("height"))
    }
}

@Suite struct ChartRendererTests {
    typealias F = ChartFixtures

    @Test(arguments: ChartFixtures.snapshots().map(\.name))
    func snapshot(_ name: String) throws {
        let model = try #require(F.snapshots().first { $0.name == name }?.model)
        let svg = ChartRenderer.svg(model)
        expectWellFormed(svg)
        assertSnapshot(
            svg, matches: FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/charts/\(name).svg"))
    }

    @Test func theRootScalesWithThePageAndIsLabelled() {
        for (_, model) in F.snapshots() {
            let svg = ChartRenderer.svg(model)
            let id = model.id
            #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 "#))
            #expect(
                svg.contains(
                    #"width="100%" role="img" aria-labelledby="\#(id)-title""#
                        + #" aria-describedby="\#(id)-desc" class="chart"#
                        + #" chart-\#(model.kind.rawValue)""#
                ))
            #expect(!svg.contains("height=\"100%\""))
            #expect(svg.contains(#"<title id="\#(id)-title">\#(HTMLEscaping.text(model.title))</title>"#))
            #expect(
                svg.contains(#"<desc id="\#(id)-desc">\#(HTMLEscaping.text(ChartSummary.sentence(for: model)))</desc>"#)
            )
            // Every id is prefixed with the chart's.
            for match in svg.split(separator: " id=\"").dropFirst() {
                #expect(match.hasPrefix(id + "-"))
            }
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("href=\"http"))
        }
    }

    @Test func edgeCasesRenderWellFormedFrames() {
        for model in F.edgeCases() {
            let svg = ChartRenderer.svg(model)
            expectWellFormed(svg)
            #expect(svg.hasSuffix("</svg>\n"))
            #expect(!svg.contains("nan") && !svg.contains("inf"), "\(svg)")
        }
    }

    @Test func missingValuesDrawNothing() {
        let model = F.model(
            .column, "en", categories: ["a", "b", "c"], series: [.init(label: "S", values: [3, nil, 0])])
        #expect(barRects(ChartRenderer.svg(model)).count == 2)
        let allMissing = F.model(
            .column, "en", categories: ["a", "b"], series: [.init(label: "S", values: [nil, nil])])
        let svg = ChartRenderer.svg(allMissing)
        #expect(barRects(svg).isEmpty)
        #expect(!svg.contains("chart-value-labels"))
        let line = F.model(
            .line, "en", categories: ["a", "b", "c", "d"], series: [.init(label: "S", values: [1, 2, nil, 4])])
        let path = ChartRenderer.svg(line).split(separator: "\n").first { $0.contains("<path class=\"chart-line") }!
        #expect(path.components(separatedBy: "M").count - 1 == 2, "the line breaks at the missing value")
    }

    @Test func allZeroDataUsesTheScaleZeroToOne() {
        let model = F.model(.column, "en", categories: ["a", "b"], series: [.init(label: "S", values: [0, 0])])
        let svg = ChartRenderer.svg(model)
        #expect(NiceScale(covering: [0, 0]).ticks == [0, F.d("0.2"), F.d("0.4"), F.d("0.6"), F.d("0.8"), 1])
        #expect(svg.contains(">0.2</text>") && svg.contains(">1.0</text>"))
    }

    // MARK: Geometry

    @Test(arguments: [
        ["12", "40", "95", "150", "210", "253"],
        ["0.125", "0.5", "0.875"],
        ["1000000000", "250000000", "1"],
        ["-30", "45", "0", "-2.5"],
        ["7"],
    ])
    func columnHeightsAreProportionalToValues(_ texts: [String]) {
        for kind in [ChartModel.Kind.column, .bar] {
            let values = texts.map(F.d)
            let model = F.model(
                kind, "fr", categories: texts.indices.map { "c\($0)" },
                series: [.init(label: "S", values: values)], display: FigureDisplay(format: .currency))
            let rects = barRects(ChartRenderer.svg(model))
            #expect(rects.count == values.count)
            let scale = NiceScale(covering: values)
            let span = NSDecimalNumber(decimal: scale.upper - scale.lower).doubleValue
            let lengths = rects.map { kind == .column ? $0.height : $0.width }
            let full =
                kind == .column
                ? 260
                : (lengths.max()! / abs(NSDecimalNumber(decimal: values.max { abs($0) < abs($1) }!).doubleValue) * span)
            for (length, value) in zip(lengths, values) {
                let expected = abs(NSDecimalNumber(decimal: value).doubleValue) / span * full
                #expect(abs(length - expected) <= 0.02, "\(kind) \(value): \(length) ≠ \(expected)")
            }
        }
    }

    @Test func negativeColumnsHangBelowTheZeroLine() {
        let model = F.model(.column, "en", categories: ["a", "b"], series: [.init(label: "S", values: [-10, 20])])
        let svg = ChartRenderer.svg(model)
        let rects = barRects(svg)
        let axis = svg.split(separator: "\n").first { $0.contains(#"class="chart-axis""#) }!
        let zero = Double(axis.components(separatedBy: #"y1=""#)[1].prefix { $0 != "\"" })!
        #expect(abs(rects[0].y - zero) < 0.01, "the negative bar starts at zero")
        #expect(abs(rects[1].y + rects[1].height - zero) < 0.01, "the positive bar ends at zero")
        #expect(abs(rects[1].height - 2 * rects[0].height) < 0.02)
    }

    @Test func stackedAndDonutDrawNegativesAsZero() {
        let stacked = F.model(
            .stacked, "en", categories: ["a"],
            series: [
                .init(label: "S", values: [-10]), .init(label: "T", values: [5]),
            ])
        let rects = barRects(ChartRenderer.svg(stacked))
        #expect(rects.count == 1)
        let donut = F.model(.donut, "en", categories: ["a", "b"], series: [.init(label: "S", values: [-10, 5])])
        let svg = ChartRenderer.svg(donut)
        #expect(svg.components(separatedBy: "chart-slice ").count - 1 == 1)
        #expect(ChartSummary.sentence(for: donut).contains("b, 5 (100%)"))
    }

    @Test func stackedBarsSumToTheTotal() {
        let model = F.model(
            .stacked, "en", categories: ["a", "b"],
            series: [
                .init(label: "S", values: [10, 30]), .init(label: "T", values: [20, nil]),
                .init(label: "U", values: [30, 30]),
            ])
        let rects = barRects(ChartRenderer.svg(model))
        #expect(rects.count == 5)
        // Scale 0…60 over 260 units: category a's three bars stack to 60.
        let a = rects.filter { $0.x < 300 }
        #expect(abs(a.map(\.height).reduce(0, +) - 260) < 0.05)
        #expect(abs(a.map(\.y).min()! - a.map { $0.y + $0.height }.max()! + 260) < 0.05)
    }

    @Test func longCategoryLabelsWrapOrThinOut() {
        let long = "Abitibi-Témiscamingue et Nord-du-Québec, région administrative"
        let model = F.model(.column, "fr", categories: [long, "Court"], series: [.init(label: "S", values: [1, 2])])
        let svg = ChartRenderer.svg(model)
        #expect(svg.contains("<tspan"), "a long label is written on several lines")
        // 60 categories: every k-th label.
        let dense = F.model(
            .line, "en", categories: (0..<60).map { "Week \($0)" },
            series: [
                .init(label: "S", values: (0..<60).map { Decimal($0) })
            ])
        let denseSVG = ChartRenderer.svg(dense)
        let group = denseSVG.components(separatedBy: "chart-category-labels")[1].components(separatedBy: "</g>")[0]
        let labels = group.components(separatedBy: "<text").count - 1
        #expect(labels > 3 && labels < 60)
        let (lines, step) = CategoryLabels.fit((0..<60).map { "Week \($0)" }, band: 10)
        #expect(step > 1 && lines.count == 60)
        for index in stride(from: 0, to: 60, by: step) {
            #expect(lines[index].allSatisfy { TextMetrics.width($0, 13) <= 10 * Double(step) })
        }
        #expect(
            TextMetrics.wrap(
                "a b c d e f g h i j k l", width: 10, fontSize: 13, maximumLines: 3, truncatingWords: false
            ).count == 3)
    }

    @Test func barChartLeftMarginFitsTheLongestLabel() {
        let model = F.snapshots().first { $0.name == "bar.en" }!.model
        let svg = ChartRenderer.svg(model)
        let grid = svg.split(separator: "\n").first { $0.hasPrefix("    <line x1=") }!
        let left = Double(grid.components(separatedBy: #"x1=""#)[1].prefix { $0 != "\"" })!
        #expect(left >= 16 + TextMetrics.width("Emergency shelter", 13))
        #expect(left <= 20 + 640 * 0.35 * 1.1 + 1)
    }

    // MARK: Escaping and determinism

    @Test func textIsEscaped() {
        let hostile = #"<script>alert("x")</script>&'"#
        for kind in ChartModel.Kind.allCases {
            let model = F.model(
                kind, "en", id: "x", title: hostile, categories: [hostile, "b"], categoryLabel: hostile,
                series: [
                    .init(label: hostile, values: [1, 2]), .init(label: "T \u{1}\t" + hostile, values: [2, 1]),
                ])
            let svg = ChartRenderer.svg(model)
            expectWellFormed(svg)
            #expect(!svg.contains("<script"))
            #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        }
    }

    @Test func renderingIsDeterministic() {
        for (_, model) in F.snapshots() {
            #expect(ChartRenderer.svg(model) == ChartRenderer.svg(model))
        }
        for model in F.edgeCases() {
            #expect(ChartRenderer.svg(model) == ChartRenderer.svg(model))
        }
    }

    @Test func coordinatesAreWrittenWithoutTheLocale() {
        #expect(ChartRenderer.n(12) == "12")
        #expect(ChartRenderer.n(12.5) == "12.5")
        #expect(ChartRenderer.n(12.505) == "12.51")
        #expect(ChartRenderer.n(0.04) == "0.04")
        #expect(ChartRenderer.n(-0.001) == "0")
        #expect(ChartRenderer.n(-3.1) == "-3.1")
        #expect(ChartRenderer.n(.nan) == "0")
    }

    @Test func legendsAppearWithSeveralSeriesAndOnDonuts() {
        for (name, model) in F.snapshots() {
            let svg = ChartRenderer.svg(model)
            #expect(svg.contains("chart-legend") == (model.series.count > 1 || model.kind == .donut), "\(name)")
        }
    }

    @Test func tickLabelsFollowTheLanguage() {
        let series = [ChartModel.Series(label: "S", values: [F.d("25000"), F.d("12500")])]
        let fr = ChartRenderer.svg(
            F.model(.column, "fr", categories: ["a", "b"], series: series, display: FigureDisplay(format: .currency)))
        let en = ChartRenderer.svg(
            F.model(.column, "en", categories: ["a", "b"], series: series, display: FigureDisplay(format: .currency)))
        #expect(fr.contains(">25\u{00A0}000\u{00A0}$</text>"))
        #expect(en.contains(">$25,000</text>"))
        let percent = [ChartModel.Series(label: "S", values: [F.d("0.125")])]
        let frPercent = ChartRenderer.svg(
            F.model(.column, "fr", categories: ["a"], series: percent, display: FigureDisplay(format: .percent)))
        #expect(frPercent.contains(">12,5\u{00A0}%</text>"), "the value label")
        #expect(frPercent.contains(">2,5\u{00A0}%</text>"), "a tick every 2.5 %")
    }
}

@Suite struct ChartScaleTests {
    typealias F = ChartFixtures

    /// Whether `step` is 1, 2, 2.5 or 5 × 10ⁿ.
    static func isNice(_ step: Decimal) -> Bool {
        guard step > 0 else { return false }
        var mantissa = step
        while mantissa >= 10 { mantissa /= 10 }
        while mantissa < 1 { mantissa *= 10 }
        return [1, 2, F.d("2.5"), 5].contains(mantissa)
    }

    static func check(_ values: [Decimal], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let scale = NiceScale(covering: values)
        let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 0)
        #expect(scale.lower <= low && scale.upper >= high, "\(values): \(scale.ticks)", sourceLocation: sourceLocation)
        #expect((4...7).contains(scale.ticks.count), "\(values): \(scale.ticks)", sourceLocation: sourceLocation)
        #expect(isNice(scale.step), "\(values): step \(scale.step)", sourceLocation: sourceLocation)
        #expect(
            high == low || (scale.lower > low - scale.step && scale.upper < high + scale.step),
            "\(values): \(scale.ticks) is not tight", sourceLocation: sourceLocation)
        for (a, b) in zip(scale.ticks, scale.ticks.dropFirst()) {
            #expect(b - a == scale.step, "\(values): \(scale.ticks) not evenly spaced", sourceLocation: sourceLocation)
        }
        for tick in scale.ticks {
            #expect(
                (tick / scale.step).scaleIsWhole, "\(values): \(tick) not a multiple of the step",
                sourceLocation: sourceLocation)
        }
        if low == 0 && high == 0 { #expect(scale.lower == 0 && scale.upper == 1, sourceLocation: sourceLocation) }
        #expect(scale.ticks.contains(0), sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        [], ["0"], ["1"], ["7"], ["-7"], ["0.125"], ["1000000000"], ["1000000001"], ["-3", "7"],
        ["0.001", "0.002"], ["99.99"], ["100"], ["25000", "203250.5"], ["-0.5", "-0.25"], ["0.3"],
        ["-1000000000", "1"], ["0.000001"], ["123456789012345678901234567"], ["2.5"], ["6"], ["11"],
    ])
    func edgeCases(_ texts: [String]) {
        Self.check(texts.map(F.d))
    }

    @Test func randomValues() {
        var generator = SplitMix64(seed: 2024)
        for _ in 0..<3000 {
            let count = Int.random(in: 1...8, using: &generator)
            let exponent = Int.random(in: -6...9, using: &generator)
            let values = (0..<count).map { _ in
                let significand = Int.random(in: -99_999...99_999, using: &generator)
                let positiveBias = Int.random(in: 0..<4, using: &generator) > 0
                let value = Decimal(sign: .plus, exponent: exponent - 4, significand: Decimal(abs(significand)))
                return positiveBias || significand >= 0 ? value : -value
            }
            Self.check(values)
        }
    }

    @Test func tickValuesAreExact() {
        #expect(NiceScale(covering: [F.d("0.3")]).ticks == ["0", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3"].map(F.d))
        #expect(NiceScale(covering: [F.d("253")]).ticks == ["0", "50", "100", "150", "200", "250", "300"].map(F.d))
        #expect(NiceScale(covering: [F.d("0.125")]).ticks == ["0", "0.025", "0.05", "0.075", "0.1", "0.125"].map(F.d))
        #expect(NiceScale(covering: [F.d("-30"), F.d("45")]).ticks == ["-40", "-20", "0", "20", "40", "60"].map(F.d))
        #expect(NiceScale(covering: [F.d("0.125")]).stepDecimals == 3)
    }

    @Test func integerStepsAreWhole() {
        #expect(NiceScale(covering: [2], integerSteps: true).ticks == [0, 1, 2])
        #expect(NiceScale(covering: [F.d("0.4")], integerSteps: true).ticks == [0, 1])
        #expect(NiceScale(covering: [253], integerSteps: true).step == 50)
        #expect(NiceScale(covering: [25], integerSteps: true).step == 5)
    }
}

@Suite struct ChartSummaryTests {
    typealias F = ChartFixtures

    static func summary(_ name: String) -> String {
        ChartSummary.sentence(for: F.snapshots().first { $0.name == name }!.model)
    }

    /// The phone layout: 360 units wide, columns drawn as bars, a donut's legend under
    /// its ring, its own ids, and every category label whole where the wide one cuts it.
    @Test func theNarrowLayoutIsDrawnForAPhone() throws {
        let F = ChartFixtures.self
        let months = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        let column = F.model(
            .column, "fr", id: "mois", categories: months,
            series: [.init(label: "Visites", values: F.values(months.indices.map { "\(100 + $0 * 37)" }))])
        let narrow = ChartRenderer.narrowSVG(column)
        #expect(narrow.contains(#"viewBox="0 0 360 "#) && narrow.contains("class=\"chart chart-bar\""))
        #expect(narrow.contains(#"id="mois-narrow-title""#) && !narrow.contains(#"id="mois-title""#))
        // Every month and every value is written, December's included.
        for month in months { #expect(narrow.contains(">\(month)<"), "\(month)") }
        #expect(narrow.contains(">507<"))
        _ = try XMLDocument(data: Data(narrow.utf8))

        let donut = F.model(
            .donut, "en", id: "d", categories: ["a", "b"], series: [.init(label: "S", values: F.values(["3", "1"]))])
        let ring = ChartRenderer.narrowSVG(donut)
        let legendTop = try #require(
            ring.firstMatch(of: /class="chart-legend" fill="#222222" transform="translate\(0 ([0-9.]+)\)"/))
        #expect(Double(legendTop.output.1)! >= 2 * 120, "the legend is under the ring")
        #expect(ring.contains(#"viewBox="0 0 360 "#))
    }

    /// The legend's shares have one precision: `50.0%` beside `47.4%`, never `50%`.
    @Test func donutLegendSharesHaveOnePrecision() {
        let F = ChartFixtures.self
        let mixed = F.model(
            .donut, "en", categories: ["a", "b", "c"],
            series: [.init(label: "S", values: F.values(["500", "474", "26"]))])
        let svg = ChartRenderer.svg(mixed)
        #expect(svg.contains("(50.0%)") && svg.contains("(47.4%)") && svg.contains("(2.6%)"))
        let whole = F.model(
            .donut, "en", categories: ["a", "b"], series: [.init(label: "S", values: F.values(["3", "1"]))])
        #expect(ChartRenderer.svg(whole).contains("(75%)"))
    }

    /// Every series gives every value; data labels only follow a colon or stand in a list.
    @Test func everySeriesGivesEveryValue() {
        #expect(
            Self.summary("column.en")
                == "Column chart. Categories: Year. Series: Women; 2019, 12; 2020, 40; 2021, 95; 2022, 150; 2023, 210;"
                + " 2024, 253; highest value: 2024, 253; lowest value: 2019, 12.")
        #expect(
            Self.summary("column.fr")
                == "Histogramme. Catégories\u{00A0}: Année. Série\u{00A0}: Femmes\u{00A0}; 2019, 12\u{00A0}; 2020,"
                + " 40\u{00A0}; 2021, 95\u{00A0}; 2022, 150\u{00A0}; 2023, 210\u{00A0}; 2024, 253\u{00A0}; valeur"
                + " la plus haute\u{00A0}: 2024, 253\u{00A0}; valeur la plus basse\u{00A0}: 2019, 12.")
        let line = Self.summary("line.en")
        #expect(line.hasPrefix("Line chart. Categories: Year. Series: House A; 2019, 82%; 2020, 91%; 2021, no data;"))
        #expect(line.contains(" Series: House B; 2019, 64%; 2020, 70%; 2021, 73.5%; 2022, 80%;"))
        #expect(
            line.hasSuffix(
                "Series: House C; 2019, 50%; 2020, 55%; 2021, 61%; 2022, no data; 2023, 66%; 2024,"
                    + " no data; highest value: 2023, 66%; lowest value: 2019, 50%."))
        #expect(
            Self.summary("line.fr").contains(
                "Série\u{00A0}: Maison A\u{00A0}; 2019, 82\u{00A0}%\u{00A0}; 2020, 91\u{00A0}%"))
        #expect(
            Self.summary("stacked.en").hasSuffix(
                " Totals; 2019, 240; 2020, 265; 2021, 300; 2022, 385; 2023, 420; 2024, 545; highest value: 2024, 545;"
                    + " lowest value: 2019, 240."))
        #expect(
            Self.summary("bar.en")
                == "Bar chart. Categories: Program. Series: Spending; Emergency shelter, $203,250.50; Psychosocial and"
                + " legal support for women and their children, $125,000; Prevention, $48,000; Administration,"
                + " -$12,500; highest value: Emergency shelter, $203,250.50; lowest value: Administration, -$12,500.")
    }

    @Test func donutShares() {
        #expect(
            Self.summary("donut.en")
                == "Donut chart. Categories: Source. Series: Income; Government of Quebec, $412,000 (69.3%); Donations,"
                + " $96,500.50 (16.2%); Foundations, $61,000 (10.3%); Fundraising events, $25,000 (4.2%).")
        #expect(
            Self.summary("donut.fr")
                == "Graphique en anneau. Catégories\u{00A0}: Source. Série\u{00A0}: Revenus\u{00A0}; Gouvernement"
                + " du Québec, 412\u{00A0}000\u{00A0}$ (69,3\u{00A0}%)\u{00A0}; Dons, 96\u{00A0}500,50\u{00A0}$"
                + " (16,2\u{00A0}%)\u{00A0}; Fondations, 61\u{00A0}000\u{00A0}$ (10,3\u{00A0}%)\u{00A0}; Activités de"
                + " financement, 25\u{00A0}000\u{00A0}$ (4,2\u{00A0}%)."
        )
    }

    @Test func noData() {
        let empty = F.model(.column, "fr", categories: [], series: [])
        #expect(ChartSummary.sentence(for: empty) == "Histogramme. Aucune donnée.")
        let missing = F.model(
            .line, "en", categories: ["a", "b"], categoryLabel: "Year", series: [.init(label: "S", values: [nil, nil])])
        #expect(
            ChartSummary.sentence(for: missing) == "Line chart. Categories: Year. Series: S; a, no data; b, no data.")
        let other = F.model(.bar, "de", categories: ["a"], series: [.init(label: "S", values: [4])])
        #expect(ChartSummary.sentence(for: other) == "Bar chart. Series: S; a, 4.")
        let constant = F.model(
            .column, "fr", categories: ["a", "b"], series: [.init(label: "Adultes", values: [4, 4])])
        #expect(
            ChartSummary.sentence(for: constant) == "Histogramme. Série\u{00A0}: Adultes\u{00A0}; a, 4\u{00A0}; b, 4.")
    }
}

/// The default palette reads on the white page, and the accessible name is said once.
@Suite struct ChartAccessibilityTests {
    typealias F = ChartFixtures

    /// WCAG 1.4.11: every series colour has at least 3:1 against the page.
    @Test func everySeriesColourHasThreeToOneAgainstWhite() {
        for colour in ChartPalette.colors {
            let ratio = ThemeColors.contrast(colour, ThemeColors.background)
            #expect(ratio >= ThemeColors.graphicsContrast, "\(colour): \(ratio)")
        }
    }

    /// Neighbouring slices and stacked bars are parted by a white outline.
    @Test func adjacentAreasAreOutlined() {
        let donut = ChartRenderer.svg(F.snapshots().first { $0.name == "donut.en" }!.model)
        #expect(donut.contains(##"<g class="chart-slices" stroke="#ffffff" stroke-width="1.5""##))
        let stacked = ChartRenderer.svg(F.snapshots().first { $0.name == "stacked.en" }!.model)
        #expect(stacked.contains(##"stroke="#ffffff" stroke-width="1""##))
    }

    /// The picture is named by its title and described by its description, each once.
    @Test func theTitleNamesAndTheDescriptionDescribes() {
        let svg = ChartRenderer.svg(
            F.model(.column, "en", id: "c", categories: ["a"], series: [.init(label: "S", values: [1])]))
        #expect(svg.contains(#"role="img" aria-labelledby="c-title" aria-describedby="c-desc""#))
        #expect(svg.components(separatedBy: "<title id=").count == 2)
        #expect(svg.components(separatedBy: "<desc id=").count == 2)
    }
}
