public import Foundation
import BilanBase

/// The resized copies of the project's photos, each made once per content: the single
/// file's renderer and the site's writer ask for the same photo from several threads,
/// and `bilan serve` keeps the copies of the photos that did not change.
///
/// A photo is read again on every request, and its copies kept under its SHA-256: a
/// file replaced by another of the same name is never served stale.
package final class PhotoCopies: @unchecked Sendable {
    package let projectRoot: URL
    // Guarded by `condition`: each photo's copies by path, made or being made.
    private let condition = NSCondition()
    private var made: [String: (digest: String, copies: Result<[PhotoCopy], ImageError>)] = [:]
    private var making: Set<String> = []

    package init(projectRoot: URL) {
        self.projectRoot = projectRoot
    }

    /// Every copy of `photo` (``Photo/copies(from:)``), made when not already.
    package func copies(of photo: Photo) -> Result<[PhotoCopy], ImageError> {
        let bytes: [UInt8]
        switch SourceText.readBytes(projectRoot.appendingPathComponent(photo.path), as: photo.path) {
        case .failure(let diagnostic): return .failure(ImageError(message: diagnostic.message))
        case .success(let read): bytes = read
        }
        let digest = SHA256.hex(bytes)
        condition.lock()
        while making.contains(photo.path) { condition.wait() }
        if let done = made[photo.path], done.digest == digest {
            condition.unlock()
            return done.copies
        }
        making.insert(photo.path)
        condition.unlock()
        let copies = Photo.read(bytes, path: photo.path).flatMap { $0.copies(from: bytes) }
        condition.lock()
        made[photo.path] = (digest, copies)
        making.remove(photo.path)
        condition.broadcast()
        condition.unlock()
        return copies
    }

    /// The copy of `photo` `width` pixels wide, nil when it cannot be made.
    package func copy(of photo: Photo, width: Int) -> PhotoCopy? {
        (try? copies(of: photo).get())?.first { $0.width == width }
    }
}
