import Foundation

/// Reads one `.xlsx` worksheet part into a `SheetGrid`.
///
/// Cell positions come from the `r` attribute (`B7`); a cell without one follows the previous
/// cell, and a row without one follows the previous row. A number cell whose style is a date
/// format becomes `.date`. A formula (`<f>`) with a cached `<v>` gives the cached value; one
/// without gives `.formulaWithoutValue` with the formula text prefixed by `=` (for a shared
/// formula's later cells, which store no text, the text of the cell that defines it, unshifted).
struct XLSXSheetReader {
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let dateSystem: WorkbookDateSystem
    var grid: SheetGrid
    var parser: PartParser

    private var sharedFormulas: [String: String] = [:]

    /// Makes a reader for one sheet.
    init(
        sharedStrings: [String], dateStyles: [Bool], dateSystem: WorkbookDateSystem, grid: SheetGrid,
        parser: PartParser
    ) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.dateSystem = dateSystem
        self.grid = grid
        self.parser = parser
    }

    /// The cell being read: what its tags said and the text of its children.
    private struct PendingCell {
        var row: Int
        var column: Int
        var type = "n"
        var style = 0
        var value: String?
        var formula: String?
        var inlineText: String?
    }

    private enum TextTarget {
        case none
        case value
        case formula
        case inline
    }

    /// Reads the sheet and returns its rows.
    mutating func read() throws(WorkbookError) -> [WorkbookRow] {
        var rowNumber = 0
        var column = 0
        var cell = PendingCell(row: 0, column: 0)
        var inCell = false
        var target = TextTarget.none
        var phoneticDepth = 0
        var inSheetData = false
        while let event = try parser.next() {
            switch event {
            case .start(let tag):
                switch tag.localName {
                case "sheetData":
                    inSheetData = true
                case "row" where inSheetData:
                    if let text = tag.unprefixedAttribute("r") {
                        guard let number = Int(text), number >= 1, number <= maximumRowNumber else {
                            throw parser.damaged("the row number “\(printable(text))” is not valid")
                        }
                        rowNumber = number
                    } else {
                        rowNumber += 1
                    }
                    column = 0
                case "c" where inSheetData:
                    if rowNumber == 0 { rowNumber = 1 }
                    var pending = PendingCell(row: rowNumber, column: column + 1)
                    if let reference = tag.unprefixedAttribute("r") {
                        guard let position = CellPosition(reference: reference) else {
                            throw parser.damaged("the cell reference “\(printable(reference))” is not valid")
                        }
                        pending.row = position.row
                        pending.column = position.column
                    }
                    guard pending.column <= maximumColumnNumber else {
                        throw parser.damaged("a cell lies beyond the last column, XFD")
                    }
                    column = pending.column
                    pending.type = tag.unprefixedAttribute("t") ?? "n"
                    pending.style = tag.unprefixedAttribute("s").flatMap { Int($0) } ?? 0
                    cell = pending
                    inCell = true
                case "v" where inCell:
                    target = .value
                    if cell.value == nil { cell.value = "" }
                case "f" where inCell:
                    target = .formula
                    if cell.formula == nil { cell.formula = "" }
                    if tag.unprefixedAttribute("t") == "shared", let index = tag.unprefixedAttribute("si") {
                        sharedFormulaIndex = index
                    }
                case "is" where inCell:
                    cell.inlineText = ""
                case "t" where inCell:
                    target = phoneticDepth == 0 ? .inline : .none
                case "rPh" where inCell:
                    phoneticDepth += 1
                case "mergeCell":
                    let reference = tag.unprefixedAttribute("ref") ?? ""
                    guard let range = CellRange(reference: reference) else {
                        throw parser.damaged("the merged range “\(printable(reference))” is not valid")
                    }
                    grid.merge(range)
                default:
                    break
                }
            case .end(let name):
                switch XMLStartTag.localName(of: name) {
                case "sheetData":
                    inSheetData = false
                case "c":
                    if inCell { try store(cell) }
                    inCell = false
                    target = .none
                case "v", "t":
                    target = .none
                case "f":
                    target = .none
                    if let index = sharedFormulaIndex, let text = cell.formula {
                        if text.isEmpty {
                            cell.formula = sharedFormulas[index] ?? ""
                        } else {
                            sharedFormulas[index] = text
                        }
                    }
                    sharedFormulaIndex = nil
                case "rPh":
                    phoneticDepth -= 1
                default:
                    break
                }
            case .text(let text):
                switch target {
                case .none: break
                case .value: cell.value? += text
                case .formula: cell.formula? += text
                case .inline: cell.inlineText? += text
                }
            }
        }
        return try grid.finish()
    }

    private var sharedFormulaIndex: String?

    private mutating func store(_ cell: PendingCell) throws(WorkbookError) {
        let value = try value(of: cell)
        try grid.set(value, row: cell.row, column: cell.column)
    }

    private func value(of cell: PendingCell) throws(WorkbookError) -> WorkbookCell {
        let formulaOnly: WorkbookCell? = cell.formula.map { .formulaWithoutValue("=" + $0) }
        var cell = cell
        // An empty <v></v> (openpyxl writes one after a formula) is no value, except for a text result.
        if cell.type != "str", cell.value?.utf8.allSatisfy(isXMLWhitespace) == true { cell.value = nil }
        switch cell.type {
        case "s":
            guard let text = cell.value else { return formulaOnly ?? .empty }
            guard let index = Int(text) ?? Int(text.trimmingCharacters(in: .whitespaces)),
                sharedStrings.indices.contains(index)
            else {
                throw cellError(cell, "refers to shared string \(printable(text)), which does not exist")
            }
            return .text(sharedStrings[index])
        case "inlineStr":
            if let text = cell.inlineText ?? cell.value { return .text(XLSXReader.unescapingXString(text)) }
            return formulaOnly ?? .empty
        case "str":
            if let text = cell.value { return .text(XLSXReader.unescapingXString(text)) }
            return formulaOnly ?? .empty
        case "b":
            guard let text = cell.value else { return formulaOnly ?? .empty }
            switch text.trimmingCharacters(in: .whitespaces) {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: throw cellError(cell, "holds “\(printable(text))”, which is not a boolean")
            }
        case "e":
            guard let text = cell.value else { return formulaOnly ?? .empty }
            return .error(text)
        case "d":
            guard let text = cell.value else { return formulaOnly ?? .empty }
            if let date = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) { return date.cell }
            throw cellError(cell, "holds “\(printable(text))”, which is not a date")
        default:
            guard let text = cell.value else { return formulaOnly ?? .empty }
            switch StoredNumber.parse(text) {
            case .number(let number):
                if dateStyles.indices.contains(cell.style), dateStyles[cell.style],
                    let date = CalendarDate(serial: number, system: dateSystem)
                {
                    return date.cell
                }
                return .number(number)
            case .outOfRange:
                throw cellError(cell, "holds \(printable(text)), a number too large for bilan")
            case .invalid:
                throw cellError(cell, "holds “\(printable(text))”, which is not a number")
            }
        }
    }

    private func cellError(_ cell: PendingCell, _ detail: String) -> WorkbookError {
        var error = parser.damaged("the cell \(cellReference(row: cell.row, column: cell.column)) \(detail)")
        error.row = cell.row
        error.column = cell.column
        error.cell = cellReference(row: cell.row, column: cell.column)
        return error
    }
}
