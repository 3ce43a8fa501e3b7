public import Foundation
import BilanBase

/// One cell of a data table: a number, a piece of text, a date, an error a spreadsheet
/// stored, or nothing at all.
///
/// An empty cell is `missing`, never zero: aggregates skip it.
public enum CellValue: Hashable, Sendable {
    case number(Decimal)
    case text(String)
    /// A day: an ISO cell (`2024-04-01`), a `01/04/2024` cell read in its declared order,
    /// or a workbook's date cell.
    case date(DateValue)
    /// A spreadsheet's error value (`#DIV/0!`, `#REF!`): an error wherever it is summed.
    case error(String)
    case missing

    public var number: Decimal? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The cell as text, as it would be shown in a table (numbers unformatted).
    public var text: String {
        switch self {
        case .number(let value): return "\(value)"
        case .text(let value), .error(let value): return value
        case .date(let value): return value.iso
        case .missing: return ""
        }
    }
}

/// A table read from `content/data/NAME.csv` or `NAME.json`.
public struct DataTable: Sendable {
    /// The table's name: the file's base name (`mentions_medias`).
    public var name: String
    /// The file it was read from, relative to the project folder.
    public var file: String
    /// Column names in file order.
    public var columns: [String]
    /// Rows, each with one cell per column.
    public var rows: [[CellValue]]
    /// For each row, the line of the file where it starts (for located errors).
    public var rowLines: [Int]
    /// For each column, the line where it is named (the header line for CSV; the line of
    /// the first object naming it for JSON).
    public var columnLines: [Int]
    /// The workbook sheet the table comes from; nil for a text or JSON file.
    public var sheet: String?
    /// For a sheet, the sheet column of each column (1 for A), to name cells (`B7`).
    package var columnNumbers: [Int] = []
    /// How the file writes numbers, for the hint of a cell that is not one.
    package var numberConvention = NumberConvention.decimalPoint
    /// The table is a JSON file, where a number in quotes is text.
    package var isJSON = false
    /// Names read from another column in a language's view (`sujet` → the index of
    /// `sujet_fr`): ``localized(to:)`` adds them, so that no row is copied.
    package var aliases: [String: Int] = [:]

    public init(
        name: String, file: String, columns: [String], rows: [[CellValue]],
        rowLines: [Int], columnLines: [Int]
    ) {
        self.name = name
        self.file = file
        self.columns = columns
        self.rows = rows
        self.rowLines = rowLines
        self.columnLines = columnLines
    }

    /// The index of the cells a column name reads, or nil. Always look cells up
    /// through it: in a language's view, `columns` also lists the names that read another
    /// column's cells.
    public func columnIndex(_ name: String) -> Int? {
        aliases[name] ?? columns.firstIndex(of: name)
    }

    /// The table as read in one language's report: a column `X_fr` is also readable as
    /// `X` in the French report (it takes the place of a plain `X`, if any). The
    /// suffixed columns stay available under their own names.
    ///
    /// No cell is copied (a view shares the rows): the names are aliases of the
    /// suffixed columns, which ``columnIndex(_:)`` resolves.
    public func localized(to language: String) -> DataTable {
        let suffix = "_" + language
        var copy = self
        for (index, column) in columns.enumerated() where column.hasSuffix(suffix) {
            let base = String(column.dropLast(suffix.count))
            guard !base.isEmpty else { continue }
            copy.aliases[base] = index
            if !copy.columns.contains(base) {
                // Listed for messages ("its columns are …"), read through the alias.
                copy.columns.append(base)
                copy.columnLines.append(columnLines[index])
            }
        }
        return copy
    }
}

extension DataTable {
    /// Where a cell is, as a message names it: `content/data/dons.csv:12`, or
    /// `content/data/finances.xlsx, sheet 'Revenus', cell B7` (`row` and `column` are
    /// indices into ``rows`` and the row).
    package func place(row: Int, column: Int) -> String {
        let line = rowLines.indices.contains(row) ? rowLines[row] : nil
        guard let sheet else { return file + (line.map { ":\($0)" } ?? "") }
        var text = "\(file), sheet '\(sheet)'"
        if let line, columnNumbers.indices.contains(column) {
            text += ", cell " + cellReference(row: line, column: columnNumbers[column])
        }
        return text
    }

    /// Why a cell an aggregate or a chart reads is not a number, or nil when it is one
    /// (or missing): the whole message of a `non-numeric-cell` error.
    package func notANumber(row: Int, column: Int, name: String) -> String? {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return nil }
        let place = place(row: row, column: column)
        switch rows[row][column] {
        case .number, .missing:
            return nil
        case .date(let date):
            return "cell \(date.iso) in column '\(name)' of \(place) is a date, not a number"
        case .error(let code):
            return "\(place) holds the spreadsheet error \(printable(code)) (in column '\(name)'), not a number: "
                + "correct its formula in the workbook and save it again"
        case .text(let text):
            return "cell \"\(printable(text))\" in column '\(name)' of \(place) is not a number" + hint(text)
        }
    }

    /// Whether the column at `index` holds dates.
    package func hasDates(_ index: Int) -> Bool {
        rows.contains { row in
            guard row.indices.contains(index), case .date = row[index] else { return false }
            return true
        }
    }

    /// What to do about a text cell that looks like a number: " (…)", or "".
    private func hint(_ text: String) -> String {
        if isJSON, NumberCell.parse(text, convention: .decimalPoint) != nil {
            return " (in JSON a number in quotes is text: write it without the quotes, as \(text))"
        }
        let hint = NumberCell.hint(for: text, convention: numberConvention)
        return hint.isEmpty ? "" : " (\(hint))"
    }
}
