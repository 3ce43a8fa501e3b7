import Foundation

/// Reads an `.ods` workbook from `content.xml`.
///
/// - Repeats: `table:number-rows-repeated` and `table:number-columns-repeated` advance the
///   position without storing anything when the cells are empty (LibreOffice writes repeats of
///   a million empty rows); repeated values are stored and count against the cell budget.
/// - Values: `float`, `percentage` and `currency` read `office:value`; `date` reads
///   `office:date-value` (time dropped); `time` reads `office:time-value` (`PT10H30M00S`) as a
///   number of days (0.4375), as spreadsheets store times; `boolean` reads `office:boolean-value`;
///   `string` reads `office:string-value` or the `text:p` paragraphs joined by newlines
///   (`text:s`, `text:tab`, `text:line-break`, spans and links included; comments left out).
/// - Formulas: a cell with `table:formula` and a value type gives its cached value; one without a
///   value type gives `.formulaWithoutValue` with the formula text, its `of:` prefix removed.
/// - Errors: LibreOffice marks a formula whose result is an error with `calcext:value-type="error"`
///   and the error text (`#DIV/0!`, `Err:502`) as its paragraph: that gives `.error`. A file
///   without that attribute (other programs) gives `.error` for a formula cell whose string
///   result is exactly an error code: `#NULL!`, `#DIV/0!`, `#VALUE!`, `#REF!`, `#NAME?`,
///   `#NUM!`, `#N/A` or `Err:` and three digits.
/// - Merged cells: `table:number-columns-spanned` / `number-rows-spanned` make a merged range,
///   filled by `SheetGrid`; `table:covered-table-cell` only advances the column.
/// - Hidden sheets: a table whose style has `table:display="false"`.
/// Names are matched with the prefixes every ODF producer writes (`table:`, `office:`, `text:`).
struct ODSReader {
    private var archive: WorkbookArchive
    private let limits: WorkbookLimits

    /// The most characters one cell's text may have: Excel's and LibreOffice's own limit is 32,767.
    static let maxCellTextLength = 32_767

    /// Opens the archive in `bytes`.
    init(bytes: [UInt8], limits: WorkbookLimits) throws(WorkbookError) {
        archive = try WorkbookArchive(bytes: bytes, format: .ods, limits: limits)
        self.limits = limits
    }

    /// Reads the whole workbook.
    mutating func read() throws(WorkbookError) -> Workbook {
        if let manifest = try archive.read("META-INF/manifest.xml"),
            manifest.firstRange(of: Array("encryption-data".utf8)) != nil
        {
            throw .encryptedOrLegacy(.ods)
        }
        guard let content = try archive.read("content.xml") else {
            if archive.contains("xl/workbook.xml") {
                throw WorkbookError("this file is an .xlsx workbook with an .ods name: rename it to end in .xlsx")
            }
            throw WorkbookError(
                "this file is a zip archive but not an .ods workbook (it has no content.xml): "
                    + "open it in LibreOffice and save it as .ods")
        }
        var reader = ODSContentReader(
            parser: PartParser(bytes: content, part: "content.xml", format: .ods, limits: limits),
            maxCells: limits.maxCells)
        return Workbook(sheets: try reader.read(), format: .ods, dateSystem: nil)
    }
}

/// Streams `content.xml` into sheets; see `ODSReader` for what each construct gives.
struct ODSContentReader {
    private var parser: PartParser
    private let maxCells: Int
    private var hiddenTableStyles: Set<String> = []
    private var cellCount = 0

    /// Makes a reader over the parser of `content.xml`.
    init(parser: PartParser, maxCells: Int) {
        self.parser = parser
        self.maxCells = maxCells
    }

    /// One cell as read, before repeats are applied.
    private struct ParsedCell {
        var value: WorkbookCell
        var repeated: Int
        var columnsSpanned: Int
        var rowsSpanned: Int
    }

