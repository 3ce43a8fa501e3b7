import Foundation
import Testing
import BilanTestSupport

/// `bilan new-year DIR` and last year's figures, through the real binary: an init
/// project's next year, `bilan figures` with each previous value, and a refused folder.
@Suite struct NewYearCommandTests {
    @Test func anInitProjectStartsItsNextYearInOneCommand() throws {
        let parent = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try BilanBinary.run(["init", "rapport-2025"], in: parent).status == 0)
        let started = try BilanBinary.run(["new-year", "--root", "rapport-2025", "rapport-2026"], in: parent)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stderr.contains("marked draft; previous: ../rapport-2025)"), "\(started.stderr)")
        let next = parent.appendingPathComponent("rapport-2026")
        let yaml = try String(contentsOf: next.appendingPathComponent("content/report.yaml"), encoding: .utf8)
        #expect(yaml.contains("\nprevious: ../rapport-2025\n"), "\(yaml)")

        let figures = try BilanBinary.run(["figures", "--root", next.path])
        #expect(figures.status == 0, "\(figures.stderr)")
        #expect(figures.stdout.contains("previous:"), "\(figures.stdout)")
        #expect(figures.stdout.contains("change:"), "\(figures.stdout)")
        let json = try BilanBinary.run(["figures", "--root", next.path, "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.allSatisfy { ($0["previous"] as? [String: Any])?["value"] != nil }, "\(json.stdout)")

        // Nothing is published before the sections are marked final.
        let build = try BilanBinary.run(["build", "--root", next.path])
        #expect(build.status == 0, "\(build.stderr)")
        let again = try BilanBinary.run(["new-year", "--root", "rapport-2025", "rapport-2026"], in: parent)
        #expect(again.status == 1)
        #expect(again.stderr.contains("rapport-2026 is not empty"), "\(again.stderr)")
    }

    @Test func anArchiveBuildsFromTheCommandLine() throws {
        let parent = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let years = parent.appendingPathComponent("years")
        try FileManager.default.copyItem(at: FixtureProjects.years, to: years)
        let build = try BilanBinary.run(["build", "--archive", "--root", years.path, "--strict"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("(30 files, 6 sections"), "\(build.stderr)")
        for page in ["index.html", "fr/index.html", "en/index.html", "2023-2024/fr/index.html"] {
            #expect(FileManager.default.fileExists(atPath: years.appendingPathComponent("output/\(page)").path))
        }
        let check = try BilanBinary.run(["check", "--archive", "--root", years.path])
        #expect(check.status == 0, "\(check.stderr)")
        let plain = try BilanBinary.run(["build", "--root", years.path])
        #expect(plain.status == 1, "a folder of years is not a project without --archive")
        #expect(plain.stderr.contains("no report.yaml"))
    }

    @Test func aBrokenChainIsAnErrorAtItsLine() throws {
        let parent = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try BilanBinary.run(["init", "rapport"], in: parent).status == 0)
        let yaml = parent.appendingPathComponent("rapport/content/report.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try (text + "previous: ../rapport-2019\n").write(to: yaml, atomically: true, encoding: .utf8)
        let check = try BilanBinary.run(["check", "--root", parent.appendingPathComponent("rapport").path])
        #expect(check.status == 1)
        #expect(
            check.stderr.contains("error: previous: the folder '../rapport-2019' does not exist"), "\(check.stderr)")
        #expect(check.stderr.contains("[invalid-previous]"))
    }
}
