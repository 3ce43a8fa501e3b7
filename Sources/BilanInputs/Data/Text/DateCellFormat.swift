package import Foundation

extension DateCell {
    /// The calendar dates are formatted in: Gregorian, UTC, so that no time zone moves a day.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// A date as a locale writes it in full (CLDR's long date): `1 avril 2024` in fr_CA,
    /// `April 1, 2024` in en_CA.
    ///
    /// Formatted by Foundation with the explicit locale, a Gregorian calendar and UTC, never
    /// the machine's settings. Foundation's Gregorian calendar is Julian before October 15,
    /// 1582; a date is converted through that same calendar, so its year, month and day come
    /// back as written, except the ten days October 5–14, 1582 that it skips, which are
    /// written in ISO 8601 (`1582-10-10`). `Date.FormatStyle` is a value that Foundation
    /// caches the formatters of, so this is safe from any thread and keeps no state of its own.
    package static func format(_ date: DateValue, locale: Locale) -> String {
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        guard let instant = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: instant) == components
        else { return date.iso }
        let style = Date.FormatStyle(
            date: .long, time: .omitted, locale: locale, calendar: calendar,
            timeZone: calendar.timeZone)
        return instant.formatted(style)
    }
}
