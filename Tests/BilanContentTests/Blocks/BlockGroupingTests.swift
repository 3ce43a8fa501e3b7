import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent

/// `group:` and `aggregate:` in chart and table blocks, and the two warnings of blocks
/// that read data: `repeated-category` and `empty-filter`.
@Suite struct BlockGroupingTests {
    /// Raw volunteer rows, as an officer keeps them: one line per shift.
    static let shifts = FigureFixtures.table(
        "benevoles", ["date", "role_fr", "role_en", "nom", "heures"],
        [
            ["2024-04-02", "Accueil", "Reception", "Ana", "3"],
            ["2024-04-02", "Cuisine", "Kitchen", "Bea", "4.5"],
            ["2024-04-09", "Accueil", "Reception", "Chloé", "2"],
            ["2024-05-14", "Transport", "Driving", "Dina", ""],
            ["2024-05-14", "Cuisine", "Kitchen", "Ana", "1.5"],
            ["2024-06-04", "Accueil", "Reception", "Eve", "5"],
            ["2024-06-04", "", "", "Fay", "1"],
        ])

    func render(
        _ kind: BlockKind, _ yaml: String, language: String = "fr"
    ) -> (block: GeneratedBlock?, diagnostics: [String]) {
        let table = Self.shifts.localized(to: language)
        let context = BlockContext(
            language: language, tables: ["benevoles": table], unreadableTables: [],
            formatter: FigureFormatter(localeIdentifier: language == "fr" ? "fr-CA" : "en-CA"),
            figures: BlockRendererTests.NoFigures(), traceFigures: false)
        let fence = SourceLocation(file: "s.md", line: 10, column: 1)
        let result = BlockRenderer.render(
            kind, yaml: yaml, reader: YAMLReader(file: "s.md", lineOffset: 10), fence: fence, context: context,
            defaultID: "s-1")
        return (result.block, result.diagnostics.map { "\($0.location) \($0.severity) \($0.code): \($0.message)" })
    }

    /// The rows of a block's Markdown table, after its heading and alignment lines.
    func rows(_ block: GeneratedBlock?) -> [String] {
        let lines = (block?.markdown ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix("|") }
        return Array(lines.dropFirst(2))
    }

    // MARK: - Charts

    @Test func aChartOfHoursPerRoleFromRawRows() throws {
        let chart = render(.chart, "type: bar\ndata: benevoles\nx: role\ny: heures\ngroup: role\ntitle: Heures\n")
        #expect(chart.diagnostics.isEmpty)
        // First appearance order; the missing hours are skipped; the row without a role is its own group.
        #expect(rows(chart.block) == ["| Accueil | 10 |", "| Cuisine | 6 |", "| Transport | 0 |", "|  | 1 |"])
        let svg = try #require(chart.block?.chart?.svg)
        #expect(svg.contains(">Accueil<") && svg.contains(">Transport<"))
        // In English, the same groups read the English column.
        let english = render(
            .chart, "type: bar\ndata: benevoles\nx: role\ny: heures\ngroup: role\ntitle: Hours\n", language: "en")
        #expect(rows(english.block) == ["| Reception | 10 |", "| Kitchen | 6 |", "| Driving | 0 |", "|  | 1 |"])
    }

    @Test(arguments: [
        ("sum", ["| Accueil | 10 |", "| Cuisine | 6 |", "| Transport | 0 |"]),
        ("mean", ["| Accueil | 3,33 |", "| Cuisine | 3 |", "| Transport |  |"]),
        ("median", ["| Accueil | 3 |", "| Cuisine | 3 |", "| Transport |  |"]),
        ("min", ["| Accueil | 2 |", "| Cuisine | 1,5 |", "| Transport |  |"]),
        ("max", ["| Accueil | 5 |", "| Cuisine | 4,5 |", "| Transport |  |"]),
        ("count", ["| Accueil | 3 |", "| Cuisine | 2 |", "| Transport | 0 |"]),
    ])
    func eachAggregate(function: String, expected: [String]) {
        let chart = render(
            .chart,
            "type: column\ndata: benevoles\nx: role\ny: heures\ngroup: role\naggregate: \(function)\n"
                + "where: role != \"\"\ntitle: Heures\nformat: number\ndecimals: 2\n")
        #expect(chart.diagnostics.isEmpty)
        // Decimals are fixed at 2 in the chart's display: compared without trailing zeros.
        let shown = rows(chart.block).map {
            $0.replacingOccurrences(of: ",00", with: "").replacingOccurrences(of: ",50", with: ",5")
        }
        #expect(shown == expected)
    }

