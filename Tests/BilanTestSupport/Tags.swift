import Foundation
import Testing

extension Tag {
    /// A test that takes seconds rather than milliseconds (a 50 MB file, a whole build of
    /// a large project): `swift test --skip ...` or a tag filter in an IDE leaves them out.
    @Tag public static var heavy: Self
    /// A test that runs a program bilan does not ship (Hugo, Chromium). It is skipped,
    /// with the reason, where the program is missing; `scripts/test` installs them.
    @Tag public static var externalTool: Self
}

/// Programs found on the `PATH`, for tests that need one (`.enabled(if:)`).
public enum ExternalTool {
    /// The first of `names` that is an executable on the `PATH`, or nil.
    public static func find(_ names: String...) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }
}
