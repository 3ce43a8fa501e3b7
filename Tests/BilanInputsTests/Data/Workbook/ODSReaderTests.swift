import Foundation
import Testing
@testable import BilanInputs

/// `.ods` workbooks saved by LibreOffice, and a hand-made one with what other producers write.
@Suite struct ODSReaderTests {
    @Test func libreOfficeReportMatchesTheXlsx() throws {
        let workbook = try WorkbookFixture.workbook("libreoffice-report.ods")
        #expect(workbook.format == .ods)
        #expect(workbook.dateSystem == nil)
        #expect(workbook.sheets.map(\.name) == ["Revenus 2024", "Activités", "Notes internes"])
        #expect(workbook.sheets.map(\.isHidden) == [false, false, true])
        let sheet = workbook.sheets[0]
        // Currency and percentage cells give office:value, not the text shown (1,234.50 $, 12.5%).
        // LibreOffice turned openpyxl's booleans into =TRUE() formulas with number results.
        #expect(
            sheet.cells(ofRow: 2) == [
                .text("Dons"), dec("1234.5"), dec("0.125"),
                .date(year: 2024, month: 4, day: 1), dec("1"),
            ])
        #expect(sheet.cell("A3") == .text("Dons"))  // number-rows-spanned="3"
        #expect(sheet.cell("A4") == .text("Dons"))
        #expect(sheet.cell("B3") == dec("0.3"))
        #expect(
            sheet.cells(ofRow: 6) == [
                .text("Total"), dec("26484.8"), .error("#DIV/0!"),
                .date(year: 2024, month: 4, day: 2), dec("1"),
            ])
        #expect(
            sheet.cells(ofRow: 8) == [
                .text("Note"), .text("Très important !"), dec("0.4375"),
                .error("#DIV/0!"),
            ])
        // Rows repeated 1,048,555 times and 16,384-cell repeats are skipped, not stored.
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4, 5, 6, 8])
        #expect(workbook.sheets[1].rows.map(\.number) == [1, 2, 3, 5])
        #expect(workbook.sheets[1].cells(ofRow: 5) == [.text("Total"), dec("42"), dec("5.5")])
    }

    @Test func libreOfficeBooleansTextErrorsRepeatsMerges() throws {
        let workbook = try WorkbookFixture.workbook("libreoffice-text.ods")
        #expect(workbook.sheets.map(\.name) == ["Texte", "Cachée"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true])
        let sheet = workbook.sheets[0]
        // Comments (office:annotation) are left out; paragraphs are joined by a newline.
        #expect(
            sheet.cells(ofRow: 1) == [
                .bool(true), .bool(false), .text("a   bcd\nsecond paragraph"),
                .text("with note"),
            ])
        #expect(
            sheet.cells(ofRow: 2) == [
                .error("#DIV/0!"), .error("#NAME?"), dec("1"), dec("1.5"),
                dec("45383.4166666667"),
            ])
        for row in 3...5 { #expect(sheet.cells(ofRow: row) == [dec("7"), dec("7")]) }
        for row in 6...7 { #expect(sheet.cells(ofRow: row) == [.text("fusion"), .text("fusion")]) }
        #expect(sheet.rows.count == 7)
    }

    @Test func handmadeFormulasErrorsTimesText() throws {
        let sheet = try WorkbookFixture.workbook("handmade-edges.ods").sheets[0]
        // No calcext:value-type: a formula whose string result is an error code is an error;
        // plain text "#N/A" stays text.
        #expect(
            sheet.cells(ofRow: 1) == [
                .formulaWithoutValue("=SUM([.B1:.C1])"), .error("#DIV/0!"),
                .error("Err:508"), .text("#N/A"), dec("0.3"),
            ])
        // Times are a number of days; a date-time keeps its date.
        #expect(
            sheet.cells(ofRow: 2) == [
                dec("0.4375"), dec("1.5"), .date(year: 2024, month: 4, day: 1),
                .text("a   b\tc\nd \n\ne"),
            ])
        #expect(sheet.rows.count == 2)
    }

    @Test func durations() {
        #expect(ODSContentReader.days(ofDuration: "PT12H") == Decimal(string: "0.5"))
        #expect(ODSContentReader.days(ofDuration: "P1DT6H") == Decimal(string: "1.25"))
        #expect(ODSContentReader.days(ofDuration: "-PT6H00M00S") == Decimal(string: "-0.25"))
        #expect(ODSContentReader.days(ofDuration: "PT8H") == Decimal(string: "0.333333333333333"))
        #expect(ODSContentReader.days(ofDuration: "P1Y") == nil)
        #expect(ODSContentReader.days(ofDuration: "PT") == nil)
        #expect(ODSContentReader.days(ofDuration: "10:30") == nil)
    }

    @Test func errorCodes() {
        #expect(ODSContentReader.isErrorCode("Err:502"))
        #expect(ODSContentReader.isErrorCode("#VALUE!"))
        #expect(!ODSContentReader.isErrorCode("Err:5020"))
        #expect(!ODSContentReader.isErrorCode("#DIV/0"))
    }
}
