import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs

/// The `totals-row` warning: a row labelled as a total, or a last row that sums the
/// rows above it, and the tables it must leave alone.
@Suite struct TotalsRowCheckTests {
    private let check = TotalsRowCheck(languages: ["fr", "en"])

    private func findings(_ columns: [String], _ rows: [[String]], check: TotalsRowCheck? = nil) -> [String] {
        let table = FigureFixtures.table("t", columns, rows)
        return (check ?? self.check).diagnostics(for: table).map { "\($0.location)" }
    }

    @Test(arguments: [
        "Total", "TOTAL:", "Total :", "total.", "Totaux", "Sous-total", "sous total", "SOUS-TOTAUX", "Grand total",
        "Grand-Total", "Total général", "TOTAL GENERAL", "Somme", "Sum", "Subtotal", "Sub-total", " total\t",
        "« Total »",
    ])
    func aRowLabelledAsATotal(label: String) {
        #expect(findings(["poste", "montant"], [["loyer", "10"], [label, "99"]]) == ["content/data/t.csv:3"])
    }

    @Test(arguments: ["Totalement", "Total des membres", "Sommets", "Summary", "Totem", "Résumé", "Subtotals 2024"])
    func labelsThatOnlyResembleATotal(label: String) {
        #expect(findings(["poste", "montant"], [["loyer", "10"], [label, "99"]]).isEmpty)
    }

    @Test func theMessageNamesTheTableTheLabelAndTheFix() throws {
        let table = FigureFixtures.table("visites", ["mois", "menages"], [["avril", "10"], ["TOTAL:", "10"]])
        let diagnostic = try #require(check.diagnostics(for: table).first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.code == .totalsRow)
        #expect(diagnostic.location == SourceLocation(file: "content/data/visites.csv", line: 3))
        #expect(
            diagnostic.message == """
                table 'visites': the row labelled "TOTAL:" looks like a totals row, which bilan would add in as data \
                (sums counted twice, max returning it): remove the row from the data and let bilan compute the total \
                ('total:' in a table block, sum(...) in figures.yaml)
                """)
    }

    @Test func wordsOfTheReportsOtherLanguages() {
        #expect(findings(["poste", "montant"], [["a", "1"], ["Summe", "1"]]).isEmpty)
        let german = TotalsRowCheck(languages: ["de", "en"])
        #expect(
            findings(["poste", "montant"], [["a", "1"], ["Summe", "1"]], check: german) == ["content/data/t.csv:3"])
        // French and English are always read.
        #expect(
            findings(["poste", "montant"], [["a", "1"], ["Totaux", "1"]], check: german) == ["content/data/t.csv:3"])
    }

    @Test func aLastRowThatSumsTheRowsAbove() throws {
        let table = FigureFixtures.table(
            "frequentation", ["annee", "femmes", "proches"],
            [["2021", "75", "18"], ["2022", "101", "25"], ["2023", "52", ""], ["", "228", "43"]])
        let diagnostics = check.diagnostics(for: table)
        #expect(diagnostics.map { "\($0.location)" } == ["content/data/frequentation.csv:5"])
        #expect(
            diagnostics.first?.message == """
                table 'frequentation': the last row looks like a totals row: its 'femmes' (228) and 'proches' (43) are \
                the sums of the 3 rows above it, which bilan would add in as data (sums counted twice, max returning \
                it): \
                remove the row from the data and let bilan compute the total ('total:' in a table block, sum(...) in \
                figures.yaml)
                """)
    }

    @Test func aLastRowWithOneColumnSummed() {
        #expect(
            findings(["type", "nombre"], [["individuelle", "233"], ["associative", "53"], ["", "286"]])
                == ["content/data/t.csv:4"])
        // Decimals, negatives, and a text column beside: still a sum.
        #expect(
            findings(["poste", "montant"], [["a", "12.5"], ["b", "-2.25"], ["c", "0.75"], ["", "11"]])
                == ["content/data/t.csv:5"])
    }

    @Test func aLabelledSumIsReportedOnce() {
        #expect(findings(["type", "nombre"], [["a", "1"], ["b", "2"], ["Total", "3"]]) == ["content/data/t.csv:4"])
    }

    @Test func sumsThatAreCoincidencesOrNotSums() {
        // Two rows: row 2 equal to row 1 is a repeat, not a sum.
        #expect(findings(["mois", "n"], [["avril", "5"], ["mai", "5"]]).isEmpty)
        // Every number must be the sum of its column.
        #expect(findings(["a", "b"], [["1", "2"], ["3", "4"], ["4", "7"]]).isEmpty)
        // Zeros everywhere prove nothing.
        #expect(findings(["m", "n"], [["a", "0"], ["b", "0"], ["c", "0"]]).isEmpty)
        // A column that numbers the rows (1, 2, 3) is no sum, and the others decide.
        #expect(findings(["numero", "participantes"], [["1", "11"], ["2", "10"], ["3", "12"]]).isEmpty)
        #expect(
            findings(["numero", "participantes"], [["1", "11"], ["2", "10"], ["3", "21"]]) == ["content/data/t.csv:4"])
        // Only one number above in a column is not a sum of rows.
        #expect(findings(["m", "n"], [["a", "5"], ["b", ""], ["c", "5"]]).isEmpty)
        // Text above in a compared column: that column does not add up.
        #expect(findings(["m", "n"], [["a", "5"], ["b", "n/a"], ["c", "3"], ["d", "8"]]).isEmpty)
        // Only the last row with numbers is compared: a middle row equal to the rows above is data.
        #expect(findings(["m", "n"], [["a", "3"], ["b", "2"], ["c", "5"], ["d", "4"]]).isEmpty)
        // A row of notes after the totals does not hide them.
        #expect(
            findings(["m", "n"], [["a", "3"], ["b", "2"], ["", "5"], ["source: registre", ""]])
                == ["content/data/t.csv:4"])
    }

    @Test func tablesOfTheValidFixtureAndTheExampleHaveNone() throws {
        // The example report is the package's own folder.
        let projects = [FixtureProjects.valid, SourceTree.packageRoot]
        for project in projects {
            let tables = DataLoader(projectFolder: project).read().tables
            #expect(!tables.isEmpty)
            for table in tables.values { #expect(check.diagnostics(for: table).isEmpty, "\(table.name)") }
        }
    }

    @Test func normalisation() {
        #expect(TotalsRowCheck.normalized("  Sous-TOTAL : ") == "sous total")
        #expect(TotalsRowCheck.normalized("Total\u{00A0}général") == "total general")
        #expect(TotalsRowCheck.normalized("—") == "")
    }
}
