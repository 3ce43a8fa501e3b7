import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Seeded random inputs: the readers never trap, every error they give is located, and
/// any table written as RFC 4180 CSV reads back as written.
@Suite struct DataReaderRandomTests {
    private typealias SeededGenerator = SplitMix64

    private static func text(
        from pieces: [String], upTo length: Int, using random: inout SeededGenerator
    ) -> String {
        (0..<Int.random(in: 0...length, using: &random))
            .map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func csvRoundTrips() throws {
        var random = SeededGenerator(state: 4180)
        let pieces = ["a", "é", " ", ",", ";", "\"", "\n", "\r\n", "\r", "1", "😀"]
        for _ in 0..<2_000 {
            let columns = Int.random(in: 1...4, using: &random)
            let header = (0..<columns).map { "c\($0)" }
            let rows = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                (0..<columns).map { _ in Self.text(from: pieces, upTo: 6, using: &random) }
            }
            let lineEnd = Bool.random(using: &random) ? "\n" : "\r\n"
            let csv = ([header] + rows).map { fields in
                fields.map { field in
                    let quoted =
                        field.isEmpty
                        || field.unicodeScalars.contains { "\",\r\n".unicodeScalars.contains($0) }
                    guard quoted else { return field }
                    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }.joined(separator: ",")
            }.joined(separator: lineEnd)
            let document = try CSVReader.read(Array(csv.utf8), file: "t.csv").get()
            #expect(document.header == header)
            #expect(document.records == rows, "\(csv.debugDescription)")
        }
    }

    @Test func arbitraryCSVGivesRowsOrALocatedError() {
        var random = SeededGenerator(state: 1)
        let pieces = ["a", "é", " ", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r", "1", "2,5"]
        for _ in 0..<5_000 {
            let csv = Self.text(from: pieces, upTo: 24, using: &random)
            switch CSVReader.read(Array(csv.utf8), file: "t.csv") {
            case .success(let document):
                #expect(document.records.allSatisfy { $0.count == document.header.count })
                #expect(document.recordLines == document.recordLines.sorted())
            case .failure(let diagnostic):
                #expect(diagnostic.location.line != nil && diagnostic.location.column != nil)
                #expect([.csvSyntax, .csvRaggedRow, .csvHeader].contains(diagnostic.code))
            }
        }
    }

    @Test func arbitraryJSONGivesATableOrALocatedError() {
        var random = SeededGenerator(state: 8259)
        let pieces = [
            "[", "]", "{", "}", ",", ":", "\"a\"", "\"é\"", "\"", "1", "-", "0", ".", "e", "true",
            "nul", " ", "\n", "\r", "\\", "\\u00e9", "\\ud83d", "\"\\n\"",
        ]
        for _ in 0..<5_000 {
            let json = Self.text(from: pieces, upTo: 20, using: &random)
            let result = TableLoader.load(
                Array(json.utf8), format: .json, name: "t", file: "t.json")
            if case .failure(let diagnostic) = result {
                #expect(diagnostic.location.line != nil && diagnostic.location.column != nil)
            }
        }
    }
}
