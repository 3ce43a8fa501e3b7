import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

@Suite struct DataTableTests {
    private let table: DataTable = {
        let csv =
            "sujet_fr,sujet_en,sujet,mentions,note_en\nViolence,Violence,-,12,ok\n"
            + "Logement,Housing,-,3,\n"
        return try! TableLoader.load(Array(csv.utf8), format: .csv, name: "t", file: "t.csv")
            .get()
    }()

    @Test func readsLanguageColumnsUnderTheirBaseName() throws {
        let french = table.localized(to: "fr")
        let sujet = try #require(french.columnIndex("sujet"))
        #expect(french.rows.map { $0[sujet] } == [.text("Violence"), .text("Logement")])
        #expect(french.columnIndex("note") == nil)

        let english = table.localized(to: "en")
        let subject = try #require(english.columnIndex("sujet"))
        #expect(english.rows.map { $0[subject] } == [.text("Violence"), .text("Housing")])
        let note = try #require(english.columnIndex("note"))
        #expect(english.rows.map { $0[note] } == [.text("ok"), .missing])
        #expect(english.columnLines.count == english.columns.count)
    }

    @Test func keepsTheSuffixedColumns() {
        let french = table.localized(to: "fr")
        #expect(Array(french.columns.prefix(5)) == table.columns)
        #expect(french.columnIndex("sujet_en") != nil)
    }
}
