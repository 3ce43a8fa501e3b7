import Foundation
import BilanBase

/// One cell of a data table: a number, a piece of text, or nothing at all.
///
/// An empty cell is `missing`, never zero: aggregates skip it.
public enum CellValue: Hashable, Sendable {
    case number(Decimal)
    case text(String)
    case missing

    public var number: Decimal? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The cell as text, as it would be shown in a table (numbers unformatted).
    public var text: String {
        switch self {
        case .number(let value): return "\(value)"
        case .text(let value): return value
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