    /// Reads every table.
    mutating func read() throws(WorkbookError) -> [WorkbookSheet] {
        var sheets: [WorkbookSheet] = []
        var styleName: String?
        while let event = try parser.next() {
            guard case .start(let tag) = event else { continue }
            switch tag.name {
            case "style:style":
                styleName = tag.attribute("style:family") == "table" ? tag.attribute("style:name") : nil
            case "style:table-properties":
                if let styleName, tag.attribute("table:display") == "false" { hiddenTableStyles.insert(styleName) }
            case "table:table":
                sheets.append(try readTable(tag))
            default:
                break
            }
        }
        return sheets
    }

    private mutating func readTable(_ tag: XMLStartTag) throws(WorkbookError) -> WorkbookSheet {
        let name = tag.attribute("table:name") ?? "Sheet\(cellCount)"
        let isHidden = tag.attribute("table:style-name").map(hiddenTableStyles.contains) ?? false
        var grid = SheetGrid(sheetName: name, cellCount: cellCount, maxCells: maxCells)
        var rowNumber = 1
        while let event = try parser.next() {
            switch event {
            case .start(let child):
                switch child.name {
                case "table:table-row":
                    let repeated = Self.count(child.attribute("table:number-rows-repeated"))
                    let cells = try readRow(sheet: name, row: rowNumber)
                    if cells.contains(where: { $0.value != .empty }) {
                        try store(cells, in: &grid, row: rowNumber, repeated: repeated, sheet: name)
                    }
                    rowNumber = min(rowNumber + repeated, Int.max / 4)
                case "table:table":
                    try parser.skipElement()
                default:
                    break
                }
            case .end(let endName):
                if endName == "table:table" {
                    let rows = try grid.finish()
                    cellCount = grid.cellCount
                    return WorkbookSheet(name: name, isHidden: isHidden, rows: rows)
                }
            case .text:
                break
            }
        }
        throw parser.damaged("the sheet “\(printable(name))” does not end")
    }

    private func store(
        _ cells: [ParsedCell], in grid: inout SheetGrid, row: Int, repeated: Int,
        sheet: String
    ) throws(WorkbookError) {
        for copy in 0..<repeated {
            let rowNumber = row + copy
            guard rowNumber <= maximumRowNumber else {
                throw WorkbookError(
                    "this workbook has a value below the last row a spreadsheet holds (\(maximumRowNumber)), "
                        + "so it is damaged: " + WorkbookError.resaveAdvice(.ods), sheet: sheet)
            }
            var column = 1
            for cell in cells {
                if cell.value != .empty {
                    guard column <= maximumColumnNumber else {
                        throw WorkbookError(
                            "this workbook has a value beyond the last column a spreadsheet holds "
                                + "(XFD), so it is damaged: " + WorkbookError.resaveAdvice(.ods),
                            sheet: sheet, row: rowNumber)
                    }
                    let count = min(cell.repeated, maximumColumnNumber - column + 1)
                    try grid.set(cell.value, row: rowNumber, column: column, count: count)
                    if cell.columnsSpanned > 1 || cell.rowsSpanned > 1 {
                        let last = CellPosition(
                            row: min(rowNumber + cell.rowsSpanned - 1, maximumRowNumber),
                            column: min(column + cell.columnsSpanned - 1, maximumColumnNumber))
                        grid.merge(CellRange(first: CellPosition(row: rowNumber, column: column), last: last))
                    }
                }
                column = min(column + cell.repeated, Int.max / 4)
            }
        }
    }

    /// Reads the cells of the row just opened, up to its end tag.
    private mutating func readRow(sheet: String, row: Int) throws(WorkbookError) -> [ParsedCell] {
        var cells: [ParsedCell] = []
        var column = 1
        while let event = try parser.next() {
            switch event {
            case .start(let tag):
                switch tag.name {
                case "table:table-cell":
                    let cell = try readCell(tag, sheet: sheet, row: row, column: column)
                    column = min(column + cell.repeated, Int.max / 4)
                    cells.append(cell)
                case "table:covered-table-cell":
                    let repeated = Self.count(tag.attribute("table:number-columns-repeated"))
                    try parser.skipElement()
                    column = min(column + repeated, Int.max / 4)
                    cells.append(ParsedCell(value: .empty, repeated: repeated, columnsSpanned: 1, rowsSpanned: 1))
                default:
                    try parser.skipElement()
                }
            case .end:
                return cells
            case .text:
                break
            }
        }
        throw parser.damaged("a row of the sheet “\(printable(sheet))” does not end")
    }

