import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// The csv-spectrum cases (Tests/Fixtures/csv-spectrum): each CSV gives the rows of its JSON.
@Suite struct CSVSpectrumTests {
    private static let folder = FixtureFiles.url("csv-spectrum")

    /// Every case whose JSON matches its CSV (all but `location_coordinates`).
    private static let cases = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
        "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    private static func csvBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("csvs/\(name).csv")))
    }

    @Test func coversEveryCase() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Self.folder.appendingPathComponent("csvs").path)
        #expect(Set(files) == Set((Self.cases + ["location_coordinates"]).map { $0 + ".csv" }))
    }

    @Test(arguments: cases) func readsCase(_ name: String) throws {
        let document = try CSVReader.read(Self.csvBytes(name), file: "\(name).csv").get()
        let rows = document.records.map {
            Dictionary(uniqueKeysWithValues: zip(document.header, $0))
        }
        let expected = try JSONDecoder().decode(
            [[String: String]].self,
            from: Data(contentsOf: Self.folder.appendingPathComponent("json/\(name).json")))
        #expect(rows == expected)
    }

    /// RFC 4180 allows no `"` inside an unquoted field: bilan reports it, at the quote.
    @Test func rejectsTheBareQuoteOfLocationCoordinates() throws {
        let result = CSVReader.read(
            try Self.csvBytes("location_coordinates"), file: "location_coordinates.csv")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a csv-syntax error")
            return
        }
        #expect(diagnostic.code == .csvSyntax)
        #expect(diagnostic.location.description == "location_coordinates.csv:2:22")
    }
}
