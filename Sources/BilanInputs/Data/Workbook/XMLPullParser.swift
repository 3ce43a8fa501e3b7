/// One attribute of an XML start tag, its entities already replaced.
package struct XMLAttribute: Hashable, Sendable {
    /// The qualified name as written: `r:id`, `table:name`.
    package var name: String
    /// The name without its namespace prefix: `id`, `name`.
    package var localName: String
    /// The value, entities and character references replaced.
    package var value: String
}

/// An XML start tag: its name and attributes.
package struct XMLStartTag: Hashable, Sendable {
    /// The qualified name as written: `c`, `x:c`, `table:table-cell`.
    package var name: String
    /// The name without its namespace prefix.
    package var localName: String
    /// The attributes in the order written.
    package var attributes: [XMLAttribute]

    /// The value of the attribute with this qualified name (`table:name`), if present.
    package func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The value of the first attribute with this local name and no prefix (`r`), if present.
    package func unprefixedAttribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The value of the first attribute with this local name and some prefix (`r:id`), if present.
    package func prefixedAttribute(localName: String) -> String? {
        attributes.first { $0.localName == localName && $0.name != localName }?.value
    }
}

/// What the pull parser reads next.
package enum XMLEvent: Hashable, Sendable {
    /// An element opens; an empty element `<a/>` gives `.start` then `.end`.
    case start(XMLStartTag)
    /// An element closes: its qualified name.
    case end(String)
    /// Character data inside an element, entities and CDATA sections resolved; one run may come in pieces.
    case text(String)
}

/// Why the XML is not well-formed, with the line and column (in bytes) where reading stopped.
package struct XMLSyntaxError: Error, Hashable, Sendable {
    /// What is wrong, in plain words.
    package var message: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column, counted in bytes.
    package var column: Int
}

