import Foundation

/// Where something is in the project: a file relative to the project folder, and, when
/// known, a line and a column (both counted from 1, columns in characters).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return (lhs.column ?? 0) < (rhs.column ?? 0)
    }
}

/// How bad a diagnostic is: errors stop a build, warnings do not (unless `--strict`).
public enum Severity: String, Sendable, Codable, Hashable {
    case error
    case warning
}

/// A stable, machine-readable name for a kind of problem, such as `stated-mismatch`.
///
/// Codes are part of bilan's contract: pipelines match on them, so a code is never
/// renamed once released. The full list is documented in the README.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // Warnings (PRODUCT.md)
    public static let missingTranslation: DiagnosticCode = "missing-translation"
    public static let outdatedTranslation: DiagnosticCode = "outdated-translation"
    public static let mixedStatus: DiagnosticCode = "mixed-status"
    public static let splitPart: DiagnosticCode = "split-part"
    public static let unsupportedMarkdown: DiagnosticCode = "unsupported-markdown"
    public static let statedMismatch: DiagnosticCode = "stated-mismatch"
    public static let handTypedFigure: DiagnosticCode = "hand-typed-figure"
    public static let missingAlt: DiagnosticCode = "missing-alt"
    public static let brokenLink: DiagnosticCode = "broken-link"
    /// A link to a section that is in the build only in another language: it leads to
    /// that language's page.
    public static let otherLanguageLink: DiagnosticCode = "other-language-link"
    public static let unusedAccept: DiagnosticCode = "unused-accept"
    public static let ignoredDataFile: DiagnosticCode = "ignored-data-file"
    public static let legacyEncoding: DiagnosticCode = "legacy-encoding"
    /// A data row that holds totals of the other rows, which aggregates would count again.
    public static let totalsRow: DiagnosticCode = "totals-row"
    /// A `where` that keeps no row of a table that has some.
    public static let emptyFilter: DiagnosticCode = "empty-filter"
    /// A chart whose `x` column repeats a value, drawn as separate categories.
    public static let repeatedCategory: DiagnosticCode = "repeated-category"
    /// A language without built-in interface words whose `content/i18n/<lang>.yaml`
    /// does not give them all.
    public static let missingInterfaceWords: DiagnosticCode = "missing-interface-words"
    /// A `<span lang="…">` an author wrote to mark a phrase's language that bilan cannot
    /// read: not closed, closing none, with other attributes, or not a language tag.
    public static let languageSpan: DiagnosticCode = "language-span"
    /// A photo heavier than a page needs (over 5 MB, or over 4000 pixels on a side).
    public static let largeImage: DiagnosticCode = "large-image"
    /// A data column's raw name (`menages_par_annee`) that a chart or a table would show
    /// to readers, for want of a label.
    public static let missingLabel: DiagnosticCode = "missing-label"

    // Errors: files and their syntax
    public static let missingFile: DiagnosticCode = "missing-file"
    public static let unreadableFile: DiagnosticCode = "unreadable-file"
    public static let invalidUTF8: DiagnosticCode = "invalid-utf8"
    public static let yamlSyntax: DiagnosticCode = "yaml-syntax"
    public static let invalidConfig: DiagnosticCode = "invalid-config"
    public static let frontMatter: DiagnosticCode = "front-matter"
    public static let invalidSectionName: DiagnosticCode = "invalid-section-name"
    public static let duplicateSection: DiagnosticCode = "duplicate-section"
    public static let unknownLanguage: DiagnosticCode = "unknown-language"
    /// A language's `locale:` in report.yaml that Foundation does not know, or of
    /// another language.
    public static let unknownLocale: DiagnosticCode = "unknown-locale"

    // Errors: data tables
    public static let csvSyntax: DiagnosticCode = "csv-syntax"
    public static let csvRaggedRow: DiagnosticCode = "csv-ragged-row"
    public static let csvHeader: DiagnosticCode = "csv-header"
    public static let jsonSyntax: DiagnosticCode = "json-syntax"
    public static let jsonShape: DiagnosticCode = "json-shape"
    public static let invalidTableName: DiagnosticCode = "invalid-table-name"
    public static let duplicateTable: DiagnosticCode = "duplicate-table"
    public static let tooLarge: DiagnosticCode = "too-large"
    public static let invalidWorkbook: DiagnosticCode = "invalid-workbook"
    public static let formulaWithoutValue: DiagnosticCode = "formula-without-value"
    public static let ambiguousDate: DiagnosticCode = "ambiguous-date"
    public static let mixedDates: DiagnosticCode = "mixed-dates"
    public static let invalidDate: DiagnosticCode = "invalid-date"

    // Errors: figures
    public static let figureSyntax: DiagnosticCode = "figure-syntax"
    public static let unknownFigure: DiagnosticCode = "unknown-figure"
    public static let unknownTable: DiagnosticCode = "unknown-table"
    public static let unknownColumn: DiagnosticCode = "unknown-column"
    public static let figureCycle: DiagnosticCode = "figure-cycle"
    public static let divisionByZero: DiagnosticCode = "division-by-zero"
    public static let nonNumericCell: DiagnosticCode = "non-numeric-cell"
    public static let emptyAggregate: DiagnosticCode = "empty-aggregate"
    public static let invalidFormat: DiagnosticCode = "invalid-format"
    public static let dateComparison: DiagnosticCode = "date-comparison"

    // Errors: Markdown, blocks, links, templates, output
    public static let invalidBlock: DiagnosticCode = "invalid-block"
    public static let missingImage: DiagnosticCode = "missing-image"
    /// A JPEG or PNG file that libjpeg or libpng cannot read (damaged, truncated, or too
    /// many pixels to decode).
    public static let unreadableImage: DiagnosticCode = "unreadable-image"
    public static let pathOutsideProject: DiagnosticCode = "path-outside-project"
    public static let unknownTemplate: DiagnosticCode = "unknown-template"
    public static let templateError: DiagnosticCode = "template-error"
    public static let outputRefused: DiagnosticCode = "output-refused"
    public static let outputFailed: DiagnosticCode = "output-failed"
    /// `theme.accent` too light against the white page for links (under 4.5:1).
    public static let lowContrastAccent: DiagnosticCode = "low-contrast-accent"
}

