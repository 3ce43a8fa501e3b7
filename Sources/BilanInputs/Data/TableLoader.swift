import Foundation
public import BilanBase

/// The file formats a data table can be written in.
public enum TableFormat: String, Sendable {
    case csv
    /// Tab-separated text (`.tsv`).
    case tsv
    /// Text that is a table only when tab-separated, as Excel's "Unicode text" export.
    case txt
    case json
    /// An Excel workbook: each sheet a table.
    case xlsx
    /// An OpenDocument spreadsheet (LibreOffice): each sheet a table.
    case ods

    /// Whether a file of this format may hold several tables.
    public var isWorkbook: Bool { self == .xlsx || self == .ods }

    /// The format a file extension names (in any case), or nil.
    public init?(fileExtension: String) {
        self.init(rawValue: fileExtension.lowercased())
    }
}

/// What one data file gave.
package enum LoadedDataFile: Sendable {
    /// Its tables, how it was read, and problems found in them (a `legacy-encoding`
    /// warning; a column of dates that cannot be read without a guess, an error).
    case tables([DataTable], DataFileReading, diagnostics: [Diagnostic])
    /// Not a table after all (a `.txt` that is not tab-separated): why, for an
    /// `ignored-data-file` warning.
    case notATable(advice: String)
}

/// Turns the bytes of one data file into a ``DataTable`` with typed cells.
///
/// - CSV: the header row names the columns; a field is typed by
///   ``CellValue/init(csvField:decimalComma:)``, with decimal commas in a `;`-separated
///   file.
/// - JSON: an array of objects, one per row; the columns are the keys in the order
///   they first appear, and a key an object lacks is a missing cell. A number is a
///   number, a string is text (`"12"` stays text; `""` and spaces only are missing),
///   `true`/`false` are text, `null` is missing; an array or object as a value is a
///   `json-shape` error, as is a key twice in one object.
public enum TableLoader {
    /// Reads the table `name` from the bytes of `file` (a path relative to the project
    /// folder, used in diagnostics).
    public static func load(
        _ bytes: [UInt8], format: TableFormat, name: String, file: String
    )
        -> Result<DataTable, Diagnostic>
    {
        loadFile(bytes, format: format, name: name, file: file).flatMap { loaded in
            switch loaded {
            case .tables(let tables, _, _) where !tables.isEmpty: .success(tables[0])
            case .tables, .notATable:
                .failure(.error(.csvHeader, "this file holds no table", at: SourceLocation(file: file)))
            }
        }
    }

