public import Foundation
public import BilanBase

/// One figure of `content/figures.yaml`: its name, its expression and how it is shown.
public struct FigureDefinition: Sendable, Hashable {
    /// The figure's name, `[a-z_][a-z0-9_]*`.
    public var name: String
    /// Where the figure's name is written in figures.yaml.
    public var location: SourceLocation
    /// The expression as written (`sum(fonds.montant)`).
    public var source: String
    /// The parsed expression; nil when it could not be read (the error was reported
    /// by the loader, and figures that use this one are skipped without more noise).
    public var expression: FigureExpression?
    /// Where each character of `source` is in figures.yaml.
    public var positions: ExpressionPositions
    /// `format:` and `decimals:`, or ``FigureDisplay/default``.
    public var display: FigureDisplay
    /// The number the report prints elsewhere (`stated:`), if any.
    public var stated: StatedValue?

    /// Whether `name` is a valid figure name: `[a-z_][a-z0-9_]*`.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }
    }
}

/// A figure's `stated:` value: the number printed in the report, written as displayed
/// (for a `percent` figure, `stated: 12.5` means 12.5 %).
///
/// `stated: 28800` must agree at the figure's display precision; `stated: 28800 ± 50`
/// (or `+-`) within 50 either way; `stated: ~28800`, "about 28,800", within half a unit of
/// its last written non-zero digit (±50 here, ±5 for `~30`, ±0.05 for `~12.5`).
public struct StatedValue: Sendable, Hashable {
    public var value: Decimal
    /// How far the displayed value may be from `value`, in display units; nil: not at all.
    public var tolerance: Decimal?
    /// The `stated:` key in figures.yaml, where a `stated-mismatch` warning points.
    public var location: SourceLocation

    public init(value: Decimal, tolerance: Decimal? = nil, location: SourceLocation) {
        self.value = value
        self.tolerance = tolerance
        self.location = location
    }

    /// Reads `N`, `N ± T`, `N +- T` or `~N`; nil for anything else, or a negative `T`.
    public init?(text: String, location: SourceLocation) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("~") {
            let numeral = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let value = Decimal(numeral: numeral) else { return nil }
            self.init(value: value, tolerance: Self.halfUnit(ofLastDigitOf: numeral), location: location)
            return
        }
        let parts = trimmed.replacingOccurrences(of: "+-", with: "±").split(
            separator: Character("±"), maxSplits: 1, omittingEmptySubsequences: false)
        guard let value = parts.first.flatMap({ Decimal(numeral: $0.trimmingCharacters(in: .whitespaces)) })
        else { return nil }
        guard parts.count == 2 else {
            self.init(value: value, location: location)
            return
        }
        guard let tolerance = Decimal(numeral: parts[1].trimmingCharacters(in: .whitespaces)), tolerance >= 0
        else { return nil }
        self.init(value: value, tolerance: tolerance, location: location)
    }

    /// Half a unit of a numeral's last non-zero digit: 5 for `30`, 50 for `28800`, 0.05 for
    /// `12.5`, 0.5 for `0` and `7`.
    static func halfUnit(ofLastDigitOf numeral: String) -> Decimal {
        let digits = numeral.drop { $0 == "-" || $0 == "+" }
        var exponent: Int
        if let point = digits.firstIndex(of: ".") {
            exponent = -digits[digits.index(after: point)...].count
        } else {
            exponent = digits.reversed().prefix { $0 == "0" }.count
            if exponent == digits.count { exponent = 0 }
        }
        return Decimal(sign: .plus, exponent: exponent, significand: 5) / 10
    }

    /// How the report states it, for messages and listings: `28800`, `28800 ± 50`.
    public var text: String {
        tolerance.map { "\(value) ± \($0)" } ?? "\(value)"
    }
}

/// Where each character of a figure's expression sits in figures.yaml, so an error in
/// the expression points at the offending part, even in a quoted or multi-line scalar.
public struct ExpressionPositions: Sendable, Hashable {
    /// A line and a column, both from 1.
    package struct Point: Sendable, Hashable {
        package var line: Int
        package var column: Int
    }

    public var file: String
    /// One point per Unicode scalar of the expression, then the point just after it.
    package var points: [Point]

    package init(file: String, points: [Point]) {
        self.file = file
        self.points = points
    }

    /// Positions of an expression written on one line, starting at `line`:`column`.
    public init(file: String, line: Int, column: Int, length: Int) {
        self.file = file
        self.points = (0...length).map { Point(line: line, column: column + $0) }
    }

    /// The location of the character at `offset` (Unicode scalars from the start).
    public func location(at offset: Int) -> SourceLocation {
        guard let last = points.last else { return SourceLocation(file: file) }
        let point =
            offset < points.count
            ? points[max(offset, 0)]
            : Point(line: last.line, column: last.column + offset - points.count + 1)
        return SourceLocation(file: file, line: point.line, column: point.column)
    }
}

extension Diagnostic {
    /// The same diagnostic, marked as being about the figure `name` (so that an
    /// `accept:` entry of report.yaml can name the figure).
    package func about(figure name: String) -> Diagnostic {
        var copy = self
        copy.figure = name
        return copy
    }
}
