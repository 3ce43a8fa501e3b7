/// Shrinks and turns photos, in integer arithmetic only, so that the same pixels give the
/// same copy on every machine.
package enum PhotoResizer {
    /// `image` at `width` by `height` (never larger than it is: bilan does not upscale),
    /// each target pixel the average of the source pixels it covers, weighted by how much
    /// of each it covers (area averaging, right for shrinking photos). With an alpha
    /// channel, colours are averaged premultiplied, so transparent pixels leave no fringe.
    package static func resized(_ image: PixelImage, width: Int, height: Int) -> PixelImage {
        guard width != image.width || height != image.height else { return image }
        let channels = image.components
        var samples = image.samples
        let alpha = channels == 4
        if alpha { premultiply(&samples) }
        // Rows first (into 8 extra bits of precision), then columns.
        let columns = Weights(from: image.width, to: width)
        let rows = Weights(from: image.height, to: height)
        var wide = [UInt16](repeating: 0, count: width * image.height * channels)
        samples.withUnsafeBufferPointer { source in
            wide.withUnsafeMutableBufferPointer { target in
                columns.weights.withUnsafeBufferPointer { weights in
                    for y in 0..<image.height {
                        let sourceRow = y * image.width * channels
                        var targetIndex = y * width * channels
                        for x in 0..<width {
                            let (first, start, end) = (columns.first[x], columns.start[x], columns.start[x + 1])
                            for channel in 0..<channels {
                                var sum = 0
                                var index = sourceRow + first * channels + channel
                                for weight in start..<end {
                                    sum += Int(source[index]) * weights[weight]
                                    index += channels
                                }
                                target[targetIndex] = UInt16(truncatingIfNeeded: (sum + 128) >> 8)
                                targetIndex += 1
                            }
                        }
                    }
                }
            }
        }
        var result = [UInt8](repeating: 0, count: width * height * channels)
        let stride = width * channels
        var sums = [Int](repeating: 0, count: stride)
        wide.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                rows.weights.withUnsafeBufferPointer { weights in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for y in 0..<height {
                            for index in 0..<stride { sums[index] = 0 }
                            var row = rows.first[y] * stride
                            for weight in rows.start[y]..<rows.start[y + 1] {
                                let factor = weights[weight]
                                for index in 0..<stride { sums[index] += Int(source[row + index]) * factor }
                                row += stride
                            }
                            let base = y * stride
                            for index in 0..<stride {
                                let value = min(255, (sums[index] + (1 << 23)) >> 24)
                                target[base + index] = UInt8(truncatingIfNeeded: value)
                            }
                        }
                    }
                }
            }
        }
        if alpha { unpremultiply(&result) }
        return PixelImage(width: width, height: height, components: channels, samples: result)
    }

    /// For each of `target` pixels along an axis of `source` pixels, the source pixels it
    /// covers: the first (`first`), and each one's weight out of 65,536 (`weights`, from
    /// `start[t]` to `start[t + 1]`; those of one target pixel add up to exactly 65,536).
    /// Target pixel `t` covers `[t·source, (t+1)·source)` and source pixel `s` covers
    /// `[s·target, (s+1)·target)`, in units of 1/(source·target) of the axis.
    struct Weights {
        var first: [Int] = []
        var start: [Int] = [0]
        var weights: [Int] = []

        init(from source: Int, to target: Int) {
            for t in 0..<target {
                let low = t * source
                let high = (t + 1) * source
                let firstPixel = low / target
                var total = 0
                for s in firstPixel...((high - 1) / target) {
                    let overlap = min(high, (s + 1) * target) - max(low, s * target)
                    let weight = overlap * 65_536 / source
                    weights.append(weight)
                    total += weight
                }
                weights[weights.count - 1] += 65_536 - total
                first.append(firstPixel)
                start.append(weights.count)
            }
        }
    }

    static func premultiply(_ samples: inout [UInt8]) {
        for pixel in stride(from: 0, to: samples.count, by: 4) {
            let alpha = Int(samples[pixel + 3])
            for channel in 0..<3 {
                samples[pixel + channel] = UInt8((Int(samples[pixel + channel]) * alpha + 127) / 255)
            }
        }
    }

    static func unpremultiply(_ samples: inout [UInt8]) {
        for pixel in stride(from: 0, to: samples.count, by: 4) {
            let alpha = Int(samples[pixel + 3])
            for channel in 0..<3 {
                samples[pixel + channel] =
                    alpha == 0 ? 0 : UInt8(min(255, (Int(samples[pixel + channel]) * 255 + alpha / 2) / alpha))
            }
        }
    }

    /// `image` turned upright as its EXIF orientation (1 to 8) says a viewer should show it.
    package static func oriented(_ image: PixelImage, _ orientation: Int) -> PixelImage {
        guard (2...8).contains(orientation) else { return image }
        let (width, height, channels) = (image.width, image.height, image.components)
        let swaps = orientation >= 5
        let (newWidth, newHeight) = swaps ? (height, width) : (width, height)
        var result = [UInt8](repeating: 0, count: image.samples.count)
        image.samples.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in 0..<newHeight {
                    for x in 0..<newWidth {
                        // The source pixel shown at (x, y).
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (width - 1 - x, y)
                        case 3: (sx, sy) = (width - 1 - x, height - 1 - y)
                        case 4: (sx, sy) = (x, height - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, height - 1 - x)
                        case 7: (sx, sy) = (width - 1 - y, height - 1 - x)
                        default: (sx, sy) = (width - 1 - y, x)
                        }
                        let from = (sy * width + sx) * channels
                        let to = (y * newWidth + x) * channels
                        for channel in 0..<channels { target[to + channel] = source[from + channel] }
                    }
                }
            }
        }
        return PixelImage(width: newWidth, height: newHeight, components: channels, samples: result)
    }
}

/// The orientation a JPEG's EXIF block gives (1 to 8; 1, upright, when it has none), read
/// from the APP1 segment before the image data.
package enum ExifOrientation {
    package static func read(_ bytes: [UInt8]) -> Int {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return 1 }
        var index = 2
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            // Start of scan, or a frame header: no EXIF block comes after.
            if marker == 0xDA || length < 2 { return 1 }
            let start = index + 4
            let end = index + 2 + length
            if marker == 0xE1, end <= bytes.count, end - start > 14,
                Array(bytes[start..<start + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0]
            {
                return orientation(inTIFF: Array(bytes[(start + 6)..<end])) ?? 1
            }
            index = end
        }
        return 1
    }

    /// Tag 0x0112 of the first image directory of a TIFF block.
    static func orientation(inTIFF tiff: [UInt8]) -> Int? {
        guard tiff.count >= 8 else { return nil }
        let little = tiff[0] == 0x49
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard let directory = u32(4), let count = u16(directory) else { return nil }
        for entry in 0..<min(count, 512) {
            let at = directory + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112, let value = u16(at + 8), (1...8).contains(value) { return value }
        }
        return nil
    }
}
