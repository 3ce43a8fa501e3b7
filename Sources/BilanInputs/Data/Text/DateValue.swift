/// A day of the (proleptic) Gregorian calendar, from the year 1000 to 9999.
///
/// Only real days exist: `2024-02-29` does, `2023-02-29` and `2024-04-31` do not. Dates
/// compare in calendar order.
public struct DateValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date may have: four digits, no year 0 to argue about.
    package static let years = 1000...9999

    /// The date, or nil when it is not a real day of a year in ``years``.
    package init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// How many days a month has (1...12), February 29 in leap years.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether a year has a February 29: divisible by 4, except centuries not divisible by 400.
    package static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The date as ISO 8601 writes it: `2024-04-01`.
    public var iso: String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public var description: String { iso }

    public static func < (lhs: DateValue, rhs: DateValue) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// The order of the day and the month in a date written with the year last (`01/04/2024`),
/// as a data declaration spells it (`dates: day-month`).
public enum DateOrder: String, Hashable, Sendable, CaseIterable {
    /// `01/04/2024` is April 1 (fr-CA, en-GB).
    case dayMonth = "day-month"
    /// `01/04/2024` is January 4 (en-US).
    case monthDay = "month-day"
    /// Every date is written with the year first (`2024-04-01`, `2024/04/01`): a date
    /// with the year last is not a date of this column.
    case yearMonthDay = "year-month-day"
}
