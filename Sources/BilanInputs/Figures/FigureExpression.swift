public import Foundation
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
        /// `2024-12-01`, unquoted; a quoted ISO date compared with a date cell reads as one too.
        case date(DateValue)
    }

    /// One test of a filter, `column OP value`, against each row's cell.
    ///
    /// - A missing (empty) cell never matches, whatever the operator, `!=` included: a
    ///   row whose filtered cell is missing is left out (unless another branch of an
    ///   `or` keeps it).
    /// - A number cell compares with a number by value (`2023` = `2023.0`); a text cell
    ///   compares with a "string" exactly (case and accents count), and orders in
    ///   Unicode order, so ISO dates such as `"2023-04-01"` order correctly.
    /// - A date cell compares with a date (`2024-12-01`, or `"2024-12-01"` quoted) in
    ///   calendar order; a date compared with anything else is an error found before any
    ///   row is read (``FigureExpression/Filter/dateProblem(_:)``).
    /// - A text cell compared with a number, or a number cell with a "string", is
    ///   different: `!=` matches, and `=`, `<`, `<=`, `>`, `>=` do not. So `=` and `!=`
    ///   split the rows whose cell is not missing into two complementary parts. A
    ///   spreadsheet's error cell never matches.
    public struct Comparison: Sendable, Hashable {
        public var column: Name
        public var comparator: ComparisonOperator
        public var value: Literal
        public var range: Range<Int>

        /// Whether a row whose cell in `column` is `cell` passes this test.
        public func matches(_ cell: CellValue) -> Bool {
            switch (cell, value) {
            case (.missing, _), (.error, _):
                return false
            case (.number(let left), .number(let right)):
                return compare(left, right)
            case (.text(let left), .text(let right)):
                return compare(left, right)
            case (.date(let left), .date(let right)):
                return compare(left, right)
            case (.date(let left), .text(let right)):
                guard let date = Self.isoDate(right) else { return comparator == .notEqual }
                return compare(left, date)
            default:
                return comparator == .notEqual
            }
        }

        /// A "string" that is an ISO date, as a date.
        package static func isoDate(_ text: String) -> DateValue? {
            guard case .iso = DateCell.shape(of: text) else { return nil }
            return DateCell.value(of: text, order: nil)
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
    /// The first comparison that sets a date against something else — a date column
    /// against a number or a text that is not an ISO date, or a date against a column
    /// with no dates — and why; nil when there is none. `hasDates` says whether a column
    /// holds dates.
    package func dateProblem(
        _ hasDates: (FigureExpression.Name) -> Bool
    )
        -> (comparison: FigureExpression.Comparison, message: String)?
    {
        for comparison in comparisons {
            let dates = hasDates(comparison.column)
            switch comparison.value {
            case .date(let date) where !dates:
                return (
                    comparison,
                    "\(date.iso) is a date, but column '\(comparison.column.text)' holds no dates: "
                        + "compare it with a number or a \"string\""
                )
            case .number(let number) where dates:
                return (
                    comparison,
                    "column '\(comparison.column.text)' holds dates: compare it with a date such as 2024-12-01, "
                        + "not the number \(number)"
                )
            case .text(let text) where dates && FigureExpression.Comparison.isoDate(text) == nil:
                return (
                    comparison,
                    "column '\(comparison.column.text)' holds dates: compare it with a date such as 2024-12-01, "
                        + "not the text \"\(text)\""
                )
            default:
                continue
            }
        }
        return nil
    }

    /// The filter ready to run over a table: a quoted ISO date compared with a date
    /// column read as a date once, here, rather than in every row; or, as
    /// ``dateProblem(_:)`` finds it, the comparison that sets a date against something else.
    package func typedForDates(
        _ hasDates: (FigureExpression.Name) -> Bool
    )
        -> Result<FigureExpression.Filter, DateFilterProblem>
    {
        if let problem = dateProblem(hasDates) {
            return .failure(DateFilterProblem(comparison: problem.comparison, message: problem.message))
        }
        return .success(resolvingQuotedDates(hasDates))
    }

    private func resolvingQuotedDates(_ hasDates: (FigureExpression.Name) -> Bool) -> FigureExpression.Filter {
        switch self {
        case .comparison(var comparison):
            if case .text(let text) = comparison.value, hasDates(comparison.column),
                let date = FigureExpression.Comparison.isoDate(text)
            {
                comparison.value = .date(date)
            }
            return .comparison(comparison)
        case .all(let parts): return .all(parts.map { $0.resolvingQuotedDates(hasDates) })
        case .any(let parts): return .any(parts.map { $0.resolvingQuotedDates(hasDates) })
        }
    }

    /// Whether a row passes the filter; `cell` gives the row's cell in a column.
    package func matches(_ cell: (FigureExpression.Name) -> CellValue) -> Bool {
        switch self {
        case .comparison(let comparison): comparison.matches(cell(comparison.column))
        case .all(let parts): parts.allSatisfy { $0.matches(cell) }
        case .any(let parts): parts.contains { $0.matches(cell) }
        }
    }
}

/// A comparison of a filter that sets a date against something else, and why.
package struct DateFilterProblem: Error, Sendable {
    package var comparison: FigureExpression.Comparison
    package var message: String
}
