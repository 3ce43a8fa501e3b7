public import Foundation
import Yams
public import BilanBase

/// The words of the interface around the report (table of contents, draft banner…) in
/// each language, overridable per language in `content/i18n/<lang>.yaml`.
public struct InterfaceStrings: Sendable {
    /// The keys a project's `content/i18n/<lang>.yaml` may give.
    public static let keys = InterfaceWord.allCases.map(\.rawValue)

    /// The built-in words alone, with no project's overrides.
    public static let builtin = InterfaceStrings(strings: [:])

    /// Language code → the words of its built-in table and of the project's file.
    public var strings: [String: [InterfaceWord: String]]

    public init(strings: [String: [InterfaceWord: String]] = [:]) {
        self.strings = strings
    }

    /// A word in a language. A language with neither a built-in table nor the word in its
    /// file gets the English word (``missingWords(language:)`` names those), its code as
    /// its name, and its name as the label of a link to it.
    public func text(_ word: InterfaceWord, language: String) -> String {
        if let text = strings[language]?[word] { return text }
        if let builtin = BuiltinInterfaceLanguage(rawValue: language) { return builtin.text(word) }
        switch word {
        case .languageName: return language
        case .readIn: return text(.languageName, language: language)
        default: return BuiltinInterfaceLanguage.en.text(word)
        }
    }

    /// Every word of a language by its key, as templates see them (`strings.draft`).
    public func keyed(language: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: InterfaceWord.allCases.map { ($0.rawValue, text($0, language: language)) })
    }

    /// The file of a language's words, relative to the project.
    public static func file(language: String) -> String { "content/i18n/\(language).yaml" }

    /// The words a language's file must give and does not: none for a built-in language.
    public func missingWords(language: String) -> [InterfaceWord] {
        guard BuiltinInterfaceLanguage(rawValue: language) == nil else { return [] }
        return InterfaceWord.allCases.filter { strings[language]?[$0] == nil }
    }

    /// The built-in strings, with the project's overrides for each language.
    public static func load(projectRoot: URL, languages: [ReportLanguage]) throws(DiagnosticError) -> InterfaceStrings {
        var strings: [String: [InterfaceWord: String]] = [:]
        var problems = DiagnosticList()
        for language in languages {
            var table = BuiltinInterfaceLanguage(rawValue: language.code)?.table ?? [:]
            let file = Self.file(language: language.code)
            let url = projectRoot.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path) {
                let reader = YAMLReader(file: file)
                switch SourceText.read(url, as: file).flatMap({ reader.compose(SourceText.normalizingLineEnds($0)) }) {
                case .failure(let diagnostic): problems.append(diagnostic)
                case .success(nil): break
                case .success(let root?):
                    var schema = YAMLSchemaReader(reader, code: .invalidConfig)
                    func unknown(_ key: String) -> String {
                        "unknown interface string '\(key)' (known: \(keys.joined(separator: ", ")))"
                    }
                    let words = schema.map(root, known: keys) { unknown($0.key) }
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
