import Foundation
import BilanBase
import BilanInputs

/// Finds `{{ … }}` in section text, and handles the `\{{` escape.
///
/// cmark drops the backslash of `\{`, so before parsing, each escaped `\{{` becomes a
/// private-use character standing for `{` (``escapedBrace``); text nodes turn it back
/// into `{`, code spans and blocks back into `\{`, so a literal `\{{` survives in code.
package enum FigurePlaceholders {
    package static let escapedBrace: Character = "\u{E000}"

    /// The source with every unescaped-backslash `\{{` protected; unchanged when the
    /// source already holds the private-use character.
    package static func protectEscapes(_ source: String) -> String {
        guard containsBytes(source, "\\{{"), source.contains("\\{{"), !source.contains(escapedBrace) else {
            return source
        }
        var result = ""
        result.reserveCapacity(source.utf8.count)
        var backslashes = 0
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            if character == "\\" {
                backslashes += 1
                index = source.index(after: index)
                continue
            }
            if character == "{", backslashes % 2 == 1,
                source[source.index(after: index)...].hasPrefix("{")
            {
                result += String(repeating: "\\", count: backslashes - 1)
                result.append(escapedBrace)
            } else {
                result += String(repeating: "\\", count: backslashes)
                result.append(character)
            }
            backslashes = 0
            index = source.index(after: index)
        }
        result += String(repeating: "\\", count: backslashes)
        return result
    }

    /// The text of a text node as the reader sees it.
    package static func restoreInText(_ text: String) -> String {
        containsBytes(text, escapedBraceText) && text.contains(escapedBrace)
            ? text.replacingOccurrences(of: String(escapedBrace), with: "{") : text
    }

    /// The text of code as it was written.
    package static func restoreInCode(_ text: String) -> String {
        containsBytes(text, escapedBraceText) && text.contains(escapedBrace)
            ? text.replacingOccurrences(of: String(escapedBrace), with: "\\{") : text
    }

    /// A piece of a text node: plain text, or the inside of a `{{ … }}`.
    package enum Piece: Equatable {
        case text(String)
        case reference(String)
        /// `{{` with no `}}` after it on the same text.
        case unclosed(String)
    }

    /// Splits text at its `{{ … }}` placeholders (found on the UTF-8 bytes: `{` and `}`
    /// are ASCII, so every match is on a character boundary of the text).
    package static func split(_ text: String) -> [Piece] {
        guard var open = pair(UInt8(ascii: "{"), in: text, from: text.startIndex) else { return [.text(text)] }
        var pieces: [Piece] = []
        var rest = text.startIndex
        while true {
            if rest < open { pieces.append(.text(String(text[rest..<open]))) }
            let inside = text.utf8.index(open, offsetBy: 2)
            guard let close = pair(UInt8(ascii: "}"), in: text, from: inside) else {
                pieces.append(.unclosed(String(text[open...])))
                return pieces
            }
            pieces.append(.reference(String(text[inside..<close])))
            rest = text.utf8.index(close, offsetBy: 2)
            guard let next = pair(UInt8(ascii: "{"), in: text, from: rest) else { break }
            open = next
        }
        if rest < text.endIndex { pieces.append(.text(String(text[rest...]))) }
        return pieces
    }

    /// Where the first two consecutive `byte`s stand in `text` from `start`, or nil.
    private static func pair(_ byte: UInt8, in text: String, from start: String.Index) -> String.Index? {
        let utf8 = text.utf8
        var index = start
        while let found = utf8[index...].firstIndex(of: byte) {
            let next = utf8.index(after: found)
            guard next < utf8.endIndex else { return nil }
            if utf8[next] == byte { return found }
            index = next
        }
        return nil
    }

    package static let escapedBraceText = String(escapedBrace)

    /// Whether `needle`'s UTF-8 bytes occur in `text`: a quick test before a slower
    /// character-level one (a character match needs a byte match).
    package static func containsBytes(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let first = pattern.first, pattern.count <= haystack.count else { return pattern.isEmpty }
                var index = 0
                let last = haystack.count - pattern.count
                while index <= last {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < pattern.count, haystack[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
