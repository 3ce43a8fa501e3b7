import Foundation
import Testing
@testable import BilanBase
@testable import BilanBuild

/// The `grouping` fixture project: a chart of volunteer hours per role and two tables
/// drawn straight from raw shift rows with `group:` and `aggregate:`, in both languages.
/// Kept apart from the valid project so that its snapshots stay as they are.
@Suite struct GroupingProjectTests {
    static let project = FixtureFiles.url("projects/grouping")
    /// The files compared with `snapshots/grouping/` (BILAN_RECORD=1 re-records them).
    static let snapshotted = ["fr/report.md", "en/report.md", "fr/charts/010-benevolat-1.svg"]

    @Test func buildsUnderStrictAsItsSnapshot() throws {
        let folder = FixtureProjects.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("project")
        try FileManager.default.copyItem(at: Self.project, to: root)
        let result = BuildPipeline.run(BuildOptions(projectRoot: root, strict: true))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        for path in Self.snapshotted {
            let actual = try Data(contentsOf: root.appendingPathComponent("output/" + path))
            assertSnapshot(
                actual, matches: FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/grouping/" + path))
        }
    }

    /// The values, checked by hand against the rows of benevoles.csv rather than only
    /// against the snapshot: 14 + 13.5 + 10.5 + 3.5 = 41.5 hours, the figure's total.
    @Test func theFoldedValuesAreTheSumsOfTheRawRows() throws {
        let markdown = try String(
            contentsOf: FixtureFiles.url("snapshots/grouping/fr/report.md"), encoding: .utf8)
        #expect(markdown.contains("Nos bénévoles ont donné 41,5 heures, dont 5 quarts à l'accueil."))
        #expect(
            markdown.contains(
                """
                | Accueil | 14,0 |
                | Cuisine collective | 13,5 |
                | Transport | 10,5 |
                | Administration | 3,5 |
                """))
        #expect(markdown.contains("| Administration | 2 |\n| **Total** | **13** |"))
        // Filtered first (since January 2024), then folded: a group whose hours are all
        // missing has no mean, shown empty.
        #expect(markdown.contains("| Administration | 1,50 |\n| Cuisine collective |  |\n| Accueil | 2,00 |"))
        let english = try String(
            contentsOf: FixtureFiles.url("snapshots/grouping/en/report.md"), encoding: .utf8)
        #expect(english.contains("| Reception | 14\\.0 |\n| Community kitchen | 13\\.5 |"))
    }
}
