import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanBuild

/// `bilan new-year`: next year's project from this year's, on the fictional years and on
/// the example report.
@Suite struct NewYearTests {
    /// Removes `status: draft` from every section, as the officer does once a section is
    /// rewritten.
    static func markFinal(_ project: URL) throws {
        let sections = project.appendingPathComponent("content/sections")
        for name in try FileManager.default.contentsOfDirectory(atPath: sections.path) where name.hasSuffix(".md") {
            let url = sections.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "status: draft\n", with: "").write(
                to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test func nextYearNamesThisOneAndPublishesNothingOfItUntilRewritten() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let this = years.appendingPathComponent("2024-2025")
        let next = years.appendingPathComponent("2025-2026")
        let before = FixtureProjects.contents(of: this)
        let outcome = try NewYear.create(from: this, at: next, displayName: "2025-2026", period: nil, emptyData: false)
        #expect(outcome.period == "2025-2026")
        #expect(outcome.previous == "../2024-2025")
        #expect(outcome.drafts == 2)
        #expect(FixtureProjects.contents(of: this) == before, "this year's project is only read")

        let yaml = try String(contentsOf: next.appendingPathComponent("content/report.yaml"), encoding: .utf8)
        #expect(
            yaml == """
                organization: Les Jardins de Valbrume (organisme fictif)
                period: 2025-2026
                previous: ../2024-2025
                languages:
                  fr: { locale: fr-CA, title: "Rapport annuel 2025-2026" }
                  en: { locale: en-CA, title: "Annual Report 2025-2026" }

                """)
        let section = try String(
            contentsOf: next.appendingPathComponent("content/sections/010-membres.fr.md"), encoding: .utf8)
        #expect(section.hasPrefix("---\ntitle: Nos membres\nstatus: draft\n---\nLes Jardins comptent"))
        // The data is kept until the new exports replace it.
        #expect(
            FixtureProjects.contents(of: next.appendingPathComponent("content/data"))
                == FixtureProjects.contents(of: this.appendingPathComponent("content/data")))

        // Before its sections are marked final, the new year publishes none of them.
        let draft = BuildPipeline.run(BuildOptions(projectRoot: next))
        #expect(draft.errorCount == 0, "\(DiagnosticReport.text(draft.diagnostics))")
        let page = try? String(contentsOf: next.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        #expect(page?.contains("Les Jardins comptent") != true)

        // Marked final, it builds under --strict and quotes this year as last year.
        try Self.markFinal(next)
        let final = BuildPipeline.run(BuildOptions(projectRoot: next, strict: true))
        #expect(final.wrote, "\(DiagnosticReport.text(final.diagnostics))")
        let (report, _) = try FiguresListing.run(projectRoot: next, languages: [])
        let growth = report.entries.first { $0.definition.name == "croissance_membres" }
        #expect(growth?.value == 0, "the same rows as last year: no change until the new data comes")
        #expect(report.entries.first { $0.definition.name == "membres_total" }?.previous?.period == "2024-2025")
    }

