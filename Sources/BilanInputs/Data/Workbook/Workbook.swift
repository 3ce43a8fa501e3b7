package import Foundation

/// A workbook as bilan reads it: its sheets in file order.
///
/// Every value is the stored value, never the text a spreadsheet program displays: a cell
/// shown `12,5 %` is `.number(0.125)` and one shown `1 234,50 $` is `.number(1234.5)`.
package struct Workbook: Hashable, Sendable {
    /// The worksheets in the order the workbook lists them, hidden ones included.
    package var sheets: [WorkbookSheet]
    /// The file format the workbook was read from.
    package var format: WorkbookFormat
    /// The serial-date system of an `.xlsx` workbook; `nil` for `.ods`, which stores calendar dates.
    ///
    /// Date-formatted cells are already `.date` values; callers need this only to turn a plain
    /// number that the author meant as a date serial into a date (`bilan data`).
    package var dateSystem: WorkbookDateSystem?

    /// Makes a workbook from its parts.
    package init(sheets: [WorkbookSheet], format: WorkbookFormat, dateSystem: WorkbookDateSystem?) {
        self.sheets = sheets
        self.format = format
        self.dateSystem = dateSystem
    }

    /// The first sheet with this exact name, if any.
    package func sheet(named name: String) -> WorkbookSheet? {
        sheets.first { $0.name == name }
    }
}

/// The two workbook formats bilan reads.
package enum WorkbookFormat: String, Hashable, Sendable, CaseIterable {
    /// Office Open XML, as Excel, LibreOffice and openpyxl write it.
    case xlsx
    /// OpenDocument spreadsheet, as LibreOffice writes it.
    case ods

    /// The file extension with its dot, as messages show it: `.xlsx`.
    package var dottedExtension: String { "." + rawValue }
}

/// How an `.xlsx` workbook counts days in its date serial numbers.
package enum WorkbookDateSystem: Hashable, Sendable {
    /// Serial 1 is 1 January 1900, and serial 60 is Excel's fictitious 29 February 1900.
    case excel1900
    /// Serial 0 is 1 January 1904 (`<workbookPr date1904="1"/>`, old Mac workbooks).
    case excel1904
}

/// One worksheet of a workbook.
package struct WorkbookSheet: Hashable, Sendable {
    /// The sheet's name as its tab shows it.
    package var name: String
    /// Whether the author hid the sheet (xlsx `state="hidden"` or `"veryHidden"`, ods `table:display="false"`).
    package var isHidden: Bool
    /// Non-empty rows only, in order; trailing empty rows and columns dropped.
    package var rows: [WorkbookRow]

    /// Makes a sheet from its parts.
    package init(name: String, isHidden: Bool = false, rows: [WorkbookRow]) {
        self.name = name
        self.isHidden = isHidden
        self.rows = rows
    }

    /// The value at a 1-based row and column, `.empty` outside the stored cells.
    package func cell(row: Int, column: Int) -> WorkbookCell {
        guard let found = rows.first(where: { $0.number == row }), column >= 1, column <= found.cells.count else {
            return .empty
        }
        return found.cells[column - 1]
    }

    /// The value at a reference such as `B7`, `.empty` outside the stored cells or for a bad reference.
    package func cell(_ reference: String) -> WorkbookCell {
        guard let position = CellPosition(reference: reference) else { return .empty }
        return cell(row: position.row, column: position.column)
    }
}

/// One non-empty row of a sheet.
package struct WorkbookRow: Hashable, Sendable {
    /// The 1-based row number in the sheet, so that callers can point at it.
    package var number: Int
    /// The row's cells: index `column - 1`, padded with `.empty`, ending at the last non-empty cell.
    package var cells: [WorkbookCell]

    /// Makes a row from its parts.
    package init(number: Int, cells: [WorkbookCell]) {
        self.number = number
        self.cells = cells
    }
}

/// The stored value of one cell.
package enum WorkbookCell: Hashable, Sendable {
    /// No value.
    case empty
    /// A number, parsed exactly from the stored text and rounded to 15 significant digits.
    case number(Decimal)
    /// Text, with rich-text runs concatenated.
    case text(String)
    /// A calendar date: an xlsx number cell with a date format, or an ods `office:date-value`; time dropped.
    case date(year: Int, month: Int, day: Int)
    /// A boolean.
    case bool(Bool)
    /// A spreadsheet error such as `#DIV/0!`, `#REF!` or LibreOffice's `Err:502`.
    case error(String)
    /// A formula whose file holds no computed value (openpyxl writes these): the formula text.
    case formulaWithoutValue(String)

    /// Whether the cell has no value.
    package var isEmpty: Bool { self == .empty }
}
