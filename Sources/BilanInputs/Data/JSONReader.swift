package import Foundation
package import BilanBase

/// bilan's RFC 8259 JSON reader: bytes to a tree of values that each know the line and
/// column where they start, and a `json-syntax` error at the exact place of any mistake.
///
/// Numbers are read exactly as `Decimal` (a number `Decimal` cannot hold is a
/// `too-large` error, as is nesting deeper than ``maximumDepth``). Reading stops at the
/// first problem.
package struct JSONReader {
    /// A JSON value and where it starts.
    package struct Value: Sendable {
        package enum Content: Sendable {
            case null
            case bool(Bool)
            case number(Decimal)
            case string(String)
            case array([Value])
            case object([Member])
        }

        package var content: Content
        package var line: Int
        package var column: Int
    }

    /// One `"key": value` pair of an object, in file order.
    package struct Member: Sendable {
        package var key: String
        package var keyLine: Int
        package var keyColumn: Int
        package var value: Value
    }

    /// How deep arrays and objects may nest.
    package static let maximumDepth = 64

    /// Reads a whole file: UTF-8 (with an optional BOM), one JSON value.
    package static func read(_ bytes: [UInt8], file: String) -> Result<Value, Diagnostic> {
        SourceText.decode(bytes, file: file).flatMap { decoded in
            var text = decoded
            return text.withUTF8 { buffer in
                var reader = JSONReader(buffer, file: file)
                return Result { () throws(Diagnostic) in try reader.readDocument() }
            }
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var index = 0
    private var depth = 0
    private var positions: PositionCounter
    /// The text of a string that holds escapes, reused from string to string.
    private var unescaped: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        self.positions = PositionCounter(bytes)
    }

    private mutating func readDocument() throws(Diagnostic) -> Value {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw syntaxError("\(found(at: index)) after the end of the JSON value", at: index)
        }
        return value
    }

    private mutating func readValue() throws(Diagnostic) -> Value {
        let (line, column) = positions.position(of: index)
        let content: Value.Content
        // Past the end, 0 falls through to the error that names "the end of the file".
        switch index < bytes.count ? bytes[index] : 0 {
        case UInt8(ascii: "{"): content = .object(try readObject())
        case UInt8(ascii: "["): content = .array(try readArray())
        case ASCIIByte.quote: content = .string(try readString())
        case ASCIIByte.minus, ASCIIByte.zero...ASCIIByte.nine: content = .number(try readNumber())
        case UInt8(ascii: "t"): content = try readLiteral("true", as: .bool(true))
        case UInt8(ascii: "f"): content = try readLiteral("false", as: .bool(false))
        case UInt8(ascii: "n"): content = try readLiteral("null", as: .null)
        default:
            throw syntaxError(
                "expected a value (a number, a \"string\", true, false, null, an array or an "
                    + "object), found \(found(at: index))\(trailingCommaHint())", at: index)
        }
        return Value(content: content, line: line, column: column)
    }

    /// A hint for the commonest slip, a comma before a closing bracket; else "".
    private func trailingCommaHint() -> String {
        guard index < bytes.count,
            bytes[index] == UInt8(ascii: "]") || bytes[index] == UInt8(ascii: "}")
        else { return "" }
        var offset = index - 1
        while offset >= 0, Self.isWhitespace(bytes[offset]) { offset -= 1 }
        guard offset >= 0, bytes[offset] == ASCIIByte.comma else { return "" }
        return " (JSON allows no comma before a closing bracket)"
    }

    private mutating func readObject() throws(Diagnostic) -> [Member] {
        try enterContainer()
        var members: [Member] = []
        if leaveContainer(at: UInt8(ascii: "}")) { return members }
        repeat {
            guard index < bytes.count, bytes[index] == ASCIIByte.quote else {
                throw syntaxError(
                    "expected a key in double quotes, found \(found(at: index))"
                        + trailingCommaHint(), at: index)
            }
            let (keyLine, keyColumn) = positions.position(of: index)
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == ASCIIByte.colon else {
                throw syntaxError(
                    "expected ':' after the key \"\(key)\", found \(found(at: index))", at: index)
            }
            index += 1
            skipWhitespace()
            let value = try readValue()
            members.append(Member(key: key, keyLine: keyLine, keyColumn: keyColumn, value: value))
        } while try !readCommaOrClosing(UInt8(ascii: "}"), after: "a member of an object")
        return members
    }

    private mutating func readArray() throws(Diagnostic) -> [Value] {
        try enterContainer()
        var elements: [Value] = []
        if leaveContainer(at: UInt8(ascii: "]")) { return elements }
        repeat {
            elements.append(try readValue())
        } while try !readCommaOrClosing(UInt8(ascii: "]"), after: "an element of an array")
        return elements
    }

    /// Steps over the opening bracket at `index` and the whitespace after it.
    private mutating func enterContainer() throws(Diagnostic) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw .error(
                .tooLarge,
                "arrays and objects nest more than \(Self.maximumDepth) levels deep here",
                at: positions.location(of: index, in: file))
        }
        index += 1
        skipWhitespace()
    }

    /// Steps over `closing` when it is at `index`, leaving the array or object.
    private mutating func leaveContainer(at closing: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == closing else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// After an element: true past the closing bracket, false past the `,` before the next.
    private mutating func readCommaOrClosing(
        _ closing: UInt8, after element: String
    )
        throws(Diagnostic) -> Bool
    {
        skipWhitespace()
        if leaveContainer(at: closing) { return true }
        guard index < bytes.count, bytes[index] == ASCIIByte.comma else {
            throw syntaxError(
                "expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(element), "
                    + "found \(found(at: index))", at: index)
        }
        index += 1
        skipWhitespace()
        return false
    }

    private mutating func readString() throws(Diagnostic) -> String {
        let opening = index
        index += 1
        var segmentStart = index
        var escaped = false
        unescaped.removeAll(keepingCapacity: true)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCIIByte.quote {
                index += 1
                if escaped {
                    unescaped.append(contentsOf: bytes[segmentStart..<(index - 1)])
                    return String(decoding: unescaped, as: UTF8.self)
                }
                return String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<(index - 1)]),
                    as: UTF8.self)
            }
            if byte == ASCIIByte.backslash {
                unescaped.append(contentsOf: bytes[segmentStart..<index])
                escaped = true
                try readEscape()
                segmentStart = index
            } else if byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn {
                break
            } else if byte < ASCIIByte.space {
                throw syntaxError(
                    "a control character inside a string: write it as an escape such as \\t",
                    at: index)
            } else {
                index += 1
            }
        }
        throw syntaxError(
            "this string is not closed on its line: add the closing '\"' (write a line break "
                + "inside a string as \\n)", at: opening)
    }

    /// Reads the escape at `index` (a backslash) into ``unescaped``.
    private mutating func readEscape() throws(Diagnostic) {
        let start = index
        index += 1
        let letter = index < bytes.count ? bytes[index] : 0
        index += 1
        let simple: UInt8? =
            switch letter {
            case ASCIIByte.quote, ASCIIByte.backslash, UInt8(ascii: "/"): letter
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): ASCIIByte.lineFeed
            case UInt8(ascii: "r"): ASCIIByte.carriageReturn
            case UInt8(ascii: "t"): ASCIIByte.tab
            default: nil
            }
        if let simple {
            unescaped.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            throw syntaxError(
                "unknown escape in a string: JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and "
                    + "\\uXXXX", at: start)
        }
        var code = try readHexQuad(escapeStart: start)
        if (0xDC00...0xDFFF).contains(code) {
            throw syntaxError("a \\u escape holds half a UTF-16 surrogate pair", at: start)
        }
        if (0xD800...0xDBFF).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == ASCIIByte.backslash,
                bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw syntaxError("a \\u escape holds half a UTF-16 surrogate pair", at: start)
            }
            let lowStart = index
            index += 2
            let low = try readHexQuad(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw syntaxError("a \\u escape holds half a UTF-16 surrogate pair", at: start)
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw syntaxError("a \\u escape holds no Unicode character", at: start)
        }
        unescaped.append(contentsOf: String(scalar).utf8)
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func readHexQuad(escapeStart: Int) throws(Diagnostic) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count,
                let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue
            else {
                throw syntaxError(
                    "a \\u escape needs four hexadecimal digits (as in \\u00e9)", at: escapeStart)
            }
            code = (code << 4) + UInt32(digit)
            index += 1
        }
        return code
    }

    private mutating func readNumber() throws(Diagnostic) -> Decimal {
        let start = index
        let negative = bytes[index] == ASCIIByte.minus
        if negative { index += 1 }

        let integerStart = index
        try expectDigit(after: negative ? "'-'" : "the start of a number")
        if bytes[index] == ASCIIByte.zero {
            index += 1
            if index < bytes.count, ASCIIByte.isDigit(bytes[index]) {
                throw syntaxError(
                    "a number cannot start with 0 (write 12, not 012; or \"012\" for text)",
                    at: integerStart)
            }
        } else {
            skipDigits()
        }
        let integer = bytes[integerStart..<index]

        var fraction = bytes[index..<index]
        if index < bytes.count, bytes[index] == ASCIIByte.period {
            index += 1
            let fractionStart = index
            try expectDigit(after: "'.'")
            skipDigits()
            fraction = bytes[fractionStart..<index]
        }

        var exponent = 0
        if index < bytes.count, (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var negativeExponent = false
            if index < bytes.count,
                bytes[index] == ASCIIByte.minus || bytes[index] == ASCIIByte.plus
            {
                negativeExponent = bytes[index] == ASCIIByte.minus
                index += 1
            }
            try expectDigit(after: "the exponent's 'e'")
            while index < bytes.count, ASCIIByte.isDigit(bytes[index]) {
                // Past any exponent Decimal can use; saturating keeps Int from overflowing.
                exponent = Swift.min(exponent * 10 + Int(bytes[index] - ASCIIByte.zero), 100_000)
                index += 1
            }
            if negativeExponent { exponent = -exponent }
        }

        guard
            let value = Decimal(
                negative: negative, integer: integer, fraction: fraction, exponent: exponent)
        else {
            throw .error(
                .tooLarge,
                "this number is beyond what bilan reads exactly (at most 38 significant digits, "
                    + "exponents from -128 to 127)",
                at: positions.location(of: start, in: file))
        }
        return value
    }

    private mutating func expectDigit(after what: String) throws(Diagnostic) {
        guard index < bytes.count, ASCIIByte.isDigit(bytes[index]) else {
            throw syntaxError(
                "expected a digit after \(what), found \(found(at: index))", at: index)
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, ASCIIByte.isDigit(bytes[index]) { index += 1 }
    }

    private mutating func readLiteral(
        _ word: String, as content: Value.Content
    )
        throws(Diagnostic) -> Value.Content
    {
        let end = index + word.utf8.count
        guard end <= bytes.count, bytes[index..<end].elementsEqual(word.utf8) else {
            throw syntaxError(
                "expected a value (a number, a \"string\", true, false, null, an array or an "
                    + "object), found \(found(at: index)); text goes in double quotes",
                at: index)
        }
        index = end
        return content
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCIIByte.space || byte == ASCIIByte.tab || byte == ASCIIByte.lineFeed
            || byte == ASCIIByte.carriageReturn
    }

    /// How an error message names the character at `offset`.
    private func found(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        switch byte {
        case ASCIIByte.lineFeed, ASCIIByte.carriageReturn: return "a line end"
        case ..<ASCIIByte.space: return "a control character"
        default:
            var end = offset + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let character = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            return "'\(character)'"
        }
    }

    private mutating func syntaxError(_ message: String, at offset: Int) -> Diagnostic {
        .error(.jsonSyntax, message, at: positions.location(of: offset, in: file))
    }
}
