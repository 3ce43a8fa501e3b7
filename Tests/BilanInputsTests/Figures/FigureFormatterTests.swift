import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Formatting in fr-CA and en-CA, byte for byte, and rounding half away from zero.
@Suite struct FigureFormatterTests {
    private let d = FigureFixtures.decimal
    private let french = FigureFormatter(localeIdentifier: "fr-CA")
    private let english = FigureFormatter(localeIdentifier: "en-CA")

    /// The value in both locales: (fr-CA, en-CA).
    private func both(_ value: String, _ format: FigureFormat, _ decimals: Int? = nil) -> [String] {
        let display = FigureDisplay(format: format, decimals: decimals)
        return [french.format(d(value), as: display), english.format(d(value), as: display)]
    }

    // MARK: Each format, in both locales

    @Test func integer() {
        #expect(both("233", .integer) == ["233", "233"])
        #expect(both("1234567", .integer) == ["1\u{00A0}234\u{00A0}567", "1,234,567"])
        #expect(both("10.5", .integer) == ["11", "11"])
        #expect(both("10.49", .integer) == ["10", "10"])
        #expect(both("2.5", .integer) == ["3", "3"])
        #expect(both("-2.5", .integer) == ["-3", "-3"])
        #expect(both("-1234.5", .integer) == ["-1\u{00A0}235", "-1,235"])
        #expect(both("-0.4", .integer) == ["0", "0"])
    }

    @Test func numberWithDecimals() {
        #expect(both("10.25", .number, 1) == ["10,3", "10.3"])
        #expect(both("-10.25", .number, 1) == ["-10,3", "-10.3"])
        #expect(both("10", .number, 2) == ["10,00", "10.00"])
        #expect(both("1234.5678", .number, 3) == ["1\u{00A0}234,568", "1,234.568"])
        #expect(both("0.000001", .number, 6) == ["0,000001", "0.000001"])
        #expect(both("1.005", .number, 2) == ["1,01", "1.01"])
    }

    @Test func numberByDefaultShowsUpToTwoDecimals() {
        #expect(FigureDisplay.default == FigureDisplay(format: .number))
        #expect(both("33", .number) == ["33", "33"])
        #expect(both("10.25", .number) == ["10,25", "10.25"])
        #expect(both("10.5", .number) == ["10,5", "10.5"])
        #expect(both("10.50", .number) == ["10,5", "10.5"])
        #expect(both("33.3333", .number) == ["33,33", "33.33"])
        #expect(both("10.996", .number) == ["11", "11"])
        #expect(both("10.125", .number) == ["10,13", "10.13"])
        #expect(both("-0.004", .number) == ["0", "0"])
        #expect(both("25000", .number) == ["25\u{00A0}000", "25,000"])
    }

    @Test func percentTakesAFraction() {
        #expect(both("0.125", .percent) == ["12,5\u{00A0}%", "12.5%"])
        #expect(both("0.5", .percent) == ["50\u{00A0}%", "50%"])
        #expect(both("0.33333", .percent) == ["33,3\u{00A0}%", "33.3%"])
        #expect(both("0.125", .percent, 0) == ["13\u{00A0}%", "13%"])
        #expect(both("0.12345", .percent, 2) == ["12,35\u{00A0}%", "12.35%"])
        #expect(both("0.5", .percent, 1) == ["50,0\u{00A0}%", "50.0%"])
        #expect(both("-0.125", .percent) == ["-12,5\u{00A0}%", "-12.5%"])
        #expect(both("1.5", .percent) == ["150\u{00A0}%", "150%"])
        #expect(both("12.5", .percent) == ["1\u{00A0}250\u{00A0}%", "1,250%"])
    }

