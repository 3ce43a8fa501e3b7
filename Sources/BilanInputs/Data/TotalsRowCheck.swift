import Foundation
package import BilanBase

/// Finds the rows of a data table that hold totals of the other rows: the `totals-row`
/// warning. Every aggregate would count such a row as data (a sum twice the total, a
/// `max` that returns the total), so it belongs out of the data, computed by bilan.
///
/// A row is a totals row when
/// - one of its text cells reads a totals word of the report's languages (French and
///   English always: Total, Totaux, Sous-total, Grand total, Somme, Sum, Subtotal…),
///   in any case, accents, spaces and punctuation aside (`TOTAL :`, `sous total`); or
/// - it is the last row that holds numbers, and each of its numbers equals the sum of
///   its column in the rows above it.
///
/// The sum rule guards against coincidences: a column is compared only when at least
/// two rows above hold a number in it (one row above is a repeat, not a sum), a column
/// that numbers the rows (1, 2, 3…) is left out, a column with text above it cannot
/// match, and at least one compared number must not be 0.
package struct TotalsRowCheck: Sendable {
    /// The totals words, normalised (see ``normalized(_:)``).
    package var words: Set<String>
    /// The first letters of the words, and the length of the longest, so that most
    /// cells are told apart without folding them (a table may have millions).
    private var firstLetters: [Bool]
    private var longest: Int

    /// The words written in each language, besides French and English, which are always
    /// read (spreadsheets and their templates are mostly in one of the two).
    package static let wordsByLanguage: [String: [String]] = [
        "fr": [
            "total", "totaux", "total général", "totaux généraux", "grand total", "sous-total", "sous-totaux",
            "somme",
        ],
        "en": ["total", "totals", "grand total", "grand totals", "subtotal", "subtotals", "sub-total", "sum"],
        "es": ["total", "total general", "subtotal", "suma"],
        "pt": ["total", "total geral", "subtotal", "soma"],
        "it": ["totale", "totale generale", "subtotale", "somma"],
        "de": ["summe", "gesamt", "gesamtsumme", "insgesamt", "zwischensumme"],
        "nl": ["totaal", "subtotaal", "som"],
    ]

    /// The check for a report in `languages` (codes such as `fr`).
    package init(languages: [String]) {
        let codes = ["fr", "en"] + languages
        words = Set(codes.flatMap { Self.wordsByLanguage[$0] ?? [] }.map { Self.normalized($0) })
        firstLetters = [Bool](repeating: false, count: 128)
        for first in words.compactMap(\.utf8.first) where first < 0x80 { firstLetters[Int(first)] = true }
        longest = words.map(\.utf8.count).max() ?? 0
    }

    /// Whether a text cell reads one of the words.
    private func isTotalsWord(_ text: String) -> Bool {
        // Punctuation and spaces around a word at most double its length.
        let utf8 = text.utf8
        guard utf8.count <= 2 * longest + 8 else { return false }
        // The first letter, when ASCII, must start a word; any other goes to the folding.
        for byte in utf8 where byte >= 0x80 || Self.isASCIILetter(byte) {
            if byte < 0x80 && !firstLetters[Int(byte | 0x20)] { return false }
            break
        }
        return words.contains(Self.normalized(text))
    }

    /// The `totals-row` warnings of a table, located at each totals row's line.
    package func diagnostics(for table: DataTable) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var labelled = Set<Int>()
        for (row, cells) in table.rows.enumerated() {
            var label: String?
            for case .text(let text) in cells where isTotalsWord(text) {
                label = text
                break
            }
            guard let label else { continue }
            labelled.insert(row)
            result.append(
                warning(
                    "the row labelled \"\(printable(label))\" looks like a totals row", table: table,
                    row: row))
        }
        if let sums = lastRowSums(table), !labelled.contains(sums.row) {
            let columns = sums.columns.map { "'\(table.columns[$0.column])' (\($0.value))" }
            let verb = columns.count == 1 ? "is the sum" : "are the sums"
            let listed =
                columns.count <= 2
                ? columns.joined(separator: " and ")
                : columns.dropLast().joined(separator: ", ") + " and " + (columns.last ?? "")
            result.append(
                warning(
                    "the last row looks like a totals row: its \(listed) \(verb) of the \(sums.row) rows above it",
                    table: table, row: sums.row))
        }
        return result
    }

    /// The last row that holds numbers, when each of them is the sum of the rows above it
    /// (with the guards described on the type), and the columns compared.
    private func lastRowSums(_ table: DataTable) -> (row: Int, columns: [(column: Int, value: Decimal)])? {
        guard let row = table.rows.lastIndex(where: { $0.contains { $0.number != nil } }), row >= 2 else {
            return nil
        }
        /// One numeric cell of the last row, and its column above it, read in one pass.
        struct Column {
            var index: Int
            var value: Decimal
            var sum: Decimal = 0
            var count = 0
            var previous: Decimal?
            /// Whether the numbers so far count up by one (1, 2, 3…): the column numbers the rows.
            var countsRows = true
        }
        var columns = table.rows[row].indices.compactMap { index in
            table.rows[row][index].number.map { Column(index: index, value: $0) }
        }
        for cells in table.rows[..<row] {
            for position in columns.indices {
                let index = columns[position].index
                let cell = index < cells.count ? cells[index] : .missing
                guard let number = cell.number else {
                    // Text above a number: that column does not add up.
                    if cell.textValue != nil { return nil }
                    continue
                }
                columns[position].sum += number
                columns[position].count += 1
                if columns[position].countsRows, let previous = columns[position].previous {
                    columns[position].countsRows = number - previous == 1
                }
                columns[position].previous = number
            }
        }
        var compared: [(column: Int, value: Decimal)] = []
        for column in columns {
            let numbersRows =
                column.countsRows && column.count >= 1
                && column.value - (column.previous ?? 0) == 1
            if numbersRows { continue }
            guard column.sum == column.value else { return nil }
            if column.count >= 2 { compared.append((column.index, column.value)) }
        }
        guard compared.contains(where: { $0.value != 0 }) else { return nil }
        return (row, compared)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private func warning(_ finding: String, table: DataTable, row: Int) -> Diagnostic {
        let line = table.rowLines.indices.contains(row) ? table.rowLines[row] : nil
        return .warning(
            .totalsRow,
            "table '\(table.name)': \(finding), which bilan would add in as data (sums counted twice, max "
                + "returning it): remove the row from the data and let bilan compute the total ('total:' in a "
                + "table block, sum(...) in figures.yaml)",
            at: SourceLocation(file: table.file, line: line))
    }

    /// Text folded for comparison: lower case, no accents, every run of characters other
    /// than letters and digits made one space, trimmed (`Sous-TOTAL :` → `sous total`).
    package static func normalized(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var result = ""
        var pendingSpace = false
        for character in folded {
            if character.isLetter || character.isNumber {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(character)
            } else {
                pendingSpace = true
            }
        }
        return result
    }
}
