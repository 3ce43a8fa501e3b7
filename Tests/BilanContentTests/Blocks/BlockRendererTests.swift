import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent

/// Tables, key figures and the errors of blocks, rendered without a whole build.
@Suite struct BlockRendererTests {
    struct NoFigures: FigureResolving {
        func resolve(_ reference: String, language: String) -> Result<ResolvedFigure, FigureReferenceProblem> {
            reference.trimmingCharacters(in: .whitespaces) == "total"
                ? .success(
                    ResolvedFigure(
                        name: "total", text: language == "fr" ? "25 000 $" : "$25,000", trace: "total = sum(t.x)"))
                : .failure(FigureReferenceProblem(code: .unknownFigure, message: "unknown figure '\(reference)'"))
        }
        func formattedValues(language: String) -> [(name: String, text: String)] { [] }
    }

    static let table = DataTable(
        name: "dons", file: "content/data/dons.csv", columns: ["annee", "sujet", "montant"],
        rows: [
            [.number(2022), .text("Logement | urgence"), .number(1200.5)],
            [.number(2023), .text("<script>alert(1)</script>"), .number(13000)],
            [.number(2024), .text("Épicerie\net *transport*"), .missing],
        ],
        rowLines: [2, 3, 4], columnLines: [1, 1, 1])

    func render(
        _ kind: BlockKind, _ yaml: String, language: String = "fr", strings: InterfaceStrings? = nil
    ) -> (block: GeneratedBlock?, diagnostics: [Diagnostic]) {
        let context = BlockContext(
            language: language, tables: ["dons": Self.table], unreadableTables: [],
            formatter: FigureFormatter(localeIdentifier: language == "fr" ? "fr-CA" : "en-CA"), figures: NoFigures(),
            traceFigures: false, strings: strings)
        let fence = SourceLocation(file: "s.md", line: 10, column: 1)
        return BlockRenderer.render(
            kind, yaml: yaml, reader: YAMLReader(file: "s.md", lineOffset: 10), fence: fence, context: context,
            defaultID: "s-1")
    }

