public import Foundation

public import BilanBase
public import BilanInputs

/// Builders for the figures tests: tables written like CSV, figures.yaml text evaluated
/// over them, and diagnostics summarised for exact comparison.
public enum FigureFixtures {
    public static let file = "content/figures.yaml"

    /// An exact decimal from its digits.
    public static func decimal(_ text: String) -> Decimal {
        guard let value = Decimal(numeral: text) else { preconditionFailure("not a numeral: \(text)") }
        return value
    }

    /// A cell written as in a CSV file: empty is missing, a numeral is a number, anything
    /// else is text.
    public static func cell(_ text: String) -> CellValue {
        if text.isEmpty { return .missing }
        return Decimal(numeral: text).map(CellValue.number) ?? .text(text)
    }

    /// The table `name`, read from `content/data/<name>.csv`: the header on line 1, row
    /// `i` (from 0) on line `i + 2`.
    public static func table(_ name: String, _ columns: [String], _ rows: [[String]]) -> DataTable {
        DataTable(
            name: name, file: "content/data/\(name).csv", columns: columns,
            rows: rows.map { $0.map(cell) }, rowLines: rows.indices.map { $0 + 2 },
            columnLines: columns.map { _ in 1 })
    }

    /// figures.yaml text, loaded and evaluated over `tables`.
    public static func evaluate(_ yaml: String, _ tables: [DataTable] = []) -> Outcome {
        let file = FiguresLoader.parse(yaml, file: Self.file)
        let evaluator = FigureEvaluator(
            tables: Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        return Outcome(file: file, evaluation: evaluator.evaluate(file.definitions))
    }

    public struct Outcome {
        public var file: FiguresFile
        public var evaluation: FigureEvaluation

        /// Loader and evaluator diagnostics, in that order.
        public var diagnostics: [Diagnostic] { file.diagnostics + evaluation.diagnostics }

        /// Each diagnostic as `line:column code`, for exact comparison.
        public var problems: [String] { diagnostics.map(FigureFixtures.summary) }

        public func value(_ name: String) -> Decimal? { evaluation[name]?.value }
    }

    /// `line:column code` of a diagnostic in figures.yaml.
    public static func summary(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location.line ?? 0):\(diagnostic.location.column ?? 0) \(diagnostic.code)"
    }
}
