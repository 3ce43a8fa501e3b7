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
    let name = SourceTree.relative(file)
    let previous = try? String(contentsOf: file, encoding: .utf8)
    if record {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            return false
        }
        SnapshotFailure.recorded([name], changed: previous == text ? [] : [name], diff: previous.map {
            UnifiedDiff.text(expected: $0, actual: text, name: name)
        } ?? "", sourceLocation: sourceLocation)
        return false
    }
    guard let expected = previous else {
        SnapshotFailure.missing(name, sourceLocation: sourceLocation)
        return false
    }
    guard text != expected else { return true }
    Issue.record(
        Comment(rawValue: "\(name) differs from its snapshot (BILAN_RECORD=1 re-records it; review the diff)\n"
            + UnifiedDiff.text(expected: expected, actual: text, name: name)),
        sourceLocation: sourceLocation)
    return false
}

/// Compares `bytes` with the committed file `file`, byte for byte (records it under
/// `BILAN_RECORD=1`). A text file's difference is shown as a diff of its lines.
@discardableResult
public func assertSnapshot(
    _ bytes: Data, matches file: URL, record: Bool = Snapshot.recording,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let name = SourceTree.relative(file)
    let previous = try? Data(contentsOf: file)
    if record {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: file)
        } catch {
            Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            return false
        }
        SnapshotFailure.recorded([name], changed: previous == bytes ? [] : [name], diff: previous.map {
            UnifiedDiff.bytes(expected: $0, actual: bytes, name: name)
        } ?? "", sourceLocation: sourceLocation)
        return false
    }
    guard let expected = previous else {
        SnapshotFailure.missing(name, sourceLocation: sourceLocation)
        return false
    }
    guard bytes != expected else { return true }
    Issue.record(
        Comment(rawValue: "\(name) differs from its snapshot (BILAN_RECORD=1 re-records it; review the diff)\n"
            + UnifiedDiff.bytes(expected: expected, actual: bytes, name: name)),
        sourceLocation: sourceLocation)
    return false
}

/// Compares `files` (relative path → bytes) with the committed folder `folder`: the same
/// paths, each with the same bytes. Under `BILAN_RECORD=1` the folder is replaced by them.
@discardableResult
public func assertSnapshot(
    files: [String: Data], matches folder: URL, record: Bool = Snapshot.recording,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let name = SourceTree.relative(folder)
    let previous = FixtureProjects.contents(of: folder)
    let comparison = FolderComparison(expected: previous, actual: files)
    if record {
        do {
            try? FileManager.default.removeItem(at: folder)
            for (path, data) in files {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        } catch {
            Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            return false
        }
        SnapshotFailure.recorded(
            [name + "/"], changed: comparison.isEqual ? [] : [name + "/"], diff: comparison.report(folder: name),
            sourceLocation: sourceLocation)
        return false
    }
    if previous.isEmpty && !files.isEmpty {
        SnapshotFailure.missing(name + "/", sourceLocation: sourceLocation)
        return false
    }
    guard !comparison.isEqual else { return true }
    Issue.record(
        Comment(rawValue: "\(name)/ differs from the output (BILAN_RECORD=1 re-records it; review the diff)\n"
            + comparison.report(folder: name)),
        sourceLocation: sourceLocation)
    return false
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

/// The failures every snapshot assertion reports the same way.
enum SnapshotFailure {
    static func recorded(_ names: [String], changed: [String], diff: String, sourceLocation: SourceLocation) {
        let what = changed.isEmpty ? "unchanged" : "changed"
        var message = "recorded \(names.joined(separator: ", ")) (\(what)): BILAN_RECORD=1 fails on purpose; "
            + "review the diff, then run the tests without it"
        if !changed.isEmpty && !diff.isEmpty { message += "\n" + diff }
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    static func missing(_ name: String, sourceLocation: SourceLocation) {
        Issue.record(
            Comment(rawValue: "no snapshot at \(name): BILAN_RECORD=1 swift test records it"), sourceLocation: sourceLocation)
    }
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
            if paths.count > Snapshot.listedFiles { lines.append("  … and \(paths.count - Snapshot.listedFiles) more") }
        }
        list("missing from the output (in the snapshot only)", missing)
        list("extra in the output (not in the snapshot)", extra)
        list("different", different)
        for path in different.prefix(Snapshot.diffedFiles) {
            lines.append(UnifiedDiff.bytes(expected: expected[path]!, actual: actual[path]!, name: "\(folder)/\(path)"))
        }
        return lines.joined(separator: "\n")
    }
}
