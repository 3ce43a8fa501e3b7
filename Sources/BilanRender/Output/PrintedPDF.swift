public import Foundation

/// A PDF as headless Chromium writes it (Skia's writer: PDF 1.4, one classic
/// cross-reference table, no object streams), read and rewritten by bilan:
///
/// - ``destinationPages()`` reads the catalog's `/Dests` — Chromium writes a named
///   destination for each element with an `id` that a link points to — and says on which
///   page (1-based) each lands, for the table of contents' page numbers;
/// - ``stamped(_:)`` replaces the document information dictionary (title, author,
///   subject, creator, dates: Chromium's dates are the time of printing) and the
///   catalog's `/Lang`, then writes the cross-reference table again with the new
///   offsets, so that the same input gives the same bytes.
///
/// It reads only what it needs; a PDF it does not understand gives nil, never a crash.
public struct PrintedPDF: Sendable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// What ``stamped(_:)`` writes in the information dictionary and the catalog.
    public struct Stamp: Sendable {
        public var title: String
        public var author: String
        public var subject: String?
        /// The full language tag (`fr-CA`).
        public var language: String
        /// Seconds since 1970 (`SOURCE_DATE_EPOCH`, else ``PrintedPDF/fixedDate``).
        public var date: Int

        public init(title: String, author: String, subject: String?, language: String, date: Int) {
            self.title = title
            self.author = author
            self.subject = subject
            self.language = language
            self.date = date
        }
    }

    /// The date written when `SOURCE_DATE_EPOCH` is not set: 2000-01-01T00:00:00Z.
    public static let fixedDate = 946_684_800

    // MARK: Reading

    /// Each object's offset, by object number, from the cross-reference table.
    func objectOffsets() -> [Int: Int]? {
        guard let table = crossReference() else { return nil }
        return table.offsets
    }

    private struct CrossReference {
        var start: Int
        var offsets: [Int: Int]
        var size: Int
        var trailer: String
    }

    private func crossReference() -> CrossReference? {
        guard let marker = lastRange(of: "startxref"), let start = integer(after: marker.upperBound),
            start < bytes.count, hasPrefix("xref", at: start)
        else { return nil }
        var offsets: [Int: Int] = [:]
        var index = start + 4
        var size = 0
        while true {
            index = skipWhitespace(index)
            if hasPrefix("trailer", at: index) { break }
            guard let (first, afterFirst) = readInteger(at: index),
                let (count, afterCount) = readInteger(at: skipWhitespace(afterFirst))
            else { return nil }
            index = afterCount
            for number in first..<(first + count) {
                index = skipWhitespace(index)
                guard index + 18 <= bytes.count, let (offset, _) = readInteger(at: index) else { return nil }
                if bytes[index + 17] == UInt8(ascii: "n") { offsets[number] = offset }
                index += 18
            }
            size = max(size, first + count)
        }
        guard let end = range(of: "startxref", from: index) else { return nil }
        let trailer = String(decoding: bytes[index..<end.lowerBound], as: UTF8.self)
        return CrossReference(start: start, offsets: offsets, size: size, trailer: trailer)
    }

    /// The text of object `number` between `obj` and `endobj`.
    func object(_ number: Int, offsets: [Int: Int]) -> String? {
        guard let offset = offsets[number], let open = range(of: "obj", from: offset),
            let close = range(of: "endobj", from: open.upperBound)
        else { return nil }
        // Objects the reader parses are dictionaries and arrays: no binary stream data is read.
        let slice = bytes[open.upperBound..<close.lowerBound]
        if let stream = range(of: "stream", from: open.upperBound), stream.lowerBound < close.lowerBound {
            return String(decoding: bytes[open.upperBound..<stream.lowerBound], as: UTF8.self)
        }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The object number `key` refers to in `dictionary` (`/Key 12 0 R`).
    static func reference(_ key: String, in dictionary: String) -> Int? {
        guard let found = dictionary.range(of: "/\(key) ") else { return nil }
        let rest = dictionary[found.upperBound...].drop { $0 == " " || $0 == "\n" }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(digits), rest.dropFirst(digits.count).hasPrefix(" 0 R") else { return nil }
        return number
    }

    /// The pages' object numbers in reading order.
    func pageOrder(offsets: [Int: Int], root: Int) -> [Int]? {
        guard let catalog = object(root, offsets: offsets), let pages = Self.reference("Pages", in: catalog) else {
            return nil
        }
        var order: [Int] = []
        var visited: Set<Int> = []
        func walk(_ number: Int) -> Bool {
            guard visited.insert(number).inserted, let node = object(number, offsets: offsets) else { return false }
            if let kids = node.range(of: "/Kids [") {
                let list = node[kids.upperBound...].prefix { $0 != "]" }
                for kid in Self.references(in: String(list)) where !walk(kid) { return false }
            } else {
                order.append(number)
            }
            return true
        }
        return walk(pages) ? order : nil
    }

    /// The object numbers of `12 0 R` references in `text`, in order.
    static func references(in text: String) -> [Int] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var numbers: [Int] = []
        var index = 0
        while index + 2 < words.count {
            if let number = Int(words[index]), words[index + 1] == "0", words[index + 2] == "R" {
                numbers.append(number)
                index += 3
            } else {
                index += 1
            }
        }
        return numbers
    }

    private func root() -> (offsets: [Int: Int], root: Int)? {
        guard let table = crossReference(), let root = Self.reference("Root", in: table.trailer) else { return nil }
        return (table.offsets, root)
    }

    /// The page (1-based) each named destination lands on, by name; nil when the PDF
    /// cannot be read.
    public func destinationPages() -> [String: Int]? {
        guard let (offsets, root) = root(), let catalog = object(root, offsets: offsets),
            let order = pageOrder(offsets: offsets, root: root)
        else { return nil }
        let pageNumbers = Dictionary(order.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        guard let dests = Self.reference("Dests", in: catalog) else { return [:] }
        guard let dictionary = object(dests, offsets: offsets) else { return nil }
        var pages: [String: Int] = [:]
        // Entries read `/name [12 0 R /XYZ 0 762 0]`.
        for entry in dictionary.components(separatedBy: "\n") {
            guard let slash = entry.firstIndex(of: "/"), let open = entry.firstIndex(of: "[") else { continue }
            let name = Self.decodedName(entry[entry.index(after: slash)..<open].trimmingCharacters(in: .whitespaces))
            guard let page = Self.references(in: String(entry[entry.index(after: open)...])).first,
                let number = pageNumbers[page]
            else { continue }
            pages[name] = number
        }
        return pages
    }

    /// The page count, from the page tree.
    public func pageCount() -> Int? {
        guard let (offsets, root) = root() else { return nil }
        return pageOrder(offsets: offsets, root: root)?.count
    }

    /// The titles of the outline's entries (the bookmarks), depth first, each with its
    /// depth (0 for the top level); nil when the PDF has no outline or cannot be read.
    package func outline() -> [(depth: Int, title: String)]? {
        guard let (offsets, root) = root(), let catalog = object(root, offsets: offsets),
            let outlines = Self.reference("Outlines", in: catalog), let top = object(outlines, offsets: offsets)
        else { return nil }
        var entries: [(depth: Int, title: String)] = []
        var visited: Set<Int> = []
        func walk(_ first: Int?, depth: Int) {
            var next = first
            while let number = next, visited.insert(number).inserted, let item = object(number, offsets: offsets) {
                entries.append((depth, Self.textString(after: "/Title", in: item) ?? ""))
                walk(Self.reference("First", in: item), depth: depth + 1)
                next = Self.reference("Next", in: item)
            }
        }
        walk(Self.reference("First", in: top), depth: 0)
        return entries
    }

    /// The text string after `key` in `dictionary`: `(literal)` or `<FEFF…>` (UTF-16BE).
    static func textString(after key: String, in dictionary: String) -> String? {
        guard let found = dictionary.range(of: key + " ") else { return nil }
        let rest = dictionary[found.upperBound...]
        if rest.hasPrefix("<") {
            let hex = Array(rest.dropFirst().prefix { $0 != ">" }.utf8)
            var bytes: [UInt8] = []
            var index = 0
            while index + 1 < hex.count {
                bytes.append(UInt8(String(decoding: hex[index...(index + 1)], as: UTF8.self), radix: 16) ?? 0)
                index += 2
            }
            if bytes.starts(with: [0xFE, 0xFF]) {
                let units = stride(from: 2, to: bytes.count - 1, by: 2).map {
                    UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
                }
                return String(decoding: units, as: UTF16.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard rest.hasPrefix("(") else { return nil }
        var text = ""
        var escaped = false
        for character in rest.dropFirst() {
            if escaped {
                text.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ")" {
                break
            } else {
                text.append(character)
            }
        }
        return text
    }

    /// A PDF name with its `#xx` escapes decoded (UTF-8).
    static func decodedName(_ name: String) -> String {
        var out: [UInt8] = []
        var utf8 = Array(name.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "#"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                out.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Rewriting

    /// The PDF with `stamp`'s information dictionary and language, its cross-reference
    /// table written again; nil when the PDF cannot be read.
    public func stamped(_ stamp: Stamp) -> [UInt8]? {
        guard let table = crossReference(), let root = Self.reference("Root", in: table.trailer),
            let info = Self.reference("Info", in: table.trailer)
        else { return nil }
        var edits: [(range: Range<Int>, text: [UInt8])] = []
        guard let infoBody = objectBody(info, offsets: table.offsets) else { return nil }
        let date = Self.pdfDate(stamp.date)
        var dictionary = "<</Title \(Self.pdfText(stamp.title))\n/Author \(Self.pdfText(stamp.author))\n"
        if let subject = stamp.subject { dictionary += "/Subject \(Self.pdfText(subject))\n" }
        dictionary += "/Creator (bilan)\n/Producer (Skia/PDF, bilan)\n/CreationDate (\(date))\n/ModDate (\(date))>>\n"
        edits.append((infoBody, Array(dictionary.utf8)))
        guard let catalogBody = objectBody(root, offsets: table.offsets) else { return nil }
        let catalog = String(decoding: bytes[catalogBody], as: UTF8.self)
        let language = "/Lang \(Self.pdfText(stamp.language))"
        let newCatalog: String
        if let lang = catalog.range(of: #"/Lang \([^)]*\)"#, options: .regularExpression) {
            newCatalog = catalog.replacingCharacters(in: lang, with: language)
        } else if let close = catalog.range(of: ">>", options: .backwards) {
            newCatalog = catalog.replacingCharacters(in: close, with: "\n\(language)>>")
        } else {
            return nil
        }
        edits.append((catalogBody, Array(newCatalog.utf8)))
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        guard edits[0].range.upperBound <= edits[1].range.lowerBound else { return nil }

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 512)
        var cursor = 0
        for edit in edits {
            out += bytes[cursor..<edit.range.lowerBound]
            out += edit.text
            cursor = edit.range.upperBound
        }
        out += bytes[cursor..<table.start]
        func moved(_ offset: Int) -> Int {
            var shift = 0
            for edit in edits where edit.range.upperBound <= offset {
                shift += edit.text.count - edit.range.count
            }
            return offset + shift
        }
        let xrefStart = out.count
        var xref = "xref\n0 \(table.size)\n0000000000 65535 f \n"
        for number in 1..<max(table.size, 1) {
            if let offset = table.offsets[number] {
                xref += String(repeating: "0", count: max(0, 10 - String(moved(offset)).count)) + "\(moved(offset))"
                xref += " 00000 n \n"
            } else {
                xref += "0000000000 65535 f \n"
            }
        }
        xref += table.trailer + "startxref\n\(xrefStart)\n%%EOF\n"
        out += Array(xref.utf8)
        return out
    }

    /// The bytes between `N 0 obj\n` and `endobj` of a dictionary object.
    private func objectBody(_ number: Int, offsets: [Int: Int]) -> Range<Int>? {
        guard let offset = offsets[number], let open = range(of: "obj", from: offset),
            let close = range(of: "endobj", from: open.upperBound)
        else { return nil }
        let start = skipWhitespace(open.upperBound)
        guard hasPrefix("<<", at: start) else { return nil }
        return start..<close.lowerBound
    }

    /// A PDF text string: UTF-16BE with its byte order mark, in hexadecimal.
    static func pdfText(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_. ".contains($0)) }) {
            return "(\(text))"
        }
        return "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// `D:YYYYMMDDHHmmSS+00'00'` for `seconds` since 1970, in UTC.
    static func pdfDate(_ seconds: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        let fields = [parts.month, parts.day, parts.hour, parts.minute, parts.second].map {
            String(format: "%02d", $0 ?? 0)
        }
        return "D:" + String(format: "%04d", parts.year ?? 2000) + fields.joined() + "+00'00'"
    }

    // MARK: Bytes

    private func hasPrefix(_ text: String, at index: Int) -> Bool {
        let pattern = Array(text.utf8)
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private func range(of text: String, from start: Int) -> Range<Int>? {
        let pattern = Array(text.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], hasPrefix(text, at: index) { return index..<(index + pattern.count) }
            index += 1
        }
        return nil
    }

    private func lastRange(of text: String) -> Range<Int>? {
        let pattern = Array(text.utf8)
        var index = bytes.count - pattern.count
        while index >= 0 {
            if hasPrefix(text, at: index) { return index..<(index + pattern.count) }
            index -= 1
        }
        return nil
    }

    private func skipWhitespace(_ start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        return index
    }

    private func readInteger(at start: Int) -> (Int, Int)? {
        var index = start
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 12 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return index > start ? (value, index) : nil
    }

    private func integer(after start: Int) -> Int? { readInteger(at: skipWhitespace(start))?.0 }
}
