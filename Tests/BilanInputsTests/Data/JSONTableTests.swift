import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

@Suite struct JSONTableTests {
    private func number(_ text: String) -> CellValue {
        .number(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!)
    }

    private func table(_ json: String) throws -> DataTable {
        try TableLoader.load(Array(json.utf8), format: .json, name: "t", file: "t.json").get()
    }

    /// The error loading `json` as a table gives, as `line:column [code]`.
    private func problem(_ json: String) -> String {
        switch TableLoader.load(Array(json.utf8), format: .json, name: "t", file: "t.json") {
        case .success: return "no error"
        case .failure(let diagnostic):
            return "\(diagnostic.location.line ?? 0):\(diagnostic.location.column ?? 0) "
                + "[\(diagnostic.code)]"
        }
    }

    // MARK: Tables

    @Test func readsRowsWithTheUnionOfTheirKeys() throws {
        let loaded = try table(
            """
            [
              {"titre": "Autodéfense", "participantes": 12, "en_ligne": false},
              {"titre": "Droits", "lieu": null},
              {"participantes": 8.5, "lieu": "Montréal", "code": "12"}
            ]
            """)
        #expect(loaded.columns == ["titre", "participantes", "en_ligne", "lieu", "code"])
        #expect(loaded.columnLines == [2, 2, 2, 3, 4])
        #expect(loaded.rowLines == [2, 3, 4])
        #expect(
            loaded.rows == [
                [.text("Autodéfense"), number("12"), .text("false"), .missing, .missing],
                [.text("Droits"), .missing, .missing, .missing, .missing],
                [.missing, number("8.5"), .missing, .text("Montréal"), .text("12")],
            ])
    }

    @Test func readsEmptyAndBlankStringsAsMissing() throws {
        let loaded = try table(#"[{"a": "", "b": "  ", "c": " x", "d": true}]"#)
        #expect(loaded.rows == [[.missing, .missing, .text(" x"), .text("true")]])
    }

    @Test func readsNumbersExactly() throws {
        let loaded = try table(
            #"[{"a": 1.5e3, "b": -0.25, "c": 1E-2, "d": 0, "e": 12345678901234567890.0123456789}]"#)
        #expect(
            loaded.rows == [
                [
                    number("1500"), number("-0.25"), number("0.01"), number("0"),
                    number("12345678901234567890.0123456789"),
                ]
            ])
    }

    @Test func readsStringEscapes() throws {
        let loaded = try table(
            #"[{"a": "\"\\\/\b\f\n\r\t", "b": "\u00e9\ud83d\ude00", "c\u0301": 1}]"#)
        #expect(loaded.columns == ["a", "b", "c\u{301}"])
        #expect(loaded.rows[0][0] == .text("\"\\/\u{8}\u{c}\n\r\t"))
        #expect(loaded.rows[0][1] == .text("é😀"))
    }

    @Test func readsAnEmptyArrayAsAnEmptyTable() throws {
        let loaded = try table(" [ ] ")
        #expect(loaded.columns.isEmpty)
        #expect(loaded.rows.isEmpty)
    }

    @Test func dropsTheByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"[{"a": 1}]"#.utf8)
        let loaded = try TableLoader.load(bytes, format: .json, name: "t", file: "t.json").get()
        #expect(loaded.rows == [[number("1")]])
    }

    // MARK: Shape errors

    @Test func refusesAnythingButAnArrayOfObjects() {
        #expect(problem(#"{"rows": []}"#) == "1:1 [json-shape]")
        #expect(problem("  12") == "1:3 [json-shape]")
        #expect(problem("[{\"a\": 1},\n  [1]]") == "2:3 [json-shape]")
        #expect(problem("[{\"a\": 1}, null]") == "1:12 [json-shape]")
    }

    @Test func refusesNestedValuesAtTheirPosition() {
        #expect(problem("[\n  {\"a\": 1, \"b\": [1, 2]}\n]") == "2:17 [json-shape]")
        #expect(problem("[{\"é\": {\"x\": 1}}]") == "1:8 [json-shape]")
    }

    @Test func refusesAKeyTwiceInARow() {
        #expect(problem("[{\"a\": 1,\n  \"a\": 2}]") == "2:3 [json-shape]")
    }

    // MARK: Syntax errors

    @Test func locatesSyntaxErrors() {
        #expect(problem("") == "1:1 [json-syntax]")
        #expect(problem("[{\"a\": 1},]") == "1:11 [json-syntax]")
        #expect(problem("[{\"a\": }]") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": 1,}]") == "1:10 [json-syntax]")
        #expect(problem("[{\"a\": 1}\n {\"a\": 2}]") == "2:2 [json-syntax]")
        #expect(problem("[{\"a\" 1}]") == "1:7 [json-syntax]")
        #expect(problem("[{a: 1}]") == "1:3 [json-syntax]")
        #expect(problem("[{'a': 1}]") == "1:3 [json-syntax]")
        #expect(problem("[{\"a\": yes}]") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": tru}]") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": 1}") == "1:10 [json-syntax]")
        #expect(problem("[{\"a\": 1}] x") == "1:12 [json-syntax]")
        #expect(problem("[{\"a\": 1}]\n]") == "2:1 [json-syntax]")
    }

    @Test func locatesNumberErrors() {
        #expect(problem("[{\"a\": 012}]") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": -}]") == "1:9 [json-syntax]")
        #expect(problem("[{\"a\": 1.}]") == "1:10 [json-syntax]")
        #expect(problem("[{\"a\": 1e}]") == "1:10 [json-syntax]")
        #expect(problem("[{\"a\": +1}]") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": .5}]") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": 1e400}]") == "1:8 [too-large]")
        #expect(problem("[{\"a\": 1e999999999999999999999}]") == "1:8 [too-large]")
    }

    @Test func locatesStringErrors() {
        #expect(problem("[{\"a\": \"Montréal}]\n") == "1:8 [json-syntax]")
        #expect(problem("[{\"a\": \"x\\qy\"}]") == "1:10 [json-syntax]")
        #expect(problem("[{\"a\": \"\\u00g9\"}]") == "1:9 [json-syntax]")
        #expect(problem("[{\"a\": \"\\ud83d\"}]") == "1:9 [json-syntax]")
        #expect(problem("[{\"a\": \"\\ude00\"}]") == "1:9 [json-syntax]")
        #expect(problem("[{\"a\": \"tab\there\"}]") == "1:12 [json-syntax]")
    }

    @Test func countsColumnsInCharacters() {
        #expect(problem("[{\"équipe\": \"Élodie\" \"x\"}]") == "1:22 [json-syntax]")
    }

    @Test func locatesInvalidUTF8() {
        let bytes = Array("[{\"a\":\n \"".utf8) + [0xFF] + Array("\"}]".utf8)
        guard case .failure(let diagnostic) = JSONReader.read(bytes, file: "t.json") else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.code == .invalidUTF8)
        #expect(diagnostic.location.description == "t.json:2:3")
    }

    @Test func limitsNesting() throws {
        let depth = JSONReader.maximumDepth
        let deepest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSONReader.read(Array(deepest.utf8), file: "t.json").get()
        let tooDeep = String(repeating: "[", count: 100_000)
        guard case .failure(let diagnostic) = JSONReader.read(Array(tooDeep.utf8), file: "t.json")
        else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.code == .tooLarge)
        #expect(diagnostic.location.description == "t.json:1:\(depth + 1)")
    }
}
