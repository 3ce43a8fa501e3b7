/// Turns the bytes of a UTF-16 file that starts with its byte-order mark into text.
///
/// Two passes over the code units: the first checks them (an unpaired surrogate, a NUL
/// character or a last half unit is a failure) and counts the UTF-8 bytes they make; the
/// second writes those bytes straight into the string's storage.
struct UTF16Transcoder {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let bigEndian: Bool
    /// How many whole code units follow the byte-order mark.
    private let unitCount: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) {
        self.bytes = bytes
        self.bigEndian = bigEndian
        self.unitCount = max(0, (bytes.count - 2) / 2)
    }

    /// The code unit at `index` (counted after the byte-order mark).
    private func unit(_ index: Int) -> UInt16 {
        let first = UInt16(bytes[2 + 2 * index])
        let second = UInt16(bytes[3 + 2 * index])
        return bigEndian ? first << 8 | second : second << 8 | first
    }

    func decode() -> Result<DecodedText, DecodingFailure> {
        var utf8Count = 0
        var index = 0
        while index < unitCount {
            let value = unit(index)
            switch value {
            case 0:
                return .failure(
                    DecodingFailure(
                        "this file holds a NUL character, so it is not text: " + DataTextDecoder.saveAgainAdvice,
                        at: position(of: index)))
            case 0x01..<0x80: utf8Count += 1
            case 0x80..<0x800: utf8Count += 2
            case 0xD800..<0xDC00:
                guard index + 1 < unitCount, (0xDC00..<0xE000).contains(unit(index + 1)) else {
                    return .failure(brokenCharacter(value, at: index))
                }
                utf8Count += 4
                index += 1
            case 0xDC00..<0xE000:
                return .failure(brokenCharacter(value, at: index))
            default: utf8Count += 3
            }
            index += 1
        }
        if bytes.count % 2 != 0 {
            return .failure(
                DecodingFailure(
                    "this UTF-16 file ends in the middle of a character (it has an odd number of bytes), as a file "
                        + "cut short does: " + DataTextDecoder.saveAgainAdvice, at: position(of: unitCount)))
        }
        let text = String(unsafeUninitializedCapacity: utf8Count) { write(into: $0) }
        return .success(DecodedText(text: text, encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian))
    }

    /// Writes the UTF-8 of the checked units; returns how many bytes it wrote.
    private func write(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var out = 0
        var index = 0
        while index < unitCount, out < buffer.count {
            var scalar = UInt32(unit(index))
            if scalar >= 0xD800, scalar < 0xDC00, index + 1 < unitCount {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(unit(index + 1)) - 0xDC00)
                index += 1
            }
            index += 1
            out += UTF8Writer.write(scalar, into: buffer, at: out)
        }
        return out
    }

    private func brokenCharacter(_ value: UInt16, at index: Int) -> DecodingFailure {
        let code = String(value, radix: 16, uppercase: true)
        return DecodingFailure(
            "this UTF-16 file holds a broken character here (the unpaired surrogate 0x\(code)): "
                + DataTextDecoder.saveAgainAdvice, at: position(of: index))
    }

    /// The position of the unit at `target`: a surrogate pair is one column.
    private func position(of target: Int) -> TextPosition {
        var counter = LineCounter()
        for index in 0..<min(target, unitCount) where !(0xDC00..<0xE000).contains(unit(index)) {
            counter.advance(over: UInt32(unit(index)))
        }
        return counter.position
    }
}

/// Writes Unicode scalars as UTF-8.
enum UTF8Writer {
    /// How many bytes of UTF-8 `scalar` takes.
    static func length(of scalar: UInt32) -> Int {
        scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
    }

    /// Writes `scalar` at `offset`, if it fits; returns how many bytes it wrote (0 if not).
    static func write(_ scalar: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let length = length(of: scalar)
        guard offset + length <= buffer.count else { return 0 }
        switch length {
        case 1:
            buffer[offset] = UInt8(scalar)
        case 2:
            buffer[offset] = UInt8(0xC0 | scalar >> 6)
            buffer[offset + 1] = UInt8(0x80 | scalar & 0x3F)
        case 3:
            buffer[offset] = UInt8(0xE0 | scalar >> 12)
            buffer[offset + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar & 0x3F)
        default:
            buffer[offset] = UInt8(0xF0 | scalar >> 18)
            buffer[offset + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[offset + 3] = UInt8(0x80 | scalar & 0x3F)
        }
        return length
    }
}