    /// Reads every table of one data file, with how it was read; columns of dates are
    /// typed as dates in the order `dates` declares.
    package static func loadFile(
        _ bytes: [UInt8], format: TableFormat, name: String, file: String, dates: DateDeclarations = DateDeclarations()
    ) -> Result<LoadedDataFile, Diagnostic> {
        switch format {
        case .csv, .tsv, .txt:
            let decoded: DecodedText
            switch DataTextDecoder.decode(bytes) {
            case .failure(let failure):
                return .failure(
                    .error(
                        .invalidUTF8, failure.message,
                        at: SourceLocation(file: file, line: failure.line, column: failure.column)))
            case .success(let text): decoded = text
            }
            var problems: [Diagnostic] = []
            if let position = decoded.legacyEncodingPosition {
                problems.append(
                    .warning(
                        .legacyEncoding, DataTextDecoder.legacyEncodingAdvice,
                        at: SourceLocation(file: file, line: position.line, column: position.column)))
            }
            if format == .txt, !headerHasTab(decoded.text) {
                return .success(
                    .notATable(
                        advice: "a .txt file is read as a table only when its cells are separated by tabs "
                            + "(as Excel's \"Unicode text\" export writes them), and this one's first line has none: "
                            + "if it holds notes, move it out of content/data/"))
            }
            return CSVReader.read(text: decoded.text, file: file, rule: format == .csv ? .detect : .tab).map {
                document in
                let decimalComma = usesDecimalComma(document)
                var table = table(from: document, name: name, file: file, decimalComma: decimalComma)
                table.numberConvention = decimalComma ? .decimalComma : .decimalPoint
                let typed = table.typingDates(dates)
                let reading = DataFileReading(
                    file: file, format: format, encoding: decoded.encoding.displayName,
                    separator: document.separator.name, decimalMark: decimalComma ? "," : ".", tables: [name])
                return .tables([typed.table], reading, diagnostics: problems + typed.problems)
            }
        case .xlsx, .ods:
            let workbookFormat: WorkbookFormat = format == .xlsx ? .xlsx : .ods
            switch WorkbookReader.read(bytes, format: workbookFormat) {
            case .failure(let error):
                let place = [error.sheet.map { "sheet '\($0)'" }, error.cell.map { "cell \($0)" }].compactMap { $0 }
                return .failure(
                    .error(
                        .invalidWorkbook, (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + error.message,
                        at: SourceLocation(file: file, line: error.row, column: error.row == nil ? nil : error.column)))
            case .success(let workbook):
                let (tables, problems) = WorkbookTables.tables(workbook, baseName: name, file: file, dates: dates)
                let reading = DataFileReading(file: file, format: format, tables: tables.map(\.name))
                return .success(.tables(tables, reading, diagnostics: problems))
            }
        case .json:
            return JSONReader.read(bytes, file: file).flatMap { root in
                Result { () throws(Diagnostic) in
                    var table = try table(from: root, name: name, file: file)
                    table.isJSON = true
                    let typed = table.typingDates(dates)
                    let reading = DataFileReading(
                        file: file, format: .json, encoding: "UTF-8", decimalMark: ".", tables: [name])
                    return .tables([typed.table], reading, diagnostics: typed.problems)
                }
            }
        }
    }

    /// Whether the first non-blank line of `text` has a tab.
    private static func headerHasTab(_ text: String) -> Bool {
        var started = false
        for byte in text.utf8 {
            let lineEnd = byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn
            if lineEnd, started { return false }
            started = started || !lineEnd
            if byte == CSVSeparator.tab.rawValue { return true }
        }
        return false
    }

    /// Whether a delimited file writes decimals with a comma: always with `;` (as French
    /// Excel saves CSV), never with `,`; with tabs, when some cell is a decimal-comma number
    /// (`12,5`, `1 234,50`, or digits grouped by spaces: `1 234`) and none a decimal-point one
    /// (`12.5`).
    ///
    /// `1,234` alone is no evidence: en-US Excel writes one thousand two hundred thirty-four so,
    /// fr-CA one point two three four. A file whose only commas are such stays decimal-point, so
    /// that those cells are text and any sum of them an error with both readings in its hint,
    /// never a number off by a factor of a thousand.
    package static func usesDecimalComma(_ document: CSVDocument) -> Bool {
        switch document.separator {
        case .semicolon: return true
        case .comma: return false
        case .tab:
            var comma = false
            for record in document.records {
                for field in record where mayTellTheDecimalMark(field) {
                    if field.utf8.contains(ASCIIByte.period),
                        case .number = CellValue(csvField: field, decimalComma: false)
                    {
                        return false
                    }
                    if !comma, !isLoneThousandsComma(field),
                        case .number = CellValue(csvField: field, decimalComma: true)
                    {
                        comma = true
                    }
                }
            }
            return comma
        }
    }

    /// Whether a field has a comma, a point or a space (U+0020, U+00A0, U+202F: their last
    /// UTF-8 bytes), without which a number reads the same in both conventions.
    private static func mayTellTheDecimalMark(_ field: String) -> Bool {
        field.utf8.contains { byte in
            byte == ASCIIByte.comma || byte == ASCIIByte.period || byte == ASCIIByte.space || byte == 0xA0
                || byte == 0xAF
        }
    }

    /// Whether a field is `[+-]?d{1,3},ddd`: a comma that may separate thousands or decimals.
    private static func isLoneThousandsComma(_ field: String) -> Bool {
        var bytes = field.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        guard let comma = bytes.firstIndex(of: ASCIIByte.comma) else { return false }
        let integer = bytes[..<comma]
        let fraction = bytes[bytes.index(after: comma)...]
        return (1...3).contains(integer.count) && fraction.count == 3
            && integer.allSatisfy(ASCIIByte.isDigit) && fraction.allSatisfy(ASCIIByte.isDigit)
    }

    private static func table(
        from document: CSVDocument, name: String, file: String, decimalComma: Bool
    )
        -> DataTable
    {
        return DataTable(
            name: name, file: file, columns: document.header,
            rows: document.records.map { record in
                record.map { CellValue(csvField: $0, decimalComma: decimalComma) }
            },
            rowLines: document.recordLines,
            columnLines: Array(repeating: document.headerLine, count: document.header.count))
    }

    private static func table(
        from root: JSONReader.Value, name: String, file: String
    )
        throws(Diagnostic) -> DataTable
    {
        func shapeError(_ message: String, line: Int, column: Int) -> Diagnostic {
            .error(.jsonShape, message, at: SourceLocation(file: file, line: line, column: column))
        }
        guard case .array(let elements) = root.content else {
            throw shapeError(
                "a JSON data file holds an array of objects, one per row (such as "
                    + "[{\"annee\": 2023, \"femmes\": 120}]); this one holds "
                    + "\(root.content.kind)", line: root.line, column: root.column)
        }

        var columns: [String] = []
        var columnLines: [Int] = []
        var columnIndex: [String: Int] = [:]
        var objects: [[JSONReader.Member]] = []
        objects.reserveCapacity(elements.count)
        for (number, element) in elements.enumerated() {
            guard case .object(let members) = element.content else {
                throw shapeError(
                    "row \(number + 1) is \(element.content.kind), not an object",
                    line: element.line, column: element.column)
            }
            var keys = Set<String>()
            for member in members {
                guard keys.insert(member.key).inserted else {
                    throw shapeError(
                        "the key \"\(member.key)\" appears twice in this row",
                        line: member.keyLine, column: member.keyColumn)
                }
                switch member.value.content {
                case .array, .object:
                    throw shapeError(
                        "the value of \"\(member.key)\" is \(member.value.content.kind): a cell "
                            + "holds a number, a string, true, false or null",
                        line: member.value.line, column: member.value.column)
                default:
                    break
                }
                if columnIndex[member.key] == nil {
                    columnIndex[member.key] = columns.count
                    columns.append(member.key)
                    columnLines.append(element.line)
                }
            }
            objects.append(members)
        }

        let rows = objects.map { members in
            var row = [CellValue](repeating: .missing, count: columns.count)
            for member in members {
                row[columnIndex[member.key]!] = member.value.content.cell
            }
            return row
        }
        return DataTable(
            name: name, file: file, columns: columns, rows: rows,
            rowLines: elements.map(\.line), columnLines: columnLines)
    }
}

extension JSONReader.Value.Content {
    /// The cell a scalar value gives.
    fileprivate var cell: CellValue {
        switch self {
        case .number(let value): .number(value)
        case .string(let text):
            text.utf8.allSatisfy { $0 == ASCIIByte.space } ? .missing : .text(text)
        case .bool(let value): .text(value ? "true" : "false")
        case .null, .array, .object: .missing
        }
    }

    /// What an error message calls this kind of value.
    fileprivate var kind: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
