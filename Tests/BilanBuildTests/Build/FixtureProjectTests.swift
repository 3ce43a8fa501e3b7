import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// Builds the fixture projects on disk: the valid one must give its snapshot, each
/// invalid case exactly the diagnostics in its `expected.txt`.
@Suite struct FixtureProjectTests {
    static let invalidCases: [String] = {
        (try? FileManager.default.contentsOfDirectory(atPath: FixtureProjects.invalidCases.path))?.sorted() ?? []
    }()

    @Test(arguments: invalidCases)
    func invalidCaseGivesItsDiagnostics(_ name: String) throws {
        let overlay = FixtureProjects.invalidCases.appendingPathComponent(name)
        let project = try FixtureProjects.copy(overlay: overlay)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, write: false))
        let actual = DiagnosticReport.text(result.diagnostics)
        assertSnapshot(actual, matches: overlay.appendingPathComponent("expected.txt"))
        #expect(!actual.isEmpty, "an invalid case must produce diagnostics")
    }

    @Test func validProjectBuildsAsItsSnapshot() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
        #expect(
            result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        var files = FixtureProjects.contents(of: project.appendingPathComponent("output"))
        files[OutputWriter.markerName] = nil
        // The same paths, each with the same bytes; a mismatch lists the files and diffs them.
        assertSnapshot(files: files, matches: FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/valid"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
        let firstFiles = FixtureProjects.contents(of: project.appendingPathComponent("output"))
        let second = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
        #expect(first.wrote && second.wrote)
        #expect(firstFiles == FixtureProjects.contents(of: project.appendingPathComponent("output")))
    }

    @Test func failedBuildLeavesThePreviousOutput() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        #expect(BuildPipeline.run(BuildOptions(projectRoot: project)).wrote)
        let before = FixtureProjects.contents(of: project.appendingPathComponent("output"))
        try "---\ntitle: [broken\n---\n".write(
            to: project.appendingPathComponent("content/sections/010-accueil.fr.md"), atomically: true, encoding: .utf8)
        let result = BuildPipeline.run(BuildOptions(projectRoot: project))
        #expect(!result.wrote)
        #expect(result.errorCount > 0)
        #expect(FixtureProjects.contents(of: project.appendingPathComponent("output")) == before)
    }

    /// The cover and the report's Markdown show the period once: under a title that does
    /// not say it, and not after one that does (the snapshot's titles do).
    @Test func thePeriodIsShownOnceOnTheCover() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let config = project.appendingPathComponent("content/report.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8)
        try yaml.replacingOccurrences(of: "\"Activity Report 2023-2024\"", with: "\"Activity Report\"")
            .write(to: config, atomically: true, encoding: .utf8)
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, write: false))
        let files = try #require(result.plan?.files)
        let page = String(decoding: try #require(files["en/index.html"]), as: UTF8.self)
        #expect(page.contains("<h1>Activity Report</h1>\n<p class=\"period\">2023-2024</p>"))
        let french = String(decoding: try #require(files["fr/index.html"]), as: UTF8.self)
        #expect(!french.contains("class=\"period\""))
        let markdown = String(decoding: try #require(files["en/report.md"]), as: UTF8.self)
        #expect(markdown.hasPrefix("# Activity Report\n\nGroupe Exemple · 2023-2024\n\n"))
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let output = project.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "mine".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = BuildPipeline.run(BuildOptions(projectRoot: project))
        #expect(!result.wrote)
        #expect(result.diagnostics.contains { $0.code == .outputRefused })
        #expect(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func strictFailsOnWarnings() throws {
        let project = try FixtureProjects.copy(
            overlay: FixtureProjects.invalidCases.appendingPathComponent("missing-translation"))
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        // The welcome section has no English version: a missing-translation warning.
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, strict: true))
        #expect(result.diagnostics.contains { $0.code == .missingTranslation })
        #expect(!result.wrote)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
    }
}
