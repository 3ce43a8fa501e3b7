import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input file opened for reading only when it is an ordinary file, so that a named
/// pipe, a device or a socket can never make bilan wait for ever.
///
/// The file is opened without blocking and checked on its descriptor (no window between
/// a check and the open); each way it can fail is a located diagnostic that says what the
/// person can do: a missing file, a dangling link, a loop of links, a permission, a folder,
/// a special file.
package final class RegularFile {
    /// The open descriptor, closed when the value goes.
    package let descriptor: Int32
    /// The file's size in bytes when it was opened.
    package let size: Int

    /// Opens the file at `path`; `file` is how diagnostics name it.
    package static func open(_ path: String, as file: String) -> Result<RegularFile, Diagnostic> {
        let location = SourceLocation(file: file)
        let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(openFailure(errno, path: path, at: location)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = errno
            close(descriptor)
            return .failure(.error(.unreadableFile, "cannot read this file: \(describe(reason))", at: location))
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(descriptor)
            return .failure(.error(.unreadableFile, notRegularMessage(kind), at: location))
        }
        // Reads of a regular file never block; the flag only mattered for the open.
        _ = fcntl(descriptor, F_SETFL, 0)
        return .success(RegularFile(descriptor: descriptor, size: Int(status.st_size)))
    }

    private init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    /// Reads the whole file; one that grows while it is read is read until it passes
    /// ``SourceText/maximumFileSize``, which the caller's size check then refuses.
    package func readAll(as file: String) -> Result<[UInt8], Diagnostic> {
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                let reason = Self.describe(errno)
                let location = SourceLocation(file: file)
                return .failure(.error(.unreadableFile, "cannot read this file: \(reason)", at: location))
            }
            if read == 0 { break }
            count += read
            if count > size, count > SourceText.maximumFileSize { break }
        }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }

    /// What the system's error number means, as the system says it.
    package static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Why `open` failed, in words that say what to do.
    private static func openFailure(_ code: Int32, path: String, at location: SourceLocation) -> Diagnostic {
        switch code {
        case ENOENT:
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                return .error(
                    .missingFile, "this is a symbolic link to a file that does not exist: fix or remove the link",
                    at: location)
            }
            return .error(.missingFile, "file not found", at: location)
        case ENOTDIR:
            return .error(.missingFile, "file not found: a part of its path is a file, not a folder", at: location)
        case ELOOP:
            return .error(
                .unreadableFile,
                "this is a loop of symbolic links (they lead back to one another, never to a file): fix the links",
                at: location)
        case EACCES, EPERM:
            return .error(
                .unreadableFile,
                "permission denied: bilan may not read this file (check the permissions of the file and of its "
                    + "folders)",
                at: location)
        default:
            return .error(.unreadableFile, "cannot read this file: \(describe(code))", at: location)
        }
    }

    /// Why a file of this kind is not read.
    private static func notRegularMessage(_ kind: mode_t) -> String {
        let what: String
        switch kind {
        case S_IFDIR: return "this is a folder, not a file"
        case S_IFIFO: what = "a named pipe (FIFO)"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR, S_IFBLK: what = "a device"
        default: what = "a special file"
        }
        return "this is \(what), not an ordinary file: bilan reads only ordinary files, so that nothing can make "
            + "a build wait for ever; replace it with the file itself"
    }
}

/// The system's `open(2)` (inside ``RegularFile``, `open` names its own method).
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}

/// The system's `read(2)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
