import Testing

@testable import BilanInputs

/// The interface words are an enum: every word has its French and English text (the
/// compiler checks the switches), and a lookup never fails.
@Suite struct InterfaceWordTests {
    @Test func everyWordHasBothBuiltInTexts() {
        for word in InterfaceWord.allCases {
            #expect(!(word.builtin("fr") ?? "").isEmpty && !(word.builtin("en") ?? "").isEmpty, "\(word)")
        }
        #expect(InterfaceWord.keys == [
            "contents", "draft", "skip_to_content", "languages", "language_name", "read_in", "choose_language",
            "total", "chart_data",
        ])
    }

    @Test func aLookupFallsBackToTheBuiltInWordThenEnglish() {
        let strings = InterfaceStrings(strings: ["fr": [.total: "Somme"]])
        #expect(strings.text(.total, language: "fr") == "Somme")
        #expect(strings.text(.draft, language: "fr") == "Brouillon")
        #expect(strings.text(.draft, language: "es") == "Draft")
        #expect(strings.table(language: "fr").count == InterfaceWord.allCases.count)
    }
}
