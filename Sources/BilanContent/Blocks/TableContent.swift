import Foundation
import BilanBase
import BilanInputs

/// A table ready to be written: headings, cells already formatted for the language,
/// which columns hold numbers (right-aligned), and an optional total row.
///
/// Both outputs escape every cell: HTML entities in pages, backslashes (and `\|`) in
/// GFM pipe tables.
public struct TableContent: Sendable, Equatable {
    public package(set) var caption: String?
    public package(set) var headers: [String]
    public package(set) var numeric: [Bool]
    public package(set) var rows: [[String]]
    /// The total row, one cell per column ("" where nothing is summed).
    public package(set) var total: [String]?

    /// `<table>` with `<thead>`, `<tbody>` and a `<tfoot>` for the total.
    package func html() -> String {
        var html = "<table class=\"data-table\">\n"
        if let caption { html += "<caption>\(HTMLEscaping.text(caption))</caption>\n" }
        html += "<thead>\n<tr>"
        for (index, header) in headers.enumerated() {
            html += "<th scope=\"col\"\(numericClass(index))>\(HTMLEscaping.text(header))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in rows { html += rowHTML(row) }
        html += "</tbody>\n"
        if let total { html += "<tfoot>\n" + rowHTML(total) + "</tfoot>\n" }
        return html + "</table>"
    }

    /// A GFM pipe table; the total row in bold; a caption as a paragraph above.
    package func markdown() -> String {
        var lines: [String] = []
        if let caption { lines.append("**\(MarkdownEscaping.inline(caption))**\n") }
        lines.append(row(headers.map(Self.cell)))
        lines.append(row(numeric.map { $0 ? "---:" : "---" }))
        for cells in rows { lines.append(row(cells.map(Self.cell))) }
        if let total { lines.append(row(total.map { $0.isEmpty ? "" : "**" + Self.cell($0) + "**" })) }
        return lines.joined(separator: "\n")
    }

    /// One row: its first cell heads the row, the others are data.
    private func rowHTML(_ cells: [String]) -> String {
        var html = "<tr>"
        for (index, cell) in cells.enumerated() {
            html +=
                index == 0
                ? "<th scope=\"row\">\(HTMLEscaping.text(cell))</th>"
                : "<td\(numericClass(index))>\(HTMLEscaping.text(cell))</td>"
        }
        return html + "</tr>\n"
    }

    private func numericClass(_ index: Int) -> String {
        numeric.indices.contains(index) && numeric[index] ? " class=\"num\"" : ""
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// One cell of a pipe table: Markdown punctuation and `|` escaped, one line, and
    /// never empty-looking to the table parser.
    package static func cell(_ text: String) -> String {
        MarkdownEscaping.inline(text).trimmingCharacters(in: .whitespaces)
    }
}
