import Foundation
package import BilanBase
package import BilanInputs

/// `group:` and `aggregate:` of a `chart` or `table` block: folds the rows that have the
/// same value in one column into one row, so that a chart is drawn from raw rows.
///
/// Groups come in the order of their first row (a `sort` then orders them by the folded
/// values). Every other column the block reads is folded with the aggregate, exactly as
/// figures compute it (``FigureExpression/Aggregate/Function/summary(of:)``): missing
/// cells are skipped, `sum` and `count` of none are 0, `mean`, `median`, `min` and `max`
/// of none are a missing cell. `count` counts the cells that are not missing, in a
/// column of any kind; the others need numbers (`non-numeric-cell` otherwise). Rows
/// whose group cell is missing make one group of their own, shown empty.
package struct BlockGrouping: Sendable {
    /// The aggregates a block may use.
    package static let functions: [FigureExpression.Aggregate.Function] = [.sum, .mean, .median, .min, .max, .count]

    /// The column whose values name the groups.
    package var column: Located<String>
    package var function: FigureExpression.Aggregate.Function

    /// A column the block reads, folded in every group.
    package struct Folded: Sendable {
        package var name: String
        /// The column's cells in the table.
        package var index: Int
        /// Where the block names it, for a `non-numeric-cell` error.
        package var location: SourceLocation
    }

    /// The grouped rows: a table whose first column is the group's value and whose other
    /// columns are the folded ones, in the order asked, and the aggregate of each folded
    /// column over all the rows (what a table's `total:` row shows).
    package struct Result: Sendable {
        package var table: DataTable
        package var overall: [CellValue]
    }

    /// Folds `rows` of `table` (already filtered) by the cells of `groupIndex`, or gives
    /// the `non-numeric-cell` or `invalid-block` error that stops it.
    package func fold(
        _ table: DataTable, rows: [Int], groupIndex: Int, columns: [Folded]
    )
        -> Swift.Result<Result, Diagnostic>
    {
        var groups: [[Int]] = []
        var groupOfKey: [CellValue: Int] = [:]
        for row in rows {
            let key = table.rows[row][groupIndex]
            if let group = groupOfKey[key] {
                groups[group].append(row)
            } else {
                groupOfKey[key] = groups.count
                groups.append([row])
            }
        }
        var cells = groups.map { [table.rows[$0[0]][groupIndex]] }
        var overall: [CellValue] = []
        for column in columns {
            var numbers: [[Decimal]] = []
            for group in groups {
                switch values(table, rows: group, column: column) {
                case .failure(let error): return .failure(error)
                case .success(let values): numbers.append(values)
                }
            }
            for (group, values) in numbers.enumerated() {
                switch cell(of: values, column: column) {
                case .failure(let error): return .failure(error)
                case .success(let value): cells[group].append(value)
                }
            }
            switch cell(of: numbers.flatMap { $0 }, column: column) {
            case .failure(let error): return .failure(error)
            case .success(let value): overall.append(value)
            }
        }
        let folded = DataTable(
            name: table.name, file: table.file, columns: [column.value] + columns.map(\.name), rows: cells,
            rowLines: groups.map { table.rowLines.indices.contains($0[0]) ? table.rowLines[$0[0]] : 0 },
            columnLines: ([groupIndex] + columns.map(\.index)).map {
                table.columnLines.indices.contains($0) ? table.columnLines[$0] : 0
            })
        return .success(Result(table: folded, overall: overall))
    }

    /// The numbers of a column in some rows, missing cells skipped; for `count`, a 1 for
    /// each cell that is not missing, whatever it holds.
    private func values(_ table: DataTable, rows: [Int], column: Folded) -> Swift.Result<[Decimal], Diagnostic> {
        var result: [Decimal] = []
        for row in rows {
            let cell = table.rows[row][column.index]
            if cell == .missing { continue }
            if function == .count {
                result.append(1)
            } else if let number = cell.number {
                result.append(number)
            } else {
                let reason =
                    table.notANumber(row: row, column: column.index, name: column.name) ?? "this cell is not a number"
                return .failure(
                    .error(
                        .nonNumericCell,
                        reason + "; 'aggregate: \(function.rawValue)' needs numbers (to count the rows of each group, "
                            + "write 'aggregate: count')",
                        at: column.location))
            }
        }
        return .success(result)
    }

    /// One folded cell: the aggregate of the values (for `count`, their number).
    private func cell(of values: [Decimal], column: Folded) -> Swift.Result<CellValue, Diagnostic> {
        let summary = function == .count ? .success(Decimal(values.count)) : function.summary(of: values)
        switch summary {
        case nil: return .success(.missing)
        case .success(let value)?: return .success(.number(value))
        case .failure(let limit)?:
            return .failure(
                .error(
                    .invalidBlock,
                    "the \(function.rawValue) of column '\(column.name)' "
                        + (limit == .tooLarge
                            ? "is too large to compute exactly"
                            : "needs more than 38 significant digits to compute exactly"),
                    at: column.location))
        }
    }
}