/// One problem found in the project, located as precisely as bilan can.
public struct Diagnostic: Error, Hashable, Sendable {
    public var location: SourceLocation
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    /// A warning the project accepted in report.yaml (`accept:`): still listed,
    /// never fails `--strict`.
    public var accepted: Bool
    /// The figure the problem is about, when there is one (for `accept:` entries).
    public var figure: String?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        at location: SourceLocation, accepted: Bool = false
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.accepted = accepted
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        Diagnostic(.error, code, message, at: location)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    /// The compiler-style line: `file:line:column: severity: message [code]`.
    public var formatted: String {
        let suffix = accepted ? " (accepted)" : ""
        return "\(location): \(severity.rawValue): \(message) [\(code)]\(suffix)"
    }
}

/// Collects diagnostics as the stages run; stages append, the command reports.
public struct DiagnosticList: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) { all = diagnostics }

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        all.append(.error(code, message, at: location))
    }

    public mutating func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation
    ) {
        all.append(.warning(code, message, at: location))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file and position, then by code and message, so output never depends
    /// on the order in which stages ran. A diagnostic given twice (the same place, code
    /// and message, as when a YAML alias repeats a node) is kept once; the same message
    /// at two places is two diagnostics.
    public var sorted: [Diagnostic] {
        let ordered = all.sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity == .error }
            if a.code != b.code { return a.code.rawValue < b.code.rawValue }
            return a.message < b.message
        }
        var unique: [Diagnostic] = []
        unique.reserveCapacity(ordered.count)
        for diagnostic in ordered where diagnostic != unique.last { unique.append(diagnostic) }
        return unique
    }
}
