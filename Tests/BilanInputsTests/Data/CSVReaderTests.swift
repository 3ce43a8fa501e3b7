import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

@Suite struct CSVReaderTests {
    private func read(_ text: String) throws -> CSVDocument {
        try CSVReader.read(Array(text.utf8), file: "t.csv").get()
    }

    /// The error reading `bytes` gives, as `line:column [code]`.
    private func problem(_ bytes: [UInt8]) -> String {
        switch CSVReader.read(bytes, file: "t.csv") {
        case .success: return "no error"
        case .failure(let diagnostic):
            return "\(diagnostic.location.line ?? 0):\(diagnostic.location.column ?? 0) "
                + "[\(diagnostic.code)]"
        }
    }

    private func problem(_ text: String) -> String { problem(Array(text.utf8)) }

    // MARK: Reading

    @Test func readsHeaderRecordsAndTheirLines() throws {
        let document = try read("a,b\n1,2\n\n3,4")
        #expect(document.header == ["a", "b"])
        #expect(document.headerLine == 1)
        #expect(document.records == [["1", "2"], ["3", "4"]])
        #expect(document.recordLines == [2, 4])
        #expect(document.separator == .comma)
    }

    @Test func readsCRLFAndLoneCRLineEnds() throws {
        let crlf = try read("a,b\r\n1,2\r\n3,4\r\n")
        #expect(crlf.records == [["1", "2"], ["3", "4"]])
        #expect(crlf.recordLines == [2, 3])
        let cr = try read("a,b\r1,2\r3,4")
        #expect(cr.records == [["1", "2"], ["3", "4"]])
        #expect(cr.recordLines == [2, 3])
    }

    @Test func keepsQuotedSeparatorsQuotesAndLineEnds() throws {
        let document = try read("a,b\n\"x, \"\"y\"\"\",\"line\r\nbreak\"\n\"\",z\n")
        #expect(document.records == [["x, \"y\"", "line\r\nbreak"], ["", "z"]])
        #expect(document.recordLines == [2, 4])
    }

    @Test func readsEmptyFieldsAtLineEnds() throws {
        let document = try read("a,b,c\n1,,\n,,")
        #expect(document.records == [["1", "", ""], ["", "", ""]])
    }

    @Test func readsAHeaderWithoutRows() throws {
        let document = try read("a,b\n")
        #expect(document.header == ["a", "b"])
        #expect(document.records.isEmpty)
    }

    @Test func dropsTheByteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let document = try CSVReader.read(bom + Array("a,b\n1,2".utf8), file: "t.csv").get()
        #expect(document.header == ["a", "b"])
        #expect(problem(bom + Array("a,b,a".utf8)) == "1:5 [csv-header]")
    }

    // MARK: Separators

    @Test func recognisesSemicolonFiles() throws {
        let document = try read("nom;montant\n\"Dupont; Marie\";12,5\n")
        #expect(document.separator == .semicolon)
        #expect(document.records == [["Dupont; Marie", "12,5"]])
    }

    @Test func keepsCommasWhenTheHeaderHasOne() throws {
        #expect(try read("a;b,c\n1,2").separator == .comma)
        #expect(try read("a;b,c\n1,2").header == ["a;b", "c"])
        #expect(try read("\"a,b\";c\n1;2").separator == .semicolon)
        #expect(try read("a\n1").separator == .comma)
    }

    // MARK: Errors, located

    @Test func locatesAnUnclosedQuoteAtTheQuote() {
        #expect(problem("a,b\n1,\"abc\n2,3\n") == "2:3 [csv-syntax]")
    }

    @Test func locatesAQuoteInsideAnUnquotedField() {
        #expect(problem("a,b\n1,ab\"c\n") == "2:5 [csv-syntax]")
        #expect(problem("a,b\n1, \"c\"\n") == "2:4 [csv-syntax]")
    }

    @Test func locatesTextAfterAClosingQuote() {
        #expect(problem("a,b\n1,\"ab\"c\n") == "2:7 [csv-syntax]")
        #expect(problem("a,b\n\"x\ny\" ,2\n") == "3:3 [csv-syntax]")
    }

    @Test func countsColumnsInCharacters() {
        #expect(problem("nom,ville\nÉlodie,Montréal\"\n") == "2:16 [csv-syntax]")
    }

    @Test func locatesRaggedRowsAtTheirLine() {
        #expect(problem("a,b\n1,2\n3,4,5\n") == "3:1 [csv-ragged-row]")
        #expect(problem("a,b\n\"x\ny\",2\n1\n") == "4:1 [csv-ragged-row]")
        #expect(problem("a,b\r\n1\r\n") == "2:1 [csv-ragged-row]")
    }

    @Test func locatesHeaderProblems() {
        #expect(problem("a,,c\n1,2,3\n") == "1:3 [csv-header]")
        #expect(problem("a,  ,c\n") == "1:3 [csv-header]")
        #expect(problem("a,b,a\n") == "1:5 [csv-header]")
        #expect(problem("\n\nnom;nom\n") == "3:5 [csv-header]")
    }

    @Test func refusesAnEmptyFile() {
        #expect(problem("") == "1:1 [csv-header]")
        #expect(problem("\r\n\n") == "1:1 [csv-header]")
    }

    @Test func locatesInvalidUTF8() {
        #expect(problem(Array("a,b\n1,Montr".utf8) + [0xE9, 0x61, 0x6C]) == "2:8 [invalid-utf8]")
    }

    // MARK: Limits

    @Test func refusesCellsOverOneMebibyte() {
        let limit = CSVReader.maximumCellBytes
        let largest = String(repeating: "x", count: limit)
        #expect(problem("a,b\n1,\(largest)\n") == "no error")
        #expect(problem("a,b\n1,\"\(largest)\"\n") == "no error")
        #expect(problem("a,b\n1,\(largest)x\n") == "2:3 [too-large]")
        #expect(problem("a,b\n1,\"\(largest)x\"\n") == "2:3 [too-large]")
    }

    @Test func refusesMoreThanTenThousandColumns() {
        let columns = CSVReader.maximumColumns
        let header = (0..<columns).map { "c\($0)" }.joined(separator: ",")
        #expect(problem(header + "\n") == "no error")
        #expect(problem(header + ",extra\n") == "1:\(header.count + 2) [too-large]")
    }
}
