package import BilanBase
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An `output-failed` diagnostic that says what bilan was doing, where, and why in words
/// a person can act on (from the system's error number, never Foundation's error text).
package enum OutputFailure {
    /// "could not `action` `path`: `reason`", located at the output's display name.
    package static func diagnostic(_ action: String, _ path: String, _ code: Int32, displayName: String) -> Diagnostic {
        .error(
            .outputFailed, "could not \(action) \(path): \(reason(code, path: path))",
            at: SourceLocation(file: displayName))
    }

    /// Why an operation on `path` failed with `code`, with what to do where it is clear.
    package static func reason(_ code: Int32, path: String) -> String {
        switch code {
        case ENOSPC: return "the disk is full (free some space, or choose another --output)"
        case EDQUOT: return "the disk quota is used up (free some space, or choose another --output)"
        case EROFS: return "the file system is read-only (choose another --output)"
        case EACCES, EPERM:
            return "permission denied (check the permissions of the folder that holds it, or choose another --output)"
        case ENOTDIR:
            if let file = fileInPath(path) { return "\(file) is a file, not a folder (choose another --output)" }
            return "a part of the path is a file, not a folder (choose another --output)"
        case EBUSY: return "it is in use, or a mount point"
        default: return RegularFile.describe(code)
        }
    }

    /// The first existing part of `path` that is not a folder.
    private static func fileInPath(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            var status = stat()
            guard stat(prefix, &status) == 0 else { return nil }
            if status.st_mode & S_IFMT != S_IFDIR { return prefix }
        }
        return nil
    }

    /// Makes the folder at `path` and any missing folders above it; nil when done, else why not.
    package static func makeFolders(_ path: String, displayName: String) -> Diagnostic? {
        makeFolderChain(path).map { diagnostic("create the folder", path, $0, displayName: displayName) }
    }

    /// `mkdir -p`: nil when the folder is there, else the error number of the first failure.
    private static func makeFolderChain(_ path: String) -> Int32? {
        var status = stat()
        if stat(path, &status) == 0 { return status.st_mode & S_IFMT == S_IFDIR ? nil : ENOTDIR }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let failure = makeFolderChain(parent) { return failure }
        if mkdir(path, 0o777) != 0, errno != EEXIST { return errno }
        return nil
    }
}
