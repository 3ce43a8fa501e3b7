import Foundation

/// Files of `Tests/Fixtures` (CommonMark examples, csv-spectrum, workbooks, snapshots),
/// read in place from the source tree so that every test target shares one copy.
public enum FixtureFiles {
    public static let root: URL = SourceTree.fixtures

    public static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    public static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}
