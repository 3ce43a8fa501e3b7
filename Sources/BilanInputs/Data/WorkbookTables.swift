package import BilanBase
import Foundation

/// Turns a workbook's sheets into data tables: one table per sheet that has cells.
///
/// - A workbook with one such sheet gives the table `NAME` (the file's base name); with
///   several, each gives `NAME_SHEET`, the sheet's name in lower case with accents folded
///   and any other character made `_` (`Revenus 2024` → `finances_revenus_2024`).
///   Empty sheets are left out; two sheets that give one name are an error.
/// - A sheet's first non-empty row names its columns; the rows below are its rows.
/// - Cells keep their stored values: numbers, text, dates; `TRUE`/`FALSE` become the text
///   `true`/`false` (as in JSON); an error value (`#DIV/0!`) is kept as one, an error
///   wherever it is summed; a formula whose value was never saved is an error that says
///   to open and save the file in Excel or LibreOffice.
/// - Every problem is located by sheet and cell: the message starts with
///   `sheet 'Revenus', cell B7:`, and the diagnostic's line and column are the cell's row
///   and column numbers.
package enum WorkbookTables {
    package static func tables(
        _ workbook: Workbook, baseName: String, file: String, dates: DateDeclarations
    ) -> (tables: [DataTable], problems: [Diagnostic]) {
        let sheets = workbook.sheets.filter { sheet in sheet.rows.contains { !$0.isEmpty } }
        var tables: [DataTable] = []
        var problems: [Diagnostic] = []
        var sheetOfName: [String: String] = [:]
        for sheet in sheets {
            let name = sheets.count == 1 ? baseName : baseName + "_" + tableName(sheet.name)
            if let other = sheetOfName[name] {
                problems.append(
                    .error(
                        .duplicateTable,
                        "sheets '\(printable(other))' and '\(printable(sheet.name))' both give the table name "
                            + "'\(name)' "
                            + "(a sheet's name is lower-cased, its accents dropped, any other character made '_'): "
                            + "rename one of the two sheets",
                        at: SourceLocation(file: file)))
                continue
            }
            sheetOfName[name] = sheet.name
            let (table, sheetProblems) = self.table(sheet, name: name, file: file)
            problems.append(contentsOf: sheetProblems)
            guard let table else { continue }
            let typed = table.typingDates(dates)
            problems.append(contentsOf: typed.problems)
            tables.append(typed.table)
        }
        return (tables, problems)
    }

    /// A sheet's name made into the part of a table name: lower case, accents folded, the
    /// ligatures œ, æ and ß spelled out, any other character `_` (runs of them as one, none
    /// at the ends).
    package static func tableName(_ sheet: String) -> String {
        let folded = sheet.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")
        )
        .lowercased()
        var result = ""
        for scalar in folded.unicodeScalars.flatMap(Self.spelledOut) {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("_"), !result.isEmpty {
                result += "_"
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result.isEmpty ? "sheet" : result
    }

    /// A letter that folding leaves whole, as the Latin letters it stands for (`œ` → `oe`).
    private static func spelledOut(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar {
        case "œ": ["o", "e"]
        case "æ": ["a", "e"]
        case "ß": ["s", "s"]
        default: [scalar]
        }
    }

    /// One sheet as a table, or nil when its header row is wrong (with the problem).
    private static func table(_ sheet: WorkbookSheet, name: String, file: String) -> (DataTable?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        func problem(_ code: DiagnosticCode, _ message: String, row: Int, column: Int) {
            problems.append(
                .error(
                    code, "sheet '\(sheet.name)', cell \(cellReference(row: row, column: column)): " + message,
                    at: SourceLocation(file: file, line: row, column: column)))
        }
        guard let headerIndex = sheet.rows.firstIndex(where: { !$0.isEmpty }) else { return (nil, []) }
        let header = sheet.rows[headerIndex]
        var columns: [String] = []
        var columnNumbers: [Int] = []
        var seen: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            let number = index + 1
            guard let title = cell.headerText else {
                // A column with no name is fine when it is empty below the header.
                if sheet.rows[(headerIndex + 1)...].contains(where: {
                    $0.cells.indices.contains(index) && !$0.cells[index].isBlank
                }) {
                    problem(
                        .csvHeader,
                        "this column has values but no name in the header row (row \(header.number)): name it",
                        row: header.number, column: number)
                }
                continue
            }
            if let first = seen[title] {
                problem(
                    .csvHeader,
                    "the header row names column '\(title)' twice (columns \(columnLetters(first)) and "
                        + "\(columnLetters(number))): give each column its own name",
                    row: header.number, column: number)
                continue
            }
            seen[title] = number
            columns.append(title)
            columnNumbers.append(number)
        }
        // A value to the right of the header row's last name (a title in A1 above the
        // table, say, taken for the header) would otherwise be dropped without a word.
        for row in sheet.rows[(headerIndex + 1)...] {
            guard let column = row.cells.indices.last(where: { !row.cells[$0].isBlank }),
                column >= header.cells.count
            else { continue }
            problem(
                .csvHeader,
                "this cell has a value but its column has no name in the header row (row \(header.number), "
                    + "the sheet's first row with anything in it): name every column in that row, and move a "
                    + "title above the table to another sheet",
                row: row.number, column: column + 1)
            break
        }
        guard problems.isEmpty else { return (nil, problems) }

        var rows: [[CellValue]] = []
        var rowLines: [Int] = []
        for row in sheet.rows[(headerIndex + 1)...] where !row.isEmpty {
            var cells: [CellValue] = []
            cells.reserveCapacity(columns.count)
            for number in columnNumbers {
                let cell = row.cells.indices.contains(number - 1) ? row.cells[number - 1] : .empty
                switch cell {
                case .formulaWithoutValue(let formula):
                    problem(
                        .formulaWithoutValue,
                        "the formula \(printable(formula)) has no saved value (the program that wrote the file does "
                            + "not compute formulas): open the file in Excel or LibreOffice and save it again",
                        row: row.number, column: number)
                    cells.append(.missing)
                default:
                    cells.append(cell.value)
                }
            }
            rows.append(cells)
            rowLines.append(row.number)
        }
        var table = DataTable(
            name: name, file: file, columns: columns, rows: rows, rowLines: rowLines,
            columnLines: Array(repeating: header.number, count: columns.count))
        table.sheet = sheet.name
        table.columnNumbers = columnNumbers
        return (problems.isEmpty ? table : nil, problems)
    }
}

extension WorkbookRow {
    /// Whether every cell of the row is empty.
    fileprivate var isEmpty: Bool { cells.allSatisfy(\.isBlank) }
}

extension WorkbookCell {
    /// Empty, or text of spaces only.
    fileprivate var isBlank: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.allSatisfy { $0 == " " }
        default: false
        }
    }

    /// The cell as a column name, or nil when it is blank.
    fileprivate var headerText: String? {
        switch self {
        case .empty, .formulaWithoutValue: return nil
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        case .number(let value): return "\(value)"
        case .date(let year, let month, let day): return DateValue(year: year, month: month, day: day)?.iso
        case .bool(let value): return value ? "true" : "false"
        case .error(let code): return code
        }
    }

    /// The data table's cell.
    fileprivate var value: CellValue {
        switch self {
        case .empty, .formulaWithoutValue: return .missing
        case .number(let value): return .number(value)
        case .text(let text): return text.allSatisfy { $0 == " " } ? .missing : .text(text)
        case .date(let year, let month, let day):
            return DateValue(year: year, month: month, day: day).map(CellValue.date) ?? .missing
        case .bool(let value): return .text(value ? "true" : "false")
        case .error(let code): return .error(code)
        }
    }
}
