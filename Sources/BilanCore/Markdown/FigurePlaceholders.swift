/// Finds `{{ … }}` in section text, and handles the `\{{` escape.
///
/// cmark drops the backslash of `\{`, so before parsing, each escaped `\{{` becomes a
/// private-use character standing for `{` (``escapedBrace``); text nodes turn it back
/// into `{`, code spans and blocks back into `\{`, so a literal `\{{` survives in code.
enum FigurePlaceholders {
    static let escapedBrace: Character = "\u{E000}"

    /// The source with every unescaped-backslash `\{{` protected; unchanged when the
    /// source already holds the private-use character.
    static func protectEscapes(_ source: String) -> String {
        guard source.contains("\\{{"), !source.contains(escapedBrace) else { return source }
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
    static func restoreInText(_ text: String) -> String {
        text.contains(escapedBrace) ? text.replacingOccurrences(of: String(escapedBrace), with: "{") : text
    }

    /// The text of code as it was written.
    static func restoreInCode(_ text: String) -> String {
        text.contains(escapedBrace) ? text.replacingOccurrences(of: String(escapedBrace), with: "\\{") : text
    }

    /// A piece of a text node: plain text, or the inside of a `{{ … }}`.
    enum Piece: Equatable {
        case text(String)
        case reference(String)
        /// `{{` with no `}}` after it on the same text.
        case unclosed(String)
    }

    /// Splits text at its `{{ … }}` placeholders.
    static func split(_ text: String) -> [Piece] {
        guard text.contains("{{") else { return [.text(text)] }
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            if !rest[..<open.lowerBound].isEmpty { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                pieces.append(.unclosed(String(rest[open.lowerBound...])))
                return pieces
            }
            pieces.append(.reference(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// Where `needle` first stands in the section's source lines between `line` and
    /// `lastLine` (1-based within `lines`): its line and column in characters, or nil.
    static func locateText(_ needle: String, in lines: [Substring], from line: Int, through lastLine: Int) -> (line: Int, column: Int)? {
        guard line >= 1, !needle.isEmpty else { return nil }
        var number = line
        while number <= min(lastLine, lines.count) {
            let text = lines[number - 1]
            if let found = text.range(of: needle) {
                return (number, text.distance(from: text.startIndex, to: found.lowerBound) + 1)
            }
            number += 1
        }
        return nil
    }
}