    @Test func theMeanIsExact() {
        let table = render(
            .table,
            "data: benevoles\ncolumns: { role: Rôle, heures: { label: Heures, decimals: 6 } }\ngroup: role\n"
                + "aggregate: mean\nwhere: role = \"Accueil\"\n")
        #expect(rows(table.block) == ["| Accueil | 3,333333 |"])
    }

    @Test func countCountsTheCellsOfAnyColumn() {
        let chart = render(
            .chart, "type: bar\ndata: benevoles\nx: role\ny: nom\ngroup: role\naggregate: count\ntitle: Bénévoles\n")
        #expect(chart.diagnostics.isEmpty)
        #expect(rows(chart.block) == ["| Accueil | 3 |", "| Cuisine | 2 |", "| Transport | 1 |", "|  | 1 |"])
    }

    @Test func filterFirstThenGroupThenSortByTheFoldedValues() {
        let chart = render(
            .chart,
            "type: bar\ndata: benevoles\nx: role\ny: heures\ngroup: role\nwhere: date >= \"2024-05-01\"\n"
                + "sort: -heures\ntitle: Heures\n")
        #expect(chart.diagnostics.isEmpty)
        #expect(rows(chart.block) == ["| Accueil | 5 |", "| Cuisine | 1,5 |", "|  | 1 |", "| Transport | 0 |"])
    }

    @Test func aGroupedChartDrawsNoRepeatedCategoryWarning() {
        let grouped = render(.chart, "type: bar\ndata: benevoles\nx: role\ny: heures\ngroup: role\ntitle: Heures\n")
        #expect(!grouped.diagnostics.contains { $0.contains("repeated-category") })
    }

