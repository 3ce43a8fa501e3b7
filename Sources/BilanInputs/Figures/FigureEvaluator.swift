public import Foundation
public import BilanBase

extension DiagnosticCode {
    /// A figure whose value leaves the range of exact decimal arithmetic: past about
    /// 10^165, or more than 38 significant digits.
    public static let figureOverflow: DiagnosticCode = "figure-overflow"
}

/// A figure with its computed value and the data files it comes from.
public struct ComputedFigure: Sendable, Hashable {
    public var definition: FigureDefinition
    /// The exact value, before any rounding for display.
    public var value: Decimal
    /// The data files the value is computed from, directly or through the figures it
    /// uses, sorted (`content/data/membres.csv`).
    public var sources: [String]
    /// For each aggregate of its own expression, in the order written, how many rows it
    /// used out of its table's (`bilan figures` shows them).
    public var rowsUsed: [RowsUsed] = []

    public var name: String { definition.name }
}

/// How many rows of its table one aggregate of a figure used: the rows its filter keeps
/// that have a value in the aggregated column (for `count`, the rows its filter keeps).
public struct RowsUsed: Sendable, Hashable {
    /// The aggregate as written in the expression: `sum(membres.nombre where …)`.
    public var aggregate: String
    public var table: String
    public var used: Int
    /// The rows of the table.
    public var total: Int
}

/// Every figure's value, and the errors that kept some figures from having one (with
/// the `empty-filter` warnings of the filters that keep no row).
public struct FigureEvaluation: Sendable {
    /// The computed figures, in file order.
    public private(set) var figures: [ComputedFigure]
    /// The defined figures that have no value, because of an error reported for them
    /// or for something they use. A reference to one of them needs no new error.
    public private(set) var failed: Set<String>
    /// The errors and warnings, in a deterministic order (by figure, in dependency order).
    public private(set) var diagnostics: [Diagnostic]
    private var indexByName: [String: Int]

