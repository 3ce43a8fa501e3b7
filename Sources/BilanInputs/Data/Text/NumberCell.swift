package import Foundation

/// How a data file writes decimals.
package enum NumberConvention: String, Hashable, Sendable {
    /// `1234.5`: a comma-separated file (and every JSON file).
    case decimalPoint = "decimal-point"
    /// `1234,5` or `1 234,5`: a `;`- or tab-separated file, as French Excel writes it.
    case decimalComma = "decimal-comma"

    /// The byte before the decimals.
    var separator: UInt8 { self == .decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".") }
}

/// Types one data cell as a number, in its file's convention, exactly.
///
/// - `.decimalPoint`: `[+-]?[0-9]+(\.[0-9]+)?`, as bilan has always read CSV numbers.
/// - `.decimalComma`: `[+-]?[0-9]+(,[0-9]+)?`, and the same with the integer part in groups of
///   three digits (`412 350,75`, `-1 234 567,5`): a group separator is one U+0020 space,
///   U+00A0 no-break space or U+202F narrow no-break space, any of the three in each gap
///   (they look alike, and Excel, LibreOffice and typing hands each write a different one);
///   the first group has one to three digits and does not start with 0, every other group
///   has exactly three (`12 34`, `1  234`, `1 2345`, `0 123` and `1 234 ` are text).
///
/// Anything else is text, including a number with a space before or after it (` 12`, as
/// bilan has always read it: ``hint(for:convention:)`` says what to write instead) and a
/// number of more than 38 significant digits, which no `Decimal` holds exactly. Values are
/// built from the digits, never through `Double`: `0.1` is exactly one tenth.
package enum NumberCell {
    /// The number a field holds, or nil when it is text (or empty).
    package static func parse(_ field: String, convention: NumberConvention) -> Decimal? {
        if let value = field.utf8.withContiguousStorageIfAvailable({ parse($0, convention: convention) }) {
            return value
        }
        return Array(field.utf8).withUnsafeBufferPointer { parse($0, convention: convention) }
    }

    /// The number the UTF-8 bytes of a field hold, or nil when they are text (or empty).
    package static func parse(_ field: some Collection<UInt8>, convention: NumberConvention) -> Decimal? {
        if let value = field.withContiguousStorageIfAvailable({ parse($0, convention: convention) }) {
            return value
        }
        return Array(field).withUnsafeBufferPointer { parse($0, convention: convention) }
    }

    /// The number the UTF-8 bytes of a field hold, or nil when they are text (or empty).
    package static func parse(_ field: UnsafeBufferPointer<UInt8>, convention: NumberConvention) -> Decimal? {
        guard let digits = scan(field, convention: convention) else { return nil }
        return digits.value(of: field)
    }

    /// Whether a field is written as a number but holds more significant digits (or a
    /// larger exponent) than an exact `Decimal` holds, which ``parse(_:convention:)`` reads
    /// as text.
    package static func isTooPrecise(_ field: String, convention: NumberConvention) -> Bool {
        Array(field.utf8).withUnsafeBufferPointer { bytes in
            guard let digits = scan(bytes, convention: convention) else { return false }
            return digits.value(of: bytes) == nil
        }
    }

    /// Checks the syntax of a field and finds its digits, or nil when it is not a number.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, convention: NumberConvention) -> DecimalDigits? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var digits = DecimalDigits()
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            digits.negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        digits.start = index
        let grouping = convention == .decimalComma
        var groupLength = 0
        var grouped = false
        while index < count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                digits.append(byte &- UInt8(ascii: "0"))
                groupLength += 1
                index += 1
                continue
            }
            guard grouping, groupLength > 0 else { break }
            let separatorLength = groupSeparatorLength(bytes, at: index)
            guard separatorLength > 0 else { break }
            if grouped {
                guard groupLength == 3 else { return nil }
            } else {
                guard groupLength <= 3, bytes[index - groupLength] != UInt8(ascii: "0") else { return nil }
                grouped = true
            }
            groupLength = 0
            index += separatorLength
        }
        guard groupLength > 0, !grouped || groupLength == 3 else { return nil }
        if index < count, bytes[index] == convention.separator {
            index += 1
            let fractionStart = index
            while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                digits.append(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            digits.fractionCount = index - fractionStart
            guard digits.fractionCount > 0 else { return nil }
        }
        guard index == count else { return nil }
        digits.end = count
        return digits
    }

    /// The length of the group separator at `index` (U+0020, U+00A0 or U+202F), or 0.
    static func groupSeparatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x20: return 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0xA0 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF ? 3 : 0
        default: return 0
        }
    }
}

/// The digits of a numeral as a scan finds them, and the exact `Decimal` they make.
struct DecimalDigits {
    var negative = false
    /// The range of bytes that holds the digits (and any separators between them).
    var start = 0
    var end = 0
    /// How many digits there are, and how many follow the decimal separator.
    private(set) var count = 0
    var fractionCount = 0
    /// The ordinals (among the digits) of the first and last digits that are not 0.
    private var firstNonZero = -1
    private var lastNonZero = -1

    /// Counts the next digit.
    mutating func append(_ digit: UInt8) {
        if digit != 0 {
            if firstNonZero < 0 { firstNonZero = count }
            lastNonZero = count
        }
        count += 1
    }

    /// The exact value, reading the digits again from `bytes`; nil beyond 38 significant
    /// digits or `Decimal`'s exponents.
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        guard firstNonZero >= 0 else { return 0 }
        let scale = (count - 1 - lastNonZero) - fractionCount
        guard lastNonZero - firstNonZero < 38, (-128...127).contains(scale) else { return nil }
        // Up to 19 digits fit in one UInt64; the digits before the last 19 go in another.
        let lowStart = max(firstNonZero, lastNonZero - 18)
        var high: UInt64 = 0
        var low: UInt64 = 0
        var ordinal = 0
        var index = start
        while index < end, ordinal <= lastNonZero {
            let digit = bytes[index] &- UInt8(ascii: "0")
            index += 1
            guard digit < 10 else { continue }
            if ordinal >= lowStart {
                low = low &* 10 &+ UInt64(digit)
            } else if ordinal >= firstNonZero {
                high = high &* 10 &+ UInt64(digit)
            }
            ordinal += 1
        }
        // Foundation's own arithmetic, exact at these sizes; its raw-mantissa initializer is
        // not available on Linux.
        var significand = Decimal(low)
        if high > 0 {
            significand += Decimal(sign: .plus, exponent: 19, significand: Decimal(high))
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: scale, significand: significand)
    }
}