    @Test func emptyDataKeepsOnlyTheHeaderRows() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let this = years.appendingPathComponent("2024-2025")
        try Data("[{\"mois\": \"2024-04\", \"heures\": 3}]\n".utf8).write(
            to: this.appendingPathComponent("content/data/ateliers.json"))
        let utf16 = Data([0xFF, 0xFE]) + "a\tb\r\n1\t2\r\n".data(using: .utf16LittleEndian)!
        try utf16.write(to: this.appendingPathComponent("content/data/export.txt"))
        try Data("nom,\"note\nsur deux lignes\"\nx,y\n".utf8).write(
            to: this.appendingPathComponent("content/data/notes.csv"))
        let next = years.appendingPathComponent("2025-2026")
        let outcome = try NewYear.create(
            from: this, at: next, displayName: "2025-2026", period: "2025", emptyData: true)
        #expect(outcome.period == "2025")
        let data = next.appendingPathComponent("content/data")
        func read(_ name: String) throws -> Data { try Data(contentsOf: data.appendingPathComponent(name)) }
        #expect(try read("membres.csv") == Data("code,type_fr,type_en,nombre\n".utf8))
        #expect(try read("ateliers.json") == Data("[]\n".utf8))
        #expect(try read("export.txt") == Data([0xFF, 0xFE]) + "a\tb\r\n".data(using: .utf16LittleEndian)!)
        #expect(try read("notes.csv") == Data("nom,\"note\nsur deux lignes\"\n".utf8))
        #expect(outcome.emptied.count == 5)
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        #expect {
            try NewYear.create(
                from: years.appendingPathComponent("2024-2025"), at: years.appendingPathComponent("2023-2024"),
                displayName: "../2023-2024", period: nil, emptyData: false)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.code) == [.outputRefused]
        }
    }

    /// A period given per language: each language's text gets the year after the one it
    /// holds, the titles too, and `previous:` goes below the period's lines.
    @Test func aPeriodPerLanguageMovesOnInEachLanguage() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let this = years.appendingPathComponent("2024-2025")
        try Data(
            """
            organization: { fr: Les Jardins de Valbrume, en: Valbrume Gardens }
            period:
              fr: exercice 2024-2025
              en: fiscal year 2024–25
            languages:
              fr: { locale: fr-CA, title: "Rapport annuel 2024-2025" }
              en: { locale: en-CA, title: "Annual Report 2024–25" }

            """.utf8
        ).write(to: this.appendingPathComponent("content/report.yaml"))
        let next = years.appendingPathComponent("2025-2026")
        let outcome = try NewYear.create(from: this, at: next, displayName: "2025-2026", period: nil, emptyData: false)
        #expect(outcome.period == "exercice 2025-2026")
        let yaml = try String(contentsOf: next.appendingPathComponent("content/report.yaml"), encoding: .utf8)
        #expect(
            yaml == """
                organization: { fr: Les Jardins de Valbrume, en: Valbrume Gardens }
                period:
                  fr: exercice 2025-2026
                  en: fiscal year 2025–26
                previous: ../2024-2025
                languages:
                  fr: { locale: fr-CA, title: "Rapport annuel 2025-2026" }
                  en: { locale: en-CA, title: "Annual Report 2025–26" }

                """)
        let config = try ReportConfigLoader.load(projectRoot: next)
        #expect(config.period.text(in: "en") == "fiscal year 2025–26")
        #expect(NewYear.yearsWritten(in: "Exercice 2023-24") == "2023-24")
        #expect(NewYear.yearsWritten(in: "Année financière") == nil)
    }

    @Test func aPeriodThatIsNotAYearNeedsToBeGiven() throws {
        #expect(NewYear.nextPeriod(after: "2023-2024") == "2024-2025")
        #expect(NewYear.nextPeriod(after: "2023–24") == "2024–25")
        #expect(NewYear.nextPeriod(after: "2099-00") == "2100-01")
        #expect(NewYear.nextPeriod(after: "2024") == "2025")
        #expect(NewYear.nextPeriod(after: "Année 2024") == nil)
    }

    @Test func theExampleReportStartsItsNextYear() throws {
        let folder = FixtureProjects.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let this = folder.appendingPathComponent("rapport")
        try FileManager.default.createDirectory(at: this, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SourceTree.packageRoot.appendingPathComponent("content"), to: this.appendingPathComponent("content"))
        let next = folder.appendingPathComponent("rapport-suivant")
        let outcome = try NewYear.create(
            from: this, at: next, displayName: "rapport-suivant", period: nil, emptyData: false)
        #expect(outcome.period == "2024-2025")
        #expect(outcome.previous == "../rapport")
        let yaml = try String(contentsOf: next.appendingPathComponent("content/report.yaml"), encoding: .utf8)
        #expect(yaml.contains("period: 2024-2025\nprevious: ../rapport\n"))
        #expect(!yaml.contains("2023-2024"))
        // Until its sections are marked final, next year's site publishes none of last year's.
        #expect(BuildPipeline.run(BuildOptions(projectRoot: next)).wrote)
        let draftPage = try String(contentsOf: next.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        #expect(!draftPage.contains("<section id="))
        try Self.markFinal(next)
        // Marked final, it builds with exactly this year's warnings (the example keeps one
        // on purpose, a stated figure that disagrees), translations' stamps included.
        let thisYear = BuildPipeline.run(BuildOptions(projectRoot: this, write: false))
        let result = BuildPipeline.run(BuildOptions(projectRoot: next))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(DiagnosticReport.text(result.diagnostics) == DiagnosticReport.text(thisYear.diagnostics))
        #expect(result.sectionCount == thisYear.sectionCount)
    }
}
