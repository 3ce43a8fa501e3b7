public import Foundation
import BilanBase

/// A photo of the project (a JPEG or PNG file under `content/`) as its header describes it:
/// its size upright, and the widths the site shows it at.
package struct Photo: Sendable, Equatable {
    /// The widths a photo is resized to, those narrower than the photo, and the photo's
    /// own width when it is at most the last: never upscaled.
    package static let widths = [480, 960, 1600]
    /// The copy the single file and the PDF show (or the widest below it).
    package static let singleFileWidth = 960
    /// Above this many bytes a photo is `large-image` (5 MB).
    package static let largeFileSize = 5_000_000
    /// Above this many pixels on either side a photo is `large-image`.
    package static let largeDimension = 4000

    /// The file, relative to the project (`content/assets/aga.jpg`).
    package var path: String
    package var format: PhotoFormat
    package var byteCount: Int
    /// The size as a viewer shows it (EXIF orientation applied).
    package var width: Int
    package var height: Int
    /// The EXIF orientation, 1 (upright) to 8.
    package var orientation: Int

    package init(path: String, format: PhotoFormat, byteCount: Int, width: Int, height: Int, orientation: Int = 1) {
        self.path = path
        self.format = format
        self.byteCount = byteCount
        self.width = width
        self.height = height
        self.orientation = orientation
    }

    /// The widths of the photo's copies, narrowest first.
    package var copyWidths: [Int] {
        var result = Self.widths.filter { $0 < width }
        if width <= Self.widths[Self.widths.count - 1] { result.append(width) }
        return result
    }

    /// The height of the copy `copyWidth` wide, the photo's proportions rounded to the pixel.
    package func height(atWidth copyWidth: Int) -> Int {
        max(1, (height * copyWidth + width / 2) / width)
    }

    /// The copy the single file shows: 960 pixels wide, or the widest narrower.
    package var singleFileCopyWidth: Int {
        copyWidths.last { $0 <= Self.singleFileWidth } ?? copyWidths[0]
    }

    /// Where the copy `copyWidth` wide stands, as a path like the photo's own:
    /// `content/assets/aga.jpg` → `content/assets/aga-960w.jpg`.
    package func copyPath(width copyWidth: Int) -> String {
        let name = path as NSString
        let stem = name.deletingPathExtension
        return "\(stem)-\(copyWidth)w.\(name.pathExtension)"
    }

    /// Why the photo is heavier than a page needs, or nil.
    package var largeReason: String? {
        let megabytes = Double(byteCount) / 1_000_000
        if byteCount > Self.largeFileSize {
            let size = String(format: "%.1f", megabytes)
            return "this photo is \(size) MB (\(width)×\(height) pixels), more than the 5 MB bilan expects"
        }
        if max(width, height) > Self.largeDimension {
            return "this photo is \(width)×\(height) pixels, more than the \(Self.largeDimension) pixels bilan expects"
        }
        return nil
    }
}

/// The copies of one photo, one per width, as the site writes them.
package struct PhotoCopy: Sendable, Equatable {
    package var width: Int
    package var height: Int
    package var bytes: [UInt8]
}

extension Photo {
    /// Reads the photo's header (and EXIF orientation) from its bytes.
    package static func read(_ bytes: [UInt8], path: String) -> Result<Photo, ImageError> {
        guard let format = PhotoFormat(path: path) else {
            return .failure(ImageError(message: "not a JPEG or PNG file"))
        }
        return ImageCodec.header(bytes, format: format).flatMap { header in
            guard header.width * header.height <= ImageCodec.maximumPixels else {
                return .failure(
                    ImageError(
                        message: "\(header.width)×\(header.height) pixels is more than bilan decodes "
                            + "(\(ImageCodec.maximumPixels / 1_000_000) million)", tooManyPixels: true))
            }
            let orientation = format == .jpeg ? ExifOrientation.read(bytes) : 1
            let turned = orientation >= 5
            return .success(
                Photo(
                    path: path, format: format, byteCount: bytes.count,
                    width: turned ? header.height : header.width, height: turned ? header.width : header.height,
                    orientation: orientation))
        }
    }

    /// Every copy of the photo, from its bytes: decoded once (a JPEG at the smallest DCT
    /// scale still wider than the widest copy), turned upright, shrunk to each width and
    /// encoded with fixed settings, so that the same file always gives the same copies.
    package func copies(from bytes: [UInt8]) -> Result<[PhotoCopy], ImageError> {
        let widest = copyWidths[copyWidths.count - 1]
        var scale = 1
        if format == .jpeg {
            let stored = orientation >= 5 ? height : width
            let storedOther = orientation >= 5 ? width : height
            let other = self.height(atWidth: widest)
            for candidate in [8, 4, 2] where scale == 1 {
                if (stored + candidate - 1) / candidate >= widest, (storedOther + candidate - 1) / candidate >= other {
                    scale = candidate
                }
            }
        }
        return ImageCodec.decode(bytes, format: format, scale: scale).flatMap { decoded in
            let upright = PhotoResizer.oriented(decoded.image, orientation)
            var result: [PhotoCopy] = []
            for copyWidth in copyWidths {
                let copyHeight = height(atWidth: copyWidth)
                let image = PhotoResizer.resized(upright, width: copyWidth, height: copyHeight)
                switch ImageCodec.encode(image, format: format, iccProfile: decoded.iccProfile) {
                case .success(let encoded):
                    result.append(PhotoCopy(width: copyWidth, height: copyHeight, bytes: encoded))
                case .failure(let error):
                    return .failure(error)
                }
            }
            return .success(result)
        }
    }
}

/// The project's photos, each read from its header: every JPEG and PNG file under
/// `content/` (hidden folders aside), by path relative to the project.
package struct PhotoCatalog: Sendable {
    package var photos: [String: Result<Photo, ImageError>]

    package init(photos: [String: Result<Photo, ImageError>] = [:]) {
        self.photos = photos
    }

    package static func load(projectRoot: URL) -> PhotoCatalog {
        let folder = projectRoot.appendingPathComponent("content")
        guard
            let files = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return PhotoCatalog() }
        var paths: [String] = []
        let prefix = folder.standardizedFileURL.path.count + 1
        for case let url as URL in files
        where PhotoFormat(path: url.path) != nil
            && (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
        {
            let relative = "content/" + String(url.standardizedFileURL.path.dropFirst(prefix))
            if ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: relative) == nil {
                paths.append(relative)
            }
        }
        paths.sort()
        let read = ParallelMap.map(paths) { path -> Result<Photo, ImageError> in
            switch SourceText.readBytes(projectRoot.appendingPathComponent(path), as: path) {
            case .failure(let diagnostic): return .failure(ImageError(message: diagnostic.message))
            case .success(let bytes): return Photo.read(bytes, path: path)
            }
        }
        return PhotoCatalog(photos: Dictionary(uniqueKeysWithValues: zip(paths, read)))
    }

    /// The photos that read, by path.
    package var readable: [String: Photo] {
        photos.compactMapValues { try? $0.get() }
    }
}
