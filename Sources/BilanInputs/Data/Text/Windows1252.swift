/// The Windows-1252 code page (WHATWG and Microsoft's table), read byte by byte.
///
/// 0x00–0x7F are ASCII and 0xA0–0xFF are U+00A0–U+00FF; 0x80–0x9F are the table below,
/// where 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined (0).
enum Windows1252 {
    /// The scalars of 0x80–0x9F, 0 where undefined.
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87: € ‚ ƒ „ … † ‡
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,  // 88–8F: ˆ ‰ Š ‹ Œ Ž
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97: ‘ ’ “ ” • – —
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,  // 98–9F: ˜ ™ š › œ ž Ÿ
    ]

    /// The scalar a byte stands for, or nil for the five undefined bytes.
    static func scalar(_ byte: UInt8) -> UInt32? {
        guard byte >= 0x80, byte < 0xA0 else { return UInt32(byte) }
        let value = high[Int(byte - 0x80)]
        return value == 0 ? nil : value
    }

    /// The offset of the first undefined byte, or nil.
    static func firstUndefinedByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0 >= 0x80 && $0 < 0xA0 && high[Int($0 - 0x80)] == 0 }
    }

    /// The position of the first byte that is not ASCII, or nil (each byte is one character).
    static func firstNonASCIIPosition(_ bytes: UnsafeBufferPointer<UInt8>) -> TextPosition? {
        var counter = LineCounter()
        for byte in bytes {
            if byte >= 0x80 { return counter.position }
            counter.advance(over: UInt32(byte))
        }
        return nil
    }

    /// The text of bytes that have no undefined byte (an undefined one would be dropped).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var length = 0
        for byte in bytes {
            length += byte < 0x80 ? 1 : UTF8Writer.length(of: scalar(byte) ?? 0x80)
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var out = 0
            for byte in bytes {
                if byte < 0x80, out < buffer.count {
                    buffer[out] = byte
                    out += 1
                } else if let scalar = scalar(byte) {
                    out += UTF8Writer.write(scalar, into: buffer, at: out)
                }
            }
            return out
        }
    }
}
