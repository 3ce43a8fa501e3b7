import Foundation

/// Reads an `.xlsx` workbook: `xl/workbook.xml`, its relationships, the shared strings, the
/// styles (to know which number cells are dates) and each worksheet.
///
/// Sheets are found through the package relationships, never by guessing file names.
/// Chart sheets, dialog sheets and macro sheets hold no cells and are left out.
/// Elements are matched by local name, so prefixed SpreadsheetML (`<x:c>`) reads too.
struct XLSXReader {
    private var archive: WorkbookArchive
    private let limits: WorkbookLimits
    private var cellCount = 0

    /// Opens the archive in `bytes`.
    init(bytes: [UInt8], limits: WorkbookLimits) throws(WorkbookError) {
        archive = try WorkbookArchive(bytes: bytes, format: .xlsx, limits: limits)
        self.limits = limits
    }

    /// Reads the whole workbook.
    mutating func read() throws(WorkbookError) -> Workbook {
        let workbookPath = try officeDocumentPath()
        guard let workbookBytes = try archive.read(workbookPath) else {
            if archive.contains("content.xml") {
                throw WorkbookError("this file is an .ods workbook with an .xlsx name: rename it to end in .ods")
            }
            throw WorkbookError(
                "this file is a zip archive but not an .xlsx workbook (it has no xl/workbook.xml): "
                    + "open it in Excel or LibreOffice and save it as .xlsx")
        }
        let (entries, dateSystem) = try parseWorkbook(workbookBytes, part: workbookPath)
        let relationships = try readRelationships(of: workbookPath)
        var sharedStrings: [String] = []
        if let path = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target
            ?? (archive.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil),
            let bytes = try archive.read(path)
        {
            sharedStrings = try parseSharedStrings(bytes, part: path)
        }
        var dateStyles: [Bool] = []
        if let path = relationships.values.first(where: { $0.type.hasSuffix("/styles") })?.target
            ?? (archive.contains("xl/styles.xml") ? "xl/styles.xml" : nil),
            let bytes = try archive.read(path)
        {
            dateStyles = try parseStyles(bytes, part: path)
        }
        var sheets: [WorkbookSheet] = []
        for entry in entries {
            guard let relationship = relationships[entry.relationshipID] else {
                throw .damaged(
                    .xlsx, part: workbookPath,
                    "the sheet “\(printable(entry.name))” points to a relationship that does not exist",
                    sheet: entry.name)
            }
            guard relationship.type.hasSuffix("/worksheet") else { continue }
            guard let bytes = try archive.read(relationship.target) else {
                throw .damaged(.xlsx, part: relationship.target, "the sheet’s file is missing", sheet: entry.name)
            }
            var sheetReader = XLSXSheetReader(
                sharedStrings: sharedStrings, dateStyles: dateStyles, dateSystem: dateSystem,
                grid: SheetGrid(sheetName: entry.name, cellCount: cellCount, maxCells: limits.maxCells),
                parser: PartParser(
                    bytes: bytes, part: relationship.target, format: .xlsx, limits: limits,
                    sheet: entry.name))
            let rows = try sheetReader.read()
            cellCount = sheetReader.grid.cellCount
            sheets.append(WorkbookSheet(name: entry.name, isHidden: entry.isHidden, rows: rows))
        }
        return Workbook(sheets: sheets, format: .xlsx, dateSystem: dateSystem)
    }

    // MARK: - Package structure

    /// The workbook part named by `_rels/.rels`, or `xl/workbook.xml` when the package has no such link.
    private mutating func officeDocumentPath() throws(WorkbookError) -> String {
        guard archive.contains("_rels/.rels") else { return "xl/workbook.xml" }
        let relationships = try readRelationships(of: "")
        return relationships.values.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
    }

    private struct SheetEntry {
        var name: String
        var relationshipID: String
        var isHidden: Bool
    }

    private struct Relationship {
        var type: String
        var target: String
    }

    private func parseWorkbook(
        _ bytes: [UInt8], part: String
    ) throws(WorkbookError)
        -> (entries: [SheetEntry], dateSystem: WorkbookDateSystem)
    {
        var parser = PartParser(bytes: bytes, part: part, format: .xlsx, limits: limits)
        var entries: [SheetEntry] = []
        var dateSystem = WorkbookDateSystem.excel1900
        while let event = try parser.next() {
            guard case .start(let tag) = event else { continue }
            switch tag.localName {
            case "workbookPr":
                let value = tag.unprefixedAttribute("date1904")
                if value == "1" || value == "true" { dateSystem = .excel1904 }
            case "sheet":
                guard let name = tag.unprefixedAttribute("name"), let id = tag.prefixedAttribute(localName: "id")
                else { throw parser.damaged("a sheet has no name or no relationship") }
                let state = tag.unprefixedAttribute("state")
                entries.append(
                    SheetEntry(
                        name: name, relationshipID: id,
                        isHidden: state == "hidden" || state == "veryHidden"))
            default:
                break
            }
        }
        return (entries, dateSystem)
    }

