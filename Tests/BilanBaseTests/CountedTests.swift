import Testing

@testable import BilanBase

/// Counts with their nouns, as English and French write them.
@Suite struct CountedTests {
    @Test func englishAndFrenchPlurals() {
        #expect([0, 1, 2].map { Counted.english($0, "error") } == ["0 errors", "1 error", "2 errors"])
        #expect([0, 1, 2].map { Counted.french($0, "erreur") } == ["0 erreur", "1 erreur", "2 erreurs"])
        #expect(Counted.english(3, "child", plural: "children") == "3 children")
    }
}
