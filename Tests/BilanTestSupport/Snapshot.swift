import Foundation
import Testing

/// Snapshot tests: output compared with a file or folder committed beside the tests.
///
/// `BILAN_RECORD=1 swift test` rewrites the snapshots from the current output and fails
/// each snapshot test it recorded, so that a recording run never passes silently; the
/// new snapshots are then reviewed in the diff like code, and a run without the variable
/// must pass. A mismatch prints a unified diff of the first differing lines (for a folder:
/// the missing, extra and different files, then the first differences).
public enum Snapshot {
    /// Whether this run records snapshots (`BILAN_RECORD=1`).
    public static var recording: Bool { ProcessInfo.processInfo.environment["BILAN_RECORD"] == "1" }

    /// How many lines of a diff a failure shows, and how many files of a folder.
    public static let diffLines = 40
    static let listedFiles = 20
    static let diffedFiles = 3
}

/// Compares `text` with the committed text file `file` (records it under `BILAN_RECORD=1`).
///
/// The comparison is `String` equality, as a test's `#expect(text == expected)` would be.
@discardableResult
public func assertSnapshot(
    _ text: String, matches file: URL, record: Bool = Snapshot.recording,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    Snapshot.report(Snapshot.check(text, matches: file, record: record), at: sourceLocation)
}

/// Compares `bytes` with the committed file `file`, byte for byte (records it under
/// `BILAN_RECORD=1`). A text file's difference is shown as a diff of its lines.
@discardableResult
public func assertSnapshot(
    _ bytes: Data, matches file: URL, record: Bool = Snapshot.recording,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    Snapshot.report(Snapshot.check(bytes, matches: file, record: record), at: sourceLocation)
}

/// Compares `files` (relative path → bytes) with the committed folder `folder`: the same
/// paths, each with the same bytes. Under `BILAN_RECORD=1` the folder is replaced by them.
@discardableResult
public func assertSnapshot(
    files: [String: Data], matches folder: URL, record: Bool = Snapshot.recording,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    Snapshot.report(Snapshot.check(files: files, matches: folder, record: record), at: sourceLocation)
}

/// Compares every file below `output` (but those named in `excluding`, relative paths)
/// with the committed folder `folder`.
@discardableResult
public func assertSnapshot(
    folder output: URL, excluding: Set<String> = [], matches folder: URL, record: Bool = Snapshot.recording,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let files = FixtureProjects.contents(of: output).filter { !excluding.contains($0.key) }
    return assertSnapshot(files: files, matches: folder, record: record, sourceLocation: sourceLocation)
}

extension Snapshot {
    /// Records `failure`, if any, as an issue of the calling test; true when there is none.
    static func report(_ failure: String?, at sourceLocation: SourceLocation) -> Bool {
        guard let failure else { return true }
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
        return false
    }

    /// What ``assertSnapshot(_:matches:record:sourceLocation:)`` reports for `text`: nil
    /// when it matches the file, otherwise the failure (a diff, or what was recorded).
    public static func check(_ text: String, matches file: URL, record: Bool = recording) -> String? {
        let name = SourceTree.relative(file)
        let previous = try? String(contentsOf: file, encoding: .utf8)
        if record {
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                return "could not record \(name): \(error)"
            }
            return recorded(
                name, changed: previous != text,
                diff: previous.map {
                    UnifiedDiff.text(expected: $0, actual: text, name: name)
                })
        }
        guard let expected = previous else { return missing(name) }
        guard text != expected else { return nil }
        return "\(name) differs from its snapshot (BILAN_RECORD=1 re-records it; review the diff)\n"
            + UnifiedDiff.text(expected: expected, actual: text, name: name)
    }

    /// What ``assertSnapshot(_:matches:record:sourceLocation:)`` reports for `bytes`.
    public static func check(_ bytes: Data, matches file: URL, record: Bool = recording) -> String? {
        let name = SourceTree.relative(file)
        let previous = try? Data(contentsOf: file)
        if record {
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: file)
            } catch {
                return "could not record \(name): \(error)"
            }
            return recorded(
                name, changed: previous != bytes,
                diff: previous.map {
                    UnifiedDiff.bytes(expected: $0, actual: bytes, name: name)
                })
        }
        guard let expected = previous else { return missing(name) }
        guard bytes != expected else { return nil }
        return "\(name) differs from its snapshot (BILAN_RECORD=1 re-records it; review the diff)\n"
            + UnifiedDiff.bytes(expected: expected, actual: bytes, name: name)
    }

    /// What ``assertSnapshot(files:matches:record:sourceLocation:)`` reports.
    public static func check(files: [String: Data], matches folder: URL, record: Bool = recording) -> String? {
        let name = SourceTree.relative(folder) + "/"
        let previous = FixtureProjects.contents(of: folder)
        let comparison = FolderComparison(expected: previous, actual: files)
        if record {
            do {
                try? FileManager.default.removeItem(at: folder)
                for (path, data) in files {
                    let url = folder.appendingPathComponent(path)
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: url)
                }
            } catch {
                return "could not record \(name): \(error)"
            }
            return recorded(name, changed: !comparison.isEqual, diff: comparison.report(folder: name))
        }
        if previous.isEmpty && !files.isEmpty { return missing(name) }
        guard !comparison.isEqual else { return nil }
        return "\(name) differs from the output (BILAN_RECORD=1 re-records it; review the diff)\n"
            + comparison.report(folder: name)
    }

    /// The failure of a recording run: it never passes.
    static func recorded(_ name: String, changed: Bool, diff: String?) -> String {
        var message =
            "recorded \(name) (\(changed ? "changed" : "unchanged")): BILAN_RECORD=1 fails on purpose; "
            + "review the diff, then run the tests without it"
        if changed, let diff, !diff.isEmpty { message += "\n" + diff }
        return message
    }

    static func missing(_ name: String) -> String { "no snapshot at \(name): BILAN_RECORD=1 swift test records it" }
}

/// How a folder's files differ from its snapshot's.
struct FolderComparison {
    /// In the snapshot, not in the output.
    var missing: [String]
    /// In the output, not in the snapshot.
    var extra: [String]
    /// In both, with other bytes.
    var different: [String]
    let expected: [String: Data]
    let actual: [String: Data]

    init(expected: [String: Data], actual: [String: Data]) {
        self.expected = expected
        self.actual = actual
        missing = expected.keys.filter { actual[$0] == nil }.sorted()
        extra = actual.keys.filter { expected[$0] == nil }.sorted()
        different = actual.keys.filter { expected[$0] != nil && expected[$0] != actual[$0] }.sorted()
    }

    var isEqual: Bool { missing.isEmpty && extra.isEmpty && different.isEmpty }

    /// The lists of files, then the diffs of the first different ones.
    func report(folder: String) -> String {
        guard !isEqual else { return "" }
        var lines: [String] = []
        func list(_ title: String, _ paths: [String]) {
            guard !paths.isEmpty else { return }
            lines.append("\(paths.count) \(title):")
            lines += paths.prefix(Snapshot.listedFiles).map { "  \($0)" }
            if paths.count > Snapshot.listedFiles {
                lines.append("  … and \(paths.count - Snapshot.listedFiles) more")
            }
        }
        list("missing from the output (in the snapshot only)", missing)
        list("extra in the output (not in the snapshot)", extra)
        list("different", different)
        for path in different.prefix(Snapshot.diffedFiles) {
            lines.append(UnifiedDiff.bytes(expected: expected[path]!, actual: actual[path]!, name: folder + path))
        }
        return lines.joined(separator: "\n")
    }
}