    @Test func tableFormatsNumbersPerLocaleAndKeepsYearsAsWritten() throws {
        let yaml = "data: dons\ncolumns: { annee: Année, montant: Montant }\ntotal: montant\n"
        let french = try #require(render(.table, yaml).block)
        #expect(
            french.html.contains("<th scope=\"row\">2022</th><td class=\"num\">1\u{202F}200,5</td>")
                || french.html.contains("<th scope=\"row\">2022</th><td class=\"num\">1\u{A0}200,5</td>"))
        #expect(french.html.contains("<tfoot>\n<tr><th scope=\"row\">Total</th>"))
        let english = try #require(render(.table, yaml, language: "en").block)
        #expect(english.html.contains("<td class=\"num\">1,200.5</td>"))
        #expect(english.html.contains("<td class=\"num\">14,200.5</td>"))
        #expect(english.markdown.contains("| --- | ---: |"))
        #expect(english.markdown.contains("| **Total** | **14,200.5** |"))
    }

    @Test func theWordsOfBlocksFollowTheProjectsInterfaceStrings() throws {
        let strings = InterfaceStrings(strings: ["fr": [.total: "Somme", .chartData: "Les chiffres"]])
        let table = try #require(
            render(.table, "data: dons\ncolumns: [annee, montant]\ntotal: montant\n", strings: strings).block)
        #expect(
            table.markdown.hasSuffix("| **Somme** | **14\u{A0}200,5** |")
                || table.markdown.hasSuffix("| **Somme** | **14\u{202F}200,5** |"))
        let chart = try #require(
            render(.chart, "type: donut\ndata: dons\nx: annee\ny: montant\ntitle: Dons\n", strings: strings).block)
        #expect(chart.html.contains("<summary>Les chiffres</summary>"))
        #expect(chart.html.contains(">Somme</text>"))
        // Without overrides, the built-in words of the language.
        let english = try #require(
            render(.chart, "type: donut\ndata: dons\nx: annee\ny: montant\ntitle: Gifts\n", language: "en").block)
        #expect(english.html.contains("<summary>Chart data</summary>") && english.html.contains(">Total</text>"))
    }

    @Test func cellsAreEscapedInHTMLAndInPipeTables() throws {
        let block = try #require(render(.table, "data: dons\ncolumns: { sujet: Sujet }\n").block)
        #expect(!block.html.contains("<script>"))
        #expect(block.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let lines = block.markdown.split(separator: "\n")
        #expect(lines.contains("| Logement \\| urgence |"))
        #expect(lines.contains("| \\<script\\>alert(1)\\</script\\> |"))
        #expect(lines.contains("| Épicerie et \\*transport\\* |"), "a newline in a cell stays on the row")
        // Every row has the same number of unescaped pipes as the header.
        for line in lines { #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 2) }
    }

    @Test func sortsDescendingWithMissingCellsLast() throws {
        let block = try #require(render(.table, "data: dons\ncolumns: [annee, montant]\nsort: -montant\n").block)
        let years = block.markdown.split(separator: "\n").dropFirst(2).map {
            $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(years == ["2023", "2022", "2024"])
    }

    @Test func whereFiltersRows() throws {
        let block = try #require(
            render(.table, "data: dons\ncolumns: [annee]\nwhere: annee >= 2023 and annee != 2024\n").block)
        #expect(block.markdown == "| annee |\n| --- |\n| 2023 |")
    }

    @Test func inlineRowsNeedNoData() throws {
        let block = try #require(render(.table, "columns: [Nom, Rôle]\nrows:\n  - [Myriam, \"a|b\"]\n").block)
        #expect(block.markdown == "| Nom | Rôle |\n| --- | --- |\n| Myriam | a\\|b |")
        #expect(block.html.contains("<th scope=\"row\">Myriam</th><td>a|b</td>"))
    }

    @Test func keyFiguresAreAListInBothOutputs() throws {
        let block = try #require(render(.keyfigures, "- { figure: total, label: \"versés <en> dons\" }\n").block)
        #expect(
            block.html.contains(
                "<span class=\"keyfigure-value\"><span class=\"figure\">25 000 $</span></span> <span"
                    + " class=\"keyfigure-label\">versés &lt;en&gt; dons</span>"
            ))
        #expect(block.markdown == "* **25 000 $** versés \\<en\\> dons")
    }

    @Test func errorsAreLocatedInTheSectionFile() {
        let cases: [(BlockKind, String, String)] = [
            (.table, "data: don\ncolumns: [annee]\n", "s.md:11:7: error: unknown table 'don'"),
            (
                .table, "data: dons\ncolumns: [annee, total]\n",
                "s.md:12:18: error: table 'dons' (content/data/dons.csv) has no column 'total'"
            ),
            (
                .table, "data: dons\ncolumns: [annee]\nwhere: anne > 3\n",
                "s.md:13:8: error: table 'dons' (content/data/dons.csv) has no column 'anne'"
            ),
            (.table, "data: dons\ncolumns: [annee]\nwhere: annee >> 3\n", "s.md:13:15: error: in 'where':"),
            (
                .chart, "type: column\ndata: dons\nx: annee\ny: sujet\ntitle: T\n",
                "s.md:14:4: error: cell \"Logement | urgence\" in column 'sujet' of content/data/dons.csv:2 is not a"
                    + " number"
            ),
            (.chart, "type: pie\n", "s.md:11:7: error: unknown chart type 'pie'"),
            (.chart, "type: column\ndata: dons\nx: annee\ny: montant\n", "s.md:11:1: error: 'title' is missing"),
            (.keyfigures, "- { figure: totale, label: x }\n", "s.md:11:13: error: unknown figure 'totale'"),
            (.keyfigures, "figure: total\n", "s.md:11:1: error: a keyfigures block is a list"),
            (.table, "data: dons\ncolumns: [annee\n", "s.md:13:1: error: invalid YAML"),
            (.table, "", "s.md:10:1: error: this table block is empty"),
            (
                .chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\nformat: integer\ndecimals: 2\n",
                "s.md:17:11: error: an integer has no decimals"
            ),
            (
                .chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\ndecimals: 0x1\n",
                "s.md:16:11: error: 'decimals' is a whole number"
            ),
        ]
        for (kind, yaml, expected) in cases {
            let result = render(kind, yaml)
            #expect(result.block == nil, "\(yaml)")
            let text = DiagnosticReport.text(result.diagnostics)
            #expect(text.hasPrefix(expected), "\(yaml) gave \(text)")
        }
    }
}

/// What the `missing-label` warning takes for a raw column key.
@Suite struct RawColumnKeyTests {
    @Test(arguments: ["menages_par_annee", "_id", "menagesParAnnee", "femmesAccueillies", "taux_2023"])
    func keysWrittenForAMachineAreRaw(_ name: String) {
        #expect(BlockRenderer.isRawKey(name))
    }

    @Test(arguments: [
        "Femmes", "nombre", "libelle", "Ménages par année", "Ménages par annee", "CALACS", "Co-op", "", "TPS",
    ])
    func headersWrittenAsTextAreNot(_ name: String) {
        #expect(!BlockRenderer.isRawKey(name))
    }

    @Test func theExampleHeadingSplitsTheKey() {
        #expect(BlockRenderer.labelExample("menages_par_annee") == "Menages par annee")
        #expect(BlockRenderer.labelExample("femmesAccueillies") == "Femmes accueillies")
    }
}
