package import BilanBase
package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock that lets one build at a time write beside an output folder: an exclusive
/// `flock(2)` on the folder that holds it, released when the value goes (or when the
/// process ends, however it ends, so a killed build never leaves it held).
///
/// Holding it, a build also owns every staging folder it finds there: a `.NAME.bilan-new-PID`
/// or `.NAME.bilan-old-PID` left by a build that was killed is removed (see
/// ``removeStaleFolders(beside:)``). Locking the parent folder rather than a lock file
/// leaves nothing behind in the project.
package struct OutputLock: ~Copyable {
    private let descriptor: Int32

    /// Takes the lock on `parent` (a folder path), waiting while another build holds it;
    /// `waiting` is called once before the wait.
    package static func acquire(
        _ parent: String, displayName: String, waiting: (@Sendable () -> Void)?
    ) -> Result<OutputLock, Diagnostic> {
        let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(OutputFailure.diagnostic("open the folder", parent, errno, displayName: displayName))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let code = errno
                close(descriptor)
                return .failure(OutputFailure.diagnostic("lock the folder", parent, code, displayName: displayName))
            }
            waiting?()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let code = errno
                    close(descriptor)
                    return .failure(OutputFailure.diagnostic("lock the folder", parent, code, displayName: displayName))
                }
            }
        }
        return .success(OutputLock(descriptor: descriptor))
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// The names of the staging folders of `output` (`.NAME.bilan-new-PID`, `.NAME.bilan-old-PID`).
    package static func stagingName(of output: URL, _ kind: String, pid: Int32) -> String {
        ".\(output.lastPathComponent).bilan-\(kind)-\(pid)"
    }

    /// Removes the staging folders that killed builds left beside `output`; only folders
    /// with exactly those names, that are real folders (not links) and that bilan marked
    /// (or that are empty: killed right after they were made). The lock must be held:
    /// no other build is then writing one.
    package func removeStaleFolders(beside output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).bilan-"
        guard case .success(let names?) = FolderListing.names(atPath: parent.path, as: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), ["new", "old"].contains(rest[..<dash]) else { continue }
            let pid = rest[rest.index(after: dash)...]
            guard !pid.isEmpty, pid.allSatisfy(\.isASCII), pid.allSatisfy(\.isNumber) else { continue }
            let folder = parent.appendingPathComponent(name)
            var status = stat()
            guard lstat(folder.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
                contents.isEmpty || contents.contains(OutputWriter.markerName)
            else { continue }
            Self.removeMarkedFolder(folder)
        }
    }

    /// Removes a folder bilan made, its mark last: a removal cut short by a kill leaves a
    /// folder still marked, which the next build recognises and removes.
    package static func removeMarkedFolder(_ folder: URL) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name != OutputWriter.markerName {
            try? fileManager.removeItem(at: folder.appendingPathComponent(name))
        }
        try? fileManager.removeItem(at: folder)
    }
}
