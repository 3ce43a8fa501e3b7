/// Reads `.xlsx` and `.ods` workbooks from their bytes.
///
/// Reading never crashes and never runs unbounded: a damaged, encrypted or hostile file gives a
/// `WorkbookError` whose message tells the user what to do, within the bounds of `WorkbookLimits`.
/// Each part is unpacked into memory (at most `maxPartBytes`) and read by a streaming pull
/// tokenizer, `XMLPullParser`: no document tree is built.
package enum WorkbookReader {
    /// Reads a workbook in `format` from `bytes`.
    package static func read(
        _ bytes: [UInt8], format: WorkbookFormat,
        limits: WorkbookLimits = .default
    ) -> Result<Workbook, WorkbookError> {
        Result { () throws(WorkbookError) -> Workbook in
            if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                throw .encryptedOrLegacy(format)
            }
            switch format {
            case .xlsx:
                var reader = try XLSXReader(bytes: bytes, limits: limits)
                return try reader.read()
            case .ods:
                var reader = try ODSReader(bytes: bytes, limits: limits)
                return try reader.read()
            }
        }
    }

    /// Reads a workbook from `bytes`, taking the format from a file name's extension
    /// (`.xlsx`, `.xlsm`, `.ods`, in any case); `nil` for any other extension.
    package static func read(
        _ bytes: [UInt8], fileName: String,
        limits: WorkbookLimits = .default
    ) -> Result<Workbook, WorkbookError>? {
        let lowercased = fileName.lowercased()
        if lowercased.hasSuffix(".xlsx") || lowercased.hasSuffix(".xlsm") {
            return read(bytes, format: .xlsx, limits: limits)
        }
        if lowercased.hasSuffix(".ods") { return read(bytes, format: .ods, limits: limits) }
        return nil
    }
}

/// Runs the pull parser over one part, turning its syntax errors into workbook errors.
struct PartParser {
    private var parser: XMLPullParser
    private let part: String
    private let format: WorkbookFormat
    private let sheet: String?

    /// Starts reading the part `part` of a workbook in `format`.
    init(bytes: [UInt8], part: String, format: WorkbookFormat, limits: WorkbookLimits, sheet: String? = nil) {
        parser = XMLPullParser(bytes: bytes, maxDepth: limits.maxDepth)
        self.part = part
        self.format = format
        self.sheet = sheet
    }

    /// The next event, or `nil` at the end of the part.
    mutating func next() throws(WorkbookError) -> XMLEvent? {
        do {
            return try parser.next()
        } catch {
            throw syntaxError(error)
        }
    }

    /// Skips the rest of the element just opened.
    mutating func skipElement() throws(WorkbookError) {
        do {
            try parser.skipElement()
        } catch {
            throw syntaxError(error)
        }
    }

    /// An error about this part's contents.
    func damaged(_ detail: String) -> WorkbookError {
        .damaged(format, part: part, detail, sheet: sheet)
    }

    private func syntaxError(_ error: XMLSyntaxError) -> WorkbookError {
        .damaged(format, part: part, "line \(error.line), column \(error.column): \(error.message)", sheet: sheet)
    }
}
