public import Foundation
import Yams
public import BilanBase

/// The words of the interface around the report (table of contents, draft banner…) in
/// each language, overridable per language in `content/i18n/<lang>.yaml`.
public struct InterfaceStrings: Sendable {
    public static let keys = [
        "contents", "draft", "skip_to_content", "languages", "language_name", "read_in",
        "choose_language", "total", "chart_data",
    ]

    package static let builtin: [String: [String: String]] = [
        "fr": [
            "contents": "Table des matières", "draft": "Brouillon",
            "skip_to_content": "Aller au contenu", "languages": "Langues",
            "language_name": "Français", "read_in": "Lire en français",
            "choose_language": "Choisir la langue", "total": "Total",
            "chart_data": "Données du graphique",
        ],
        "en": [
            "contents": "Contents", "draft": "Draft", "skip_to_content": "Skip to content",
            "languages": "Languages", "language_name": "English", "read_in": "Read in English",
            "choose_language": "Choose a language", "total": "Total", "chart_data": "Chart data",
        ],
    ]

    /// Language code → key → text.
    public var strings: [String: [String: String]]

    public func text(_ key: String, language: String) -> String {
        strings[language]?[key] ?? Self.builtin["en"]?[key] ?? key
    }

    /// The built-in strings, with the project's overrides for each language.
    public static func load(projectRoot: URL, languages: [ReportLanguage]) -> Result<InterfaceStrings, DiagnosticError> {
        var strings: [String: [String: String]] = [:]
        var problems = DiagnosticList()
        for language in languages {
            var table = builtin[language.code] ?? builtin["en"]!
            if builtin[language.code] == nil { table["language_name"] = language.code }
            let file = "content/i18n/\(language.code).yaml"
            let url = projectRoot.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path) {
                let reader = YAMLReader(file: file)
                switch SourceText.read(url, as: file).flatMap({ reader.compose(SourceText.normalizingLineEnds($0)) }) {
                case .failure(let diagnostic): problems.append(diagnostic)
                case .success(let root):
                    for entry in root?.orderedEntries ?? [] {
                        guard keys.contains(entry.key), let value = entry.value.scalar?.string else {
                            problems.error(
                                .invalidConfig,
                                "unknown interface string '\(entry.key)' (known: \(keys.joined(separator: ", ")))",
                                at: reader.location(of: entry.keyNode))
                            continue
                        }
                        table[entry.key] = value
                    }
                }
            }
            strings[language.code] = table
        }
        if problems.hasErrors { return .failure(DiagnosticError(problems.all)) }
        return .success(InterfaceStrings(strings: strings))
    }
}
