import BilanBase
import Foundation

/// Markdown habits from other tools that CommonMark 0.30, which bilan reads, does not
/// have, so that they would reach the report as literal text: the
/// `unsupported-markdown` warnings.
package enum UnsupportedMarkdown {
    /// The cells of a paragraph written as a GitHub pipe table (a header row, a
    /// `|---|---|` delimiter row, body rows), or nil when it is not one.
    package static func pipeTable(_ lines: [Substring]) -> (header: [String], rows: [[String]])? {
        guard lines.count >= 2, lines.allSatisfy({ $0.contains("|") }), isDelimiterRow(lines[1]) else { return nil }
        return (cells(lines[0]), lines.dropFirst(2).map(cells))
    }

    /// `| --- | :---: |`: cells of dashes, each with optional colons.
    static func isDelimiterRow(_ line: Substring) -> Bool {
        let cells = cells(line)
        return !cells.isEmpty
            && cells.allSatisfy { cell in
                let dashes = cell.drop { $0 == ":" }.reversed().drop { $0 == ":" }
                return !dashes.isEmpty && dashes.allSatisfy { $0 == "-" }
            }
    }

    /// A row's cells, without the outer pipes; `\|` is a pipe inside a cell.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line {
            if escaped {
                cell.append(character == "|" ? "|" : "\\")
                if character != "|" { cell.append(character) }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if escaped { cell.append("\\") }
        cells.append(cell)
        var trimmed = cells.map { $0.trimmingCharacters(in: .whitespaces) }
        if trimmed.first == "" { trimmed.removeFirst() }
        if trimmed.last == "" { trimmed.removeLast() }
        return trimmed
    }

    /// The `table` block that writes the same rows, on one line for a message: its
    /// columns and its first rows (`…` for the rest).
    package static func tableBlock(header: [String], rows: [[String]]) -> String {
        let shown = rows.prefix(2).map { "[" + $0.map(flowScalar).joined(separator: ", ") + "]" }
        let more = rows.count > 2 ? ", …" : ""
        return "```table columns: [\(header.map(flowScalar).joined(separator: ", "))] "
            + "rows: [\(shown.joined(separator: ", "))\(more)] ```"
    }

    /// A cell as a YAML flow scalar: as it is, or quoted when YAML would read it otherwise.
    static func flowScalar(_ text: String) -> String {
        let special: Set<Character> = [
            ",", "[", "]", "{", "}", ":", "#", "\"", "'", "&", "*", "!", "|", ">", "%", "@", "`",
        ]
        return text.isEmpty || text.contains(where: special.contains) ? JSONText.string(text) : text
    }

    /// The offsets (in UTF-8 bytes) of footnote marks, `[^label]`, in a text.
    package static func footnoteOffsets(_ text: String) -> [Int] {
        var offsets: [Int] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") {
                var end = index + 2
                while end < bytes.count, bytes[end] != UInt8(ascii: "]"), bytes[end] != UInt8(ascii: " ") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "]"), end > index + 2 {
                    offsets.append(index)
                    index = end + 1
                    continue
                }
            }
            index += 1
        }
        return offsets
    }
}
