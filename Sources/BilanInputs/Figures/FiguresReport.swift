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
///       ]                       // in the column (for count, the rows kept); of: the
///     }                         // rows of the table
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
        currencyCode: String = "CAD"
    ) {
        let formatters = languages.map {
            ($0.code, FigureFormatter(localeIdentifier: $0.locale, currencyCode: currencyCode))
        }
        entries = definitions.map { definition in
            guard let figure = evaluation[definition.name] else {
                return Entry(
                    definition: definition, value: nil, formatted: [], status: .error,
                    sources: [])
            }
            return Entry(
                definition: definition, value: figure.value,
                formatted: formatters.map { code, formatter in
                    Formatted(
                        language: code,
                        text: formatter.format(figure.value, as: definition.display))
                },
                status: StatedValueCheck.agrees(figure) == false ? .mismatch : .ok,
                sources: figure.sources, rowsUsed: figure.rowsUsed)
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
    ///       defined:  content/figures.yaml:12
    ///
    /// `rows` has one line per aggregate of the figure's own expression, each followed by
    /// the aggregate when there are several.
    public var text: String {
        let languages = entries.first?.formatted.map(\.language) ?? []
        let width = (["defined", "sources"] + languages).map(\.count).max().map { $0 + 3 } ?? 0
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
            ]
            return "  {\n"
                + fields.map { "    \(JSONText.string($0)): \($1)" }.joined(separator: ",\n")
                + "\n  }"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
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
