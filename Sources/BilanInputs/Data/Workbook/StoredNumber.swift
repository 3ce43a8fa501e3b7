package import Foundation

/// Parses the numbers a workbook stores as text into exact `Decimal`s.
///
/// The text (`1234.5`, `-0.30000000000000004`, `1.0000000000000001E-2`) is read digit by digit,
/// never through `Double`, and then rounded half away from zero to 15 significant digits:
/// Excel and LibreOffice keep 15 digits of precision and write the extra digits of a binary
/// double only as noise, so `0.30000000000000004` is the 0.3 the user typed and sees.
/// Trailing zeros are dropped, so equal numbers compare and hash equal.
package enum StoredNumber {
    /// The number of significant digits kept.
    package static let significantDigits = 15

    /// The result of parsing stored number text.
    package enum Outcome: Hashable, Sendable {
        /// A number within `Decimal`'s range.
        case number(Decimal)
        /// Well-formed, but larger in magnitude than `Decimal` holds (about 10^165).
        case outOfRange
        /// Not a number.
        case invalid
    }

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`, with optional surrounding spaces.
    package static func parse(_ text: String) -> Outcome {
        var digits: [UInt8] = []
        var exponentAdjust = 0
        var negative = false
        var sawDigit = false
        var sawPoint = false
        var bytes = text.utf8[...]
        while let first = bytes.first, first == 0x20 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 { bytes = bytes.dropLast() }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                if digits.isEmpty && byte == UInt8(ascii: "0") {
                    if sawPoint { exponentAdjust -= 1 }
                } else if digits.count <= significantDigits {
                    digits.append(byte - UInt8(ascii: "0"))
                    if sawPoint { exponentAdjust -= 1 }
                } else if !sawPoint {
                    exponentAdjust += 1
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard sawDigit, let value = parseExponent(bytes[bytes.index(after: index)...]) else { return .invalid }
                exponent = value
                index = bytes.endIndex
                break
            } else {
                return .invalid
            }
            index = bytes.index(after: index)
        }
        guard sawDigit else { return .invalid }
        return make(digits: digits, exponent: exponent + exponentAdjust, negative: negative)
    }

    /// Rounds a `Decimal` to 15 significant digits, as parsed numbers are.
    package static func rounded(_ value: Decimal) -> Outcome {
        guard value.isFinite else { return .invalid }
        var description = value.description
        if description.hasPrefix("-") { description.removeFirst() }
        let parsed = parse(description)
        guard case .number(let magnitude) = parsed else { return parsed }
        return .number(value < 0 ? -magnitude : magnitude)
    }

    private static func parseExponent(_ bytes: Substring.UTF8View) -> Int? {
        var rest = bytes
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        var value = 0
        for byte in rest {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 100_000)
        }
        return negative ? -value : value
    }

    /// Builds the number from at most 16 leading significant digits (the 16th only for rounding).
    private static func make(digits: [UInt8], exponent: Int, negative: Bool) -> Outcome {
        var kept = digits
        var power = exponent
        if kept.count > significantDigits {
            let roundUp = kept[significantDigits] >= 5
            kept.removeLast(kept.count - significantDigits)
            power += 1
            if roundUp {
                var position = kept.count - 1
                while position >= 0 {
                    if kept[position] == 9 {
                        kept[position] = 0
                        position -= 1
                    } else {
                        kept[position] += 1
                        break
                    }
                }
                if position < 0 {
                    kept.insert(1, at: 0)
                    kept.removeLast()
                    power += 1
                }
            }
        }
        while let last = kept.last, last == 0 {
            kept.removeLast()
            power += 1
        }
        guard !kept.isEmpty else { return .number(Decimal(0)) }
        var significand: UInt64 = 0
        for digit in kept { significand = significand * 10 + UInt64(digit) }
        // `Decimal` keeps its exponent in -128...127: scale tiny numbers down to fit, or to zero.
        while power < -128 {
            guard significand >= 10 else { return .number(Decimal(0)) }
            let remainder = significand % 10
            significand = significand / 10 + (remainder >= 5 ? 1 : 0)
            power += 1
        }
        guard power <= 127 else { return .outOfRange }
        let magnitude = Decimal(sign: .plus, exponent: power, significand: Decimal(significand))
        return .number(negative ? -magnitude : magnitude)
    }
}
