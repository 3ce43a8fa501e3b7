import Foundation

/// Fixture projects on disk, copied to a temporary folder before a test builds them.
enum FixtureProjects {
    static let valid = FixtureFiles.url("projects/valid")
    static let invalidCases = FixtureFiles.url("projects/invalid")

    /// Set `BILAN_RECORD=1` to rewrite expected diagnostics and snapshots from the
    /// current output; the diff is then reviewed like code.
    static var recording: Bool { ProcessInfo.processInfo.environment["BILAN_RECORD"] == "1" }

    /// The folder of the package's sources, for recording snapshots in place.
    static let sourceFixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The valid project copied to a temporary folder, with a case's files laid over
    /// it (and the files its `delete.txt` names removed).
    static func copy(overlay: URL? = nil) throws -> URL {
        let folder = temporaryFolder().appendingPathComponent("project")
        try FileManager.default.copyItem(at: valid, to: folder)
        guard let overlay else { return folder }
        let files = FileManager.default.enumerator(at: overlay, includingPropertiesForKeys: [.isDirectoryKey])!
        for case let url as URL in files {
            let relative = String(url.path.dropFirst(overlay.path.count + 1))
            if ["expected.txt", "delete.txt"].contains(relative) { continue }
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true { continue }
            let target = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: url, to: target)
        }
        if let deletions = try? String(contentsOf: overlay.appendingPathComponent("delete.txt"), encoding: .utf8) {
            for line in deletions.split(separator: "\n") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(String(line)))
            }
        }
        return folder
    }

    /// Every file below a folder as relative path → bytes.
    static func contents(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in files where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = try? Data(contentsOf: url)
        }
        return result
    }
}
