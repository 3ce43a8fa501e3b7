import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent

@Suite struct HandTypedFiguresTests {
    func numbers(_ text: String, _ language: String = "fr") -> [String] {
        HandTypedFigures.numbers(in: text, language: language).map(\.normalized)
    }

    @Test func groupSeparatorsAndDecimalMarksFollowTheLanguage() {
        #expect(numbers("25 000 $ et 12,5 %") == ["25000", "12.5"])
        #expect(numbers("$25,000 and 12.5%", "en") == ["25000", "12.5"])
        #expect(numbers("25\u{00A0}000") == ["25000"])
    }

    @Test func smallNumbersYearsDatesAndCodesAreLeftAlone() {
        #expect(numbers("5 ateliers en 2023, le 18 juin, June 18, COVID-19, H2S 3K6") == [])
        #expect(numbers("du 8 au 18 juin", "fr") == [])
    }

    @Test func aCommaFollowedByASpaceEndsTheNumber() {
        #expect(numbers("en 2023, 22 militantes") == ["22"])
    }

    @Test func theUnitIsTheSignNextToTheNumber() {
        func units(_ text: String, _ language: String = "fr") -> [HandTypedFigures.Unit] {
            HandTypedFigures.numbers(in: text, language: language).map(\.unit)
        }
        #expect(
            units("25 000 $, 34,7 %, 34,7\u{202F}%, 12 000 €, 15 personnes") == [
                .currency, .percent, .percent, .currency, .plain,
            ])
        #expect(units("$25,000, 25.6%, £300 and 42 people", "en") == [.currency, .percent, .currency, .plain])
    }

    @Test func referencedNamesAreTheFiguresASectionUses() {
        let body = "{{ membres }} et {{fonds | number:0}}, \\{{ pas }}, {{ }} et {{ Ateliers }}"
        #expect(HandTypedFigures.referencedNames(in: body) == ["membres", "fonds", "pas"])
    }
}
