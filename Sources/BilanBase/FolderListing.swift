import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists an input folder, telling a folder that is absent from one that cannot be read:
/// an unreadable folder must never be taken for an empty one (a build would then publish
/// an empty report over a good one).
package enum FolderListing {
    /// The names in the folder at `path` (without `.` and `..`, unsorted); nil when
    /// nothing is there; a located `unreadable-file` error when something is there that
    /// cannot be listed (a permission, a file instead of a folder, a loop of links). `folder`
    /// is how diagnostics name it.
    package static func names(atPath path: String, as folder: String) -> Result<[String]?, Diagnostic> {
        let location = SourceLocation(file: folder)
        guard let directory = opendir(path) else {
            let code = errno
            switch code {
            case ENOENT:
                return .success(nil)
            case ENOTDIR:
                return .failure(
                    .error(.unreadableFile, "this is a file, not a folder: bilan expects a folder here", at: location))
            case EACCES, EPERM:
                return .failure(
                    .error(
                        .unreadableFile,
                        "permission denied: bilan may not list this folder (check its permissions and those of "
                            + "the folders above it)", at: location))
            case ELOOP:
                return .failure(
                    .error(
                        .unreadableFile, "this is a loop of symbolic links, never a folder: fix the links",
                        at: location))
            default:
                return .failure(
                    .error(.unreadableFile, "cannot list this folder: \(RegularFile.describe(code))", at: location))
            }
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 {
                    let reason = RegularFile.describe(errno)
                    return .failure(.error(.unreadableFile, "cannot list this folder: \(reason)", at: location))
                }
                return .success(names)
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
    }
}
