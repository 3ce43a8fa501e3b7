import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// `bilan figures`: the text and JSON listing of every figure.
@Suite struct FiguresReportTests {
    private let languages = [
        FiguresReport.Language(code: "fr", locale: "fr-CA"),
        FiguresReport.Language(code: "en", locale: "en-CA"),
    ]

    private func report(_ yaml: String) -> FiguresReport {
        let tables = [
            FigureFixtures.table("fonds", ["montant"], [["203250.5"]]),
            FigureFixtures.table("mentions_medias", ["mentions"], [["18"], ["15"]]),
        ]
        let outcome = FigureFixtures.evaluate(yaml, tables)
        return FiguresReport(
            definitions: outcome.file.definitions, evaluation: outcome.evaluation, languages: languages)
    }

    private let yaml = """
        fonds:
          value: sum(fonds.montant)
          format: currency
        mentions_medias:
          value: sum(mentions_medias.mentions)
          stated: 30
        part:
          value: 1 / 8
          format: percent
          decimals: 1
        cassee: sum(fonds.nope) + "x\\y"
        """

    @Test func text() {
        #expect(
            report(yaml).text == """
                fonds = sum(fonds.montant)
                  value:    203250.5
                  fr:       203\u{00A0}250,50\u{00A0}$
                  en:       $203,250.50
                  status:   ok
                  sources:  content/data/fonds.csv
                  rows:     1 of 1 in fonds
                  defined:  content/figures.yaml:1

                mentions_medias = sum(mentions_medias.mentions)
                  value:    33
                  fr:       33
                  en:       33
                  stated:   30
                  status:   mismatch
                  sources:  content/data/mentions_medias.csv
                  rows:     2 of 2 in mentions_medias
                  defined:  content/figures.yaml:4

                part = 1 / 8
                  value:    0.125
                  fr:       12,5\u{00A0}%
                  en:       12.5%
                  status:   ok
                  sources:  none
                  defined:  content/figures.yaml:7

                cassee = sum(fonds.nope) + "x\\y"
                  value:    none (error)
                  status:   error
                  sources:  none
                  defined:  content/figures.yaml:11

                """)
    }

    @Test func json() {
        #expect(
            report(yaml).json == """
                [
                  {
                    "name": "fonds",
                    "expression": "sum(fonds.montant)",
                    "value": 203250.5,
                    "format": "currency",
                    "decimals": null,
                    "formatted": {"fr": "203\u{00A0}250,50\u{00A0}$", "en": "$203,250.50"},
                    "stated": null,
                    "stated_tolerance": null,
                    "status": "ok",
                    "sources": ["content/data/fonds.csv"],
                    "file": "content/figures.yaml",
                    "line": 1,
                    "rows": [
                      {"aggregate": "sum(fonds.montant)", "table": "fonds", "used": 1, "of": 1}
                    ],
                    "previous": null
                  },
                  {
                    "name": "mentions_medias",
                    "expression": "sum(mentions_medias.mentions)",
                    "value": 33,
                    "format": "number",
                    "decimals": null,
                    "formatted": {"fr": "33", "en": "33"},
                    "stated": 30,
                    "stated_tolerance": null,
                    "status": "mismatch",
                    "sources": ["content/data/mentions_medias.csv"],
                    "file": "content/figures.yaml",
                    "line": 4,
                    "rows": [
                      {"aggregate": "sum(mentions_medias.mentions)", "table": "mentions_medias", "used": 2, "of": 2}
                    ],
                    "previous": null
                  },
                  {
                    "name": "part",
                    "expression": "1 / 8",
                    "value": 0.125,
                    "format": "percent",
                    "decimals": 1,
                    "formatted": {"fr": "12,5\u{00A0}%", "en": "12.5%"},
                    "stated": null,
                    "stated_tolerance": null,
                    "status": "ok",
                    "sources": [],
                    "file": "content/figures.yaml",
                    "line": 7,
                    "rows": [],
                    "previous": null
                  },
                  {
                    "name": "cassee",
                    "expression": "sum(fonds.nope) + \\"x\\\\y\\"",
                    "value": null,
                    "format": "number",
                    "decimals": null,
                    "formatted": {},
                    "stated": null,
                    "stated_tolerance": null,
                    "status": "error",
                    "sources": [],
                    "file": "content/figures.yaml",
                    "line": 11,
                    "rows": [],
                    "previous": null
                  }
                ]

                """)
    }

    @Test func jsonIsValidAndKeepsTheExactValues() throws {
        let data = Data(report(yaml).json.utf8)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects.map { $0["name"] as? String } == ["fonds", "mentions_medias", "part", "cassee"])
        #expect((objects[0]["formatted"] as? [String: String])?["fr"] == "203\u{00A0}250,50\u{00A0}$")
        #expect(objects[3]["expression"] as? String == #"sum(fonds.nope) + "x\y""#)
    }

    /// Each aggregate of a figure's own expression tells how many rows it used: those its
    /// filter keeps with a value in the column (for count, those it keeps).
    @Test func rowsUsedByEachAggregate() throws {
        let visites = FigureFixtures.table(
            "visites", ["mois", "menages"], [["avril", "10"], ["mai", ""], ["juin", "12"], ["juillet", "7"]])
        let outcome = FigureFixtures.evaluate(
            """
            total: sum(visites.menages)
            ete: sum(visites.menages where mois != "avril")
            part:
              value: count(visites where mois = "mai") / count(visites)
              format: percent
            double: total * 2
            """, [visites])
        let report = FiguresReport(
            definitions: outcome.file.definitions, evaluation: outcome.evaluation, languages: [languages[1]])
        let used = report.entries.map { $0.rowsUsed.map { "\($0.used)/\($0.total)" } }
        #expect(used == [["3/4"], ["2/4"], ["1/4", "4/4"], []])
        #expect(report.text.contains("  rows:     3 of 4 in visites\n  defined:  content/figures.yaml:1\n"))
        #expect(
            report.text.contains(
                """
                  rows:     1 of 4 in visites: count(visites where mois = "mai")
                            4 of 4 in visites: count(visites)

                """))
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [[String: Any]])
        let rows = try #require(objects[2]["rows"] as? [[String: Any]])
        #expect(rows.map { $0["aggregate"] as? String } == [#"count(visites where mois = "mai")"#, "count(visites)"])
        #expect(rows.map { $0["used"] as? Int } == [1, 4])
        #expect(rows.map { $0["of"] as? Int } == [4, 4])
        #expect((objects[3]["rows"] as? [Any])?.isEmpty == true)
    }

    @Test func emptyReport() {
        let empty = FiguresReport(
            definitions: [], evaluation: FigureEvaluator(tables: [:]).evaluate([]), languages: languages)
        #expect(empty.json == "[]\n")
        #expect(empty.text == "")
    }

    @Test func sameInputSameBytes() {
        #expect(report(yaml).json == report(yaml).json)
        #expect(report(yaml).text == report(yaml).text)
    }
}
