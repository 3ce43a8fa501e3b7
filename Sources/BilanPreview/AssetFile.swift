import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A project file opened for one download, sent in chunks rather than read whole: three
/// downloads of a 256 MB video cost three 64 KiB buffers, not three copies of it.
///
/// Only a regular file is ever opened, and opening never waits: the path is looked at
/// first (a FIFO, a device or a folder is refused before `open`), then opened with
/// `O_NONBLOCK` and looked at again through the descriptor (so a file swapped for a FIFO
/// in between is refused too). The descriptor is closed when the value goes away.
final class AssetFile: @unchecked Sendable {
    // Sendable by hand: the descriptor never changes, is read with pread (no shared offset)
    // and closed once, in deinit.
    let descriptor: Int32
    /// The size when opened, sent as `Content-Length`; a file that grows is sent to this
    /// size, one that shrinks ends the connection early.
    let size: Int

    /// The size of the chunks read and sent.
    static let chunkSize = 64 * 1024

    /// Opens `path` when it is a regular file; nil for anything else or when it fails.
    init?(path: String) {
        var before = stat()
        guard stat(path, &before) == 0, before.st_mode & S_IFMT == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG,
            opened.st_dev == before.st_dev, opened.st_ino == before.st_ino
        else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        size = Int(opened.st_size)
    }

    deinit { close(descriptor) }

    /// The bytes from `offset`, at most `count` of them; empty at the end of the file,
    /// nil when reading fails.
    func read(at offset: Int, count: Int) -> Data? {
        var data = Data(count: count)
        let read = data.withUnsafeMutableBytes { buffer in
            pread(descriptor, buffer.baseAddress, count, off_t(offset))
        }
        guard read >= 0 else { return nil }
        data.count = read
        return data
    }

    /// The whole file, for one small enough to send at once.
    func readAll() -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        while bytes.count < size {
            guard let chunk = read(at: bytes.count, count: Swift.min(Self.chunkSize, size - bytes.count)),
                !chunk.isEmpty
            else { return nil }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
