import Foundation
import BilanBase

/// A parsed figure expression, such as `sum(membres.nombre where type = "individuelle")`.
///
/// Every node keeps `range`: the offsets, in Unicode scalars from the start of the
/// expression text, of the part it was read from, so an error can point at it.
public struct FigureExpression: Sendable, Hashable {
    /// What a node computes.
    public indirect enum Kind: Sendable, Hashable {
        /// A number written in the expression.
        case number(Decimal)
        /// Another figure, by name.
        case figure(String)
        /// `-operand`.
        case negate(FigureExpression)
        /// `left op right`.
        case binary(ArithmeticOperator, FigureExpression, FigureExpression)
        /// `sum(T.col)`, `count(T)`…, with an optional filter.
        case aggregate(Aggregate)
        /// `change(new, old)`: (new − old) / old, a fraction.
        case change(new: FigureExpression, old: FigureExpression)
    }

    /// The four operations; `*` and `/` bind tighter than `+` and `-`.
    public enum ArithmeticOperator: String, Sendable, Hashable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    /// A name written in an expression (a figure, table or column) and where it is.
    public struct Name: Sendable, Hashable {
        public var text: String
        public var range: Range<Int>
    }

    /// An aggregate over a table's rows: `sum(T.col where …)`, `count(T)`.
    public struct Aggregate: Sendable, Hashable {
        /// The aggregate functions of the language.
        public enum Function: String, Sendable, Hashable, CaseIterable {
            /// The total of a column; 0 over no rows.
            case sum
            /// The average of a column; an error over no values.
            case mean
            /// The middle value (the mean of the two middle ones for an even count); an
            /// error over no values.
            case median
            /// The smallest value; an error over no values.
            case min
            /// The largest value; an error over no values.
            case max
            /// The number of rows (it takes a table, not a column); 0 over no rows.
            case count
            /// The number of distinct non-missing values of a column, text or number.
            case distinct
        }

        public var function: Function
        public var table: Name
        /// The aggregated column; nil for `count`.
        public var column: Name?
        public var filter: Filter?
    }

    /// The `where` part of an aggregate; `and` binds tighter than `or`.
    public indirect enum Filter: Sendable, Hashable {
        case comparison(Comparison)
        /// Every part holds (`and`).
        case all([Filter])
        /// At least one part holds (`or`).
        case any([Filter])

        /// Every comparison, in the order written.
        public var comparisons: [Comparison] {
            switch self {
            case .comparison(let comparison): [comparison]
            case .all(let parts), .any(let parts): parts.flatMap(\.comparisons)
            }
        }
    }

    /// The comparison operators of a filter.
    public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// A value a filter compares cells with.
    public enum Literal: Sendable, Hashable {
        case number(Decimal)
        case text(String)
    }

    /// One test of a filter, `column OP value`, against each row's cell.
    ///
    /// - A missing (empty) cell never matches, whatever the operator, `!=` included: a
    ///   row whose filtered cell is missing is left out (unless another branch of an
    ///   `or` keeps it).
    /// - A number cell compares with a number by value (`2023` = `2023.0`); a text cell
    ///   compares with a "string" exactly (case and accents count), and orders in
    ///   Unicode order, so ISO dates such as `"2023-04-01"` order correctly.
    /// - A text cell compared with a number, or a number cell with a "string", is
    ///   different: `!=` matches, and `=`, `<`, `<=`, `>`, `>=` do not. So `=` and `!=`
    ///   split the rows whose cell is not missing into two complementary parts.
    public struct Comparison: Sendable, Hashable {
        public var column: Name
        public var comparator: ComparisonOperator
        public var value: Literal
        public var range: Range<Int>

        /// Whether a row whose cell in `column` is `cell` passes this test.
        public func matches(_ cell: CellValue) -> Bool {
            switch (cell, value) {
            case (.missing, _):
                return false
            case (.number(let left), .number(let right)):
                return compare(left, right)
            case (.text(let left), .text(let right)):
                return compare(left, right)
            case (.number, .text), (.text, .number):
                return comparator == .notEqual
            }
        }

        private func compare<Value: Comparable>(_ left: Value, _ right: Value) -> Bool {
            switch comparator {
            case .equal: left == right
            case .notEqual: left != right
            case .less: left < right
            case .lessOrEqual: left <= right
            case .greater: left > right
            case .greaterOrEqual: left >= right
            }
        }
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(_ kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// The figures this expression refers to, in the order written.
    public var figureReferences: [Name] {
        switch kind {
        case .number, .aggregate: []
        case .figure(let name): [Name(text: name, range: range)]
        case .negate(let operand): operand.figureReferences
        case .binary(_, let left, let right), .change(let left, let right):
            left.figureReferences + right.figureReferences
        }
    }
}

extension FigureExpression.Filter {
    /// Whether a row passes the filter; `cell` gives the row's cell in a column.
    package func matches(_ cell: (FigureExpression.Name) -> CellValue) -> Bool {
        switch self {
        case .comparison(let comparison): comparison.matches(cell(comparison.column))
        case .all(let parts): parts.allSatisfy { $0.matches(cell) }
        case .any(let parts): parts.contains { $0.matches(cell) }
        }
    }
}
