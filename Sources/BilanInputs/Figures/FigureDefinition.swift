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
public struct StatedValue: Sendable, Hashable {
    public var value: Decimal
    /// The `stated:` key in figures.yaml, where a `stated-mismatch` warning points.
    public var location: SourceLocation
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
