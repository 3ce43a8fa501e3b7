import BilanTestSupport
import Foundation
import Testing

/// The files a communications officer really keeps, run through the real binary: Excel's
/// exports and workbooks build with no hand conversion and give the spreadsheet's values;
/// the slips nobody sees stop `check --strict`; `bilan data --format json` is pinned.
@Suite struct SpreadsheetExportsTests {
    /// A workbook of `Tests/Fixtures/workbooks/` (see its SOURCE.md).
    static func workbook(_ name: String) -> URL {
        BilanBinary.packageRoot.appendingPathComponent("Tests/Fixtures/workbooks/\(name)")
    }

    /// Writes `bytes` to `path` below `root`, making its folders.
    static func write(_ bytes: [UInt8], to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// `text` as Windows-1252 bytes (every character of the tests is in it).
    static func windows1252(_ text: String) -> [UInt8] {
        [UInt8](text.data(using: .windowsCP1252) ?? Data())
    }

    /// `text` as Excel's "Unicode text" writes it: UTF-16 little endian after an FF FE mark.
    static func utf16LittleEndian(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static let report = """
        organization: Centre des femmes
        period: 2024-2025
        languages:
          fr: { locale: fr-CA, title: "Rapport d'activités 2024-2025" }
          en: { locale: en-CA, title: "Activity Report 2024-2025" }
        data:
          tables:
            dons: { dates: day-month }
        accept:
          - { code: legacy-encoding, file: content/data/membres.csv, reason: "exported by the office PC" }

        """

    /// Sums of every numeric column, and filters on accented labels and on dates.
    static let figures = #"""
        dons_total: sum(dons.Montant)
        dons_hiver: sum(dons.Montant where Date >= 2024-12-01 and Date < "2025-04-01")
        membres_total: sum(membres.Membres)
        membres_heures: sum(membres.Heures)
        membres_montreal: sum(membres.Membres where Ville = "Montréal")
        benevoles_heures: sum(heures.Heures)
        benevoles_km: sum(heures.Kilomètres)
        benevoles_jade: count(heures where Bénévole = "Jade \"Jo\" Mathieu")
        revenus_montant: sum(finances_revenus_2024.Montant)
        revenus_part: sum(finances_revenus_2024.Part)
        activites_participants: sum(finances_activites.Participants)
        activites_heures: sum(finances_activites.Heures)
        activites_ete: sum(finances_activites.Participants where Date >= 2024-07-01)

        """#

    /// A folder of an officer's exports, exactly as Excel and LibreOffice write them.
    static func officerProject() throws -> URL {
        let root = try BilanBinary.project([
            "content/report.yaml": report,
            "content/figures.yaml": figures,
            "content/sections/010-dons.fr.md": "---\ntitle: Dons\n---\nDons : {{ dons_total }}.\n\n"
                + "```table\ndata: dons\ncolumns: [Donateur, Montant, Date]\n```\n",
            "content/sections/010-dons.en.md": "---\ntitle: Gifts\n---\nGifts: {{ dons_total }}.\n\n"
                + "```table\ndata: dons\ncolumns: [Donateur, Montant, Date]\n```\n",
        ])
        // French Excel, "CSV UTF-8 (délimité par des points-virgules)": a BOM, `;`, CRLF, decimal
        // commas, digit groups set apart by a space, U+00A0 or U+202F, dates day-month.
        try write(
            [0xEF, 0xBB, 0xBF]
                + Array(
                    ("Donateur;Montant;Date\r\n" + "Fondation Lévesque;1 234,50;01/04/2024\r\n"
                        + "Caisse populaire;412\u{00A0}350,75;15/06/2024\r\n"
                        + "Ville de Montréal;12\u{202F}000;31/12/2024\r\n"
                        + "Particuliers;87,25;15/01/2025\r\n").utf8),
            to: "content/data/dons.csv", in: root)
        // English Excel on Windows, "CSV (Comma delimited)": Windows-1252.
        try write(
            windows1252(
                "Ville,Activités,Membres,Heures\r\n" + "Montréal,Ateliers d'été,120,45.5\r\n"
                    + "Québec,Activités jeunesse,80,30\r\n" + "Trois-Rivières,Café-rencontre,25,12.25\r\n"),
            to: "content/data/membres.csv", in: root)
        // French Excel, "Texte Unicode": UTF-16LE with a BOM, tabs, CRLF, decimal commas, quotes.
        try write(
            utf16LittleEndian(
                "Bénévole\tRôle\tHeures\tKilomètres\r\n" + "Amélie Côté\tAccueil\t12,5\t0\r\n"
                    + "\"Jade \"\"Jo\"\" Mathieu\"\tCuisine\t7,25\t18,4\r\n"
                    + "François Bélanger\tTransport\t30\t412,6\r\n"),
            to: "content/data/heures.txt", in: root)
        // A treasurer's workbook of two sheets, saved by LibreOffice.
        try FileManager.default.copyItem(
            at: workbook("libreoffice-finances.xlsx"), to: root.appendingPathComponent("content/data/finances.xlsx"))
        return root
    }

    /// The "Done when" of issue 21: the folder builds as it is, `check --strict` passes, and
    /// every figure equals what the spreadsheets hold.
    @Test func anOfficersExportsBuildWithTheSpreadsheetsValues() throws {
        let project = try Self.officerProject()
        defer { try? FileManager.default.removeItem(at: project) }

        let check = try BilanBinary.run(["check", "--root", project.path, "--strict"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("bilan: 0 errors, 0 warnings (1 accepted)"), "\(check.stderr)")

        let figures = try BilanBinary.run(["figures", "--root", project.path, "--format", "json"])
        #expect(figures.status == 0, "\(figures.stderr)")
        let values = Self.values(in: figures.stdout)
        #expect(
            values == [
                "dons_total": "425672.5",  // 1 234,50 + 412 350,75 + 12 000 + 87,25
                "dons_hiver": "12087.25",  // 31/12/2024 and 15/01/2025
                "membres_total": "225",
                "membres_heures": "87.75",
                "membres_montreal": "120",
                "benevoles_heures": "49.75",
                "benevoles_km": "431",
                "benevoles_jade": "1",
                "revenus_montant": "416141.5",  // 1234.5 + 412350.75 + the formula B2*2 + 87.25
                "revenus_part": "1",  // stored fractions, shown 12,5 %, 50,0 %, 6,3 %, 31,3 %
                "activites_participants": "127",
                "activites_heures": "7.75",
                "activites_ete": "115",
            ], "\(figures.stdout)")
        #expect(figures.stdout.contains("\"formatted\": {\"fr\": \"425\u{00A0}672,5\", \"en\": \"425,672.5\"}"))

        let data = try BilanBinary.run(["data", "--root", project.path, "--format", "json"])
        #expect(data.status == 0, "\(data.stderr)")
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(data.stdout.utf8)) as? [String: Any])
        let files = try #require(listing["files"] as? [[String: Any]])
        func file(_ name: String) -> [String: Any] {
            files.first { $0["file"] as? String == "content/data/\(name)" } ?? [:]
        }
        func reading(_ name: String) -> [String?] {
            ["format", "encoding", "separator", "decimal_mark"].map { file(name)[$0] as? String }
        }
        func columns(_ name: String) -> [[String]] {
            ((file(name)["tables"] as? [[String: Any]]) ?? []).map { table in
                [table["name"] as? String ?? "", table["sheet"] as? String ?? "-", "\(table["rows"] ?? "")"]
                    + ((table["columns"] as? [[String: Any]]) ?? []).map {
                        "\($0["name"] ?? ""):\($0["type"] ?? ""):\($0["missing"] ?? "")"
                    }
            }
        }
        #expect(reading("dons.csv") == ["csv", "UTF-8 with BOM", ";", ","])
        #expect(columns("dons.csv") == [["dons", "-", "4", "Donateur:text:0", "Montant:number:0", "Date:date:0"]])
        #expect(reading("membres.csv") == ["csv", "Windows-1252", ",", "."])
        #expect(
            columns("membres.csv") == [
                ["membres", "-", "3", "Ville:text:0", "Activités:text:0", "Membres:number:0", "Heures:number:0"]
            ])
        #expect(reading("heures.txt") == ["txt", "UTF-16LE", "tab", ","])
        #expect(
            columns("heures.txt") == [
                ["heures", "-", "3", "Bénévole:text:0", "Rôle:text:0", "Heures:number:0", "Kilomètres:number:0"]
            ])
        #expect(reading("finances.xlsx") == ["xlsx", nil, nil, nil])
        #expect(
            columns("finances.xlsx") == [
                [
                    "finances_revenus_2024", "Revenus 2024", "4", "Source:text:0", "Montant:number:0", "Part:number:0",
                    "Reçu le:date:0",
                ],
                [
                    "finances_activites", "Activités", "3", "Activité:text:0", "Participants:number:0",
                    "Heures:number:0", "Date:date:0",
                ],
            ])
        #expect(listing["ignored"] as? [Any] != nil && (listing["ignored"] as? [Any])?.isEmpty == true)

        let build = try BilanBinary.run(["build", "--root", project.path])
        #expect(build.status == 0, "\(build.stderr)")
        let french = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        let english = try String(contentsOf: project.appendingPathComponent("output/en/index.html"), encoding: .utf8)
        // The accented labels as the spreadsheet has them, and the dates in each language's long form.
        #expect(french.contains("<th scope=\"row\">Fondation Lévesque</th>"))
        #expect(french.contains("<td>1 avril 2024</td>") && french.contains("<td>31 décembre 2024</td>"))
        #expect(english.contains("<td>April 1, 2024</td>") && english.contains("<td>December 31, 2024</td>"))
        #expect(!french.contains("Ã") && !french.contains("\u{FFFD}"), "no mojibake")
    }

    /// The figures' `"name": …` and `"value": …` lines, as name → the value's JSON text.
    static func values(in json: String) -> [String: String] {
        var values: [String: String] = [:]
        var name: String?
        for line in json.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("\"name\": ") {
                name = String(trimmed.dropFirst(9).dropLast(2))
            } else if trimmed.hasPrefix("\"value\": "), let current = name {
                values[current] = String(trimmed.dropFirst(9).dropLast())
            }
        }
        return values
    }

    /// The three slips that published a wrong number under `0 errors, 0 warnings`: each now
    /// stops `check --strict` with a message naming the file, the row or cell, and the fix.
    @Test(arguments: [
        (
            "totals-row",
            ["content/data/dons.csv": "annee,montant\n2023,1000\n2024,500.5\nTotal,1500.5\n"],
            [
                "content/data/dons.csv:4: warning: table 'dons': the row labelled \"Total\" looks like a totals row",
                "remove the row from the data", "[totals-row]",
            ]
        ),
        (
            "ambiguous-date",
            ["content/data/dons.csv": "recu,montant\n01/04/2024,1000\n02/05/2024,500.5\n"],
            [
                "content/data/dons.csv:2: error: column 'recu': 01/04/2024 is April 1, 2024 read day-month and "
                    + "January 4, 2024 read month-day",
                "in content/report.yaml: data: { tables: { dons: { dates: day-month } } } (or month-day)",
                "[ambiguous-date]",
            ]
        ),
        (
            "empty-filter",
            ["content/figures.yaml": "dons:\n  value: sum(dons.montant where annee = 2025)\n  format: currency\n"],
            [
                "content/figures.yaml:2:33: warning: figure 'dons': the filter of 'sum(dons.montant where annee = "
                    + "2025)' keeps no row of table 'dons' (1 row), so it is 0",
                "look for a typo", "('annee' holds only 2024)", "[empty-filter]",
            ]
        ),
    ])
    func aSlipStopsStrict(slip: String, files: [String: String], expected: [String]) throws {
        let project = try BilanBinary.project(CommandLineTests.minimalProject.merging(files) { _, new in new })
        defer { try? FileManager.default.removeItem(at: project) }
        let strict = try BilanBinary.run(["check", "--root", project.path, "--strict"])
        #expect(strict.status == 1, "\(slip): \(strict.stderr)")
        for part in expected {
            #expect(strict.stderr.contains(part), "\(slip): \(strict.stderr)")
        }
        let build = try BilanBinary.run(["build", "--root", project.path, "--strict"])
        #expect(build.status == 1, "\(slip)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
    }

    /// `bilan data --format json` over one file of each format and an ignored file gives
    /// exactly `Fixtures/data-json/expected.json` (`BILAN_RECORD=1` re-records it, and the
    /// test then fails so that a recording is never taken for a pass).
    @Test func dataPrintsTheDocumentedSchema() throws {
        let fixture = BilanBinary.fixture("data-json")
        let project = try BilanBinary.copy(["content"], of: fixture)
        defer { try? FileManager.default.removeItem(at: project) }
        let data = project.appendingPathComponent("content/data")
        try FileManager.default.copyItem(
            at: Self.workbook("libreoffice-finances.xlsx"), to: data.appendingPathComponent("finances.xlsx"))
        try FileManager.default.copyItem(
            at: Self.workbook("libreoffice-1904.ods"), to: data.appendingPathComponent("calendrier.ods"))
        try Self.write(
            Self.utf16LittleEndian("Bénévole\tHeures\r\nAmélie\t12,5\r\nJade\t\r\n"), to: "content/data/heures.txt",
            in: project)
        try Self.write(
            Self.windows1252("Ville;Membres\r\nMontréal;120\r\nQuébec;80,5\r\n"), to: "content/data/villes.csv",
            in: project)

        let run = try BilanBinary.run(["data", "--root", project.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        assertSnapshot(run.stdout, matches: fixture.appendingPathComponent("expected.json"))
        #expect(run.stderr.contains("content/data/villes.csv:2:6: warning: this file is in the Windows-1252"))
        #expect(run.stderr.contains("content/data/rapport.pdf: warning: this file is not read as data"))

        // The schema, whatever the values.
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(listing.keys) == ["files", "ignored"])
        for file in try #require(listing["files"] as? [[String: Any]]) {
            #expect(
                Set(file.keys) == ["file", "format", "encoding", "separator", "decimal_mark", "read", "tables"])
        }
        let fileLines = run.stdout.split(separator: "\n").filter {
            $0.hasPrefix("  {\"file\"") && !$0.contains("\"reason\"")
        }
        for line in fileLines {
            #expect(line.contains("\"format\": "), "one file a line, keys in the documented order")
        }
    }
}