    /// Reads the cell just opened, up to its end tag.
    private mutating func readCell(
        _ tag: XMLStartTag, sheet: String, row: Int,
        column: Int
    ) throws(WorkbookError) -> ParsedCell {
        let repeated = Self.count(tag.attribute("table:number-columns-repeated"))
        let columnsSpanned = Self.count(tag.attribute("table:number-columns-spanned"))
        let rowsSpanned = Self.count(tag.attribute("table:number-rows-spanned"))
        let text = try readCellText(sheet: sheet, row: row, column: column)
        let value = try cellValue(tag, text: text, sheet: sheet, row: row, column: column)
        return ParsedCell(value: value, repeated: repeated, columnsSpanned: columnsSpanned, rowsSpanned: rowsSpanned)
    }

    /// The text of the cell's paragraphs, joined by newlines; `nil` when it has none.
    private mutating func readCellText(sheet: String, row: Int, column: Int) throws(WorkbookError) -> String? {
        var text: String?
        var length = 0
        func append(_ piece: String, _ count: Int) -> Bool {
            length += count
            guard length <= ODSReader.maxCellTextLength else { return false }
            text = (text ?? "") + piece
            return true
        }
        var depth = 0
        var paragraphDepth = 0
        while let event = try parser.next() {
            var fits = true
            switch event {
            case .start(let tag):
                switch tag.name {
                case "text:p", "text:h":
                    if paragraphDepth == 0 {
                        fits = text == nil ? append("", 0) : append("\n", 1)
                    }
                    paragraphDepth += 1
                    depth += 1
                case "text:s":
                    let spaces = Self.count(tag.attribute("text:c"))
                    if paragraphDepth > 0 {
                        fits =
                            spaces <= ODSReader.maxCellTextLength
                            && append(String(repeating: " ", count: spaces), spaces)
                    }
                    depth += 1
                case "text:tab":
                    if paragraphDepth > 0 { fits = append("\t", 1) }
                    depth += 1
                case "text:line-break":
                    if paragraphDepth > 0 { fits = append("\n", 1) }
                    depth += 1
                case "office:annotation", "text:note", "text:ruby-text":
                    try parser.skipElement()
                case let name where name.hasPrefix("draw:"):
                    try parser.skipElement()
                default:
                    depth += 1
                }
            case .end(let name):
                if depth == 0 { return text }
                depth -= 1
                if name == "text:p" || name == "text:h" { paragraphDepth -= 1 }
            case .text(let piece):
                if paragraphDepth > 0 { fits = append(piece, piece.unicodeScalars.count) }
            }
            guard fits else {
                let limit = ODSReader.maxCellTextLength.formatted(grouping: true)
                throw WorkbookError(
                    "this cell holds more than \(limit) "
                        + "characters, more than a spreadsheet cell can: the workbook is damaged; "
                        + WorkbookError.resaveAdvice(.ods), sheet: sheet, row: row, column: column)
            }
        }
        throw parser.damaged("a cell of the sheet “\(printable(sheet))” does not end")
    }

