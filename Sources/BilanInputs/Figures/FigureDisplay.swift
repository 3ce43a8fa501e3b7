public import Foundation
import BilanBase

/// The kinds of display a figure can have: figures.yaml's `format:` and the
/// `{{ name | format }}` override in a section.
public enum FigureFormat: String, Sendable, Hashable, CaseIterable {
    /// A whole number: `1 234` / `1,234`.
    case integer
    /// A number with decimals: `10,3` / `10.3`.
    case number
    /// A fraction shown as a percentage: 0.125 → `12,5 %` / `12.5%`.
    case percent
    /// An amount of money in the report's currency: `25 000 $` / `$25,000`.
    case currency
}

/// A format and its number of decimals: everything that decides how a figure's value
/// reads, and the precision at which its `stated` value is compared.
///
/// With `decimals` set, exactly that many decimals are shown, trailing zeros kept.
/// Without it, the value shows the decimals it needs up to the format's
/// ``flexiblePrecision``, trailing zeros dropped:
/// - `integer`: no decimals, ever (`decimals` is ignored);
/// - `number`: up to 2 (`10.25`, `10.5`, `33`); a figure without `format:` is shown
///   this way, so a whole value reads as an integer and others get at most 2 decimals;
/// - `percent`: up to 1 decimal of the percentage (0.125 → `12.5 %`, 1/3 → `33.3 %`);
/// - `currency`: cents only when the amount, rounded to the cent, has some
///   (`25 000 $`, `203 250,50 $`).
///
/// Values are rounded half away from zero on the decimal value (10.25 → 10.3,
/// −2.5 → −3) before Foundation formats them, since Foundation rounds half-even.
public struct FigureDisplay: Sendable, Hashable {
    /// The most decimals a figure can ask for.
    public static let maximumDecimals = 6

    /// How a figure with no `format:` is shown: a `number` with up to 2 decimals.
    public static let `default` = FigureDisplay(format: .number)

    public var format: FigureFormat
    /// Fixed number of decimals (0…``maximumDecimals``), or nil for the format's default.
    public var decimals: Int?

    /// A `decimals:` value as written in figures.yaml or a block: plain digits, from 0 to
    /// ``maximumDecimals``; nil for anything else.
    package static func decimals(written text: String?) -> Int? {
        guard let text, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let count = Int(text), count <= maximumDecimals
        else { return nil }
        return count
    }

    public init(format: FigureFormat, decimals: Int? = nil) {
        self.format = format
        self.decimals = decimals
    }

    /// The most decimals shown when `decimals` is not set.
    public var flexiblePrecision: Int {
        switch format {
        case .integer: 0
        case .number, .currency: 2
        case .percent: 1
        }
    }

    /// The number of decimals the displayed value is rounded to.
    public var precision: Int {
        format == .integer ? 0 : decimals ?? flexiblePrecision
    }

    /// The value in display units (a percent figure is multiplied by 100), rounded half
    /// away from zero to ``precision``: what the reader sees, without separators.
    public func displayedValue(of value: Decimal) -> Decimal {
        let scaled = format == .percent ? value * 100 : value
        return scaled.roundedHalfAwayFromZero(decimals: precision)
    }

    /// How many decimals are written for `value`.
    public func fractionDigits(for value: Decimal) -> Int {
        if format == .integer { return 0 }
        if let decimals { return decimals }
        let shown = displayedValue(of: value)
        if format == .currency {
            return shown.roundedHalfAwayFromZero(decimals: 0) == shown ? 0 : precision
        }
        return (0...precision).first { shown.roundedHalfAwayFromZero(decimals: $0) == shown }
            ?? precision
    }
}

extension Decimal {
    /// The value rounded to `decimals` places, a tie going away from zero
    /// (10.25 → 10.3, −10.25 → −10.3, −2.5 → −3).
    package func roundedHalfAwayFromZero(decimals: Int) -> Decimal {
        var magnitude = self < 0 ? -self : self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &magnitude, decimals, .plain)
        return self < 0 && rounded != 0 ? -rounded : rounded
    }

    /// Reads a numeral written as `123`, `-4.5` or `+0.25` exactly (never
    /// through a binary floating-point value). Anything else, or more than 38
    /// significant digits, gives nil.
    package init?(numeral text: some StringProtocol) {
        var digits = Substring(text)
        if let sign = digits.first, sign == "-" || sign == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard
            parts.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.joined().drop(while: { $0 == "0" }).count <= 38,
            let value = Decimal(string: String(text), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }
}