    @Test func aChartGroupsByItsXColumn() {
        let chart = render(.chart, "type: bar\ndata: benevoles\nx: role\ny: heures\ngroup: date\ntitle: Heures\n")
        #expect(chart.block == nil)
        #expect(
            chart.diagnostics == [
                "s.md:15:8 error invalid-block: a chart groups its rows by its 'x' column, which names the groups: "
                    + "write 'group: role'"
            ])
    }

    // MARK: - Tables

    @Test func aGroupedTableWithItsTotal() {
        let table = render(
            .table,
            "data: benevoles\ncolumns: { role: Rôle, heures: Heures, nom: Quarts }\ngroup: role\n"
                + "aggregate: count\ntotal: [heures, nom]\n")
        #expect(table.diagnostics.isEmpty)
        #expect(
            rows(table.block) == [
                "| Accueil | 3 | 3 |", "| Cuisine | 2 | 2 |", "| Transport | 0 | 1 |", "|  | 1 | 1 |",
                "| **Total** | **6** | **7** |",
            ])
    }

    @Test func theTotalOfAGroupedTableIsTheAggregateOfEveryRow() {
        // As in a spreadsheet's pivot table: the total row of a mean is the mean of all rows.
        let table = render(
            .table,
            "data: benevoles\ncolumns: { role: Rôle, heures: Heures }\ngroup: role\naggregate: max\n"
                + "total: heures\n")
        #expect(rows(table.block).last == "| **Total** | **5** |")
        let sum = render(
            .table, "data: benevoles\ncolumns: { role: Rôle, heures: Heures }\ngroup: role\ntotal: heures\n")
        #expect(rows(sum.block).last == "| **Total** | **17** |")
    }

    @Test func foldedNumbersAreNeverReadAsYears() {
        let years = FigureFixtures.table(
            "t", ["annee", "n"], [["2023", "1000"], ["2023", "1012"], ["2024", "2000"]])
        let context = BlockContext(
            language: "fr", tables: ["t": years], unreadableTables: [],
            formatter: FigureFormatter(localeIdentifier: "fr-CA"), figures: BlockRendererTests.NoFigures(),
            traceFigures: false)
        let result = BlockRenderer.render(
            .table, yaml: "data: t\ncolumns: [annee, n]\ngroup: annee\n",
            reader: YAMLReader(file: "s.md", lineOffset: 0), fence: SourceLocation(file: "s.md", line: 1),
            context: context, defaultID: "s-1")
        // The group keeps its years as written; the sum 2012 is a number, formatted and right-aligned.
        #expect(rows(result.block) == ["| 2023 | 2\u{A0}012 |", "| 2024 | 2\u{A0}000 |"])
        #expect(result.block?.markdown.contains("| --- | ---: |") == true)
    }

    // MARK: - Errors

    @Test func errorsOfGroupAndAggregate() {
        let somme = "type: bar\ndata: benevoles\nx: role\ny: heures\ngroup: role\naggregate: somme\ntitle: H\n"
        #expect(
            render(.chart, somme).diagnostics == [
                "s.md:16:12 error invalid-block: unknown aggregate 'somme'; the aggregates are sum, mean, median, min, "
                    + "max, count"
            ])
        #expect(
            render(.table, "data: benevoles\ncolumns: [role, heures]\naggregate: mean\n").diagnostics == [
                "s.md:13:1 error invalid-block: 'aggregate' folds the rows of each group: add 'group: COLUMN' (the"
                    + " column "
                    + "whose values name the groups), or remove 'aggregate'"
            ])
        #expect(
            render(.table, "data: benevoles\ncolumns: [role, heures]\ngroup: fonction\n").diagnostics == [
                "s.md:13:8 error unknown-column: table 'benevoles' (content/data/benevoles.csv) has no column"
                    + " 'fonction'; "
                    + "its columns are date, role_fr, role_en, nom, heures, role"
            ])
        #expect(
            render(.table, "data: benevoles\ncolumns: [role, nom]\ngroup: role\n").diagnostics == [
                "s.md:12:17 error non-numeric-cell: cell \"Ana\" in column 'nom' of content/data/benevoles.csv:2 is"
                    + " not a "
                    + "number; 'aggregate: sum' needs numbers (to count the rows of each group, write 'aggregate:"
                    + " count')"
            ])
        #expect(
            render(.table, "columns: [a]\nrows: [[x]]\ngroup: a\n").diagnostics == [
                "s.md:13:8 error invalid-block: 'group' reads a data table; a table with inline 'rows' has none"
            ])
    }

    // MARK: - Warnings

    @Test func aChartWhoseXRepeatsAValue() {
        let chart = render(.chart, "type: bar\ndata: benevoles\nx: role\ny: heures\ntitle: Heures\n")
        #expect(chart.block != nil, "a warning: the chart is still drawn")
        #expect(
            chart.diagnostics == [
                "s.md:13:1 warning repeated-category: the chart's x column 'role' repeats \"Accueil\" "
                    + "(content/data/benevoles.csv:2 and :4), and 1 other value, so the chart draws each row as a"
                    + " separate "
                    + "category: add 'group: role' to fold the rows of each value into one (or aggregate the data)"
            ])
        // Once the filter keeps one row per value, nothing repeats.
        let oneDay = "type: bar\ndata: benevoles\nx: role\ny: heures\ntitle: H\nwhere: date = \"2024-04-02\"\n"
        #expect(render(.chart, oneDay).diagnostics.isEmpty)
    }

    @Test func aFilterThatKeepsNoRowInABlock() {
        let chart = render(
            .chart, "type: bar\ndata: benevoles\nx: role\ny: heures\ntitle: H\nwhere: role = \"Reception\"\n")
        #expect(
            chart.diagnostics == [
                "s.md:16:1 warning empty-filter: the filter 'role = \"Reception\"' keeps no row of table 'benevoles' "
                    + "(7 rows), so the chart is empty: look for a typo, a value written in another language, or a"
                    + " date "
                    + "range outside the data ('role' holds: Accueil, Cuisine, Transport)"
            ])
        let table = render(.table, "data: benevoles\ncolumns: [nom]\nwhere: date >= \"2025-01-01\"\n")
        #expect(
            table.diagnostics == [
                "s.md:13:1 warning empty-filter: the filter 'date >= \"2025-01-01\"' keeps no row of table 'benevoles' "
                    + "(7 rows), so the table is empty: look for a typo, a value written in another language, or a"
                    + " date "
                    + "range outside the data ('date' goes from 2024-04-02 to 2024-06-04)"
            ])
    }
}
