public import Foundation
import BilanBase
public import BilanInputs

/// What a chart shows, ready to draw: the kind, the categories and series as display
/// text and exact values, and how the report's language writes numbers.
///
/// The model is built by the chart block from a table and is drawn by
/// ``ChartRenderer`` and described by ``ChartSummary``; both are pure functions of it.
///
/// Values must not be negative in a `stacked` or `donut` chart: the caller reports them,
/// and the renderer, which never fails, draws them as 0. A `donut` shows the first
/// series only, one slice per category.
public struct ChartModel: Sendable, Hashable {
    /// The kinds of chart; the raw value is the block's `type:` and the SVG's
    /// `chart-<kind>` class.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Vertical bars, one group per category, one bar per series.
        case column
        /// Horizontal bars, categories down the left side.
        case bar
        /// One line per series across the categories.
        case line
        /// Vertical bars with the series stacked on each other, total on top.
        case stacked
        /// A ring of slices: the first series' share of each category.
        case donut
    }

    /// One series of values: a column of the table.
    public struct Series: Sendable, Hashable {
        /// The series' name, in the report's language, for the legend and the summary.
        public var label: String
        /// One value per category; nil is a missing cell (nothing is drawn, not a zero).
        /// Values past the last category are ignored, missing ones are nil.
        public var values: [Decimal?]

        public init(label: String, values: [Decimal?]) {
            self.label = label
            self.values = values
        }

        /// The value of the category at `index`, nil if missing or past the end.
        public func value(at index: Int) -> Decimal? {
            index >= 0 && index < values.count ? values[index] : nil
        }
    }

    public var kind: Kind
    /// The chart's id: `[a-z0-9-]+`, unique in a page. Every `id` in the SVG starts with it.
    public var id: String
    public var title: String
    /// The categories (the x values) as display text, already formatted by the caller.
    public var categories: [String]
    /// The name of the categories' column, for the summary ("year"); may be empty.
    public var categoryLabel: String
    public var series: [Series]
    /// The report language: "fr" writes French words, anything else English.
    public var language: String
    /// Writes numbers as the report language does.
    public var formatter: FigureFormatter
    /// How values are shown (number, currency, percent…), on labels and in the summary.
    public var display: FigureDisplay
    /// The word under a donut's total (the interface string `total`).
    public var totalLabel: String
    /// The series' colours: bilan's palette, or the theme's (``ThemeColors/chartPalette(accent:palette:)``).
    public var palette: [String] = ChartPalette.colors

    public init(
        kind: Kind, id: String, title: String, categories: [String], categoryLabel: String,
        series: [Series], language: String, formatter: FigureFormatter, display: FigureDisplay,
        totalLabel: String = "Total"
    ) {
        self.kind = kind
        self.id = id
        self.title = title
        self.categories = categories
        self.categoryLabel = categoryLabel
        self.series = series
        self.language = language
        self.formatter = formatter
        self.display = display
        self.totalLabel = totalLabel
    }

    /// Whether the words are French.
    package var isFrench: Bool { language == "fr" }

    /// The value shown for a series' point: negatives are 0 in stacked and donut charts.
    package func plotted(_ value: Decimal?) -> Decimal? {
        guard let value else { return nil }
        if (kind == .stacked || kind == .donut) && value < 0 { return 0 }
        return value
    }

    /// The value as the reader sees it, in the model's language and display.
    package func formatted(_ value: Decimal) -> String {
        formatter.format(value, as: display)
    }

    // FigureFormatter is not Hashable: it is compared by its locale and currency.
    public static func == (lhs: ChartModel, rhs: ChartModel) -> Bool {
        lhs.kind == rhs.kind && lhs.id == rhs.id && lhs.title == rhs.title
            && lhs.categories == rhs.categories && lhs.categoryLabel == rhs.categoryLabel
            && lhs.series == rhs.series && lhs.language == rhs.language
            && lhs.formatter.locale.identifier == rhs.formatter.locale.identifier
            && lhs.formatter.currencyCode == rhs.formatter.currencyCode
            && lhs.display == rhs.display && lhs.totalLabel == rhs.totalLabel
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(id)
        hasher.combine(title)
        hasher.combine(categories)
        hasher.combine(categoryLabel)
        hasher.combine(series)
        hasher.combine(language)
        hasher.combine(formatter.locale.identifier)
        hasher.combine(formatter.currencyCode)
        hasher.combine(display)
        hasher.combine(totalLabel)
    }
}
