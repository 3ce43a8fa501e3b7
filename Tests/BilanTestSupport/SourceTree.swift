import Foundation

/// The package's source folders, read in place: snapshots are compared with (and recorded
/// into) the committed files, never with a copy SwiftPM made at the last build.
public enum SourceTree {
    /// The package's own folder (it holds `Package.swift` and the example report).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`: the fixture projects, snapshots and data files every test target reads.
    public static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// A path as the package knows it (`Tests/…/expected.txt`), for messages.
    public static func relative(_ url: URL) -> String {
        let root = packageRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
