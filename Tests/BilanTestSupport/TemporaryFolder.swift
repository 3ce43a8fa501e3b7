import Foundation

/// Fresh folders in the system's temporary directory, one per call, removed by the caller.
public enum TemporaryFolder {
    /// Creates `<tmp>/<prefix>-<UUID>` and returns it.
    public static func make(_ prefix: String = "bilan-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
