package import BilanBase
package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a complete new output folder in place of the old one.
///
/// On Linux the two folders trade places in one `renameat2(RENAME_EXCHANGE)`: at every
/// moment `output/` is one whole build, for a web server reading it and after a kill
/// alike. Where the file system refuses the exchange (or the call is missing), the old
/// folder is renamed aside and the new one into place, which leaves a moment without it.
package enum OutputSwap {
    /// Replaces `output` with `staging`; the old output is removed (renamed to `retired`
    /// first when the exchange is refused). nil when done, else why not.
    package static func replace(_ output: URL, with staging: URL, retired: URL, displayName: String) -> Diagnostic? {
        func failure(_ code: Int32) -> Diagnostic {
            OutputFailure.diagnostic("put the new output in place at", output.path, code, displayName: displayName)
        }
        var status = stat()
        guard lstat(output.path, &status) == 0 else {
            return rename(staging.path, output.path) == 0 ? nil : failure(errno)
        }
        if let exchanged = exchange(staging.path, output.path) {
            if exchanged == 0 {
                // The staging name now holds the previous output.
                OutputLock.removeMarkedFolder(staging)
                return nil
            }
            guard [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(exchanged) else { return failure(exchanged) }
        }
        guard rename(output.path, retired.path) == 0 else { return failure(errno) }
        guard rename(staging.path, output.path) == 0 else {
            let code = errno
            _ = rename(retired.path, output.path)
            return failure(code)
        }
        OutputLock.removeMarkedFolder(retired)
        return nil
    }

    /// `renameat2(2)`'s signature.
    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2`, looked up in the C library at run time (the Swift overlay does not
    /// declare it); nil where the library has none.
    private static let renameAt2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map {
        unsafeBitCast($0, to: RenameAt2.self)
    }

    /// `RENAME_EXCHANGE` of `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1

    /// Exchanges two paths atomically: 0 when done, the error number when refused, nil
    /// when the call is not available at all.
    private static func exchange(_ first: String, _ second: String) -> Int32? {
        #if os(Linux)
        guard let renameAt2 else { return nil }
        return renameAt2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 ? 0 : errno
        #else
        return nil
        #endif
    }
}
