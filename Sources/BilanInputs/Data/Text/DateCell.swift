/// How a cell writes a date, before any calendar check (`2024-02-31` has a shape).
package enum DateShape: Hashable, Sendable {
    /// `2024-04-01`: ISO 8601, four-digit year, two-digit month and day.
    case iso(year: Int, month: Int, day: Int)
    /// `2024/04/01`, `2024.4.1`, `2024-4-1`: the year first, other separators or widths.
    case yearFirst(year: Int, month: Int, day: Int, separator: Character)
    /// `01/04/2024`, `1.4.2024`, `1-4-2024`: the year last, day and month in an order that
    /// only a declaration tells.
    case slashed(first: Int, second: Int, year: Int, separator: Character)

    /// Whether the year comes first, which leaves no doubt about the month.
    var isYearFirst: Bool {
        if case .slashed = self { return false }
        return true
    }
}

/// Reads data cells as dates: their shape, their value, and whether a column is one of dates.
///
/// Shapes (see ``DateShape``): `YYYY-MM-DD`; `YYYY/M/D` with `/`, `.` or `-`; `D/M/YYYY`
/// with `/`, `.` or `-`, the same separator twice; months and days of one or two digits
/// (except ISO's two). Any shape may end with a time, ` HH:MM` or ` HH:MM:SS` (`T` instead
/// of the space after ISO; one-digit hours, as en-US Excel writes `4/1/2024 9:30`), which
/// is checked (hours to 23, minutes and seconds to 59) and dropped; a time zone or a
/// fraction of a second makes the cell text, since they can move the day. Two-digit years
/// (`01/04/24`) and spaces around a date make it text.
package enum DateCell {
    /// The shape of a cell, or nil when it is not written as a date.
    package static func shape(of field: String) -> DateShape? {
        if let shape = field.utf8.withContiguousStorageIfAvailable({ shape(of: $0) }) { return shape }
        return Array(field.utf8).withUnsafeBufferPointer { shape(of: $0) }
    }

    /// The shape of a cell's UTF-8 bytes, or nil when they are not written as a date.
    package static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> DateShape? {
        var reader = DigitReader(bytes)
        let (first, firstLength) = reader.number(maxLength: 4)
        let separator = reader.byte { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        guard firstLength > 0, let separator else { return nil }
        let (second, secondLength) = reader.number(maxLength: 2)
        guard secondLength > 0, reader.byte(where: { $0 == separator }) != nil else { return nil }
        let (third, thirdLength) = reader.number(maxLength: 4)
        let shape: DateShape
        switch (firstLength, thirdLength) {
        case (4, 1...2):
            shape =
                separator == UInt8(ascii: "-") && secondLength == 2 && thirdLength == 2
                ? .iso(year: first, month: second, day: third)
                : .yearFirst(year: first, month: second, day: third, separator: Character(Unicode.Scalar(separator)))
        case (1...2, 4):
            shape = .slashed(first: first, second: second, year: third, separator: Character(Unicode.Scalar(separator)))
        default:
            return nil
        }
        guard reader.atEnd || reader.time(allowingT: { if case .iso = shape { true } else { false } }()) else {
            return nil
        }
        return shape
    }

    /// The date a cell holds: year-first shapes in any order, year-last ones only in a
    /// declared day-month or month-day order; nil for anything else or a day that does not exist.
    package static func value(of field: String, order: DateOrder?) -> DateValue? {
        shape(of: field).flatMap { value(of: $0, order: order) }
    }

    /// The date of a shape read in an order (see ``value(of:order:)-(String,_)``).
    package static func value(of shape: DateShape, order: DateOrder?) -> DateValue? {
        switch (shape, order) {
        case (.iso(let year, let month, let day), _), (.yearFirst(let year, let month, let day, _), _):
            DateValue(year: year, month: month, day: day)
        case (.slashed(let first, let second, let year, _), .dayMonth?):
            DateValue(year: year, month: second, day: first)
        case (.slashed(let first, let second, let year, _), .monthDay?):
            DateValue(year: year, month: first, day: second)
        case (.slashed, .yearMonthDay?), (.slashed, nil):
            nil
        }
    }
}

/// Reads the digits and separators of a date cell, one byte at a time.
struct DigitReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    /// Reads up to `maxLength` ASCII digits (stopping at one more: it fails the shape);
    /// returns their value and how many there were.
    mutating func number(maxLength: Int) -> (value: Int, length: Int) {
        var value = 0
        var length = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            guard length < maxLength else { return (0, 0) }
            value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
            length += 1
            index += 1
        }
        return (value, length)
    }

    /// Reads the next byte if `accepted`, and returns it.
    mutating func byte(where accepted: (UInt8) -> Bool) -> UInt8? {
        guard index < bytes.count, accepted(bytes[index]) else { return nil }
        index += 1
        return bytes[index - 1]
    }

    /// Reads the next byte if it is `expected`.
    mutating func skip(_ expected: Character) -> Bool {
        byte { $0 == expected.asciiValue } != nil
    }

    /// Reads ` H:MM`, ` HH:MM` or the same with `:SS` (or `T` before it), in range, to the end.
    mutating func time(allowingT: Bool) -> Bool {
        guard byte(where: { $0 == UInt8(ascii: " ") || allowingT && $0 == UInt8(ascii: "T") }) != nil else {
            return false
        }
        let (hour, hourLength) = number(maxLength: 2)
        guard hourLength > 0, hour <= 23, skip(":") else { return false }
        let (minute, minuteLength) = number(maxLength: 2)
        guard minuteLength == 2, minute <= 59 else { return false }
        if skip(":") {
            let (second, secondLength) = number(maxLength: 2)
            guard secondLength == 2, second <= 59 else { return false }
        }
        return atEnd
    }
}
