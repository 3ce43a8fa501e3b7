import Foundation
import BilanBase
import BilanInputs

/// Describes a chart in one sentence made from its data, in the report's language: the
/// SVG's `<desc>`, read by screen readers in place of the picture.
///
/// English: "Column chart of Women and Relatives by year, 2019 to 2024: Women highest in
/// 2024 (253); Relatives highest in 2023 (98)." French: "Histogramme de Femmes par année,
/// de 2019 à 2024 : Femmes au plus haut en 2024 (253), au plus bas en 2019 (12)." — with a
/// no-break space (U+00A0) before `:` and `;`.
///
/// One series gets its highest and lowest points; several series their highest point
/// each; a stacked chart the highest and lowest totals; a donut each slice's share in
/// percent. Every number goes through the model's formatter.
public enum ChartSummary {
    /// The sentence for `model`, ending with a full stop.
    public static func sentence(for model: ChartModel) -> String {
        let words = Words(french: model.isFrench)
        var sentence = words.kindName(model.kind)
        let labels = model.series.map(\.label).filter { !$0.isEmpty }
        if model.kind == .donut {
            if let first = model.series.first, !first.label.isEmpty { sentence += words.of(first.label) }
        } else if !labels.isEmpty {
            sentence += words.of(words.list(labels))
        }
        if !model.categoryLabel.isEmpty { sentence += words.by(lowercasedFirst(model.categoryLabel)) }
        let categories = model.categories
        if model.kind != .donut, categories.count >= 2, let first = categories.first, let last = categories.last {
            sentence += words.range(first, last)
        }
        sentence += words.colon + details(of: model, words: words) + "."
        return sentence
    }

    /// What the data says: the part after the colon.
    private static func details(of model: ChartModel, words: Words) -> String {
        let count = model.categories.count
        guard count > 0, !model.series.isEmpty else { return words.noData }
        switch model.kind {
        case .donut:
            let values = (0..<count).map { model.plotted(model.series[0].value(at: $0)) }
            let total = values.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
            guard total > 0 else { return words.noData }
            let percent = ChartRenderer.sharesDisplay(values.compactMap { $0 }, total: total)
            let slices = (0..<count).compactMap { index -> String? in
                guard let value = values[index] else { return nil }
                let share = model.formatter.format(value / total, as: percent)
                return "\(model.categories[index]) (\(share))"
            }
            return slices.joined(separator: ", ")
        case .stacked:
            let totals = (0..<count).map { index -> Decimal? in
                let present = model.series.compactMap { model.plotted($0.value(at: index)) }
                return present.isEmpty ? nil : present.reduce(0, +)
            }
            return extremes(words.total, totals, model: model, words: words, lowest: true)
        case .column, .bar, .line:
            if model.series.count == 1 {
                return extremes(model.series[0].label, model.series[0].values, model: model, words: words, lowest: true)
            }
            return model.series
                .map { extremes($0.label, $0.values, model: model, words: words, lowest: false) }
                .joined(separator: words.semicolon)
        }
    }

    /// "Women highest in 2024 (253), lowest in 2019 (12)", or only the highest point.
    private static func extremes(
        _ name: String, _ values: [Decimal?], model: ChartModel, words: Words, lowest: Bool
    ) -> String {
        var high: (index: Int, value: Decimal)?
        var low: (index: Int, value: Decimal)?
        var present = 0
        for index in model.categories.indices {
            guard index < values.count, let value = values[index] else { continue }
            present += 1
            if high == nil || value > high!.value { high = (index, value) }
            if low == nil || value < low!.value { low = (index, value) }
        }
        guard let high, let low else { return words.noData(for: name) }
        let category = { (index: Int) in model.categories[index] }
        if present == 1 {
            return words.single(name, model.formatted(high.value), category(high.index))
        }
        if high.value == low.value { return words.constant(name, model.formatted(high.value)) }
        var text = words.highest(name, category(high.index), model.formatted(high.value))
        if lowest { text += ", " + words.lowest(category(low.index), model.formatted(low.value)) }
        return text
    }

    /// "Year" → "year", but "CSV files" and "ÉTS" stay as they are.
    package static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        if text.dropFirst().first?.isUppercase == true { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The words of one language.
    package struct Words {
        package let french: Bool

        package func kindName(_ kind: ChartModel.Kind) -> String {
            switch (kind, french) {
            case (.column, false): "Column chart"
            case (.column, true): "Histogramme"
            case (.bar, false): "Bar chart"
            case (.bar, true): "Graphique à barres horizontales"
            case (.line, false): "Line chart"
            case (.line, true): "Graphique linéaire"
            case (.stacked, false): "Stacked column chart"
            case (.stacked, true): "Histogramme empilé"
            case (.donut, false): "Donut chart"
            case (.donut, true): "Graphique en anneau"
            }
        }

        /// " of Women", " de Femmes", " d’Adultes".
        package func of(_ text: String) -> String {
            guard french else { return " of " + text }
            let vowels = "aeiouyàâäéèêëîïôöùûüœæ"
            if let first = text.first, vowels.contains(first.lowercased()) { return " d’" + text }
            return " de " + text
        }

        package func by(_ text: String) -> String { french ? " par " + text : " by " + text }

        package func range(_ first: String, _ last: String) -> String {
            french ? ", de \(first) à \(last)" : ", \(first) to \(last)"
        }

        /// "A, B and C" / "A, B et C".
        package func list(_ items: [String]) -> String {
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + (french ? " et " : " and ") + items[items.count - 1]
        }

        package var colon: String { french ? "\u{00A0}: " : ": " }
        package var semicolon: String { french ? "\u{00A0}; " : "; " }
        package var noData: String { french ? "aucune donnée" : "no data" }
        package var total: String { "total" }

        package func noData(for name: String) -> String {
            french ? "aucune donnée pour \(name)" : "no data for \(name)"
        }

        /// "in 2024" for a year or number, "for Montréal" otherwise.
        private func at(_ category: String) -> String {
            let numeric = category.first?.isNumber == true
            if french { return numeric ? "en \(category)" : "pour \(category)" }
            return numeric ? "in \(category)" : "for \(category)"
        }

        package func highest(_ name: String, _ category: String, _ value: String) -> String {
            french ? "\(name) au plus haut \(at(category)) (\(value))" : "\(name) highest \(at(category)) (\(value))"
        }

        package func lowest(_ category: String, _ value: String) -> String {
            french ? "au plus bas \(at(category)) (\(value))" : "lowest \(at(category)) (\(value))"
        }

        package func single(_ name: String, _ value: String, _ category: String) -> String {
            french ? "\(name) à \(value) \(at(category))" : "\(name) at \(value) \(at(category))"
        }

        package func constant(_ name: String, _ value: String) -> String {
            french ? "\(name) à \(value) partout" : "\(name) at \(value) throughout"
        }
    }
}
