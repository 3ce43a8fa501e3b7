import Foundation

/// Fixture projects on disk, copied to a temporary folder before a test builds them.
///
/// The projects are read from the source tree (`Tests/Fixtures/projects`),
/// so that every test target can use them.
public enum FixtureProjects {
    public static let valid = sourceFixtures.appendingPathComponent("projects/valid")
    public static let invalidCases = sourceFixtures.appendingPathComponent("projects/invalid")

    /// Whether this run records snapshots (`BILAN_RECORD=1`): see ``assertSnapshot(_:matches:record:sourceLocation:)``.
    public static var recording: Bool { Snapshot.recording }

    /// The fixtures folder in the package's sources.
    public static let sourceFixtures = SourceTree.fixtures

    /// A fresh temporary folder, removed by the caller.
    public static func temporaryFolder() -> URL { TemporaryFolder.make("bilan-test") }

    /// The valid project copied to a temporary folder, with a case's files laid over
    /// it (and the files its `delete.txt` names removed).
    public static func copy(overlay: URL? = nil) throws -> URL {
        let folder = temporaryFolder().appendingPathComponent("project")
        try FileManager.default.copyItem(at: valid, to: folder)
        if let overlay { try lay(overlay, over: folder) }
        return folder
    }

    /// Three years of a fictional organisation (`2022-2023/` … `2024-2025/`), each naming
    /// the one before it with `previous:`.
    public static let years = sourceFixtures.appendingPathComponent("projects/years")
    /// The invalid cases of chains of years, laid over ``years``.
    public static let yearsInvalidCases = sourceFixtures.appendingPathComponent("projects/years-invalid")

    /// The years copied to a temporary folder (`…/years/2024-2025`…), with a case's files
    /// laid over them; the caller removes the folder's parent.
    public static func copyYears(overlay: URL? = nil) throws -> URL {
        let folder = temporaryFolder().appendingPathComponent("years")
        try FileManager.default.copyItem(at: years, to: folder)
        if let overlay { try lay(overlay, over: folder) }
        return folder
    }

    /// Copies a case's files over a project (all but its `expected.txt`, `delete.txt` and
    /// `root.txt`), and removes the files its `delete.txt` names.
    private static func lay(_ overlay: URL, over folder: URL) throws {
        let files = FileManager.default.enumerator(at: overlay, includingPropertiesForKeys: [.isDirectoryKey])!
        for case let url as URL in files {
            let relative = String(url.path.dropFirst(overlay.path.count + 1))
            if ["expected.txt", "delete.txt", "root.txt"].contains(relative) { continue }
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true { continue }
            let target = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: url, to: target)
        }
        if let deletions = try? String(contentsOf: overlay.appendingPathComponent("delete.txt"), encoding: .utf8) {
            for line in deletions.split(separator: "\n") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(String(line)))
            }
        }
    }

    /// Every file below a folder as relative path → bytes.
    public static func contents(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in files
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] =
                try? Data(contentsOf: url)
        }
        return result
    }
}
