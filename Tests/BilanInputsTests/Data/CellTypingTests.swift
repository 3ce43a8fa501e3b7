import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

@Suite struct CellTypingTests {
    private func number(_ text: String) -> CellValue {
        .number(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!)
    }

    private func cell(_ field: String, decimalComma: Bool = false) -> CellValue {
        CellValue(csvField: field, decimalComma: decimalComma)
    }

    @Test func readsNumbers() {
        #expect(cell("12") == number("12"))
        #expect(cell("-3.25") == number("-3.25"))
        #expect(cell("+7") == number("7"))
        #expect(cell("-0") == number("0"))
        #expect(cell("08123") == number("8123"))
        #expect(cell("0.1") == number("0.1"))
    }

    @Test func readsNumbersExactly() {
        #expect(cell("0.1").number.map { $0 * 3 } == number("0.3").number)
        let long = "12345678901234567890123456789.123456789"
        #expect(cell(long) == number(long))
        #expect(cell("100000000000000000000000000000000000000000000000000") == number("1e50"))
        #expect(cell("0.00000000000000000000000000000000000000000000000001") == number("1e-50"))
    }

    @Test func keepsWhatIsNotANumberAsText() {
        for text in [
            "1e3", "12.", ".5", " 12", "12 ", "1 000", "1,5", "--1", "+", "-", "12a", "0x1F",
        ] {
            #expect(cell(text) == .text(text))
        }
        let tooManyDigits = "123456789012345678901234567890123456789"
        #expect(cell(tooManyDigits) == .text(tooManyDigits))
    }

    @Test func readsEmptyAndBlankCellsAsMissing() {
        #expect(cell("") == .missing)
        #expect(cell("   ") == .missing)
        #expect(cell(" a ") == .text(" a "))
        #expect(cell("\t") == .text("\t"))
    }

    @Test func readsDecimalCommasOnlyWhenAsked() {
        #expect(cell("12,5", decimalComma: true) == number("12.5"))
        #expect(cell("-0,75", decimalComma: true) == number("-0.75"))
        #expect(cell("12.5", decimalComma: true) == number("12.5"))
        #expect(cell("1,234,5", decimalComma: true) == .text("1,234,5"))
        #expect(cell("12,5") == .text("12,5"))
    }

    @Test func typesTheCellsOfACSVTable() throws {
        let csv = "nom,nombre,note\nAteliers,12,\n\"Cuisine, collective\",\"7\",\"  \"\n"
        let table = try TableLoader.load(Array(csv.utf8), format: .csv, name: "t", file: "t.csv")
            .get()
        #expect(table.columns == ["nom", "nombre", "note"])
        #expect(table.columnLines == [1, 1, 1])
        #expect(table.rowLines == [2, 3])
        #expect(
            table.rows == [
                [.text("Ateliers"), number("12"), .missing],
                [.text("Cuisine, collective"), number("7"), .missing],
            ])
    }

    @Test func typesDecimalCommasInASemicolonTable() throws {
        let csv = "annee;montant;note\r\n2023;1250,50;\"12,5\"\r\n2024;12.5;ok\r\n"
        let table = try TableLoader.load(Array(csv.utf8), format: .csv, name: "t", file: "t.csv")
            .get()
        #expect(
            table.rows == [
                [number("2023"), number("1250.5"), number("12.5")],
                [number("2024"), number("12.5"), .text("ok")],
            ])
    }
}
