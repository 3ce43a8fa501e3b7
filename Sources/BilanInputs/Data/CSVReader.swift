package import BilanBase
/// The character that separates the fields of a CSV file.
package enum CSVSeparator: UInt8, Sendable {
    case comma = 0x2C
    /// As French Excel saves CSV; such files write decimals with a comma.
    case semicolon = 0x3B
    /// As Excel's "Unicode text" and "Text (tab delimited)" exports write them.
    case tab = 0x09

    /// How `bilan data` and messages name it.
    package var name: String {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        case .tab: "tab"
        }
    }

    /// The separator as a message describes it: `commas`, `semicolons`, `tabs`.
    package var plural: String {
        switch self {
        case .comma: "commas"
        case .semicolon: "semicolons"
        case .tab: "tabs"
        }
    }
}

/// Which separators a file may use, by its extension.
package enum CSVSeparatorRule: Sendable {
    /// `.csv`: tabs when the header line has one, else `;` when it has one and no `,`,
    /// else `,`.
    case detect
    /// `.tsv`: always tabs.
    case tab
}

/// The rows of a CSV file as raw text, before any typing.
package struct CSVDocument: Sendable {
    package var separator: CSVSeparator
    /// The column names, from the first non-blank line.
    package var header: [String]
    package var headerLine: Int
    /// One array per data row, each with one field per column.
    package var records: [[String]]
    /// For each record, the line it starts on.
    package var recordLines: [Int]
}

