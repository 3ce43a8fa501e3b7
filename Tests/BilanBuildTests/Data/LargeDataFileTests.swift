import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs
@testable import BilanBuild

/// A data file of 50 MB, generated at test time, loads whole and in linear time.
@Suite(.tags(.heavy)) struct LargeDataFileTests {
    private static let targetBytes = 50 * 1_048_576

    /// The folder of the shared CSV, removed when the test process exits.
    private static let sharedFolder = TemporaryFolder.make("bilan-large-csv")

    /// The 50 MB CSV and its number of rows, written once per test process: both tests
    /// read the same file. A task, so that the test that waits for it frees its thread.
    private static let sharedCSV = Task { () throws -> (url: URL, rows: Int) in
        atexit { try? FileManager.default.removeItem(at: LargeDataFileTests.sharedFolder) }
        let url = sharedFolder.appendingPathComponent("participations.csv")
        try Data().write(to: url)
        return (url, try writeLargeCSV(to: url))
    }

    /// Puts the shared CSV at `file` (a hard link, or a copy where linking fails);
    /// returns its number of rows.
    private static func placeLargeCSV(at file: URL) async throws -> Int {
        let (shared, rows) = try await sharedCSV.value
        let manager = FileManager.default
        try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? manager.removeItem(at: file)
        do { try manager.linkItem(at: shared, to: file) } catch { try manager.copyItem(at: shared, to: file) }
        return rows
    }

    /// Places a CSV of about ``targetBytes`` with quoted, empty, decimal and text cells.
    private static func writeLargeCSV(to project: DataProjectFolder) async throws -> Int {
        try await placeLargeCSV(at: project.root.appendingPathComponent("content/data/participations.csv"))
    }

    /// Writes the CSV to an existing file; returns its number of rows.
    private static func writeLargeCSV(to file: URL) throws -> Int {
        let handle = try FileHandle(forWritingTo: file)
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

    @Test func loadsAFiftyMegabyteCSV() async throws {
        let project = try DataProjectFolder()
        defer { project.remove() }
        let rows = try await Self.writeLargeCSV(to: project)
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

    /// The same file through a whole build: data, figures over every row, a table and a
    /// chart block filtered down to a few rows.
    @Test func aFiftyMegabyteCSVGoesThroughAWholeBuild() async throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let csv = project.appendingPathComponent("content/data/participations.csv")
        let rows = try await Self.placeLargeCSV(at: csv)
        let figures = project.appendingPathComponent("content/figures.yaml")
        try
            (String(contentsOf: figures, encoding: .utf8) + """
                participations: count(participations)
                montant_moyen:
                  value: mean(participations.montant where ville = "Montréal, QC")
                  format: number
                  decimals: 2

                """).write(to: figures, atomically: true, encoding: .utf8)
        let section = project.appendingPathComponent("content/sections/010-accueil.fr.md")
        try
            (String(contentsOf: section, encoding: .utf8) + """

                {{ participations }} participations, {{ montant_moyen }} $ en moyenne.

                ```table
                data: participations
                columns: [id, nom, montant]
                where: id <= 20
                sort: -montant
                total: montant
                ```

                ```chart
                type: line
                data: participations
                x: id
                y: montant
                where: id > 100 and id <= 130
                title: Montants
                ```

                """).write(to: section, atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let result = BuildPipeline.run(BuildOptions(projectRoot: project))
        #expect(clock.now - start < .seconds(300))
        #expect(result.errorCount == 0, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        let page = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        let formatted = FigureFormatter(localeIdentifier: "fr-CA").format(
            Decimal(rows), as: FigureDisplay(format: .integer))
        #expect(page.contains(">\(formatted)</span> participations"))
        #expect(page.contains("Participante 20<"))
        #expect(!page.contains("Participante 21<"))
    }
}
