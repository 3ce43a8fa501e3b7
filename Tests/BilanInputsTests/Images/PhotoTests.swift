import Foundation
import Testing
@testable import BilanInputs

/// Photos through libjpeg-turbo and libpng: headers, the widths of the copies, copies
/// byte-identical run to run, EXIF orientation, and the files bilan refuses.
@Suite struct PhotoTests {
    /// A picture with detail in it (gradients and a checkerboard), `components` per pixel.
    static func picture(width: Int, height: Int, components: Int) -> PixelImage {
        // One row of each kind, repeated: fast enough in a debug build.
        func row(_ y: Int) -> [UInt8] {
            (0..<width * components).map { index in
                let (x, channel) = (index / components, index % components)
                if channel == 3 { return UInt8(x * 255 / max(1, width - 1)) }
                return UInt8((x + y * 7 * channel) % 200 + ((x / 8 + y / 8) % 2 == 0 ? 40 : 0))
            }
        }
        let rows = (0..<16).map(row)
        var samples: [UInt8] = []
        samples.reserveCapacity(width * height * components)
        for y in 0..<height { samples += rows[y % 16] }
        return PixelImage(width: width, height: height, components: components, samples: samples)
    }

    static func jpeg(width: Int, height: Int) throws -> [UInt8] {
        try ImageCodec.encode(picture(width: width, height: height, components: 3), format: .jpeg).get()
    }

    @Test func copiesAreTheStandardWidthsNeverUpscaled() {
        func widths(_ width: Int) -> [Int] {
            Photo(path: "content/assets/a.jpg", format: .jpeg, byteCount: 0, width: width, height: 100).copyWidths
        }
        #expect(widths(4000) == [480, 960, 1600])
        #expect(widths(1600) == [480, 960, 1600])
        #expect(widths(1200) == [480, 960, 1200])
        #expect(widths(480) == [480])
        #expect(widths(300) == [300])
        let photo = Photo(path: "content/assets/a.jpg", format: .jpeg, byteCount: 0, width: 4000, height: 3000)
        #expect(photo.height(atWidth: 960) == 720)
        #expect(photo.copyPath(width: 960) == "content/assets/a-960w.jpg")
        #expect(photo.singleFileCopyWidth == 960)
    }

    @Test func aJPEGIsResizedToEachWidthTheSameBytesTwice() throws {
        let bytes = try Self.jpeg(width: 2000, height: 1500)
        let photo = try Photo.read(bytes, path: "content/assets/aga.jpg").get()
        #expect(photo.width == 2000 && photo.height == 1500 && photo.orientation == 1)
        let first = try photo.copies(from: bytes).get()
        let second = try photo.copies(from: bytes).get()
        #expect(first == second)
        #expect(first.map(\.width) == [480, 960, 1600])
        #expect(first.map(\.height) == [360, 720, 1200])
        for copy in first {
            let header = try ImageCodec.header(copy.bytes, format: .jpeg).get()
            #expect(header == ImageCodec.Header(width: copy.width, height: copy.height))
        }
    }

    @Test func aPNGWithAlphaKeepsItAndIsDeterministic() throws {
        let bytes = try ImageCodec.encode(Self.picture(width: 700, height: 350, components: 4), format: .png).get()
        let photo = try Photo.read(bytes, path: "content/assets/logo.png").get()
        let copies = try photo.copies(from: bytes).get()
        #expect(copies.map(\.width) == [480, 700])
        #expect(try photo.copies(from: bytes).get() == copies)
        let small = try ImageCodec.decode(copies[0].bytes, format: .png).get().image
        #expect(small.components == 4 && small.width == 480 && small.height == 240)
    }

    @Test func areaAveragingKeepsAFlatColourFlat() {
        let flat = PixelImage(width: 7, height: 5, components: 3, samples: [UInt8](repeating: 200, count: 105))
        let smaller = PhotoResizer.resized(flat, width: 3, height: 2)
        #expect(smaller.samples == [UInt8](repeating: 200, count: 18))
    }

    @Test func exifOrientationTurnsThePhoto() throws {
        // A JPEG with an APP1 Exif block saying orientation 6 (turned 90° clockwise).
        var bytes = try Self.jpeg(width: 40, height: 20)
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0, 42, 0, 0, 0, 8,  // big-endian, IFD0 at 8
            0, 1,  // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,  // Orientation SHORT 6
            0, 0, 0, 0,
        ]
        let payload: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0] + tiff
        let length = payload.count + 2
        bytes.insert(contentsOf: [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload, at: 2)
        #expect(ExifOrientation.read(bytes) == 6)
        let photo = try Photo.read(bytes, path: "content/assets/p.jpg").get()
        #expect(photo.width == 20 && photo.height == 40)
        let copies = try photo.copies(from: bytes).get()
        #expect(copies.map(\.width) == [20] && copies.map(\.height) == [40])
        let image = PixelImage(width: 2, height: 1, components: 1, samples: [1, 2])
        #expect(PhotoResizer.oriented(image, 6).samples == [1, 2])
        #expect(PhotoResizer.oriented(image, 6).width == 1)
        #expect(PhotoResizer.oriented(image, 3).samples == [2, 1])
    }

    @Test func aDamagedFileIsAnErrorNotAHalfPhoto() throws {
        let bytes = try Self.jpeg(width: 300, height: 200)
        let truncated = Array(bytes.prefix(bytes.count / 2))
        let photo = try Photo.read(truncated, path: "content/assets/cut.jpg").get()
        #expect(throws: ImageError.self) { try photo.copies(from: truncated).get() }
        #expect(throws: ImageError.self) { try Photo.read(Array("not a photo".utf8), path: "x.png").get() }
        #expect(throws: ImageError.self) { try Photo.read([0xFF, 0xD8, 0xFF], path: "x.jpg").get() }
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() throws {
        // A valid PNG header claiming 100,000 × 100,000 pixels, with no data behind it.
        var header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        let size: [UInt8] = [0, 0x01, 0x86, 0xA0]
        let body = size + size + [8, 2, 0, 0, 0]
        header += body
        header += crc(Array("IHDR".utf8) + body)
        header += [0, 0, 0, 0] + Array("IDAT".utf8) + crc(Array("IDAT".utf8))
        header += [0, 0, 0, 0] + Array("IEND".utf8) + crc(Array("IEND".utf8))
        let result = Photo.read(header, path: "content/assets/bomb.png")
        guard case .failure(let error) = result else {
            Issue.record("the bomb was read")
            return
        }
        #expect(error.tooManyPixels)
    }

    func crc(_ bytes: [UInt8]) -> [UInt8] {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        return [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }
}