    package init(figures: [ComputedFigure], failed: Set<String>, diagnostics: [Diagnostic]) {
        self.figures = figures
        self.failed = failed
        self.diagnostics = diagnostics
        self.indexByName = Dictionary(
            figures.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The computed figure named `name`, if it has a value.
    public subscript(name: String) -> ComputedFigure? {
        indexByName[name].map { figures[$0] }
    }

    /// Whether figures.yaml defines `name`, with or without a value.
    public func isDefined(_ name: String) -> Bool {
        indexByName[name] != nil || failed.contains(name)
    }
}

/// Computes the figures of figures.yaml from the data tables, in exact decimal
/// arithmetic (never binary floating point).
///
/// Figures are computed in dependency order, each once. A figure with an error does
/// not stop the others; the figures that use it are skipped without another error.
/// Errors are located in figures.yaml, at the offending part of the expression, and
/// name the figure: `unknown-figure`, `figure-cycle` (naming the chain),
/// `unknown-table`, `unknown-column`, `non-numeric-cell` (naming the data file and
/// line), `empty-aggregate`, `division-by-zero`, `figure-overflow`; and one warning,
/// `empty-filter`, located at a filter that keeps no row of a table that has some.
///
/// Aggregates skip missing cells (they are never zero); `sum`, `count` and `distinct`
/// of no rows are 0; `mean`, `median`, `min` and `max` of no values are errors.
/// Filters are described at ``FigureExpression/Comparison``.
///
/// Tables are read as loaded, not localized to a language (`X_fr` is read as `X_fr`),
/// so a figure has the same value in every language of the report.
public struct FigureEvaluator: Sendable {
    public var tables: [String: DataTable]
    /// Tables that exist but could not be read, whose errors are already reported: a
    /// figure reading one is skipped without an `unknown-table` error.
    public var unreadableTables: Set<String>
    /// Last year's project, whose figures expressions read as `previous.NAME`.
    public var previous: PreviousYear?

    public init(tables: [String: DataTable], unreadableTables: Set<String> = [], previous: PreviousYear? = nil) {
        self.tables = tables
        self.unreadableTables = unreadableTables
        self.previous = previous
    }

    /// Computes every figure that can be computed.
    public func evaluate(_ definitions: [FigureDefinition]) -> FigureEvaluation {
        var byName: [String: FigureDefinition] = [:]
        for definition in definitions where byName[definition.name] == nil {
            byName[definition.name] = definition
        }
        var diagnostics: [Diagnostic] = []
        var blocked: Set<String> = []
        // Last year's figures that expressions use, by their `previous.…` name.
        var earlier: [String: ComputedFigure] = [:]
        for definition in definitions {
            guard let expression = definition.expression else {
                blocked.insert(definition.name)
                continue
            }
            for reference in expression.figureReferences where byName[reference.text] == nil {
                var message = "figure '\(definition.name)': unknown figure '\(reference.text)'"
                if PreviousYear.split(reference.text) != nil {
                    switch previous?.lookup(reference.text) {
                    case .found(let figure, let year):
                        var figure = figure
                        figure.sources = figure.sources.map(year.path(of:))
                        earlier[reference.text] = figure
                        continue
                    case .alreadyReported:
                        blocked.insert(definition.name)
                        continue
                    case .missing(let reason):
                        message += ": " + reason
                    case nil:
                        message += ": report.yaml names no previous year (previous: ../FOLDER)"
                    }
                }
                diagnostics.append(
                    Diagnostic.error(
                        .unknownFigure, message, at: definition.positions.location(at: reference.range.lowerBound)
                    ).about(figure: definition.name))
                blocked.insert(definition.name)
            }
        }
        let ordering = DependencyOrder(definitions, byName: byName)
        diagnostics += ordering.diagnostics
        blocked.formUnion(ordering.cyclic)

        var computed: [String: ComputedFigure] = [:]
        var failed: Set<String> = []
        for name in ordering.order {
            guard let definition = byName[name], let expression = definition.expression,
                !blocked.contains(name)
            else {
                failed.insert(name)
                continue
            }
            // Only the figures it uses: a run holding `computed` itself would make the
            // next insertion copy the whole dictionary, once per figure (quadratic).
            let references = expression.figureReferences
            var used: [String: ComputedFigure] = [:]
            for reference in references { used[reference.text] = computed[reference.text] ?? earlier[reference.text] }
            guard references.allSatisfy({ used[$0.text] != nil }) else {
                failed.insert(name)
                continue
            }
            var run = ExpressionRun(
                definition: definition, tables: tables, unreadableTables: unreadableTables,
                figures: used)
            do {
                let value = try run.value(of: expression)
                computed[name] = ComputedFigure(
                    definition: definition, value: value, sources: run.sources.sorted(), rowsUsed: run.rowsUsed)
            } catch {
                diagnostics += error.diagnostics
                failed.insert(name)
            }
            diagnostics += run.warnings
        }
        let inFileOrder = definitions.compactMap { computed.removeValue(forKey: $0.name) }
        return FigureEvaluation(figures: inFileOrder, failed: failed, diagnostics: diagnostics)
    }
}

/// The figures in an order where each comes after the figures it uses, found by a
/// depth-first walk in file order, with one `figure-cycle` error for each cycle met.
private struct DependencyOrder {
    package var order: [String] = []
    package var diagnostics: [Diagnostic] = []
    /// Figures that are part of a cycle.
    package var cyclic: Set<String> = []

    package init(_ definitions: [FigureDefinition], byName: [String: FigureDefinition]) {
        /// A figure on the walk's path (at this index of it), or one whose walk is over.
        enum Visit { case inProgress(Int), done }
        struct Step {
            var definition: FigureDefinition
            var references: [FigureExpression.Name]
            var next = 0
            init(_ definition: FigureDefinition) {
                self.definition = definition
                self.references = definition.expression?.figureReferences ?? []
            }
        }
        var visits: [String: Visit] = [:]
        for root in definitions where visits[root.name] == nil {
            var path = [Step(root)]
            visits[root.name] = .inProgress(0)
            while let step = path.last {
                guard step.next < step.references.count else {
                    path.removeLast()
                    visits[step.definition.name] = .done
                    order.append(step.definition.name)
                    continue
                }
                path[path.count - 1].next += 1
                let reference = step.references[step.next]
                guard let target = byName[reference.text] else { continue }
                switch visits[target.name] {
                case nil:
                    visits[target.name] = .inProgress(path.count)
                    path.append(Step(target))
                case .inProgress(let start):
                    let chain = path[start...].map(\.definition.name)
                    cyclic.formUnion(chain)
                    diagnostics.append(
                        Diagnostic.error(
                            .figureCycle,
                            "figure '\(step.definition.name)': figures depend on each other in "
                                + "a cycle: " + Self.described(cycle: chain),
                            at: step.definition.positions.location(at: reference.range.lowerBound)
                        ).about(figure: step.definition.name))
                case .done:
                    continue
                }
            }
        }
    }
}

extension DependencyOrder {
    /// The most figures a `figure-cycle` message names before it says how many more
    /// the cycle has.
    package static let namedInCycle = 6

    /// A cycle as its message writes it, back to its first figure: `a → b → a`; a long
    /// one names its first figures only: `f0 → … → f5 → … 99,994 more … → f0`.
    package static func described(cycle: [String]) -> String {
        guard let first = cycle.first else { return "" }
        guard cycle.count > namedInCycle + 1 else { return (cycle + [first]).joined(separator: " → ") }
        let more = cycle.count - namedInCycle
        return (cycle.prefix(namedInCycle) + ["… \(more) more …", first]).joined(separator: " → ")
    }
}

/// Why a figure has no value: its located errors, or none when the cause was already
/// reported elsewhere (an unreadable table).
private struct FigureFailure: Error {
    package var diagnostics: [Diagnostic]
}

/// The computation of one figure's expression, collecting the data files it reads.
private struct ExpressionRun {
    package let definition: FigureDefinition
    package let tables: [String: DataTable]
    package let unreadableTables: Set<String>
    /// The figures already computed, which this one may use.
    package let figures: [String: ComputedFigure]
    package var sources: Set<String> = []
    package var rowsUsed: [RowsUsed] = []
    /// The `empty-filter` warnings met on the way.
    package var warnings: [Diagnostic] = []

    package mutating func value(of expression: FigureExpression) throws(FigureFailure) -> Decimal {
        switch expression.kind {
        case .number(let value):
            return value
        case .figure(let name):
            // Every figure used is computed first; the evaluator checked it before this run.
            guard let figure = figures[name] else { throw FigureFailure(diagnostics: []) }
            sources.formUnion(figure.sources)
            return figure.value
        case .negate(let operand):
            return -(try value(of: operand))
        case .binary(let op, let left, let right):
            let (leftValue, rightValue) = try values(of: left, right)
            switch op {
            case .add: return try checked(Decimal.exactly(leftValue, +, rightValue), expression)
            case .subtract: return try checked(Decimal.exactly(leftValue, -, rightValue), expression)
            case .multiply: return try checked(Decimal.exactly(leftValue, *, rightValue), expression)
            case .divide:
                guard rightValue != 0 else {
                    throw failure(
                        .divisionByZero, "division by zero: \(quoted(right)) is 0", at: right.range)
                }
                return try checked(leftValue / rightValue, expression)
            }
        case .change(let new, let old):
            let (newValue, oldValue) = try values(of: new, old)
            guard oldValue != 0 else {
                throw failure(
                    .divisionByZero, "division by zero: change from \(quoted(old)), which is 0",
                    at: old.range)
            }
            let difference = try checked(Decimal.exactly(newValue, -, oldValue), expression)
            return try checked(difference / oldValue, expression)
        case .aggregate(let aggregate):
            return try value(of: aggregate, in: expression)
        }
    }

    /// The values of two operands; when both fail, the errors of both.
    private mutating func values(
        of first: FigureExpression, _ second: FigureExpression
    )
        throws(FigureFailure) -> (Decimal, Decimal)
    {
        var errors: [Diagnostic] = []
        var firstValue: Decimal?
        var secondValue: Decimal?
        do { firstValue = try value(of: first) } catch { errors += error.diagnostics }
        do { secondValue = try value(of: second) } catch { errors += error.diagnostics }
        guard let firstValue, let secondValue else { throw FigureFailure(diagnostics: errors) }
        return (firstValue, secondValue)
    }

    /// A quotient, which `Decimal` rounds to 38 significant digits as any decimal
    /// quotient must be rounded, unless it overflows.
    private func checked(
        _ result: Decimal, _ expression: FigureExpression
    ) throws(FigureFailure)
        -> Decimal
    {
        try checked(result.isNaN ? .failure(.tooLarge) : .success(result), expression)
    }

    /// An exact result, or the `figure-overflow` error of a value `Decimal` cannot hold
    /// exactly: never a rounded sum, difference or product.
    private func checked(
        _ result: Result<Decimal, WideDecimal.Limit>, _ expression: FigureExpression
    )
        throws(FigureFailure) -> Decimal
    {
        switch result {
        case .success(let value): return value
        case .failure(.tooLarge):
            throw failure(
                .figureOverflow, "\(quoted(expression)) is too large to compute exactly", at: expression.range)
        case .failure(.tooPrecise):
            throw failure(
                .figureOverflow,
                "\(quoted(expression)) needs more than 38 significant digits to compute exactly",
                at: expression.range)
        }
    }

    // MARK: Aggregates

    private mutating func value(
        of aggregate: FigureExpression.Aggregate, in expression: FigureExpression
    ) throws(FigureFailure) -> Decimal {
        let table = try table(aggregate.table)
        sources.insert(table.file)
        var columns: [String: Int] = [:]
        var errors: [Diagnostic] = []
        let named =
            [aggregate.column].compactMap { $0 }
            + (aggregate.filter?.comparisons.map(\.column) ?? [])
        for column in named {
            if let index = table.columnIndex(column.text) {
                columns[column.text] = index
            } else {
                errors.append(
                    diagnostic(
                        .unknownColumn,
                        "table '\(table.name)' (\(table.file)) has no column '\(column.text)'; "
                            + "its columns are " + table.columns.joined(separator: ", "),
                        at: column.range))
            }
        }
        guard errors.isEmpty else { throw FigureFailure(diagnostics: errors) }

        func cell(_ row: Int, _ column: String) -> CellValue {
            let cells = table.rows[row]
            guard let index = columns[column], cells.indices.contains(index) else { return .missing }
            return cells[index]
        }
        var filter: FigureExpression.Filter?
        switch aggregate.filter?.typedForDates({ columns[$0.text].map(table.hasDates) ?? false }) {
        case .failure(let problem)?: throw failure(.dateComparison, problem.message, at: problem.comparison.range)
        case .success(let typed)?: filter = typed
        case nil: filter = nil
        }
        let rows = table.rows.indices.filter { row in
            filter?.matches { cell(row, $0.text) } ?? true
        }
        if let filter = aggregate.filter, rows.isEmpty, !table.rows.isEmpty {
            warnEmpty(filter, of: table, in: expression, function: aggregate.function)
        }
        let used =
            aggregate.column.map { column in
                rows.count(where: { cell($0, column.text) != .missing })
            } ?? rows.count
        rowsUsed.append(
            RowsUsed(
                aggregate: String(quoted(expression).dropFirst().dropLast()), table: table.name, used: used,
                total: table.rows.count))
        guard let column = aggregate.column else { return Decimal(rows.count) }
        if aggregate.function == .distinct {
            let cells = Set(rows.map { cell($0, column.text) }).subtracting([.missing])
            return Decimal(cells.count)
        }

        var numbers: [Decimal] = []
        let index = columns[column.text]
        for row in rows {
            switch cell(row, column.text) {
            case .number(let number):
                numbers.append(number)
            case .missing:
                continue
            case .text, .date, .error:
                throw failure(
                    .nonNumericCell,
                    table.notANumber(row: row, column: index ?? 0, name: column.text) ?? "this cell is not a number",
                    at: column.range)
            }
        }
        return try summary(of: numbers, aggregate.function, expression)
    }

    /// Records the `empty-filter` warning of a filter that keeps no row, at its first
    /// comparison.
    private mutating func warnEmpty(
        _ filter: FigureExpression.Filter, of table: DataTable, in expression: FigureExpression,
        function: FigureExpression.Aggregate.Function
    ) {
        let zero = [.sum, .count, .distinct].contains(function) ? ", so it is 0" : ""
        let start = filter.comparisons.first?.range.lowerBound ?? expression.range.lowerBound
        warnings.append(
            Diagnostic.warning(
                .emptyFilter,
                "figure '\(definition.name)': the filter of \(quoted(expression)) "
                    + EmptyFilterMessage.text(table: table, filter: filter, consequence: zero),
                at: definition.positions.location(at: start)
            ).about(figure: definition.name))
    }

    /// The table an aggregate reads, or an error naming the tables there are.
    private func table(_ name: FigureExpression.Name) throws(FigureFailure) -> DataTable {
        if let table = tables[name.text] { return table }
        if unreadableTables.contains(name.text) { throw FigureFailure(diagnostics: []) }
        let known = tables.keys.sorted()
        throw failure(
            .unknownTable,
            "unknown table '\(name.text)' (no content/data/\(name.text).csv or .json); "
                + (known.isEmpty
                    ? "there are no data tables" : "the tables are " + known.joined(separator: ", ")),
            at: name.range)
    }

    /// `sum`, `mean`, `median`, `min` or `max` of the numbers of the matching rows.
    private func summary(
        of numbers: [Decimal], _ function: FigureExpression.Aggregate.Function,
        _ expression: FigureExpression
    ) throws(FigureFailure) -> Decimal {
        guard let value = function.summary(of: numbers) else {
            throw failure(
                .emptyAggregate,
                "\(quoted(expression)) has no values: no row matches, or their cells are empty",
                at: expression.range)
        }
        return try checked(value, expression)
    }

    // MARK: Errors

    private func diagnostic(
        _ code: DiagnosticCode, _ message: String, at range: Range<Int>
    )
        -> Diagnostic
    {
        Diagnostic.error(
            code, "figure '\(definition.name)': \(message)",
            at: definition.positions.location(at: range.lowerBound)
        ).about(figure: definition.name)
    }

    private func failure(
        _ code: DiagnosticCode, _ message: String, at range: Range<Int>
    )
        -> FigureFailure
    {
        FigureFailure(diagnostics: [diagnostic(code, message, at: range)])
    }

    /// The part of the expression a node was read from, in quotes: `'count(formations)'`.
    private func quoted(_ expression: FigureExpression) -> String {
        let scalars = Array(definition.source.unicodeScalars)
        let range = expression.range.clamped(to: 0..<scalars.count)
        return "'" + String(String.UnicodeScalarView(scalars[range])) + "'"
    }
}
