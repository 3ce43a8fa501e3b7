import BilanTestSupport
import Foundation
import Testing

/// `bilan check --format json` is a contract with publishing pipelines: its schema (the
/// README's "Diagnostics as JSON") is pinned here byte for byte.
@Suite struct CheckJSONTests {
    /// A project with an error, warnings with and without positions and an accepted
    /// warning gives exactly `Fixtures/check-json/expected.json`.
    @Test func checkPrintsTheDocumentedSchema() throws {
        let fixture = BilanBinary.fixture("check-json")
        let project = try BilanBinary.copy(["content"], of: fixture)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["check", "--root", project.path, "--format", "json"])
        #expect(run.status == 1, "an error fails the check")
        assertSnapshot(run.stdout, matches: fixture.appendingPathComponent("expected.json"))

        // The schema itself, whatever the messages say.
        let diagnostics = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let keys = ["file", "line", "column", "severity", "code", "message"]
        for diagnostic in diagnostics {
            #expect(Set(diagnostic.keys) == Set(keys))
            #expect(diagnostic["file"] is String)
            #expect(diagnostic["line"] is Int || diagnostic["line"] is NSNull)
            #expect(diagnostic["column"] is Int || diagnostic["column"] is NSNull)
            #expect(["error", "warning"].contains(diagnostic["severity"] as? String))
        }
        for line in run.stdout.split(separator: "\n") where line.hasPrefix("  {") {
            #expect(line.hasPrefix("  {\"file\": "), "keys in the documented order")
        }
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
    }

    /// A project without problems prints an empty array, still valid JSON.
    @Test func noProblemIsAnEmptyArray() throws {
        let project = try BilanBinary.project(CommandLineTests.minimalProject)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["check", "--root", project.path, "--format", "json", "--strict"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "[]\n")
    }

    /// The example report's one slip, the media mentions printed as 30 over data that adds
    /// up to 33, fails `check --strict`, and check writes nothing.
    @Test func exampleReportFailsStrictOnItsStatedMismatch() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["check", "--root", project.path, "--strict", "--format", "json"])
        #expect(run.status == 1)
        let diagnostics = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let mismatch = try #require(
            diagnostics.first { ($0["message"] as? String)?.contains("'mentions_medias'") == true }, "\(run.stdout)")
        #expect(mismatch["code"] as? String == "stated-mismatch")
        #expect(mismatch["severity"] as? String == "warning")
        #expect(mismatch["file"] as? String == "content/figures.yaml")
        #expect(mismatch["line"] is Int && mismatch["column"] is Int)
        #expect((mismatch["message"] as? String)?.contains("computes 33 but the report states 30") == true)
        #expect(run.stderr.contains("bilan: 0 errors, "), "the summary goes to standard error")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
    }
}