/// A small streaming (pull) XML tokenizer for the parts of a workbook.
///
/// It reads UTF-8 XML 1.0 from bytes in memory and hands out one event at a time, so no document
/// tree is ever built: memory stays the size of the input plus the current element stack.
/// It handles elements, attributes, text, the five predefined entities, numeric character
/// references, CDATA sections, comments and processing instructions, and checks that tags
/// nest and match. It refuses a `<!DOCTYPE` (workbook parts never have one, and refusing it
/// rules out entity-expansion attacks), unknown entities, and nesting deeper than `maxDepth`.
/// Namespaces are not resolved: callers match names as written or by local name.
package struct XMLPullParser {
    private let bytes: [UInt8]
    private var position: Int
    private var openElements: [String] = []
    private var pendingEnd: String?
    private var sawRoot = false
    private let maxDepth: Int

    /// Starts reading `bytes`, skipping a UTF-8 byte-order mark; `maxDepth` bounds element nesting.
    package init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// How deep the parser is: the number of open elements.
    package var depth: Int { openElements.count }

    /// The next event, or `nil` after the root element has closed and only whitespace, comments
    /// and processing instructions follow.
    package mutating func next() throws(XMLSyntaxError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            openElements.removeLast()
            return .end(name)
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let text = try readText()
                if openElements.isEmpty {
                    guard text.utf8.allSatisfy(Self.isWhitespace) else {
                        throw error("text outside the root element")
                    }
                    continue
                }
                return .text(text)
            }
            guard position + 1 < bytes.count else { throw error("the file ends inside a tag") }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"):
                return .end(try readEndTag())
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8), what: "processing instruction")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: Array("-->".utf8), what: "comment")
                } else if matches("<![CDATA[") {
                    guard !openElements.isEmpty else { throw error("a CDATA section outside the root element") }
                    return .text(try readCDATA())
                } else if matches("<!DOCTYPE") {
                    throw error("a DOCTYPE declaration, which workbook files never contain")
                } else {
                    throw error("an unknown markup declaration")
                }
            default:
                return .start(try readStartTag())
            }
        }
        if let open = openElements.last { throw error("the file ends inside the element <\(printable(open))>") }
        if !sawRoot { throw error("no root element") }
        return nil
    }

    /// Skips the rest of the element whose start tag was just read, children included.
    package mutating func skipElement() throws(XMLSyntaxError) {
        let target = openElements.count - 1
        while openElements.count > target {
            guard try next() != nil else { return }
        }
    }

    // MARK: - Tags

    private mutating func readStartTag() throws(XMLSyntaxError) -> XMLStartTag {
        if openElements.isEmpty && sawRoot { throw error("a second root element") }
        position += 1
        let (name, localName) = try readName()
        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(4)
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("the file ends inside the tag <\(printable(name))>") }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                try push(name)
                return XMLStartTag(name: name, localName: localName, attributes: attributes)
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw error("expected '>' after '/' in <\(printable(name))>")
                }
                position += 2
                try push(name)
                pendingEnd = name
                return XMLStartTag(name: name, localName: localName, attributes: attributes)
            }
            let (attributeName, attributeLocalName) = try readName()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw error("expected '=' after the attribute \(printable(attributeName))")
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count,
                bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
            else {
                throw error("expected a quoted value for the attribute \(printable(attributeName))")
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "<") { throw error("'<' inside an attribute value") }
                position += 1
            }
            guard position < bytes.count else { throw error("the file ends inside an attribute value") }
            let value = try decode(start..<position, normalizingWhitespace: true)
            position += 1
            attributes.append(XMLAttribute(name: attributeName, localName: attributeLocalName, value: value))
        }
    }

    private mutating func readEndTag() throws(XMLSyntaxError) -> String {
        let start = position
        position += 2
        let (name, _) = try readName()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw error("expected '>' to end </\(printable(name))>")
        }
        position += 1
        guard let open = openElements.last else { throw error("</\(printable(name))> closes nothing", at: start) }
        guard open == name else { throw error("</\(printable(name))> closes <\(printable(open))>", at: start) }
        openElements.removeLast()
        return name
    }

    private mutating func push(_ name: String) throws(XMLSyntaxError) {
        guard openElements.count < maxDepth else {
            throw error("elements nested more than \(maxDepth) deep")
        }
        openElements.append(name)
        sawRoot = true
    }

    private mutating func readName() throws(XMLSyntaxError) -> (name: String, localName: String) {
        let start = position
        var colon: Int?
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'")
            {
                break
            }
            if byte == UInt8(ascii: ":") && colon == nil { colon = position }
            position += 1
        }
        guard position > start else { throw error("expected a name") }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let colon else { return (name, name) }
        return (name, String(decoding: bytes[(colon + 1)..<position], as: UTF8.self))
    }

    // MARK: - Text

    private mutating func readText() throws(XMLSyntaxError) -> String {
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
        return try decode(start..<position, normalizingWhitespace: false)
    }

    private mutating func readCDATA() throws(XMLSyntaxError) -> String {
        position += 9
        let start = position
        let terminator = Array("]]>".utf8)
        guard let end = find(terminator, from: position) else { throw error("the file ends inside a CDATA section") }
        position = end + terminator.count
        return Self.normalizedLineEnds(bytes[start..<end])
    }

    /// The text of `range` with references replaced and line ends normalized (attribute values
    /// also turn tabs and line ends into spaces, as XML requires).
    private func decode(_ range: Range<Int>, normalizingWhitespace: Bool) throws(XMLSyntaxError) -> String {
        let slice = bytes[range]
        let needsWork = slice.contains { byte in
            byte == UInt8(ascii: "&") || byte == 0x0D || (normalizingWhitespace && (byte == 0x0A || byte == 0x09))
        }
        guard needsWork else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"):
                guard let semicolon = bytes[index..<range.upperBound].firstIndex(of: UInt8(ascii: ";")),
                    semicolon - index <= 12
                else {
                    throw error("an '&' that does not start an entity", at: index)
                }
                let reference = bytes[(index + 1)..<semicolon]
                guard let scalar = Self.resolve(reference) else {
                    throw error(
                        "the unknown entity &\(printable(String(decoding: reference, as: UTF8.self)));",
                        at: index)
                }
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index = semicolon + 1
                continue
            case 0x0D:
                output.append(normalizingWhitespace ? 0x20 : 0x0A)
                if index + 1 < range.upperBound, bytes[index + 1] == 0x0A { index += 1 }
            case 0x0A where normalizingWhitespace, 0x09 where normalizingWhitespace:
                output.append(0x20)
            default:
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func resolve(_ reference: ArraySlice<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: reference, as: UTF8.self) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case let name where name.hasPrefix("#x") || name.hasPrefix("#X"):
            return UInt32(name.dropFirst(2), radix: 16).flatMap(characterScalar)
        case let name where name.hasPrefix("#"):
            return UInt32(name.dropFirst(), radix: 10).flatMap(characterScalar)
        default:
            return nil
        }
    }

    /// A scalar that XML 1.0 allows as a character reference: no NUL, no surrogates.
    private static func characterScalar(_ value: UInt32) -> Unicode.Scalar? {
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }

    private static func normalizedLineEnds(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(0x0D) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        var previousWasCR = false
        for byte in slice {
            if byte == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            output.append(previousWasCR ? 0x0A : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Helpers

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for offset in 0..<count where bytes[position + offset] != buffer[offset] { return false }
            return true
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    private mutating func skip(past terminator: [UInt8], what: String) throws(XMLSyntaxError) {
        guard let end = find(terminator, from: position + 2) else { throw error("the file ends inside a \(what)") }
        position = end + terminator.count
    }

    private func error(_ message: String, at offset: Int? = nil) -> XMLSyntaxError {
        let stop = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<stop where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return XMLSyntaxError(message: message, line: line, column: stop - lineStart + 1)
    }
}

/// Whether a byte is XML whitespace: space, tab, line feed or carriage return.
package func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
