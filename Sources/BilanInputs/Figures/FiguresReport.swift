public import Foundation
import BilanBase

/// Every figure of a project, for `bilan figures`: its expression, computed value, the
/// value as each language shows it, its stated value, its status and its data files,
/// written as text for a terminal or as JSON, in file order, byte for byte the same for
/// the same input.
///
/// The JSON is an array with one object per figure, its keys always in this order:
///
///     {
///       "name": "mentions_medias",
///       "expression": "sum(mentions_medias.mentions)",
///       "value": 33,            // the exact decimal value; null when in error
///       "format": "number",     // integer | number | percent | currency
///       "decimals": null,       // the fixed number of decimals, or null
///       "formatted": {"fr": "33", "en": "33"},  // by language, in report order;
///                                               // {} when in error
///       "stated": 30,           // null without `stated:`
///       "status": "mismatch",   // ok | mismatch | error
///       "sources": ["content/data/mentions_medias.csv"],  // data files, sorted
///       "file": "content/figures.yaml",
///       "line": 12,             // the line of the figure's name
///       "rows": [               // each aggregate of its own expression, in order,
///                               // one object a line; [] without any or in error
///         {"aggregate": "sum(mentions_medias.mentions)", "table": "mentions_medias",
///          "used": 9, "of": 9}  // used: the rows its filter keeps that have a value
///       ],                      // in the column (for count, the rows kept); of: the
///                               // rows of the table
///       "previous": {"period": "2022-2023", "value": 28, "change": 0.1785714…}
///     }                         // last year's figure of that name (report.yaml's
///                               // previous:), change = (value − previous) / previous,
///                               // null when 0; "previous": null without one
public struct FiguresReport: Sendable {
    /// A language of the report: its code (`fr`) and locale (`fr-CA`).
    public struct Language: Sendable, Hashable {
        public var code: String
        public var locale: String

        public init(code: String, locale: String) {
            self.code = code
            self.locale = locale
        }
    }

    /// Where a figure stands.
    public enum Status: String, Sendable, Hashable {
        /// Computed, and its stated value (if any) agrees.
        case ok
        /// Computed, but its stated value differs (a `stated-mismatch` warning).
        case mismatch
        /// Not computed: an error was reported for it or for something it uses.
        case error
    }

    /// One figure's line of the report.
    public struct Entry: Sendable, Hashable {
        public var definition: FigureDefinition
        public var value: Decimal?
        /// The value as each language shows it, in the languages' order.
        public var formatted: [Formatted]
        public var status: Status
        public var sources: [String]
        /// The rows each of its own aggregates used, out of its table's.
        public var rowsUsed: [RowsUsed] = []
        /// Last year's figure of the same name, when there is one.
        public var previous: Previous? = nil
    }

    /// Last year's value of a figure, and the change from it.
    public struct Previous: Sendable, Hashable {
        public var period: String
        public var value: Decimal
        /// `(value − previous) / previous`; nil when last year's value is 0 or this year's
        /// is in error.
        public var change: Decimal?
    }

    /// A value as one language shows it.
    public struct Formatted: Sendable, Hashable {
        public var language: String
        public var text: String
    }

    public private(set) var entries: [Entry]

    /// The report of `definitions` (in their order) with the values of `evaluation`,
    /// formatted in each of `languages`.
    public init(
        definitions: [FigureDefinition], evaluation: FigureEvaluation, languages: [Language],
        currencyCode: String = "CAD", previous: PreviousYear? = nil
    ) {
        let formatters = languages.map {
            ($0.code, FigureFormatter(localeIdentifier: $0.locale, currencyCode: currencyCode))
        }
        func earlier(_ name: String, _ value: Decimal?) -> Previous? {
            guard let year = previous, let last = year.evaluation?[name] else { return nil }
            let change = value.flatMap { value in last.value == 0 ? nil : (value - last.value) / last.value }
            return Previous(period: year.period, value: last.value, change: change)
        }
        entries = definitions.map { definition in
            guard let figure = evaluation[definition.name] else {
                return Entry(
                    definition: definition, value: nil, formatted: [], status: .error,
                    sources: [], previous: earlier(definition.name, nil))
            }
            return Entry(
                definition: definition, value: figure.value,
                formatted: formatters.map { code, formatter in
                    Formatted(
                        language: code,
                        text: formatter.format(figure.value, as: definition.display))
                },
                status: StatedValueCheck.agrees(figure) == false ? .mismatch : .ok,
                sources: figure.sources, rowsUsed: figure.rowsUsed, previous: earlier(definition.name, figure.value))
        }
    }

