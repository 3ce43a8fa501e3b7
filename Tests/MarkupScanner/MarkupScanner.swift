import Foundation

/// Reads the tags of generated HTML and SVG, enough to check what bilan promises of its
/// output: no executable markup, and SVG that is well-formed XML. Every `<` bilan writes
/// from data is escaped, so each `<` left starts markup bilan wrote.
///
/// A library of its own so that the tests and the fuzz targets
/// (bilan-fuzz) hold bilan's output to the same promise.
public enum MarkupScanner {
    public struct Tag: Equatable {
        public enum Kind: Sendable { case start, end, selfClosing }
        public var kind: Kind
        public var name: String
        public var attributes: [(name: String, value: String)]

        public static func == (lhs: Tag, rhs: Tag) -> Bool {
            lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
                && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
        }
    }

    /// The tags in order; comments, doctype and CDATA are skipped, and the content of
    /// `<style>` is not read as markup.
    public static func tags(_ markup: String) -> [Tag] {
        let bytes = Array(markup.utf8)
        var tags: [Tag] = []
        var index = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte) || byte == 45
                || byte == 58 || byte == 95
        }
        func skip(past terminator: String) {
            let needle = Array(terminator.utf8)
            while index < bytes.count, !bytes[index...].starts(with: needle) { index += 1 }
            index = min(bytes.count, index + needle.count)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else { index += 1; continue }
            if bytes[index...].starts(with: Array("<!--".utf8)) { skip(past: "-->"); continue }
            if bytes[index + 1] == UInt8(ascii: "!") || bytes[index + 1] == UInt8(ascii: "?") {
                skip(past: ">"); continue
            }
            var kind = Tag.Kind.start
            var start = index + 1
            if bytes[start] == UInt8(ascii: "/") { kind = .end; start += 1 }
            guard start < bytes.count, isNameByte(bytes[start]) else { index += 1; continue }
            index = start
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            var tag = Tag(
                kind: kind, name: String(decoding: bytes[start..<index], as: UTF8.self).lowercased(), attributes: [])
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") {
                    tag.kind = .selfClosing
                    index += 1
                    continue
                }
                guard isNameByte(bytes[index]) else { index += 1; continue }
                let nameStart = index
                while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
                let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        let valueStart = index + 1
                        index = valueStart
                        while index < bytes.count, bytes[index] != quote { index += 1 }
                        value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                        index += 1
                    } else {
                        let valueStart = index
                        while index < bytes.count, bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: " ")
                        { index += 1 }
                        value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    }
                }
                tag.attributes.append((name, value))
            }
            index += 1
            tags.append(tag)
            if tag.kind == .start, tag.name == "style" { skip(past: "</style>") }
        }
        return tags
    }

    /// What would run in a browser: `<script>` elements, `on…` attributes and
    /// `javascript:`, `vbscript:` or `data:text/html` URLs (after character references
    /// are decoded, as a browser does).
    public static func executableMarkup(_ markup: String) -> [String] {
        var problems: [String] = []
        for tag in tags(markup) {
            if tag.name == "script" { problems.append("a <script> element") }
            if ["iframe", "object", "embed", "base"].contains(tag.name) { problems.append("an <\(tag.name)> element") }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { problems.append("an \(attribute.name) attribute on <\(tag.name)>") }
                let url = decodingReferences(attribute.value).lowercased().filter {
                    !$0.isWhitespace && ($0.asciiValue ?? 32) >= 32
                }
                if url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || url.hasPrefix("data:text/html") {
                    problems.append("\(attribute.name)=\"\(attribute.value)\" on <\(tag.name)>")
                }
            }
        }
        return problems
    }

    /// Why `xml` is not well-formed: a tag closed out of order or never closed, or an
    /// `&` that starts no character reference.
    public static func xmlProblems(_ xml: String) -> [String] {
        var problems: [String] = []
        var open: [String] = []
        for tag in tags(xml) {
            switch tag.kind {
            case .start: open.append(tag.name)
            case .selfClosing: break
            case .end:
                if open.last == tag.name {
                    open.removeLast()
                } else {
                    problems.append("</\(tag.name)> closes <\(open.last ?? "nothing")>")
                }
            }
        }
        if !open.isEmpty { problems.append("never closed: \(open.joined(separator: ", "))") }
        let references = try! Regex(#"&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);"#)
        var rest = Substring(xml)
        while let amp = rest.firstIndex(of: "&") {
            if rest[amp...].prefixMatch(of: references) == nil {
                problems.append("a bare & before \(rest[amp...].prefix(12))")
            }
            rest = rest[rest.index(after: amp)...]
        }
        return problems
    }

    /// An attribute value as a browser reads it: numeric references and `&colon;` decoded.
    public static func decodingReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            if let semicolon = rest.prefix(12).firstIndex(of: ";") {
                let body = rest[rest.index(after: amp)..<semicolon].lowercased()
                var scalar: Unicode.Scalar?
                switch body {
                case "colon": scalar = ":"
                case "tab": scalar = "\t"
                case "newline": scalar = "\n"
                case "amp": scalar = "&"
                default:
                    if body.hasPrefix("#x") {
                        scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if body.hasPrefix("#") {
                        scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init)
                    }
                }
                if let scalar {
                    result.unicodeScalars.append(scalar)
                    rest = rest[rest.index(after: semicolon)...]
                    continue
                }
            }
            result.append("&")
            rest = rest.dropFirst()
        }
        return result + rest
    }
}
