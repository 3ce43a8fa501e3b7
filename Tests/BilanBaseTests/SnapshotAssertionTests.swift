import Foundation
import Testing

/// The one snapshot assertion, through ``Snapshot/check(_:matches:record:)`` (what
/// `assertSnapshot` would record as the test's failure): nothing on equal output, a diff
/// on a mismatch, and a failure after recording, so that `BILAN_RECORD=1` never passes.
@Suite struct SnapshotAssertionTests {
    @Test func equalTextPassesAndWritesNothing() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        try "one\ntwo\n".write(to: file, atomically: true, encoding: .utf8)
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(Snapshot.check("one\ntwo\n", matches: file, record: false) == nil)
        #expect(Snapshot.check(Data("one\ntwo\n".utf8), matches: file, record: false) == nil)
        #expect(assertSnapshot("one\ntwo\n", matches: file, record: false))
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
        let failure = try #require(Snapshot.check(changed.joined(separator: "\n"), matches: file, record: false))
        #expect(failure.contains("a.txt differs from its snapshot (BILAN_RECORD=1 re-records it; review the diff)"))
        #expect(
            failure.contains(
                """
                @@ -7,7 +7,7 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten
                 line 11
                 line 12
                 line 13
                """))
        #expect(!failure.contains(" line 5"))
        // Nothing was recorded.
        #expect(try String(contentsOf: file, encoding: .utf8) == lines.joined(separator: "\n"))
    }

    @Test func recordingWritesTheSnapshotAndFails() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("deep/a.txt")
        let first = try #require(Snapshot.check("new\n", matches: file, record: true))
        #expect(first.contains("recorded ") && first.contains("(changed): BILAN_RECORD=1 fails on purpose"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
        // Recording what is already there still fails, saying it is unchanged.
        let again = try #require(Snapshot.check(Data("new\n".utf8), matches: file, record: true))
        #expect(again.contains("(unchanged)"))
        // A changed recording shows what changed.
        let changed = try #require(Snapshot.check("newer\n", matches: file, record: true))
        #expect(changed.contains("(changed)") && changed.contains("-new\n+newer"))
        // And the next run without recording passes, reading the file just written.
        #expect(Snapshot.check("newer\n", matches: file, record: false) == nil)
    }

    @Test func aMissingSnapshotFailsAndSaysHowToRecordIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-none-\(UUID().uuidString).txt")
        let failure = try #require(Snapshot.check("x", matches: file, record: false))
        #expect(failure.hasPrefix("no snapshot at ") && failure.hasSuffix(": BILAN_RECORD=1 swift test records it"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func aFolderListsMissingExtraAndDifferentFiles() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshot = folder.appendingPathComponent("snapshot")
        let recorded: [String: Data] = ["a.txt": Data("a\n".utf8), "b/c.txt": Data("c\n".utf8), "gone.txt": Data()]
        #expect(Snapshot.check(files: recorded, matches: snapshot, record: false)?.hasPrefix("no snapshot at ") == true)
        #expect(Snapshot.check(files: recorded, matches: snapshot, record: true) != nil)
        #expect(FixtureProjects.contents(of: snapshot) == recorded)
        #expect(Snapshot.check(files: recorded, matches: snapshot, record: false) == nil)
        let output = ["a.txt": Data("a\n".utf8), "b/c.txt": Data("C\n".utf8), "new.txt": Data()]
        let failure = try #require(Snapshot.check(files: output, matches: snapshot, record: false))
        #expect(failure.contains("1 missing from the output (in the snapshot only):\n  gone.txt"))
        #expect(failure.contains("1 extra in the output (not in the snapshot):\n  new.txt"))
        #expect(failure.contains("1 different:\n  b/c.txt"))
        #expect(failure.contains("snapshot/b/c.txt (snapshot)") && failure.contains("-c\n+C"))
        // Recording replaces the whole folder: the file no longer made is gone.
        #expect(Snapshot.check(files: output, matches: snapshot, record: true) != nil)
        #expect(FixtureProjects.contents(of: snapshot) == output)
    }

    @Test func diffsShowLineEndsAndBinaryFiles() {
        let crlf = UnifiedDiff.bytes(expected: Data("a\nb\n".utf8), actual: Data("a\r\nb\n".utf8), name: "x")
        #expect(crlf.contains("-a\n+a\\r"))
        let binary = UnifiedDiff.bytes(
            expected: Data([0, 1, 2, 0xFF]), actual: Data([0, 1, 3, 0xFF, 4]), name: "x.png")
        #expect(binary == "x.png: binary, 5 bytes in the output against 4 in the snapshot, first difference at byte 2")
        let long = UnifiedDiff.text(
            expected: (1...200).map(String.init).joined(separator: "\n"),
            actual: (1...200).map { "\($0)!" }.joined(separator: "\n"))
        #expect(long.split(separator: "\n").count < 50)
        #expect(long.hasSuffix("… 360 more changed lines not shown"))
    }
}
