/// Why a workbook could not be read, in words that tell the user what to do, and where.
package struct WorkbookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A plain English sentence: what is wrong and what to do about it.
    package var message: String
    /// The sheet concerned, if the problem is in one.
    package var sheet: String?
    /// The cell concerned, as `B7`.
    package var cell: String?
    /// The 1-based row concerned.
    package var row: Int?
    /// The 1-based column concerned.
    package var column: Int?

    /// Makes an error; `cell` is filled from `row` and `column` when both are given.
    package init(_ message: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil) {
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        if let row, let column { self.cell = cellReference(row: row, column: column) }
    }

    /// The message, prefixed with the sheet and cell when known.
    package var description: String {
        var place: [String] = []
        if let sheet { place.append("sheet “\(sheet)”") }
        if let cell { place.append("cell \(cell)") } else if let row { place.append("row \(row)") }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}

extension WorkbookError {
    /// The advice that ends most messages about a damaged file.
    static func resaveAdvice(_ format: WorkbookFormat) -> String {
        switch format {
        case .xlsx: "open it in Excel or LibreOffice and save it again"
        case .ods: "open it in LibreOffice and save it again"
        }
    }

    /// The file is not a zip archive, or its archive is damaged.
    static func notAWorkbook(_ format: WorkbookFormat) -> WorkbookError {
        WorkbookError("this workbook is damaged or not an \(format.dottedExtension) file: \(resaveAdvice(format))")
    }

    /// The file is an OLE compound document: an encrypted workbook or an old `.xls`.
    static func encryptedOrLegacy(_ format: WorkbookFormat) -> WorkbookError {
        WorkbookError(
            "this workbook is password-protected or in the old .xls format: "
                + "save it as \(format.dottedExtension) without a password")
    }

    /// A part of the workbook is damaged (bad XML, a missing reference…): `detail` says how.
    static func damaged(
        _ format: WorkbookFormat, part: String, _ detail: String,
        sheet: String? = nil
    ) -> WorkbookError {
        WorkbookError(
            "this workbook is damaged (\(printable(part)): \(detail)): \(resaveAdvice(format))",
            sheet: sheet)
    }
}

/// `text` made safe to quote in a message: control characters escaped, at most 80 characters.
package func printable(_ text: some StringProtocol) -> String {
    var result = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == 80 {
            result += "…"
            break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default:
            result.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return result
}
