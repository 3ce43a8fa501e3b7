package import BilanBase

extension DataTable {
    /// The table with each column of dates typed as dates, and the problems of the
    /// columns that look like dates but cannot be read without a guess.
    ///
    /// A column is one of dates when every cell that is not empty is written as a date
    /// (``DateCell/classify(column:declared:)``): ISO cells (`2024-04-01`) always,
    /// `01/04/2024` cells in the order report.yaml declares for the column
    /// (``DateDeclarations``). An undeclared day-month column, a column that mixes the two
    /// ways without a declaration, and a cell that is no real day are errors at that cell
    /// (`ambiguous-date`, `mixed-dates`, `invalid-date`); the column then stays text.
    package func typingDates(_ declarations: DateDeclarations) -> (table: DataTable, problems: [Diagnostic]) {
        var typed = self
        var problems: [Diagnostic] = []
        for column in columns.indices where firstTextIsDateShaped(column) {
            let cells: [String?] = rows.map { row in
                guard row.indices.contains(column) else { return nil }
                switch row[column] {
                case .text(let text): return text
                case .date(let date): return date.iso
                case .missing, .error: return nil
                // A number is not written as a date: the column is not one of dates.
                case .number: return "0"
                }
            }
            let order = declarations.order(table: name, column: columns[column])
            let classified = DateCell.classify(column: cells, declared: order)
            switch classified {
            case .notDates:
                continue
            case .dates(let values):
                for (row, value) in values.enumerated() {
                    if let value { typed.rows[row][column] = .date(value) }
                }
            case .ambiguous, .mixed, .invalid:
                guard let problem = classified.problem else { continue }
                let code: DiagnosticCode =
                    switch classified {
                    case .ambiguous: .ambiguousDate
                    case .mixed: .mixedDates
                    default: .invalidDate
                    }
                let advice =
                    code == .invalidDate
                    ? " (correct this cell; the table is left out until then)"
                    : order == nil ? declaration(cells, column: columns[column]) : ""
                problems.append(
                    .error(
                        code,
                        cellPrefix(row: problem.index, column: column) + "column '\(columns[column])': "
                            + problem.message + advice,
                        at: cellLocation(row: problem.index, column: column)))
            }
        }
        return (typed, problems)
    }

    /// Where and what to declare for an undeclared column of dates: `, in content/report.yaml:
    /// data: { tables: { … } }`, with the one order that reads every cell (for this column), or
    /// with day-month for the table when either would; "" when no order reads them all (the
    /// cells themselves must change).
    private func declaration(_ cells: [String?], column: String) -> String {
        let orders = [DateOrder.dayMonth, .monthDay].filter { order in
            if case .dates = DateCell.classify(column: cells, declared: order) { return true }
            return false
        }
        let table = Self.yamlKey(name)
        switch orders.count {
        case 1:
            return ", in content/report.yaml: data: { tables: { \(table): { dates: { \(Self.yamlKey(column)): "
                + "\(orders[0].rawValue) } } } }"
        case 2:
            return ", in content/report.yaml: data: { tables: { \(table): { dates: day-month } } } "
                + "(or month-day)"
        default:
            return ""
        }
    }

    /// A name as a key of a YAML flow mapping: plain when it is letters, digits, `_`, `-` and
    /// inner spaces, else quoted.
    private static func yamlKey(_ name: String) -> String {
        let plain =
            !name.isEmpty && name.first != " " && name.last != " " && name.first != "-"
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_- ".unicodeScalars.contains(scalar)
            }
        return plain ? name : YAMLEscaping.quoted(name)
    }

    /// Whether a column's first text cell is written as a date: only such a column may be
    /// one of dates (``DateCell/classify(column:declared:)`` wants every cell a date), so
    /// the others are not read a second time.
    private func firstTextIsDateShaped(_ column: Int) -> Bool {
        for row in rows where row.indices.contains(column) {
            guard case .text(let text) = row[column] else { continue }
            return DateCell.shape(of: text) != nil
        }
        return false
    }

    /// Where a cell is, for a diagnostic: the row's line (a sheet's row) and, for a sheet,
    /// the column's number.
    package func cellLocation(row: Int, column: Int) -> SourceLocation {
        SourceLocation(
            file: file, line: rowLines.indices.contains(row) ? rowLines[row] : nil,
            column: columnNumbers.indices.contains(column) ? columnNumbers[column] : nil)
    }

    /// `sheet 'Revenus', cell B7: ` for a sheet's cell, "" for a text file's.
    package func cellPrefix(row: Int, column: Int) -> String {
        guard let sheet else { return "" }
        guard rowLines.indices.contains(row), columnNumbers.indices.contains(column) else {
            return "sheet '\(sheet)': "
        }
        return "sheet '\(sheet)', cell \(cellReference(row: rowLines[row], column: columnNumbers[column])): "
    }
}
