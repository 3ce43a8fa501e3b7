public import Foundation
import BilanBase

/// Writes figure values the way one language's report shows them, with the CLDR
/// separators and symbols of its locale (`25 000 $` and `12,5 %` in fr-CA, with
/// U+00A0 no-break spaces; `$25,000` and `12.5%` in en-CA).
///
/// The locale is always the report language's, never the machine's. Rounding is done
/// here, half away from zero, before Foundation sees the value (see ``FigureDisplay``).
public struct FigureFormatter: Sendable {
    public let locale: Locale
    /// The ISO 4217 code of `currency` figures (report.yaml's `currency:`).
    public let currencyCode: String

    /// A formatter for a locale identifier such as `fr-CA` or `en-CA`.
    public init(localeIdentifier: String, currencyCode: String = "CAD") {
        self.locale = Locale(identifier: localeIdentifier)
        self.currencyCode = currencyCode
    }

    /// The value as the reader sees it: `format(0.125, as: .init(format: .percent))` is
    /// `12,5 %` in fr-CA.
    public func format(_ value: Decimal, as display: FigureDisplay) -> String {
        let shown = display.displayedValue(of: value)
        let precision = Decimal.FormatStyle.Configuration.Precision.fractionLength(
            display.fractionDigits(for: value))
        switch display.format {
        case .integer, .number:
            return shown.formatted(.number.locale(locale).precision(precision))
        case .percent:
            return (shown / 100).formatted(.percent.locale(locale).precision(precision))
        case .currency:
            return shown.formatted(
                .currency(code: currencyCode).locale(locale).precision(precision))
        }
    }

    /// A date as the locale writes it in full: `1 avril 2024` in fr-CA, `April 1, 2024` in en-CA.
    package func format(_ date: DateValue) -> String {
        DateCell.format(date, locale: locale)
    }
}