/// bilan's strict RFC 4180 reader: CSV bytes to rows of raw text, every problem located
/// at its line and column.
///
/// - Fields are separated by `,`, or by `;` when the header line has a `;` and no `,`
///   outside quotes.
/// - A quoted field may hold separators, line ends and `""` (one quote), kept as
///   written.
/// - Lines end with LF, CRLF or a lone CR; the last one may have no line end; blank lines
///   are skipped (so a one-column table writes an empty cell as `""`).
/// - Strict where RFC 4180 is: a `"` inside an unquoted field (as in csv-spectrum's
///   `location_coordinates` case) and text after a closing quote are `csv-syntax`
///   errors, never taken literally; so are an unclosed quote (located at the opening
///   quote) and a row with more or fewer fields than the header (`csv-ragged-row`).
///
/// Reading stops at the first problem.
package struct CSVReader {
    /// The largest cell, in bytes; larger ones are `too-large` errors.
    package static let maximumCellBytes = 1 << 20
    /// The most columns a file may have.
    package static let maximumColumns = 10_000

    /// Reads a whole file: UTF-8 (with an optional BOM), header row first.
    package static func read(
        _ bytes: [UInt8], file: String, rule: CSVSeparatorRule = .detect
    )
        -> Result<CSVDocument, Diagnostic>
    {
        SourceText.decode(bytes, file: file).flatMap { decoded in read(text: decoded, file: file, rule: rule) }
    }

    /// Reads a whole file already decoded to text.
    package static func read(
        text decoded: String, file: String, rule: CSVSeparatorRule = .detect
    )
        -> Result<CSVDocument, Diagnostic>
    {
        var text = decoded
        return text.withUTF8 { buffer in
            var reader = CSVReader(buffer, file: file)
            return Result { () throws(Diagnostic) in try reader.readDocument(rule: rule) }
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var separator = CSVSeparator.comma.rawValue
    private var index = 0
    private var positions: PositionCounter
    /// Where each field of the last record starts, to locate header problems.
    private var fieldStarts: [Int] = []
    /// The text of a quoted field that holds `""`, reused from field to field.
    private var unescaped: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        self.positions = PositionCounter(bytes)
    }

    private mutating func readDocument(rule: CSVSeparatorRule) throws(Diagnostic) -> CSVDocument {
        skipBlankLines()
        guard index < bytes.count else {
            throw .error(
                .csvHeader, "this CSV file is empty: its first line must name the columns",
                at: location(of: 0))
        }
        let detected: CSVSeparator = rule == .tab ? .tab : headerSeparator()
        separator = detected.rawValue
        let headerLine = positions.position(of: index).line
        let header = try readRecord(reserving: 1)
        try checkHeader(header)

        var records: [[String]] = []
        var recordLines: [Int] = []
        while true {
            skipBlankLines()
            guard index < bytes.count else { break }
            let start = index
            let record = try readRecord(reserving: header.count)
            guard record.count == header.count else {
                throw .error(
                    .csvRaggedRow,
                    "this row has \(Counted.english(record.count, "cell")) but "
                        + "the header names \(Counted.english(header.count, "column")) (this file separates its cells "
                        + "with \(detected.plural)): give every row one cell per column, an empty cell "
                        + "rather than none",
                    at: location(of: start))
            }
            records.append(record)
            recordLines.append(positions.position(of: start).line)
        }
        return CSVDocument(
            separator: detected, header: header, headerLine: headerLine, records: records,
            recordLines: recordLines)
    }

    /// The separator of the header line at `index`: a tab if it has one outside quotes,
    /// else `;` if it has one and no `,`, else `,`.
    private func headerSeparator() -> CSVSeparator {
        var quoted = false
        var semicolon = false
        var comma = false
        for byte in bytes[index...] {
            if byte == ASCIIByte.quote {
                quoted.toggle()
            } else if quoted {
                continue
            } else if byte == CSVSeparator.tab.rawValue {
                return .tab
            } else if byte == ASCIIByte.comma {
                comma = true
            } else if byte == ASCIIByte.semicolon {
                semicolon = true
            } else if byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn {
                break
            }
        }
        return semicolon && !comma ? .semicolon : .comma
    }

    private mutating func checkHeader(_ header: [String]) throws(Diagnostic) {
        var seen: [String: Int] = [:]
        for (column, name) in header.enumerated() {
            if name.utf8.allSatisfy({ $0 == ASCIIByte.space }) {
                throw .error(
                    .csvHeader,
                    "column \(column + 1) has no name: the first line must name every column",
                    at: location(of: fieldStarts[column]))
            }
            if let first = seen[name] {
                throw .error(
                    .csvHeader,
                    "the header names column '\(name)' twice (columns \(first + 1) and "
                        + "\(column + 1)): give each column its own name",
                    at: location(of: fieldStarts[column]))
            }
            seen[name] = column
        }
    }

    /// Reads the record at `index` and the line end after it.
    private mutating func readRecord(reserving count: Int) throws(Diagnostic) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(count)
        fieldStarts.removeAll(keepingCapacity: true)
        while true {
            guard fields.count < Self.maximumColumns else {
                throw .error(
                    .tooLarge,
                    "this row has more than \(Self.maximumColumns) cells, the most bilan reads",
                    at: location(of: index))
            }
            fieldStarts.append(index)
            if index < bytes.count, bytes[index] == ASCIIByte.quote {
                fields.append(try readQuotedField())
            } else {
                fields.append(try readPlainField())
            }
            guard index < bytes.count else { return fields }
            let byte = bytes[index]
            index += 1
            if byte == separator { continue }
            if byte == ASCIIByte.carriageReturn, index < bytes.count,
                bytes[index] == ASCIIByte.lineFeed
            {
                index += 1
            }
            return fields
        }
    }

    private mutating func readPlainField() throws(Diagnostic) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == separator || byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn {
                break
            }
            if byte == ASCIIByte.quote {
                throw .error(
                    .csvSyntax,
                    "a quote inside a cell that does not start with one: put the whole cell "
                        + "in quotes and double this quote (\"\")",
                    at: location(of: index))
            }
            index += 1
        }
        try checkSize(index - start, of: start)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func readQuotedField() throws(Diagnostic) -> String {
        let opening = index
        index += 1
        var segmentStart = index
        var escaped = false
        unescaped.removeAll(keepingCapacity: true)
        while true {
            guard let quote = nextQuote() else {
                throw .error(
                    .csvSyntax,
                    "this quote opens a cell that is never closed: add the closing quote "
                        + "(a quote inside a quoted cell is written twice: \"\")",
                    at: location(of: opening))
            }
            if quote + 1 < bytes.count, bytes[quote + 1] == ASCIIByte.quote {
                unescaped.append(contentsOf: bytes[segmentStart...quote])
                escaped = true
                index = quote + 2
                segmentStart = index
                continue
            }
            index = quote + 1
            if escaped { unescaped.append(contentsOf: bytes[segmentStart..<quote]) }
            try checkSize(escaped ? unescaped.count : quote - segmentStart, of: opening)
            if index < bytes.count, bytes[index] != separator,
                bytes[index] != ASCIIByte.lineFeed, bytes[index] != ASCIIByte.carriageReturn
            {
                throw .error(
                    .csvSyntax,
                    "text after the closing quote of a cell: a quoted cell ends at its closing "
                        + "quote (a quote inside it is written twice: \"\")",
                    at: location(of: index))
            }
            if escaped { return String(decoding: unescaped, as: UTF8.self) }
            return String(
                decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<quote]), as: UTF8.self)
        }
    }

    /// The offset of the next `"` from `index`, or nil.
    private func nextQuote() -> Int? {
        var offset = index
        while offset < bytes.count {
            if bytes[offset] == ASCIIByte.quote { return offset }
            offset += 1
        }
        return nil
    }

    private mutating func skipBlankLines() {
        while index < bytes.count,
            bytes[index] == ASCIIByte.lineFeed || bytes[index] == ASCIIByte.carriageReturn
        {
            index += 1
        }
    }

    private mutating func checkSize(_ size: Int, of start: Int) throws(Diagnostic) {
        guard size > Self.maximumCellBytes else { return }
        throw .error(
            .tooLarge,
            "this cell holds \(size / 1024) KiB of text; bilan reads cells of at most "
                + "\(Self.maximumCellBytes / 1_048_576) MiB",
            at: location(of: start))
    }

    private mutating func location(of offset: Int) -> SourceLocation {
        positions.location(of: offset, in: file)
    }
}
