import Foundation
import BilanBase
import BilanInputs

/// Describes a chart from its data, in the report's language: the SVG's `<desc>` and the
/// Word picture's description, read by screen readers in place of the picture.
///
/// Data labels never sit inside a sentence that must agree with them: each one follows a
/// colon or stands in a list, so the text stays grammatical whatever the labels are.
/// English: "Column chart. Categories: Year. Series: Women; 2019, 12; 2020, 40; highest
/// value: 2024, 253; lowest value: 2019, 12." French: « Histogramme. Catégories : Année.
/// Série : Femmes ; 2019, 12 ; … ; valeur la plus haute : 2024, 253 ; valeur la plus
/// basse : 2019, 12. » — with a no-break space (U+00A0) before `:` and `;`.
///
/// Every series gives every value (a missing one is said so), then its highest and
/// lowest values when they differ; a stacked chart adds its totals; a donut gives each
/// slice's value and share in percent. Every number goes through the model's formatter.
public enum ChartSummary {
    /// The description of `model`: sentences, each ending with a full stop.
    public static func sentence(for model: ChartModel) -> String {
        let words = Words(french: model.isFrench)
        var sentences = [words.kindName(model.kind)]
        if !model.categoryLabel.isEmpty { sentences.append(words.categories + words.colon + model.categoryLabel) }
        if model.categories.isEmpty || model.series.isEmpty {
            sentences.append(words.noData)
        } else if model.kind == .donut {
            sentences.append(donut(model, words: words))
        } else {
            for series in model.series {
                let heading = series.label.isEmpty ? nil : words.series + words.colon + series.label
                sentences.append(describe(heading, series.values, model: model, words: words))
            }
            if model.kind == .stacked, model.series.count > 1 {
                let totals = model.categories.indices.map { index -> Decimal? in
                    let present = model.series.compactMap { model.plotted($0.value(at: index)) }
                    return present.isEmpty ? nil : present.reduce(0, +)
                }
                sentences.append(describe(words.totals, totals, model: model, words: words))
            }
        }
        return sentences.map { $0 + "." }.joined(separator: " ")
    }

    /// A donut's slices: "Series: Visits; Montréal, 120 (60%); Laval, 80 (40%)".
    private static func donut(_ model: ChartModel, words: Words) -> String {
        let series = model.series[0]
        let values = model.categories.indices.map { model.plotted(series.value(at: $0)) }
        let total = values.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
        var items = series.label.isEmpty ? [] : [words.series + words.colon + series.label]
        guard total > 0 else { return (items + [words.noData]).joined(separator: words.semicolon) }
        let percent = ChartRenderer.sharesDisplay(values.compactMap { $0 }, total: total)
        for (index, category) in model.categories.enumerated() {
            guard let value = values[index] else {
                items.append(category + ", " + words.missing)
                continue
            }
            let share = model.formatter.format(value / total, as: percent)
            items.append("\(category), \(model.formatted(value)) (\(share))")
        }
        return items.joined(separator: words.semicolon)
    }

    /// One series: its heading ("Series: Women"), every value, then its extremes.
    private static func describe(_ heading: String?, _ values: [Decimal?], model: ChartModel, words: Words) -> String {
        var items = heading.map { [$0] } ?? []
        var high: (index: Int, value: Decimal)?
        var low: (index: Int, value: Decimal)?
        var present = 0
        for (index, category) in model.categories.enumerated() {
            guard index < values.count, let value = model.plotted(values[index]) else {
                items.append(category + ", " + words.missing)
                continue
            }
            present += 1
            items.append(category + ", " + model.formatted(value))
            if high == nil || value > high!.value { high = (index, value) }
            if low == nil || value < low!.value { low = (index, value) }
        }
        if present > 1, let high, let low, high.value != low.value {
            items.append(
                words.highest + words.colon + model.categories[high.index] + ", " + model.formatted(high.value))
            items.append(words.lowest + words.colon + model.categories[low.index] + ", " + model.formatted(low.value))
        }
        return items.joined(separator: words.semicolon)
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

        package var colon: String { french ? "\u{00A0}: " : ": " }
        package var semicolon: String { french ? "\u{00A0}; " : "; " }
        package var categories: String { french ? "Catégories" : "Categories" }
        package var series: String { french ? "Série" : "Series" }
        package var totals: String { french ? "Totaux" : "Totals" }
        package var noData: String { french ? "Aucune donnée" : "No data" }
        package var missing: String { french ? "aucune donnée" : "no data" }
        package var highest: String { french ? "valeur la plus haute" : "highest value" }
        package var lowest: String { french ? "valeur la plus basse" : "lowest value" }
    }
}
