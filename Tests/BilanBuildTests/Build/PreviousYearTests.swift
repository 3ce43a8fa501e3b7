import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// Last year's figures (`previous:` in report.yaml, `previous.NAME`), on the three years
/// of a fictional organisation in `Tests/Fixtures/projects/years`: values computed from
/// each year's own data, the chain to any depth, and every way the chain can be wrong.
@Suite struct PreviousYearTests {
    static let invalidCases: [String] = {
        (try? FileManager.default.contentsOfDirectory(atPath: FixtureProjects.yearsInvalidCases.path))?.sorted() ?? []
    }()

    @Test(arguments: invalidCases)
    func invalidChainGivesItsDiagnostics(_ name: String) throws {
        let overlay = FixtureProjects.yearsInvalidCases.appendingPathComponent(name)
        let years = try FixtureProjects.copyYears(overlay: overlay)
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let root =
            (try? String(contentsOf: overlay.appendingPathComponent("root.txt"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "2024-2025"
        let result = BuildPipeline.run(BuildOptions(projectRoot: years.appendingPathComponent(root), write: false))
        let actual = DiagnosticReport.text(result.diagnostics)
        assertSnapshot(actual, matches: overlay.appendingPathComponent("expected.txt"))
        #expect(result.errorCount > 0, "an invalid chain must stop the build")
    }

    @Test func figuresComeFromEachYearsOwnData() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let (report, diagnostics) = try FiguresListing.run(
            projectRoot: years.appendingPathComponent("2024-2025"), languages: [])
        #expect(diagnostics.isEmpty, "\(DiagnosticReport.text(diagnostics))")
        let values = Dictionary(uniqueKeysWithValues: report.entries.map { ($0.definition.name, $0) })
        // 233 members this year, 208 last year (2023-2024), 180 two years ago.
        #expect(values["membres_total"]?.value == 233)
        #expect(values["croissance_membres"]?.value == Decimal(25) / Decimal(208))
        #expect(values["croissance_sur_deux_ans"]?.value == Decimal(53) / Decimal(180))
        #expect(values["ecart_heures"]?.value == Decimal(string: "107.5"))
        #expect(values["croissance_membres"]?.formatted.map(\.text) == ["12,0\u{A0}%", "12.0%"])
        #expect(values["ecart_heures"]?.formatted.map(\.text) == ["107,5", "107.5"])
        // Each figure's previous value and change, from last year's project.
        #expect(values["membres_total"]?.previous?.value == 208)
        #expect(values["membres_total"]?.previous?.period == "2023-2024")
        #expect(values["membres_total"]?.previous?.change == Decimal(25) / Decimal(208))
        #expect(values["croissance_sur_deux_ans"]?.previous == nil)
        #expect(
            values["ecart_heures"]?.sources == [
                "../2023-2024/content/data/benevolat.csv", "content/data/benevolat.csv",
            ])
        let text = report.text
        #expect(text.contains("  previous:  208 (2023-2024)\n  change:    +12.0 %\n"), "\(text)")
        #expect(report.json.contains(#""previous": {"period": "2023-2024", "value": 208, "change": 0.1201"#))
    }

    @Test func textQuotesEarlierYearsInEachLanguage() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let project = years.appendingPathComponent("2024-2025")
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, strict: true))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        let french = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        let english = try String(contentsOf: project.appendingPathComponent("output/en/index.html"), encoding: .utf8)
        for (page, phrases) in [
            (french, ["233</", "12,0\u{A0}%</", "208</", "29,4\u{A0}%</", "180</", "107,5</"]),
            (english, ["233</", "12.0%</", "208</", "29.4%</", "180</", "107.5</"]),
        ] {
            for phrase in phrases { #expect(page.contains(phrase), "\(phrase)") }
            #expect(!page.contains("{{"))
        }
    }

    /// `history: membres_total` draws the figure across the chain, oldest year first, with
    /// the same data table and description as any chart.
    @Test func aChartDrawsAFigureAcrossTheYears() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let project = years.appendingPathComponent("2024-2025")
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, strict: true))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.chartCount == 2)
        for (language, header, rows) in [
            ("fr", "<th scope=\"col\">Période</th><th scope=\"col\" class=\"num\">Membres</th>", "180"),
            ("en", "<th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Members</th>", "180"),
        ] {
            let page = try String(
                contentsOf: project.appendingPathComponent("output/\(language)/index.html"), encoding: .utf8)
            #expect(page.contains(header), "\(language)")
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">2022-2023</th><td class=\"num\">\(rows)</td></tr>\n"
                        + "<tr><th scope=\"row\">2023-2024</th><td class=\"num\">208</td></tr>\n"
                        + "<tr><th scope=\"row\">2024-2025</th><td class=\"num\">233</td></tr>"), "\(language)")
            #expect(page.contains("2022-2023") && page.contains("role=\"img\""))
        }
        let svg = try String(
            contentsOf: project.appendingPathComponent("output/en/charts/010-membres-1.svg"), encoding: .utf8)
        #expect(svg.contains("<desc"))
    }

    @Test func aDraftShowsWhereAPreviousFigureComesFrom() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let config = try ReportConfigLoader.load(projectRoot: years.appendingPathComponent("2024-2025"))
        let stage = FigureStage.run(projectRoot: years.appendingPathComponent("2024-2025"), config: config)
        let last = try stage.resolver.resolve("previous.membres_total", language: "fr").get()
        #expect(last.text == "208")
        #expect(
            last.trace
                == "2023-2024: membres_total = sum(membres.nombre) · ../2023-2024/content/figures.yaml, "
                + "../2023-2024/content/data/membres.csv")
        let older = try stage.resolver.resolve("previous.previous.heures_benevolat", language: "en").get()
        #expect(older.text == "798.0")
        #expect(older.trace.hasPrefix("2022-2023: heures_benevolat = sum(benevolat.heures) · ../2022-2023/"))
    }

    @Test func earlierProjectsAreLeftUntouched() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let before = FixtureProjects.contents(of: years.appendingPathComponent("2023-2024"))
        #expect(BuildPipeline.run(BuildOptions(projectRoot: years.appendingPathComponent("2024-2025"))).wrote)
        #expect(FixtureProjects.contents(of: years.appendingPathComponent("2023-2024")) == before)
    }

    @Test func joinedPathsStaySimple() {
        #expect(PreviousYear.joined("../2023-2024", "content/figures.yaml") == "../2023-2024/content/figures.yaml")
        #expect(PreviousYear.joined("../a", "../b/content/x.csv") == "../b/content/x.csv")
        #expect(PreviousYear.joined("./a/", "content/x.csv") == "a/content/x.csv")
        #expect(PreviousYear.joined("../a", "/srv/b/x.csv") == "/srv/b/x.csv")
        #expect(PreviousYear.split("previous.previous.membres")! == (2, "membres"))
        #expect(PreviousYear.split("membres") == nil)
    }
}
