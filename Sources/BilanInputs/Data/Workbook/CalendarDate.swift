package import Foundation

/// A proleptic Gregorian calendar date, and the conversions from Excel serials and ISO 8601 text.
package struct CalendarDate: Hashable, Sendable {
    /// The year; may be zero or negative for ISO dates before year 1.
    package var year: Int
    /// The month, 1–12.
    package var month: Int
    /// The day of the month, 1–31.
    package var day: Int

    /// The largest serial spreadsheets accept as a date: 31 December 9999 in the 1900 system.
    package static let maximumSerial = 2_958_465

    /// Makes a date from its parts, unchecked.
    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The cell value for this date.
    package var cell: WorkbookCell { .date(year: year, month: month, day: day) }

    /// The date of an Excel serial in `system`; the fraction (the time of day) is dropped.
    ///
    /// In the 1900 system serial 1 is 1 January 1900, serial 60 is Excel's fictitious
    /// 29 February 1900 (kept as Excel shows it), and serials from 61 on are one day less than
    /// a plain count from 31 December 1899 would give. Serials below 1 (1900) or 0 (1904), and
    /// above 31 December 9999, are not dates: `nil`, and the cell stays a number.
    package init?(serial: Decimal, system: WorkbookDateSystem) {
        guard serial.isFinite else { return nil }
        var value = serial
        var whole = Decimal()
        NSDecimalRound(&whole, &value, 0, .down)
        guard whole >= 0, whole <= Decimal(Self.maximumSerial) else { return nil }
        let days = NSDecimalNumber(decimal: whole).intValue
        switch system {
        case .excel1900:
            if days < 1 { return nil }
            if days == 60 {
                self.init(year: 1900, month: 2, day: 29)
                return
            }
            // Days since 1970-01-01: serial 25569 is 1970-01-01 for serials after the fictitious day.
            self.init(daysSinceEpoch: days < 60 ? days - 25568 : days - 25569)
        case .excel1904:
            self.init(daysSinceEpoch: days - 24107)
        }
    }

    /// The date of ISO 8601 text such as `2024-04-01` or `2024-04-01T10:00:00`; the time is dropped.
    package init?(iso text: String) {
        let datePart = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var fields = datePart.split(separator: "-", omittingEmptySubsequences: false)
        var negative = false
        if fields.first == "" {
            negative = true
            fields.removeFirst()
        }
        guard fields.count == 3, fields[0].count >= 4, fields[1].count == 2, fields[2].count == 2,
            fields.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
            fields[0].count <= 6, let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]),
            (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: negative ? -year : year)
        else { return nil }
        self.init(year: negative ? -year : year, month: month, day: day)
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    package init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
