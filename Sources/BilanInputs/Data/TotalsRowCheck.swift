import Foundation
import BilanBase

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

    /// The words written in each language, besides French and English, which are always
    /// read (spreadsheets and their templates are mostly in one of the two).
    package static let wordsByLanguage: [String: [String]] = [
        "fr": ["total", "totaux", "total général", "totaux généraux", "grand total", "sous-total", "sous-totaux",
               "somme"],
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
    }

    /// The `totals-row` warnings of a table, located at each totals row's line.
    package func diagnostics(for table: DataTable) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var labelled = Set<Int>()
        for (row, cells) in table.rows.enumerated() {
            guard let label = cells.lazy.compactMap(\.textValue).first(where: { words.contains(Self.normalized($0)) })
            else { continue }
            labelled.insert(row)
            result.append(
                warning(
                    "the row labelled \"\(CellValue.printable(label))\" looks like a totals row", table: table,
                    row: row))
        }
        if let sums = lastRowSums(table), !labelled.contains(sums.row) {
            let columns = sums.columns.map { "'\(table.columns[$0.column])' (\($0.value))" }
            let verb = columns.count == 1 ? "is the sum" : "are the sums"
            let listed = columns.count <= 2
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
        var compared: [(column: Int, value: Decimal)] = []
        for (column, cell) in table.rows[row].enumerated() {
            guard let value = cell.number else { continue }
            var above: [Decimal] = []
            for cells in table.rows[..<row] where cells.indices.contains(column) {
                let cell = cells[column]
                if let number = cell.number {
                    above.append(number)
                } else if cell.textValue != nil {
                    return nil
                }
            }
            if Self.numbersTheRows(above + [value]) { continue }
            guard above.reduce(0, +) == value else { return nil }
            if above.count >= 2 { compared.append((column, value)) }
        }
        guard compared.contains(where: { $0.value != 0 }) else { return nil }
        return (row, compared)
    }

    /// Whether numbers count up by one (1, 2, 3…): a column that numbers the rows.
    private static func numbersTheRows(_ numbers: [Decimal]) -> Bool {
        numbers.count >= 2 && zip(numbers, numbers.dropFirst()).allSatisfy { $1 - $0 == 1 }
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
