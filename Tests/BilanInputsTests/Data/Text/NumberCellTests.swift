import Foundation
import Testing

@testable import BilanInputs

@Suite struct NumberCellTests {
    private func exact(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    @Test(arguments: [
        ("0", "0"), ("12", "12"), ("-12", "-12"), ("+12", "12"), ("08123", "8123"), ("12.50", "12.5"),
        ("-0.125", "-0.125"), ("0.1", "0.1"), ("-0", "0"), ("000.000", "0"), ("1000", "1000"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        ("1234567890123456789.0123456789", "1234567890123456789.0123456789"),
    ])
    func decimalPointNumbers(text: String, value: String) {
        #expect(NumberCell.parse(text, convention: .decimalPoint) == exact(value))
        #expect(NumberCell.parse(Array(text.utf8), convention: .decimalPoint) == exact(value))
    }

    @Test(arguments: [
        "", " ", "12,5", "1 234", " 12", "12 ", "1.", ".5", "-", "+", "--1", "1e3", "1.2.3", "12a", "0x10",
        "1_000", "١٢", "12\u{00A0}", "+-1", "1,234.5",
        // 39 significant digits, and exponents beyond Decimal's.
        "123456789012345678901234567890123456789", "1" + String(repeating: "0", count: 200),
        "0." + String(repeating: "0", count: 200) + "1",
    ])
    func decimalPointText(text: String) {
        #expect(NumberCell.parse(text, convention: .decimalPoint) == nil)
    }

    @Test(arguments: [
        ("12,5", "12.5"), ("-0,125", "-0.125"), ("412 350,75", "412350.75"), ("1 234", "1234"),
        ("-1 234 567,5", "-1234567.5"), ("12 345", "12345"), ("+1 000", "1000"), ("999 999 999", "999999999"),
        ("1\u{00A0}234", "1234"), ("1\u{202F}234,5", "1234.5"), ("1 234\u{00A0}567\u{202F}890", "1234567890"),
        ("08123", "8123"), ("0,5", "0.5"), ("1234567", "1234567"), ("100 000,000", "100000"),
        ("12 345 678 901 234 567 890 123 456 789 012 345 678", "12345678901234567890123456789012345678"),
    ])
    func decimalCommaNumbers(text: String, value: String) {
        #expect(NumberCell.parse(text, convention: .decimalComma) == exact(value))
        #expect(NumberCell.parse(Array(text.utf8)[...], convention: .decimalComma) == exact(value))
    }

    @Test(arguments: [
        "12 34", "1  234", "1 2345", "1234 567", "0 123", "00 123", " 1 234", "1 234 ", "1 234,", ",5", "12.5",
        "1 234.5", "1 234,5 6", "1\t234", "1\u{2009}234", "1\u{00A0}\u{00A0}234", "1,234,5", "1 23,4", "-",
        "- 1", "1 234 56", "1\u{00C2}234", "12 345,", "1 ", "\u{00A0}1",
    ])
    func decimalCommaText(text: String) {
        #expect(NumberCell.parse(text, convention: .decimalComma) == nil)
    }

    @Test func truncatedSeparatorBytesAreText() {
        // C2 or E2 80 at the end of a field, as a field cut in the middle of a character.
        #expect(NumberCell.parse([0x31, 0xC2], convention: .decimalComma) == nil)
        #expect(NumberCell.parse([0x31, 0xE2, 0x80], convention: .decimalComma) == nil)
        #expect(NumberCell.parse([0x31, 0xE2, 0x80, 0xAF], convention: .decimalComma) == nil)
        #expect(NumberCell.parse([0x31, 0xE2, 0x80, 0xAF, 0x32, 0x33, 0x34], convention: .decimalComma) == 1234)
    }

    @Test func valuesAreExactNotDouble() {
        let tenth = NumberCell.parse("0,1", convention: .decimalComma)
        #expect(tenth == Decimal(sign: .plus, exponent: -1, significand: 1))
        #expect(tenth.map { $0 * 3 } == exact("0.3"))
        #expect(NumberCell.parse("-412 350,75", convention: .decimalComma)?.description == "-412350.75")
    }

    // MARK: Hints

    private let commaRule =
        "; this file writes numbers as digits only, with a comma before any decimals: write it as "
    private let pointRule =
        "; this file writes numbers as digits only, with a point before any decimals: write it as "

    @Test(arguments: [
        ("42 000,50 $", "412350,75 $", "42000,50", "412350,75"),
        ("$1,200.50", "1.234,50", "1200,50", "1234,50"),
        ("1 234,5 €", "-1 234 €", "1234,5", "-1234"),
        ("(1 234,50 $)", "−12,5", "-1234,50", "-12,5"),
        (" 12", "12 ", "12", "12"),
        ("\u{00A0}42\u{202F}000,50\u{00A0}$", "1.234.567", "42000,50", "1234567"),
        ("£1,234,567.89", "12.5", "1234567,89", "12,5"),
    ])
    func hintsComputeThePlainNumber(first: String, second: String, firstPlain: String, secondPlain: String) {
        func expected(_ plain: String, _ rule: String) -> String {
            "it looks like a number formatted by a spreadsheet" + rule + plain
        }
        #expect(NumberCell.hint(for: first, convention: .decimalComma) == expected(firstPlain, commaRule))
        #expect(NumberCell.hint(for: second, convention: .decimalComma) == expected(secondPlain, commaRule))
        let firstPoint = firstPlain.replacingOccurrences(of: ",", with: ".")
        let secondPoint = secondPlain.replacingOccurrences(of: ",", with: ".")
        if first != "$1,200.50" && first != "£1,234,567.89" {
            #expect(NumberCell.hint(for: first, convention: .decimalPoint) == expected(firstPoint, pointRule))
        }
        if second != "12.5" && second != "1.234,50" && second != "1.234.567" {
            #expect(NumberCell.hint(for: second, convention: .decimalPoint) == expected(secondPoint, pointRule))
        }
    }

    @Test func hintsInADecimalPointFile() {
        let opening = "it looks like a number formatted by a spreadsheet" + pointRule
        #expect(NumberCell.hint(for: "412 350,75", convention: .decimalPoint) == opening + "412350.75")
        #expect(NumberCell.hint(for: "1.234,50", convention: .decimalPoint) == opening + "1234.50")
        #expect(NumberCell.hint(for: "$1,200.50", convention: .decimalPoint) == opening + "1200.50")
        #expect(NumberCell.hint(for: "12,5", convention: .decimalPoint) == opening + "12.5")
        #expect(NumberCell.hint(for: "1,234,567", convention: .decimalPoint) == opening + "1234567")
    }

    @Test func hintsForPercentages() {
        let comma = "it looks like a percentage formatted by a spreadsheet" + commaRule + "the fraction "
        let point = "it looks like a percentage formatted by a spreadsheet" + pointRule + "the fraction "
        #expect(NumberCell.hint(for: "12,5 %", convention: .decimalComma) == comma + "0,125")
        #expect(NumberCell.hint(for: "12,5\u{00A0}%", convention: .decimalComma) == comma + "0,125")
        #expect(NumberCell.hint(for: "12.5%", convention: .decimalPoint) == point + "0.125")
        #expect(NumberCell.hint(for: "5 %", convention: .decimalComma) == comma + "0,05")
        #expect(NumberCell.hint(for: "100 %", convention: .decimalComma) == comma + "1")
        #expect(NumberCell.hint(for: "0,5 %", convention: .decimalComma) == comma + "0,005")
        #expect(NumberCell.hint(for: "-3 %", convention: .decimalPoint) == point + "-0.03")
        #expect(NumberCell.hint(for: "1 250 %", convention: .decimalComma) == comma + "12,5")
        #expect(NumberCell.hint(for: "12,50 %", convention: .decimalComma) == comma + "0,125")
    }

    @Test func hintsGiveBothReadingsOfALoneForeignSeparator() {
        #expect(
            NumberCell.hint(for: "$1,200", convention: .decimalPoint)
                == "it looks like a number formatted by a spreadsheet" + pointRule
                + "1200 if its comma separates thousands, or as 1.200 if it marks the decimals")
        #expect(
            NumberCell.hint(for: "1.234", convention: .decimalComma) == "it looks like a number formatted by a "
                + "spreadsheet" + commaRule + "1234 if its point separates thousands, or as 1,234 if it marks "
                + "the decimals")
        #expect(
            NumberCell.hint(for: "1.234 %", convention: .decimalComma) == "it looks like a percentage formatted "
                + "by a spreadsheet" + commaRule + "the fraction 12,34 if its point separates thousands, or as "
                + "0,01234 if it marks the decimals")
        // The file's own decimal mark is its decimal mark.
        #expect(
            NumberCell.hint(for: "1,200 $", convention: .decimalComma)
                == "it looks like a number formatted by a spreadsheet" + commaRule + "1,200")
    }

    @Test(arguments: ["12 34 $", "1  234 $", "1,2,3", "1.234.56", "1 234.567,5", "12,34,567", "1 2345,5 $"])
    func hintsWithAnExampleWhenTheGroupsAreWrong(text: String) {
        #expect(
            NumberCell.hint(for: text, convention: .decimalComma)
                == "it looks like a number formatted by a spreadsheet" + commaRule
                + "a plain number, such as 42000,50 or 0,125")
        #expect(
            NumberCell.hint(for: text, convention: .decimalPoint)
                == "it looks like a number formatted by a spreadsheet" + pointRule
                + "a plain number, such as 42000.50 or 0.125")
    }

    @Test(arguments: [
        "", " ", "abc", "12 ans", "2023-2024", "514 555-1234", "01/04/2024", "01.04.2024", "2024-04-01", "$",
        "%", "1/2", "12 $ CA", "(12", "12-", "--12", "$$12", "12 %%", "1 + 2", "n/a", "12", "412 350,75",
    ])
    func noHintForWhatIsNotAFormattedNumber(text: String) {
        #expect(NumberCell.hint(for: text, convention: .decimalComma) == "")
        #expect(NumberCell.hint(for: text, convention: .decimalPoint) == "" || text == "412 350,75")
    }

    @Test func noHintForANumberOfTheFile() {
        #expect(NumberCell.hint(for: "12.5", convention: .decimalPoint) == "")
        #expect(NumberCell.hint(for: "1 234", convention: .decimalComma) == "")
        #expect(NumberCell.hint(for: "1 234", convention: .decimalPoint) != "")
    }

    // MARK: Round trip

    /// A random decimal written with digit groups and separators the way French Excel does.
    private func written(
        negative: Bool, integer: String, fraction: String, using generator: inout SeededGenerator
    ) -> String {
        let separators = [" ", "\u{00A0}", "\u{202F}"]
        var grouped = ""
        let digits = Array(integer)
        let grouping = integer.first != "0" && Bool.random(using: &generator)
        for (index, digit) in digits.enumerated() {
            if grouping, index > 0, (digits.count - index) % 3 == 0 {
                grouped += separators.randomElement(using: &generator) ?? " "
            }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (fraction.isEmpty ? "" : "," + fraction)
    }

    @Test func seededRandomRoundTrip() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<20_000 {
            let integerCount = Int.random(in: 1...20, using: &generator)
            let fractionCount = Int.random(in: 0...min(18, 38 - integerCount), using: &generator)
            var integer = String((0..<integerCount).map { _ in "0123456789".randomElement(using: &generator)! })
            if integer.count > 1, Bool.random(using: &generator) {
                integer = "1" + integer.dropFirst()
            }
            let fraction = String((0..<fractionCount).map { _ in "0123456789".randomElement(using: &generator)! })
            let negative = Bool.random(using: &generator)
            let cell = written(negative: negative, integer: integer, fraction: fraction, using: &generator)
            let plain = (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
            let parsed = NumberCell.parse(cell, convention: .decimalComma)
            #expect(parsed == exact(plain), "\(cell)")
            #expect(parsed.map { $0.hashValue } == exact(plain).hashValue, "\(cell)")
            if !cell.contains(where: { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }) {
                let point = cell.replacingOccurrences(of: ",", with: ".")
                #expect(NumberCell.parse(point, convention: .decimalPoint) == exact(plain), "\(point)")
            }
        }
    }

    @Test func seededRandomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [UInt8] = Array("0123456789 ,.-+".utf8) + [0xC2, 0xA0, 0xE2, 0x80, 0xAF, 0xFF]
        for _ in 0..<20_000 {
            let count = Int.random(in: 0..<12, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = NumberCell.parse(bytes, convention: .decimalComma)
            _ = NumberCell.parse(bytes, convention: .decimalPoint)
            let text = String(decoding: bytes, as: UTF8.self)
            _ = NumberCell.hint(for: text + " $", convention: .decimalComma)
            _ = NumberCell.hint(for: "(" + text + " %)", convention: .decimalPoint)
        }
    }
}
