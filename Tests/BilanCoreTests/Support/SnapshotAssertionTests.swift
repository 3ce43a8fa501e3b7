import Foundation
import Testing

/// The one snapshot assertion: passes on equal output, fails with a diff on a mismatch,
/// and fails after recording (so that `BILAN_RECORD=1` never passes silently).
@Suite struct SnapshotAssertionTests {
    static func comments(_ issue: Issue) -> String { issue.comments.map(\.rawValue).joined(separator: "\n") }

    @Test func equalTextPassesAndWritesNothing() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        try "one\ntwo\n".write(to: file, atomically: true, encoding: .utf8)
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(assertSnapshot("one\ntwo\n", matches: file, record: false))
        #expect(assertSnapshot(Data("one\ntwo\n".utf8), matches: file, record: false))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date == before)
    }

    @Test func aMismatchFailsWithAUnifiedDiff() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        let lines = (1...20).map { "line \($0)" }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        var changed = lines
        changed[9] = "line ten"
        withKnownIssue {
            assertSnapshot(changed.joined(separator: "\n"), matches: file, record: false)
        } matching: { issue in
            let text = Self.comments(issue)
            return text.contains("differs from its snapshot") && text.contains("@@ -7,7 +7,7 @@")
                && text.contains("\n-line 10\n+line ten\n line 11") && !text.contains(" line 5")
        }
        // Nothing was recorded.
        #expect(try String(contentsOf: file, encoding: .utf8) == lines.joined(separator: "\n"))
    }

    @Test func recordingWritesTheSnapshotAndFails() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("deep/a.txt")
        withKnownIssue {
            assertSnapshot("new\n", matches: file, record: true)
        } matching: { Self.comments($0).contains("recorded") && Self.comments($0).contains("(changed)") }
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
        // Recording again what is already there still fails, saying it is unchanged.
        withKnownIssue {
            assertSnapshot(Data("new\n".utf8), matches: file, record: true)
        } matching: { Self.comments($0).contains("(unchanged)") }
        // And the next run without recording passes, reading the file just written.
        #expect(assertSnapshot("new\n", matches: file, record: false))
    }

    @Test func aMissingSnapshotFailsAndSaysHowToRecordIt() {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-none-\(UUID().uuidString).txt")
        withKnownIssue {
            assertSnapshot("x", matches: file, record: false)
        } matching: { Self.comments($0).contains("BILAN_RECORD=1") }
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func aFolderListsMissingExtraAndDifferentFiles() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshot = folder.appendingPathComponent("snapshot")
        let recorded: [String: Data] = ["a.txt": Data("a\n".utf8), "b/c.txt": Data("c\n".utf8), "gone.txt": Data()]
        withKnownIssue { assertSnapshot(files: recorded, matches: snapshot, record: true) }
        #expect(FixtureProjects.contents(of: snapshot) == recorded)
        #expect(assertSnapshot(files: recorded, matches: snapshot, record: false))
        let output = ["a.txt": Data("a\n".utf8), "b/c.txt": Data("C\n".utf8), "new.txt": Data()]
        withKnownIssue {
            assertSnapshot(files: output, matches: snapshot, record: false)
        } matching: { issue in
            let text = Self.comments(issue)
            return text.contains("1 missing from the output (in the snapshot only):\n  gone.txt")
                && text.contains("1 extra in the output (not in the snapshot):\n  new.txt")
                && text.contains("1 different:\n  b/c.txt") && text.contains("-c\n+C")
        }
        // Recording replaces the whole folder: the file no longer made is gone.
        withKnownIssue { assertSnapshot(files: output, matches: snapshot, record: true) }
        #expect(FixtureProjects.contents(of: snapshot) == output)
    }

    @Test func diffsShowLineEndsAndBinaryFiles() {
        let crlf = UnifiedDiff.bytes(expected: Data("a\nb\n".utf8), actual: Data("a\r\nb\n".utf8), name: "x")
        #expect(crlf.contains("-a\n+a\\r"))
        let binary = UnifiedDiff.bytes(expected: Data([0, 1, 2, 0xFF]), actual: Data([0, 1, 3, 0xFF, 4]), name: "x.png")
        #expect(binary == "x.png: binary, 5 bytes in the output against 4 in the snapshot, first difference at byte 2")
        let long = UnifiedDiff.text(
            expected: (1...200).map(String.init).joined(separator: "\n"), actual: (1...200).map { "\($0)!" }.joined(separator: "\n"))
        #expect(long.split(separator: "\n").count < 50)
        #expect(long.hasSuffix("… 360 more changed lines not shown"))
    }
}