    @Test func currencyShowsCentsOnlyWhenThereAreSome() {
        #expect(both("25000", .currency) == ["25\u{00A0}000\u{00A0}$", "$25,000"])
        #expect(both("203250.5", .currency) == ["203\u{00A0}250,50\u{00A0}$", "$203,250.50"])
        #expect(both("25000", .currency, 2) == ["25\u{00A0}000,00\u{00A0}$", "$25,000.00"])
        #expect(both("203250.5", .currency, 0) == ["203\u{00A0}251\u{00A0}$", "$203,251"])
        #expect(both("100.004", .currency) == ["100\u{00A0}$", "$100"])
        #expect(both("100.005", .currency) == ["100,01\u{00A0}$", "$100.01"])
        #expect(both("-25000", .currency) == ["-25\u{00A0}000\u{00A0}$", "-$25,000"])
    }

    @Test func currencyCode() {
        let display = FigureDisplay(format: .currency)
        #expect(
            FigureFormatter(localeIdentifier: "fr-CA", currencyCode: "EUR").format(25000, as: display)
                == "25\u{00A0}000\u{00A0}€")
        #expect(
            FigureFormatter(localeIdentifier: "en-CA", currencyCode: "EUR").format(25000, as: display)
                == "€25,000")
        #expect(french.currencyCode == "CAD")
    }

    @Test func frenchCanadianSpacesAreNoBreakSpaces() {
        // CLDR's fr (France) groups with U+202F; fr-CA uses U+00A0 (bytes C2 A0).
        let text = french.format(d("203250.5"), as: FigureDisplay(format: .currency))
        #expect(
            Array(text.utf8) == [0x32, 0x30, 0x33, 0xC2, 0xA0, 0x32, 0x35, 0x30, 0x2C, 0x35, 0x30, 0xC2, 0xA0, 0x24])
        #expect(!text.unicodeScalars.contains("\u{202F}"))
        #expect(
            Array(french.format(d("0.125"), as: FigureDisplay(format: .percent)).utf8)
                == [0x31, 0x32, 0x2C, 0x35, 0xC2, 0xA0, 0x25])
    }

    // MARK: Rounding

    @Test(arguments: [
        ("10.25", 1, "10.3"), ("-10.25", 1, "-10.3"), ("2.5", 0, "3"), ("-2.5", 0, "-3"),
        ("0.05", 1, "0.1"), ("1.005", 2, "1.01"), ("10.24", 1, "10.2"), ("-0.4", 0, "0"),
        ("12345.6789", 2, "12345.68"), ("7", 3, "7"),
    ])
    func roundsHalfAwayFromZero(value: String, decimals: Int, expected: String) {
        let rounded = FigureFixtures.decimal(value).roundedHalfAwayFromZero(decimals: decimals)
        #expect(rounded == FigureFixtures.decimal(expected))
        #expect("\(rounded)" == expected)
    }

    @Test func displayedValueIsInDisplayUnits() {
        #expect(FigureDisplay(format: .percent).displayedValue(of: d("0.12345")) == d("12.3"))
        #expect(FigureDisplay(format: .integer, decimals: 2).displayedValue(of: d("2.5")) == 3)
        #expect(FigureDisplay(format: .currency).displayedValue(of: d("1.999")) == 2)
        #expect(FigureDisplay(format: .number, decimals: 1).precision == 1)
        #expect(FigureDisplay(format: .percent).precision == 1)
        #expect(FigureDisplay(format: .integer, decimals: 4).precision == 0)
        #expect(FigureDisplay(format: .currency).fractionDigits(for: d("1.999")) == 0)
    }

    @Test func numeralsAreReadExactly() {
        #expect(Decimal(numeral: "12.5") == Decimal(125) / 10)
        #expect(Decimal(numeral: "+0.25") == Decimal(25) / 100)
        #expect(Decimal(numeral: "-3") == -3)
        for text in ["", "12abc", "1e3", ".5", "5.", "1.2.3", "--1", "1_000", "١٢", " 1"] {
            #expect(Decimal(numeral: text) == nil, "\(text)")
        }
    }
}
