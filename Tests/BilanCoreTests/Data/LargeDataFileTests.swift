import Foundation
import Testing

@testable import BilanCore

/// A data file of 50 MB, generated at test time, loads whole and in linear time.
@Suite struct LargeDataFileTests {
    private static let targetBytes = 50 * 1_048_576

    /// Writes a CSV of about ``targetBytes`` with quoted, empty, decimal and text cells.
    private static func writeLargeCSV(to project: DataProjectFolder) throws -> Int {
        try project.write("", to: "content/data/participations.csv")
        let handle = try FileHandle(
            forWritingTo: project.root.appendingPathComponent("content/data/participations.csv"))
        defer { try? handle.close() }
        var chunk = "id,nom,ville,montant,activite\n"
        var written = 0
        var rows = 0
        while written < targetBytes {
            for _ in 0..<10_000 {
                rows += 1
                let amount = "\(rows % 1000).\(rows % 100)"
                let activity = rows % 7 == 0 ? "" : "\"Atelier \"\"autodéfense\"\"\""
                chunk += "\(rows),Participante \(rows),\"Montréal, QC\",\(amount),\(activity)\n"
            }
            let data = Data(chunk.utf8)
            handle.write(data)
            written += data.count
            chunk = ""
        }
        return rows
    }

    @Test func loadsAFiftyMegabyteCSV() throws {
        let project = try DataProjectFolder()
        defer { project.remove() }
        let rows = try Self.writeLargeCSV(to: project)
        let clock = ContinuousClock()
        let start = clock.now
        let (tables, problems, _) = project.load()
        // About 5 s in a debug build on 2 cores; a quadratic slip would take hours.
        #expect(clock.now - start < .seconds(120))
        #expect(problems.isEmpty)
        let table = try #require(tables["participations"])
        #expect(table.rows.count == rows)
        #expect(table.rowLines.last == rows + 1)
        #expect(
            table.rows[6] == [
                .number(7), .text("Participante 7"), .text("Montréal, QC"),
                .number(Decimal(string: "7.7")!), .missing,
            ])
        #expect(table.rows[0][4] == .text("Atelier \"autodéfense\""))
    }
}
