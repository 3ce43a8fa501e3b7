import Foundation
import BilanBase

/// What an `empty-filter` warning says about a `where` that keeps no row of a table that
/// has some: how many rows the table has, the likely causes, and what the filtered
/// columns hold, so that a typo or a value in the other language shows at once.
package enum EmptyFilterMessage {
    /// The most values of a column a message lists.
    package static let listedValues = 5

    /// `keeps no row of table 'membres' (2 rows)…: look for … ('type' holds: …)`, after
    /// the words that name the filter; `consequence` (such as `, so it is 0`) is put
    /// after the count of rows.
    package static func text(table: DataTable, filter: FigureExpression.Filter, consequence: String = "") -> String {
        let rows = Counted.english(table.rows.count, "row")
        let facts = columnFacts(table: table, filter: filter)
        return "keeps no row of table '\(table.name)' (\(rows))\(consequence): look for a typo, a value written in "
            + "another language, or a date range outside the data"
            + (facts.isEmpty ? "" : " (" + facts.joined(separator: "; ") + ")")
    }

    /// For each column a comparison of the filter reads, and that keeps no row on its
    /// own: the values it holds (for `=`) or the range they span (for `<`, `>`…).
    private static func columnFacts(table: DataTable, filter: FigureExpression.Filter) -> [String] {
        var facts: [String] = []
        var described = Set<String>()
        for comparison in filter.comparisons where !described.contains(comparison.column.text) {
            guard let index = table.columnIndex(comparison.column.text) else { continue }
            let cells = table.rows.compactMap { $0.indices.contains(index) ? $0[index] : nil }
            guard !cells.contains(where: comparison.matches) else { continue }
            var distinct: [CellValue] = []
            var seen = Set<CellValue>()
            for cell in cells where cell != .missing && seen.insert(cell).inserted { distinct.append(cell) }
            guard !distinct.isEmpty else { continue }
            described.insert(comparison.column.text)
            let name = comparison.column.text
            if distinct.count == 1 {
                facts.append("'\(name)' holds only \(distinct[0].printableText)")
                continue
            }
            switch comparison.comparator {
            case .equal, .notEqual:
                let listed = distinct.prefix(listedValues).map(\.printableText).joined(separator: ", ")
                facts.append("'\(name)' holds: \(listed)\(distinct.count > listedValues ? ", …" : "")")
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                let numbers = distinct.compactMap(\.number)
                let texts = distinct.compactMap(\.textValue)
                if numbers.count == distinct.count, let low = numbers.min(), let high = numbers.max() {
                    facts.append("'\(name)' goes from \(low) to \(high)")
                } else if texts.count == distinct.count, let low = texts.min(), let high = texts.max() {
                    facts.append("'\(name)' goes from \(printable(low)) to \(printable(high))")
                } else {
                    let listed = distinct.prefix(listedValues).map(\.printableText).joined(separator: ", ")
                    facts.append("'\(name)' holds: \(listed)\(distinct.count > listedValues ? ", …" : "")")
                }
            }
        }
        return facts
    }
}
