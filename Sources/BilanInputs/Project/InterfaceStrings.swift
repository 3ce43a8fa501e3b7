public import Foundation
import Yams
public import BilanBase

/// A word of the interface around the report (table of contents, draft banner…), by the
/// key a project's `content/i18n/<lang>.yaml` and the templates (`strings.KEY`) use.
public enum InterfaceWord: String, CaseIterable, Sendable {
    case contents
    case draft
    case skipToContent = "skip_to_content"
    case languages
    case languageName = "language_name"
    case readIn = "read_in"
    case chooseLanguage = "choose_language"
    case total
    case chartData = "chart_data"

    /// The keys in declaration order, for messages.
    public static var keys: [String] { allCases.map(\.rawValue) }

    /// The word in a language bilan knows (French and English); the switches make a word
    /// without its translation a compile-time error.
    package func builtin(_ language: String) -> String? {
        switch language {
        case "fr": french
        case "en": english
        default: nil
        }
    }

    package var french: String {
        switch self {
        case .contents: "Table des matières"
        case .draft: "Brouillon"
        case .skipToContent: "Aller au contenu"
        case .languages: "Langues"
        case .languageName: "Français"
        case .readIn: "Lire en français"
        case .chooseLanguage: "Choisir la langue"
        case .total: "Total"
        case .chartData: "Données du graphique"
        }
    }

    package var english: String {
        switch self {
        case .contents: "Contents"
        case .draft: "Draft"
        case .skipToContent: "Skip to content"
        case .languages: "Languages"
        case .languageName: "English"
        case .readIn: "Read in English"
        case .chooseLanguage: "Choose a language"
        case .total: "Total"
        case .chartData: "Chart data"
        }
    }
}

/// The words of the interface in each language: the built-in ones, with the project's
/// overrides for each language in `content/i18n/<lang>.yaml`.
public struct InterfaceStrings: Sendable {
    /// Language code → word → text.
    public var strings: [String: [InterfaceWord: String]]

    public init(strings: [String: [InterfaceWord: String]] = [:]) {
        self.strings = strings
    }

    /// A word in a language: the project's, else the built-in one, else English.
    public func text(_ word: InterfaceWord, language: String) -> String {
        strings[language]?[word] ?? word.builtin(language) ?? word.english
    }

    /// Every word of a language by its key, as the templates see them (`strings.contents`).
    public func table(language: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: InterfaceWord.allCases.map { ($0.rawValue, text($0, language: language)) })
    }

    /// The built-in strings, with the project's overrides for each language.
    public static func load(projectRoot: URL, languages: [ReportLanguage]) throws(DiagnosticError) -> InterfaceStrings {
        var strings: [String: [InterfaceWord: String]] = [:]
        var problems = DiagnosticList()
        for language in languages {
            var table: [InterfaceWord: String] = [:]
            for word in InterfaceWord.allCases {
                table[word] = word.builtin(language.code) ?? (word == .languageName ? language.code : word.english)
            }
            let file = "content/i18n/\(language.code).yaml"
            let url = projectRoot.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path) {
                let reader = YAMLReader(file: file)
                switch SourceText.read(url, as: file).flatMap({ reader.compose(SourceText.normalizingLineEnds($0)) }) {
                case .failure(let diagnostic): problems.append(diagnostic)
                case .success(nil): break
                case .success(let root?):
                    var schema = YAMLSchemaReader(reader, code: .invalidConfig)
                    func unknown(_ key: String) -> String {
                        "unknown interface string '\(key)' (known: \(InterfaceWord.keys.joined(separator: ", ")))"
                    }
                    let words = schema.map(root, known: InterfaceWord.keys) { unknown($0.key) }
                    for word in InterfaceWord.allCases {
                        guard let node = words[word.rawValue] else { continue }
                        if let value = node.scalar?.string {
                            table[word] = value
                        } else {
                            schema.fail(unknown(word.rawValue), at: words.keyNode(word.rawValue))
                        }
                    }
                    problems.append(contentsOf: schema.problems.all)
                }
            }
            strings[language.code] = table
        }
        if problems.hasErrors { throw DiagnosticError(problems.all) }
        return InterfaceStrings(strings: strings)
    }
}
