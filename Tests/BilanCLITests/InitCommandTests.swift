import Foundation
import Testing

/// `bilan init DIR`: a new user's first project builds cleanly, and nothing of theirs
/// is overwritten.
@Suite struct InitCommandTests {
    @Test func newProjectBuildsAndChecksStrictWithNoWarning() throws {
        let parent = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let created = try BilanBinary.run(["init", "rapport"], in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("bilan build"))
        let project = parent.appendingPathComponent("rapport")
        for file in ["content/report.yaml", "content/figures.yaml", "content/data/activites.csv"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(file).path), "\(file)")
        }

        let check = try BilanBinary.run(["check", "--root", project.path, "--strict", "--format", "json"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "[]\n")
        #expect(check.stderr.contains("0 errors, 0 warnings"))

        let build = try BilanBinary.run(["build", "--strict", "--format", "json"], in: project)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        #expect(build.stdout == "[]\n")
        for language in ["fr", "en"] {
            #expect(
                FileManager.default.fileExists(
                    atPath: project.appendingPathComponent("output/\(language)/index.html").path))
        }
        let french = try String(contentsOf: project.appendingPathComponent("output/fr/report.md"), encoding: .utf8)
        let english = try String(contentsOf: project.appendingPathComponent("output/en/report.md"), encoding: .utf8)
        #expect(french.contains("53\u{00A0}700,50\u{00A0}$") && french.contains("78,2\u{00A0}%"))
        #expect(english.contains("$53,700.50") && english.contains("78.2%"))
        #expect(!french.contains("{{ participantes }} personnes"), "figures are resolved outside code")

        // Every translation starts stamped as up to date.
        let translations = try BilanBinary.run(["translations", "--root", project.path, "--format", "json"])
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(translations.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count >= 3)
        for entry in entries {
            let languages = try #require(entry["languages"] as? [String: [String: Any]])
            #expect(languages["en"]?["state"] as? String == "up-to-date", "\(entry["key"] ?? "")")
        }
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let folder = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "mine".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = try BilanBinary.run(["init", folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not empty (notes.txt)"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func acceptsAFolderHoldingOnlyHiddenEntries() throws {
        let folder = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let run = try BilanBinary.run(["init", "."], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("content/report.yaml").path))
    }

    @Test func refusesRootAndNeedsAFolder() throws {
        let folder = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let withRoot = try BilanBinary.run(["init", "--root", folder.path, "rapport"], in: folder)
        #expect(withRoot.status == 2)
        #expect(withRoot.stderr.contains("not --root"), "\(withRoot.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(try BilanBinary.run(["init"], in: folder).status == 2)
    }

    @Test func helpShowsAnExample() throws {
        let run = try BilanBinary.run(["init", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("bilan init rapport-2025"))
        #expect(!run.stdout.contains("--root"))
    }
}
