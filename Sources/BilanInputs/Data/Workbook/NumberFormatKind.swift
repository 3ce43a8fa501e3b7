/// Whether an `.xlsx` number format shows a date, so that its number cells are read as `.date`.
///
/// Built-in formats (Excel's `numFmtId` without a `numFmt` element): 14–17 and 22 are dates;
/// 27–36 and 50–58 (the East Asian date formats) are treated as dates too, as openpyxl does;
/// 18–21 and 45–47 show only a time of day and stay numbers. A custom `formatCode` is a date
/// when, outside quoted text, `\`-escaped and `_`/`*`-padded characters and `[…]` brackets
/// (colours, conditions, `[$-409]` / `[$-fr-CA]` locales, `[h]` elapsed time), it has a
/// `d` or `y` token or an `m` token that means a month (an `m` after an `h` or before an `s`
/// is minutes). A format with only time tokens (`hh:mm`, `[h]:mm:ss`) stays a number.
package enum NumberFormatKind {
    /// Whether the built-in format `id` shows a date.
    package static func isBuiltInDate(_ id: Int) -> Bool {
        switch id {
        case 14...17, 22, 27...36, 50...58: true
        default: false
        }
    }

    /// Whether the custom format code shows a date.
    package static func isDate(formatCode: String) -> Bool {
        var tokens: [UInt8] = []
        let bytes = Array(formatCode.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index] | 0x20  // ASCII lower case; other bytes never match a token
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                index += 1
            case UInt8(ascii: "["):
                while index < bytes.count, bytes[index] != UInt8(ascii: "]") { index += 1 }
            case UInt8(ascii: "A"), UInt8(ascii: "a"):
                // AM/PM and A/P are time markers, not letters of a token.
                if matchesMarker(bytes, at: index, "am/pm") {
                    index += 4
                } else if matchesMarker(bytes, at: index, "a/p") {
                    index += 2
                }
            default:
                if byte == UInt8(ascii: "d") || byte == UInt8(ascii: "y") || byte == UInt8(ascii: "m")
                    || byte == UInt8(ascii: "h") || byte == UInt8(ascii: "s")
                {
                    if tokens.last != byte { tokens.append(byte) }
                }
            }
            index += 1
        }
        for (position, token) in tokens.enumerated() {
            if token == UInt8(ascii: "d") || token == UInt8(ascii: "y") { return true }
            guard token == UInt8(ascii: "m") else { continue }
            let afterHour = position > 0 && tokens[position - 1] == UInt8(ascii: "h")
            let beforeSecond = position + 1 < tokens.count && tokens[position + 1] == UInt8(ascii: "s")
            if !afterHour && !beforeSecond { return true }
        }
        return false
    }

    private static func matchesMarker(_ bytes: [UInt8], at index: Int, _ marker: String) -> Bool {
        let expected = Array(marker.utf8)
        guard index + expected.count <= bytes.count else { return false }
        for offset in 0..<expected.count where bytes[index + offset] | 0x20 != expected[offset] | 0x20 {
            return false
        }
        return true
    }
}
