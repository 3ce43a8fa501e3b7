import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs

/// The interface words: complete built-in tables, the fallbacks of a language without
/// them, the warning that names what its file lacks, and the direction from the locale.
@Suite struct InterfaceWordTests {
    /// The switch makes every word exist in every built-in language; this makes each one
    /// a word, and each language's its own (a table copied from another would pass the
    /// compiler).
    @Test(arguments: BuiltinInterfaceLanguage.allCases)
    func everyBuiltinLanguageHasEveryWord(_ language: BuiltinInterfaceLanguage) {
        for word in InterfaceWord.allCases {
            #expect(!language.text(word).isEmpty, "\(language.rawValue) \(word.rawValue)")
        }
        #expect(language.table.count == InterfaceWord.allCases.count)
        for other in BuiltinInterfaceLanguage.allCases where other != language {
            #expect(language.text(.languageName) != other.text(.languageName))
            #expect(language.text(.readIn) != other.text(.readIn))
        }
    }

    @Test func theKeysAreTheWordsRawValues() {
        #expect(
            InterfaceStrings.keys == [
                "contents", "draft", "skip_to_content", "languages", "language_name", "read_in",
                "choose_language", "total", "chart_data",
            ])
        #expect(InterfaceStrings.builtin.keyed(language: "fr")["skip_to_content"] == "Aller au contenu")
        #expect(InterfaceStrings.builtin.keyed(language: "en").count == InterfaceWord.allCases.count)
    }

    /// Both guides list every word a project may change.
    @Test(arguments: ["docs/guide.fr.md", "docs/guide.en.md", "README.md"])
    func theDocumentationListsEveryWord(_ path: String) throws {
        let text = try String(contentsOf: SourceTree.packageRoot.appendingPathComponent(path), encoding: .utf8)
        for word in InterfaceWord.allCases {
            let named = text.contains("`\(word.rawValue)`")
            #expect(named, "\(path) does not name `\(word.rawValue)`")
        }
    }

    /// A language with no built-in words: the project's where given, otherwise English,
    /// with its code as its name and its name as the label of links to it.
    @Test func aLanguageWithoutBuiltinWordsFallsBackWithoutCrashing() {
        let given = InterfaceStrings(strings: [
            "ar": [.languageName: "العربية", .contents: "المحتويات"]
        ])
        #expect(given.text(.contents, language: "ar") == "المحتويات")
        #expect(given.text(.draft, language: "ar") == "Draft")
        #expect(given.text(.readIn, language: "ar") == "العربية")
        #expect(
            given.missingWords(language: "ar")
                == InterfaceWord.allCases.filter {
                    $0 != .languageName && $0 != .contents
                })
        let none = InterfaceStrings.builtin
        #expect(none.text(.languageName, language: "es") == "es")
        #expect(none.text(.readIn, language: "es") == "es")
        #expect(none.text(.draft, language: "fr") == "Brouillon")
        #expect(none.missingWords(language: "fr").isEmpty && none.missingWords(language: "en").isEmpty)
        #expect(none.missingWords(language: "es") == InterfaceWord.allCases)
    }

    @Test func aProjectFileOverridesABuiltinWord() throws {
        let root = TemporaryFolder.make("bilan-i18n")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("content/i18n")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("contents: Sommaire\n".utf8).write(to: folder.appendingPathComponent("fr.yaml"))
        let languages = [
            ReportLanguage(code: "fr", locale: "fr-CA", title: "Rapport"),
            ReportLanguage(code: "he", locale: "he-IL", title: "דוח"),
        ]
        let strings = try InterfaceStrings.load(projectRoot: root, languages: languages)
        #expect(strings.text(.contents, language: "fr") == "Sommaire")
        #expect(strings.text(.draft, language: "fr") == "Brouillon")
        let warnings = strings.missingWordWarnings(languages: languages, projectRoot: root)
        #expect(warnings.map(\.code) == [.missingInterfaceWords])
        #expect(warnings.first?.location == SourceLocation(file: "content/i18n/he.yaml"))
        #expect(warnings.first?.message.contains("this file is missing") == true)
    }

    @Test func theDirectionComesFromTheLocalesScript() {
        func direction(_ locale: String) -> Bool {
            ReportLanguage(code: "x", locale: locale, title: "").isRightToLeft
        }
        for locale in ["ar", "ar-MA", "he-IL", "fa-IR", "ur-PK", "ku-Arab", "ckb", "dv", "yi", "pa-Arab"] {
            #expect(direction(locale), "\(locale)")
        }
        for locale in ["fr-CA", "en-CA", "es-MX", "pa", "sr-Cyrl", "zh-Hant", "xx-YY", "francais", ""] {
            #expect(!direction(locale), "\(locale)")
        }
    }
}
