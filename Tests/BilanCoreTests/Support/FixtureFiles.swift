import Foundation

/// The test target's `Fixtures` folder, copied beside the tests by SwiftPM.
enum FixtureFiles {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}