    /// One block per figure, separated by blank lines, each line ending with a line
    /// break (nothing at all without figures):
    ///
    ///     mentions_medias = sum(mentions_medias.mentions)
    ///       value:    33
    ///       fr:       33
    ///       en:       33
    ///       stated:   30
    ///       status:   mismatch
    ///       sources:  content/data/mentions_medias.csv
    ///       rows:     9 of 9 in mentions_medias
    ///       previous: 28 (2022-2023)
    ///       change:   +17.9 %
    ///       defined:  content/figures.yaml:12
    ///
    /// `previous` and `change` are there when last year's project (`previous:` in
    /// report.yaml) has a figure of that name; `change` is left out when last year's
    /// value is 0.
    /// `rows` has one line per aggregate of the figure's own expression, each followed by
    /// the aggregate when there are several.
    public var text: String {
        let languages = entries.first?.formatted.map(\.language) ?? []
        let previous = entries.contains { $0.previous != nil } ? ["previous"] : []
        let width = (["defined", "sources"] + previous + languages).map(\.count).max().map { $0 + 3 } ?? 0
        func line(_ label: String, _ value: String) -> String {
            "  " + (label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + value
        }
        return entries.map { entry in
            let definition = entry.definition
            var lines = ["\(definition.name) = \(definition.source)"]
            lines.append(line("value", entry.value.map { "\($0)" } ?? "none (error)"))
            lines += entry.formatted.map { line($0.language, $0.text) }
            if let stated = definition.stated { lines.append(line("stated", stated.text)) }
            lines.append(line("status", entry.status.rawValue))
            lines.append(
                line("sources", entry.sources.isEmpty ? "none" : entry.sources.joined(separator: ", ")))
            for (index, use) in entry.rowsUsed.enumerated() {
                let text =
                    "\(use.used) of \(use.total) in \(use.table)"
                    + (entry.rowsUsed.count > 1 ? ": \(use.aggregate)" : "")
                lines.append(index == 0 ? line("rows", text) : "  " + String(repeating: " ", count: width) + text)
            }
            if let previous = entry.previous {
                lines.append(line("previous", "\(previous.value) (\(previous.period))"))
                if let change = previous.change { lines.append(line("change", Self.percent(change))) }
            }
            lines.append(line("defined", "\(definition.location.file):\(definition.location.line ?? 0)"))
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// The JSON array described above, indented by two spaces, and a line break.
    public var json: String {
        guard !entries.isEmpty else { return "[]\n" }
        let objects = entries.map { entry in
            let definition = entry.definition
            let formatted = entry.formatted
                .map { "\(JSONText.string($0.language)): \(JSONText.string($0.text))" }
                .joined(separator: ", ")
            let fields: [(String, String)] = [
                ("name", JSONText.string(definition.name)),
                ("expression", JSONText.string(definition.source)),
                ("value", entry.value.map { "\($0)" } ?? "null"),
                ("format", JSONText.string(definition.display.format.rawValue)),
                ("decimals", definition.display.decimals.map(String.init) ?? "null"),
                ("formatted", "{\(formatted)}"),
                ("stated", definition.stated.map { "\($0.value)" } ?? "null"),
                ("stated_tolerance", definition.stated?.tolerance.map { "\($0)" } ?? "null"),
                ("status", JSONText.string(entry.status.rawValue)),
                ("sources", "[" + entry.sources.map { JSONText.string($0) }.joined(separator: ", ") + "]"),
                ("file", JSONText.string(definition.location.file)),
                ("line", definition.location.line.map(String.init) ?? "null"),
                ("rows", rowsJSON(entry.rowsUsed)),
                ("previous", previousJSON(entry.previous)),
            ]
            return "  {\n"
                + fields.map { "    \(JSONText.string($0)): \($1)" }.joined(separator: ",\n")
                + "\n  }"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// `+17.9 %`: a change as a signed percentage with one decimal, the same in every
    /// language (the per-language text is the figures' own business).
    static func percent(_ change: Decimal) -> String {
        var percent = change * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &percent, 1, .plain)
        let text = rounded.formatted(.number.precision(.fractionLength(1)).locale(Locale(identifier: "en_US_POSIX")))
        return (rounded > 0 ? "+" : "") + text + " %"
    }

    /// The `previous` object of one figure, or null.
    private func previousJSON(_ previous: Previous?) -> String {
        guard let previous else { return "null" }
        return "{\"period\": \(JSONText.string(previous.period)), \"value\": \(previous.value), "
            + "\"change\": \(previous.change.map { "\($0)" } ?? "null")}"
    }

    /// The `rows` array of one figure, its objects indented under the key.
    private func rowsJSON(_ uses: [RowsUsed]) -> String {
        guard !uses.isEmpty else { return "[]" }
        let objects = uses.map { use in
            "      {\"aggregate\": \(JSONText.string(use.aggregate)), \"table\": \(JSONText.string(use.table)), "
                + "\"used\": \(use.used), \"of\": \(use.total)}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n    ]"
    }
}