    /// The relationships of `part` (`""` for the package itself), by id, with targets resolved to part names.
    private mutating func readRelationships(of part: String) throws(WorkbookError) -> [String: Relationship] {
        let directory = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fileName = part.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + fileName + ".rels"
        guard let bytes = try archive.read(relsPath) else { return [:] }
        var parser = PartParser(bytes: bytes, part: relsPath, format: .xlsx, limits: limits)
        var relationships: [String: Relationship] = [:]
        while let event = try parser.next() {
            guard case .start(let tag) = event, tag.localName == "Relationship",
                tag.unprefixedAttribute("TargetMode") != "External",
                let id = tag.unprefixedAttribute("Id"), let type = tag.unprefixedAttribute("Type"),
                let target = tag.unprefixedAttribute("Target")
            else { continue }
            if relationships[id] == nil {
                relationships[id] = Relationship(type: type, target: Self.resolve(target, from: directory))
            }
        }
        return relationships
    }

    /// A relationship target as a part name: `/xl/x.xml` is absolute, `worksheets/../x.xml` relative to `directory`.
    static func resolve(_ target: String, from directory: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring] = decoded.hasPrefix("/") ? [] : directory.split(separator: "/")
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    // MARK: - Shared strings and styles

    private func parseSharedStrings(_ bytes: [UInt8], part: String) throws(WorkbookError) -> [String] {
        var parser = PartParser(bytes: bytes, part: part, format: .xlsx, limits: limits)
        var strings: [String] = []
        var current = ""
        var inText = false
        var phoneticDepth = 0
        while let event = try parser.next() {
            switch event {
            case .start(let tag):
                switch tag.localName {
                case "si": current = ""
                case "t": inText = phoneticDepth == 0
                case "rPh": phoneticDepth += 1
                default: break
                }
            case .end(let name):
                switch XMLStartTag.localName(of: name) {
                case "si": strings.append(Self.unescapingXString(current))
                case "t": inText = false
                case "rPh": phoneticDepth -= 1
                default: break
                }
            case .text(let text):
                if inText { current += text }
            }
        }
        return strings
    }

    /// For each cell format (`cellXfs` index), whether its number format shows a date.
    private func parseStyles(_ bytes: [UInt8], part: String) throws(WorkbookError) -> [Bool] {
        var parser = PartParser(bytes: bytes, part: part, format: .xlsx, limits: limits)
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellFormats = false
        while let event = try parser.next() {
            switch event {
            case .start(let tag):
                switch tag.localName {
                case "numFmt":
                    if let id = tag.unprefixedAttribute("numFmtId").flatMap({ Int($0) }),
                        let code = tag.unprefixedAttribute("formatCode")
                    {
                        customFormats[id] = code
                    }
                case "cellXfs":
                    inCellFormats = true
                case "xf" where inCellFormats:
                    formatIDs.append(tag.unprefixedAttribute("numFmtId").flatMap { Int($0) } ?? 0)
                    try parser.skipElement()
                default:
                    break
                }
            case .end(let name):
                if XMLStartTag.localName(of: name) == "cellXfs" { inCellFormats = false }
            case .text:
                break
            }
        }
        return formatIDs.map { id in
            customFormats[id].map(NumberFormatKind.isDate(formatCode:)) ?? NumberFormatKind.isBuiltInDate(id)
        }
    }

    /// Decodes the `_xHHHH_` escapes of OOXML strings (`_x000D_` is a carriage return, `_x005F_` an underscore).
    static func unescapingXString(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")), text.contains("_x") else { return text }
        var scalars = String.UnicodeScalarView()
        let source = Array(text.unicodeScalars)
        var index = 0
        while index < source.count {
            if source[index] == "_", index + 6 < source.count, source[index + 1] == "x", source[index + 6] == "_" {
                let hex = String(String.UnicodeScalarView(source[(index + 2)..<(index + 6)]))
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    scalars.append(scalar)
                    index += 7
                    continue
                }
            }
            scalars.append(source[index])
            index += 1
        }
        return String(scalars)
    }
}

extension XMLStartTag {
    /// The local part of a qualified name: `x:c` gives `c`.
    static func localName(of name: String) -> String {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }
}
