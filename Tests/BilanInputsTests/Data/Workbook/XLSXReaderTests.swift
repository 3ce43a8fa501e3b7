import Foundation
import Testing
@testable import BilanInputs

/// `.xlsx` workbooks made by openpyxl and by LibreOffice, and a hand-made one with rarer constructs.
@Suite struct XLSXReaderTests {
    @Test func openpyxlSheetsInOrderWithHiddenOnes() throws {
        let workbook = try WorkbookFixture.workbook("openpyxl-report.xlsx")
        #expect(workbook.format == .xlsx)
        #expect(workbook.dateSystem == .excel1900)
        #expect(workbook.sheets.map(\.name) == ["Revenus 2024", "Activités", "Notes internes"])
        #expect(workbook.sheets.map(\.isHidden) == [false, false, true])
        #expect(workbook.sheets[2].rows == [WorkbookRow(number: 1, cells: [.text("confidentiel")])])
    }

    @Test func openpyxlStoredValues() throws {
        let sheet = try #require(try WorkbookFixture.workbook("openpyxl-report.xlsx").sheet(named: "Revenus 2024"))
        #expect(
            sheet.cells(ofRow: 1) == [
                .text("Source"), .text("Montant"), .text("Part"), .text("Reçu le"),
                .text("Confirmé"),
            ])
        #expect(
            sheet.cells(ofRow: 2) == [
                .text("Dons"), dec("1234.5"), dec("0.125"),
                .date(year: 2024, month: 4, day: 1), .bool(true),
            ])
        // 0.1 + 0.2 is stored as 0.30000000000000004: rounded to 15 digits it is 0.3.
        #expect(sheet.cell("B3") == dec("0.3"))
        #expect(sheet.cell("D3") == .date(year: 2024, month: 12, day: 31))  // built-in format 14
        #expect(sheet.cell("D4") == .date(year: 2024, month: 6, day: 15))  // [$-fr-CA]d mmmm yyyy h:mm, time dropped
        #expect(sheet.cell("D5") == .date(year: 1900, month: 3, day: 1))  // serial 61
        #expect(sheet.cell("E5") == .empty)
        #expect(sheet.cell("B8") == .text("Très important !"))  // rich text runs
        #expect(sheet.cell("C8") == dec("0.4375"))  // hh:mm stays a number
        #expect(sheet.cell("D8") == .error("#DIV/0!"))
    }

    @Test func openpyxlFormulasHaveNoCachedValues() throws {
        let workbook = try WorkbookFixture.workbook("openpyxl-report.xlsx")
        let sheet = try #require(workbook.sheet(named: "Revenus 2024"))
        #expect(
            sheet.cells(ofRow: 6) == [
                .text("Total"), .formulaWithoutValue("=SUM(B2:B5)"),
                .formulaWithoutValue("=B2/0"), .formulaWithoutValue("=D2+1"),
                .formulaWithoutValue("=AND(E2,E4)"),
            ])
        #expect(workbook.sheets[1].cell("B5") == .formulaWithoutValue("=SUM(B2:B3)"))
    }

    @Test func mergedCellsFillTheirRange() throws {
        let sheet = try WorkbookFixture.workbook("openpyxl-report.xlsx").sheets[0]
        #expect(sheet.cell("A2") == .text("Dons"))
        #expect(sheet.cell("A3") == .text("Dons"))
        #expect(sheet.cell("A4") == .text("Dons"))
        #expect(sheet.cell("A5") == .text("Subventions"))
    }

    @Test func trailingAndInnerEmptyRowsAreDropped() throws {
        let workbook = try WorkbookFixture.workbook("openpyxl-report.xlsx")
        // A20 is styled but empty; row 7 is empty between data.
        #expect(workbook.sheets[0].rows.map(\.number) == [1, 2, 3, 4, 5, 6, 8])
        #expect(workbook.sheets[0].rows.map(\.cells.count) == [5, 5, 5, 5, 4, 5, 4])
        #expect(workbook.sheets[1].rows.map(\.number) == [1, 2, 3, 5])
    }

    @Test func libreOfficeCachedValues() throws {
        let workbook = try WorkbookFixture.workbook("libreoffice-report.xlsx")
        #expect(workbook.sheets.map(\.name) == ["Revenus 2024", "Activités", "Notes internes"])
        #expect(workbook.sheets.map(\.isHidden) == [false, false, true])
        let sheet = workbook.sheets[0]
        #expect(
            sheet.cells(ofRow: 6) == [
                .text("Total"), dec("26484.8"), .error("#DIV/0!"),
                .date(year: 2024, month: 4, day: 2), .bool(true),
            ])
        #expect(
            sheet.cells(ofRow: 2) == [
                .text("Dons"), dec("1234.5"), dec("0.125"),
                .date(year: 2024, month: 4, day: 1), .bool(true),
            ])
        #expect(sheet.cell("A4") == .text("Dons"))
        #expect(sheet.cell("B3") == dec("0.3"))
        // LibreOffice saved D4's "[$-fr-CA]d mmmm yyyy h:mm" as General: it stays a number.
        #expect(sheet.cell("D4") == dec("45458.4375"))
        #expect(sheet.cell("D3") == .date(year: 2024, month: 12, day: 31))
        #expect(sheet.cell("D5") == .date(year: 1900, month: 3, day: 1))
        #expect(sheet.cell("D8") == .error("#DIV/0!"))
        #expect(workbook.sheets[1].cells(ofRow: 5) == [.text("Total"), dec("42"), dec("5.5")])
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4, 5, 6, 8])
    }

    @Test func date1904System() throws {
        let workbook = try WorkbookFixture.workbook("openpyxl-1904.xlsx")
        #expect(workbook.dateSystem == .excel1904)
        #expect(
            workbook.sheets[0].rows.map { $0.cells.first } == [
                .text("Date"), .date(year: 2024, month: 4, day: 1), .date(year: 1904, month: 1, day: 1),
                .date(year: 1904, month: 1, day: 2),
            ])
    }

    @Test func handmadeStrings() throws {
        let workbook = try WorkbookFixture.workbook("handmade-edges.xlsx")
        #expect(workbook.sheets.map(\.name) == ["Cas limites", "Vide"])
        #expect(workbook.sheets[1].rows.isEmpty)
        let sheet = workbook.sheets[0]
        // Cells without `r` follow the previous one; phonetic runs are left out; xml:space kept;
        // _x000D_, entities and character references decoded.
        #expect(
            sheet.cells(ofRow: 1) == [
                .text("plain"), .text("rich text"), .text("  spaced  "),
                .text("line\rbreak & <tag> é😀"),
            ])
        #expect(
            sheet.cells(ofRow: 5) == [
                .text("inline"), .text("inline rich"), .text("ab"), .bool(true),
                .error("#REF!"), .date(year: 2024, month: 4, day: 1),
            ])
    }

    @Test func handmadeNumbers() throws {
        let sheet = try WorkbookFixture.workbook("handmade-edges.xlsx").sheets[0]
        #expect(sheet.cells(ofRow: 2) == [dec("0.01"), dec("-0.3"), dec("123456789012346000"), dec("0")])
        #expect(sheet.cell("C9") == dec("42"))
    }

    @Test func handmadeDatesAndFormats() throws {
        let sheet = try WorkbookFixture.workbook("handmade-edges.xlsx").sheets[0]
        // Serial 59 is 28 Feb 1900, 60 Excel's fictitious 29 Feb 1900, 61 is 1 March 1900.
        #expect(
            sheet.cells(ofRow: 3) == [
                .date(year: 1900, month: 2, day: 28), .date(year: 1900, month: 2, day: 29),
                .date(year: 1900, month: 3, day: 1), .date(year: 2024, month: 4, day: 1),
            ])
        // "day" 0.00, [Red][>100]0, [h]:mm:ss, \d\y 0, mm:ss.0, built-in 20 (h:mm): all numbers.
        #expect(sheet.cells(ofRow: 4) == [dec("7"), dec("150"), dec("1.5"), dec("3"), dec("0.01"), dec("0.5")])
    }

    @Test func sharedFormulasAndMissingValues() throws {
        let sheet = try WorkbookFixture.workbook("handmade-edges.xlsx").sheets[0]
        #expect(
            sheet.cells(ofRow: 6) == [
                dec("0.02"), .formulaWithoutValue("=A2*2"),
                .formulaWithoutValue("=SUM(A2:B2)"),
            ])
    }

    @Test func mergeOverCellsWithoutRowNumbers() throws {
        let sheet = try WorkbookFixture.workbook("handmade-edges.xlsx").sheets[0]
        // <row> without r follows row 6; B7:C8 is merged.
        #expect(sheet.cells(ofRow: 7) == [.empty, dec("7"), dec("7")])
        #expect(sheet.cells(ofRow: 8) == [.empty, dec("7"), dec("7")])
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    @Test func relationshipTargetsResolve() {
        #expect(XLSXReader.resolve("worksheets/sheet1.xml", from: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXReader.resolve("/xl/worksheets/sheet1.xml", from: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXReader.resolve("../x/./a%20b.xml", from: "xl/sub") == "xl/x/a b.xml")
        #expect(XLSXReader.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
    }

    @Test func xStringEscapes() {
        #expect(XLSXReader.unescapingXString("a_x000D__x000A_b") == "a\r\nb")
        #expect(XLSXReader.unescapingXString("_x005F_x0041_") == "_x0041_")
        #expect(XLSXReader.unescapingXString("_xZZZZ_ and _x12") == "_xZZZZ_ and _x12")
    }
}
