import CJPEG
import CPNG
import Foundation

/// A photo's pixels: 8-bit rows of grey (1), RGB (3) or RGBA (4) samples, top to bottom.
package struct PixelImage: Sendable, Equatable {
    package var width: Int
    package var height: Int
    package var components: Int
    package var samples: [UInt8]

    package init(width: Int, height: Int, components: Int, samples: [UInt8]) {
        self.width = width
        self.height = height
        self.components = components
        self.samples = samples
    }
}

/// The two photo formats bilan resizes.
package enum PhotoFormat: String, Sendable {
    case jpeg, png

    /// The format a file's name says, nil for any other file (SVG, GIF, WebP… are copied as
    /// they are).
    package init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        default: return nil
        }
    }
}

/// libjpeg-turbo and libpng, through the CJPEG and CPNG system-library targets: the only
/// file that touches their C. Every call copies what it needs into Swift values and frees
/// the C buffers before it returns; errors come back as libjpeg's or libpng's message.
package enum ImageCodec {
    /// What bilan decodes at most: 50 million pixels (about 200 MB of RGBA), so that a small
    /// file that claims to be huge (a decompression bomb) is refused before any allocation.
    package static let maximumPixels = 50_000_000
    /// The quality resized JPEGs are written at, fixed so that output never varies.
    package static let jpegQuality: Int32 = 82

    /// A file's size in pixels and its channels as stored, from its header only.
    package struct Header: Sendable, Equatable {
        package var width: Int
        package var height: Int
    }

    package static func header(_ bytes: [UInt8], format: PhotoFormat) -> Result<Header, ImageError> {
        var width: UInt32 = 0
        var height: UInt32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status: Int32 = bytes.withUnsafeBufferPointer { data in
            switch format {
            case .jpeg:
                var components: Int32 = 0
                return bilan_jpeg_header(
                    data.baseAddress, UInt(data.count), &width, &height, &components, &message, message.count)
            case .png:
                var alpha: Int32 = 0
                return bilan_png_header(data.baseAddress, data.count, &width, &height, &alpha, &message, message.count)
            }
        }
        guard status == 0, width > 0, height > 0 else { return .failure(ImageError(message, status: status)) }
        return .success(Header(width: Int(width), height: Int(height)))
    }

    /// The whole image decoded; a JPEG at 1/`scale` of its size (1, 2, 4 or 8), decoded so
    /// by libjpeg's DCT scaling, which is much faster than decoding all and shrinking. Its
    /// ICC profile comes with it, to be written into the copies.
    package static func decode(
        _ bytes: [UInt8], format: PhotoFormat, scale: Int = 1
    ) -> Result<(image: PixelImage, iccProfile: [UInt8]), ImageError> {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: UInt32 = 0
        var height: UInt32 = 0
        var components: Int32 = 0
        var icc: UnsafeMutablePointer<UInt8>?
        var iccSize: UInt32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status: Int32 = bytes.withUnsafeBufferPointer { data in
            switch format {
            case .jpeg:
                return bilan_jpeg_decode(
                    data.baseAddress, UInt(data.count), UInt(maximumPixels), UInt32(scale), &pixels, &width, &height,
                    &components, &icc, &iccSize, &message, message.count)
            case .png:
                return bilan_png_decode(
                    data.baseAddress, data.count, UInt(maximumPixels), &pixels, &width, &height, &components,
                    &message, message.count)
            }
        }
        defer {
            free(pixels)
            free(icc)
        }
        guard status == 0, let pixels else { return .failure(ImageError(message, status: status)) }
        let count = Int(width) * Int(height) * Int(components)
        let image = PixelImage(
            width: Int(width), height: Int(height), components: Int(components),
            samples: Array(UnsafeBufferPointer(start: pixels, count: count)))
        let profile = icc.map { Array(UnsafeBufferPointer(start: $0, count: Int(iccSize))) } ?? []
        return .success((image, profile))
    }

    /// The image encoded with fixed settings: the same pixels always give the same bytes.
    package static func encode(
        _ image: PixelImage, format: PhotoFormat, iccProfile: [UInt8] = []
    ) -> Result<[UInt8], ImageError> {
        var output: UnsafeMutablePointer<UInt8>?
        var message = [CChar](repeating: 0, count: 256)
        var length = 0
        let status: Int32 = image.samples.withUnsafeBufferPointer { samples in
            iccProfile.withUnsafeBufferPointer { profile in
                switch format {
                case .jpeg:
                    var size: UInt = 0
                    defer { length = Int(size) }
                    return bilan_jpeg_encode(
                        samples.baseAddress, UInt32(image.width), UInt32(image.height), Int32(image.components),
                        jpegQuality, profile.baseAddress, UInt32(profile.count), &output, &size, &message,
                        message.count)
                case .png:
                    return bilan_png_encode(
                        samples.baseAddress, UInt32(image.width), UInt32(image.height), Int32(image.components),
                        &output, &length, &message, message.count)
                }
            }
        }
        defer { free(output) }
        guard status == 0, let output else { return .failure(ImageError(message, status: status)) }
        return .success(Array(UnsafeBufferPointer(start: output, count: length)))
    }
}

/// Why a photo could not be read or written: libjpeg's or libpng's message.
package struct ImageError: Error, Sendable, Equatable {
    package var message: String
    /// The image has more pixels than ``ImageCodec/maximumPixels``.
    package var tooManyPixels: Bool

    package init(message: String, tooManyPixels: Bool = false) {
        self.message = message
        self.tooManyPixels = tooManyPixels
    }

    init(_ message: [CChar], status: Int32) {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.init(message: text.isEmpty ? "not an image of this format" : text, tooManyPixels: status == 2)
    }
}
