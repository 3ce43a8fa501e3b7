import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

@Suite struct WorkbookTablesTests {
    /// A title in A1 above a wider table is taken for the header row; the columns to its
    /// right must not be dropped without a word.
    @Test func aValueRightOfTheHeaderRowIsAnError() {
        let sheet = WorkbookSheet(
            name: "Feuil1",
            rows: [
                WorkbookRow(number: 1, cells: [.text("Revenus 2024")]),
                WorkbookRow(number: 3, cells: [.text("Source"), .text("Montant")]),
                WorkbookRow(number: 4, cells: [.text("Dons"), .number(12)]),
            ])
        let workbook = Workbook(sheets: [sheet], format: .xlsx, dateSystem: .excel1900)
        let (tables, problems) = WorkbookTables.tables(
            workbook, baseName: "titre", file: "content/data/titre.xlsx", dates: DateDeclarations())
        #expect(tables.isEmpty)
        #expect(
            problems.map(\.formatted) == [
                "content/data/titre.xlsx:3:2: error: sheet 'Feuil1', cell B3: this cell has a value but its column has "
                    + "no name in the header row (row 1, the sheet's first row with anything in it): name every column "
                    + "in that row, and move a title above the table to another sheet [csv-header]"
            ])
    }
}