    private func cellValue(
        _ tag: XMLStartTag, text: String?, sheet: String, row: Int,
        column: Int
    ) throws(WorkbookError) -> WorkbookCell {
        let formula = tag.attribute("table:formula")
        if tag.attribute("calcext:value-type") == "error" { return .error(text ?? "") }
        func invalid(_ what: String, _ raw: String) -> WorkbookError {
            WorkbookError(
                "this cell’s stored value “\(printable(raw))” is not \(what), "
                    + "so the workbook is damaged: "
                    + WorkbookError.resaveAdvice(.ods), sheet: sheet, row: row, column: column)
        }
        switch tag.attribute("office:value-type") {
        case "float"?, "percentage"?, "currency"?:
            let raw = tag.attribute("office:value") ?? ""
            switch StoredNumber.parse(raw) {
            case .number(let number): return .number(number)
            case .outOfRange: throw invalid("a number bilan can hold", raw)
            case .invalid: throw invalid("a number", raw)
            }
        case "date"?:
            let raw = tag.attribute("office:date-value") ?? ""
            guard let date = CalendarDate(iso: raw) else { throw invalid("a date", raw) }
            return date.cell
        case "time"?:
            let raw = tag.attribute("office:time-value") ?? ""
            guard let days = Self.days(ofDuration: raw) else { throw invalid("a time", raw) }
            return .number(days)
        case "boolean"?:
            switch tag.attribute("office:boolean-value") {
            case "true"?, "1"?: return .bool(true)
            case "false"?, "0"?: return .bool(false)
            case let raw: throw invalid("true or false", raw ?? "")
            }
        case "string"?:
            let string = tag.attribute("office:string-value") ?? text ?? ""
            if formula != nil, tag.attribute("calcext:value-type") == nil, Self.isErrorCode(string) {
                return .error(string)
            }
            return .text(string)
        case nil:
            if let formula { return .formulaWithoutValue(Self.formulaText(formula)) }
            return text.map(WorkbookCell.text) ?? .empty
        case let other?:
            throw WorkbookError(
                "this cell has a value type “\(printable(other))” that bilan does not know, so the "
                    + "workbook is damaged: " + WorkbookError.resaveAdvice(.ods), sheet: sheet, row: row, column: column
            )
        }
    }

    /// A repeat or span count: a positive integer, 1 when absent or not valid, at most 10 million.
    static func count(_ text: String?) -> Int {
        guard let text, let value = Int(text), value >= 1 else { return 1 }
        return min(value, 10_000_000)
    }

    /// The formula as users write it: `of:=SUM([.B2:.B3])` gives `=SUM([.B2:.B3])`.
    static func formulaText(_ formula: String) -> String {
        if let colon = formula.firstIndex(of: ":"), formula[formula.index(after: colon)...].hasPrefix("="),
            formula[..<colon].allSatisfy(\.isLetter)
        {
            return String(formula[formula.index(after: colon)...])
        }
        return formula
    }

    /// Whether a formula's string result is one of the spreadsheet error codes.
    static func isErrorCode(_ text: String) -> Bool {
        switch text {
        case "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A": return true
        default:
            guard text.hasPrefix("Err:") else { return false }
            let digits = text.dropFirst(4)
            return digits.count == 3 && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
        }
    }

    /// An ISO 8601 duration (`PT10H30M00S`, `P1DT12H`, `-PT1H`) as a number of days, rounded to 15 digits.
    static func days(ofDuration text: String) -> Decimal? {
        var rest = Substring(text)
        var negative = false
        if rest.hasPrefix("-") {
            negative = true
            rest = rest.dropFirst()
        }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var seconds = Decimal(0)
        var inTime = false
        var number = ""
        var sawField = false
        for character in rest {
            switch character {
            case "T":
                guard number.isEmpty, !inTime else { return nil }
                inTime = true
            case "0"..."9", ".":
                number.append(character)
            case "Y", "W", "D", "H", "M", "S":
                guard !number.isEmpty, case .number(let value) = StoredNumber.parse(number) else { return nil }
                let unit: Decimal
                switch (character, inTime) {
                case ("D", false): unit = 86400
                case ("W", false): unit = 604_800
                case ("H", true): unit = 3600
                case ("M", true): unit = 60
                case ("S", true): unit = 1
                default: return nil  // years and months have no fixed length
                }
                seconds += value * unit
                number = ""
                sawField = true
            default:
                return nil
            }
        }
        guard number.isEmpty, sawField else { return nil }
        guard case .number(let days) = StoredNumber.rounded(seconds / 86400) else { return nil }
        return negative ? -days : days
    }
}
