import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// A language's `locale:` must be one Foundation formats numbers for, and of that
/// language (issue 14, item 13): an unknown one printed `6040` without a word.
@Suite struct LocaleCheckTests {
    private func problems(_ fr: String, _ en: String = "en-CA") -> [String] {
        let yaml = """
            organization: O
            period: 2024
            languages:
              fr: { locale: \(fr), title: Rapport }
              en: { locale: \(en), title: Report }
            """
        guard
            case .failure(let error) = Result(catching: { () throws(DiagnosticError) in
                try ReportConfigLoader.parse(yaml)
            })
        else { return [] }
        return error.diagnostics.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code)" }
    }

    @Test func knownLocalesOfTheirLanguagePass() {
        for (fr, en) in [("fr-CA", "en-CA"), ("fr", "en"), ("fr_FR", "en-GB"), ("fr-BE", "en-US")] {
            #expect(problems(fr, en).isEmpty, "\(fr), \(en)")
        }
    }

    @Test func unknownLocalesAreLocatedErrors() {
        #expect(problems("francais") == ["4:17 unknown-locale"])
        #expect(problems("fr-CA", "xx-YY") == ["5:17 unknown-locale"])
    }

    @Test func aLocaleOfAnotherLanguageIsAnError() {
        #expect(problems("en-CA") == ["4:17 unknown-locale"])
        #expect(
            LocaleCheck.problem(locale: "en-CA", language: "fr")?.contains("is for language 'en', not 'fr'") == true)
        #expect(LocaleCheck.problem(locale: "xx-YY", language: "fr")?.contains("unknown locale 'xx-YY'") == true)
    }
}
