import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Computing figures: arithmetic, aggregates, filters, missing cells, dependencies,
/// and every error with its code, line and column.
@Suite struct FigureEvaluatorTests {
    private let d = FigureFixtures.decimal
    private let formations = FigureFixtures.table(
        "formations", ["titre", "type", "participantes", "annee"],
        [
            ["A", "atelier", "11", "2023"],
            ["B", "webinaire", "10", "2024"],
            ["C", "atelier", "12", "2024"],
            ["D", "", "8", "2024"],
        ])

    private func evaluate(_ yaml: String, _ tables: [DataTable]? = nil) -> FigureFixtures.Outcome {
        FigureFixtures.evaluate(yaml, tables ?? [formations])
    }

    // MARK: Arithmetic

    @Test func arithmeticIsExactDecimal() {
        let outcome = evaluate(
            """
            a: 1 + 2 * 3
            b: (1 + 2) * 3
            c: 10 / 4
            d: -a
            e: 0.1 + 0.2
            f: 2 - 3 - 4
            g: 1.10 * 3
            """)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("a") == 7)
        #expect(outcome.value("b") == 9)
        #expect(outcome.value("c") == d("2.5"))
        #expect(outcome.value("d") == -7)
        #expect(outcome.value("e") == d("0.3"))
        #expect(outcome.value("f") == -5)
        #expect(outcome.value("g") == d("3.3"))
    }

    @Test func figuresAreComputedInDependencyOrder() {
        let outcome = evaluate("total: a + b\na: b * 2\nb: 3")
        #expect(outcome.value("total") == 9)
        #expect(outcome.evaluation.figures.map(\.name) == ["total", "a", "b"])
    }

    @Test func figureAndTableNamesLiveApart() {
        let membres = FigureFixtures.table("membres", ["nombre"], [["233"], ["53"]])
        let outcome = evaluate("membres: count(membres)\nnombre: sum(membres.nombre) / membres", [membres])
        #expect(outcome.value("membres") == 2)
        #expect(outcome.value("nombre") == 143)
    }

    @Test func change() {
        let outcome = evaluate("a: change(120, 100)\nb: change(75, 100)\nc: change(a, 0.5)")
        #expect(outcome.value("a") == d("0.2"))
        #expect(outcome.value("b") == d("-0.25"))
        #expect(outcome.value("c") == d("-0.6"))
    }

    // MARK: Aggregates

    @Test func everyAggregate() {
        let outcome = evaluate(
            """
            sum: sum(formations.participantes)
            mean: mean(formations.participantes)
            median: median(formations.participantes)
            min: min(formations.participantes)
            max: max(formations.participantes)
            count: count(formations)
            distinct: distinct(formations.type)
            distinct_years: distinct(formations.annee)
            odd_median: median(formations.participantes where participantes > 8)
            """)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("sum") == 41)
        #expect(outcome.value("mean") == d("10.25"))
        #expect(outcome.value("median") == d("10.5"))
        #expect(outcome.value("min") == 8)
        #expect(outcome.value("max") == 12)
        #expect(outcome.value("count") == 4)
        #expect(outcome.value("distinct") == 2)
        #expect(outcome.value("distinct_years") == 2)
        #expect(outcome.value("odd_median") == 11)
    }

    @Test func missingCellsAreSkippedNeverZero() {
        let table = FigureFixtures.table("t", ["v", "w"], [["1", "x"], ["", "x"], ["3", ""], ["", ""]])
        let outcome = evaluate(
            """
            sum: sum(t.v)
            mean: mean(t.v)
            median: median(t.v)
            min: min(t.v)
            max: max(t.v)
            count: count(t)
            distinct: distinct(t.w)
            """, [table])
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("sum") == 4)
        #expect(outcome.value("mean") == 2)
        #expect(outcome.value("median") == 2)
        #expect(outcome.value("min") == 1)
        #expect(outcome.value("max") == 3)
        #expect(outcome.value("count") == 4)
        #expect(outcome.value("distinct") == 1)
    }

    @Test func aggregatesOfNoRows() {
        let outcome = evaluate(
            """
            sum: sum(formations.participantes where type = "x")
            count: count(formations where type = "x")
            distinct: distinct(formations.type where type = "x")
            """)
        // A filter that keeps no row is worth a look: each gives an empty-filter warning.
        #expect(outcome.problems == ["1:41 empty-filter", "2:31 empty-filter", "3:42 empty-filter"])
        #expect(outcome.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(outcome.value("sum") == 0)
        #expect(outcome.value("count") == 0)
        #expect(outcome.value("distinct") == 0)
    }

    @Test(arguments: ["mean", "median", "min", "max"])
    func emptyAggregatesAreErrors(function: String) {
        let outcome = evaluate("a: 1\nb: 2 + \(function)(formations.participantes where type = \"x\")")
        // The error, and the warning at the filter that explains it.
        #expect(outcome.problems == ["2:8 empty-aggregate", "2:\(function.count + 40) empty-filter"])
        #expect(
            outcome.diagnostics.first?.message
                == "figure 'b': '\(function)(formations.participantes where type = \"x\")' has no values: "
                + "no row matches, or their cells are empty")
        #expect(outcome.value("a") == 1)
    }

    @Test func aggregateOfOnlyMissingCellsIsEmpty() {
        let table = FigureFixtures.table("t", ["v"], [[""], [""]])
        #expect(evaluate("a: mean(t.v)", [table]).problems == ["1:4 empty-aggregate"])
        #expect(evaluate("a: sum(t.v)", [table]).value("a") == 0)
    }

    // MARK: Filters

    @Test func filters() {
        let outcome = evaluate(
            """
            ateliers: count(formations where type = "atelier")
            autres: count(formations where type != "atelier")
            grandes: sum(formations.participantes where participantes >= 11)
            petites: sum(formations.participantes where participantes < 11)
            recentes: count(formations where annee > 2023)
            au_plus_10: count(formations where participantes <= 10)
            mixte: count(formations where participantes >= 10 and type != "x" or annee = 2023)
            groupe: count(formations where (type = "atelier" or type = "webinaire") and annee = 2024)
            negatif: count(formations where participantes > -1)
            """)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("ateliers") == 2)
        // The row whose type is missing is left out, even for `!=`.
        #expect(outcome.value("autres") == 1)
        #expect(outcome.value("grandes") == 23)
        #expect(outcome.value("petites") == 18)
        #expect(outcome.value("recentes") == 3)
        #expect(outcome.value("au_plus_10") == 2)
        #expect(outcome.value("mixte") == 3)
        #expect(outcome.value("groupe") == 2)
        #expect(outcome.value("negatif") == 4)
    }

    @Test func andBindsTighterThanOr() {
        // Row 1 matches `a = 1 or (b = 2 and c = 3)` but not `(a = 1 or b = 2) and c = 3`.
        let table = FigureFixtures.table(
            "t", ["a", "b", "c"], [["1", "0", "0"], ["0", "2", "3"], ["0", "2", "0"]])
        let outcome = evaluate(
            """
            implicit: count(t where a = 1 or b = 2 and c = 3)
            and_first: count(t where a = 1 or (b = 2 and c = 3))
            or_first: count(t where (a = 1 or b = 2) and c = 3)
            """, [table])
        #expect(outcome.value("implicit") == 2)
        #expect(outcome.value("and_first") == 2)
        #expect(outcome.value("or_first") == 1)
    }

    @Test func aMissingCellFailsItsComparisonButNotAnOr() {
        let table = FigureFixtures.table("t", ["a", "b"], [["", "2"], ["", ""], ["1", ""]])
        let outcome = evaluate(
            """
            either: count(t where a = 1 or b = 2)
            both: count(t where a != 5 and b != 5)
            """, [table])
        #expect(outcome.value("either") == 2)
        #expect(outcome.value("both") == 0)
    }

    @Test func textAndNumberComparisons() {
        let table = FigureFixtures.table(
            "t", ["code", "date"],
            [["12", "2023-04-01"], ["A3", "2023-12-31"], ["", "2024-01-15"], ["12", ""]])
        let outcome = evaluate(
            """
            number_equal: count(t where code = 12)
            number_as_text: count(t where code = "12")
            not_text_12: count(t where code != "12")
            not_number_12: count(t where code != 12)
            below_100: count(t where code < 100)
            text_order: count(t where code >= "A")
            in_2023: count(t where date >= "2023-01-01" and date <= "2023-12-31")
            date_as_number: count(t where date > 0)
            case_counts: count(t where code = "a3")
            """, [table])
        // The filters that keep no row are each an empty-filter warning, and nothing else.
        #expect(outcome.problems == ["2:31 empty-filter", "8:31 empty-filter", "9:28 empty-filter"])
        #expect(outcome.value("number_equal") == 2)
        #expect(outcome.value("number_as_text") == 0)
        #expect(outcome.value("not_text_12") == 3)
        #expect(outcome.value("not_number_12") == 1)
        #expect(outcome.value("below_100") == 2)
        #expect(outcome.value("text_order") == 1)
        #expect(outcome.value("in_2023") == 2)
        #expect(outcome.value("date_as_number") == 0)
        #expect(outcome.value("case_counts") == 0)
    }

    @Test func textCellsAreAllowedInCountAndDistinct() {
        let table = FigureFixtures.table("t", ["v"], [["1"], ["abc"], ["1"], ["1.0"]])
        let outcome = evaluate("n: count(t)\nd: distinct(t.v)", [table])
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("n") == 4)
        #expect(outcome.value("d") == 2)
    }

    // MARK: Sources

    @Test func sourcesAreTheDataFilesReadDirectlyOrThroughFigures() {
        let fonds = FigureFixtures.table("fonds", ["montant"], [["25000"]])
        let outcome = evaluate(
            """
            a: sum(formations.participantes)
            b: sum(fonds.montant)
            c: b + a + count(formations)
            constant: 3
            """, [formations, fonds])
        #expect(outcome.evaluation["a"]?.sources == ["content/data/formations.csv"])
        #expect(outcome.evaluation["c"]?.sources == ["content/data/fonds.csv", "content/data/formations.csv"])
        #expect(outcome.evaluation["constant"]?.sources == [])
    }

    // MARK: Errors

    @Test func divisionByZero() {
        let outcome = evaluate(
            """
            a: 1 / (2 - 2)
            b: sum(formations.participantes) / count(formations where type = "x")
            c: change(5, a0)
            a0: 0
            """)
        #expect(
            outcome.problems
                == ["1:8 division-by-zero", "2:36 division-by-zero", "2:59 empty-filter", "3:14 division-by-zero"])
        #expect(outcome.diagnostics[0].message == "figure 'a': division by zero: '(2 - 2)' is 0")
        #expect(outcome.diagnostics[3].message == "figure 'c': division by zero: change from 'a0', which is 0")
        #expect(outcome.value("a0") == 0)
    }

    @Test func unknownTable() {
        let outcome = evaluate("a: 1\nb: sum(formation.participantes)")
        #expect(outcome.problems == ["2:8 unknown-table"])
        #expect(
            outcome.diagnostics.first?.message
                == "figure 'b': unknown table 'formation' (no content/data/formation.csv or .json); "
                + "the tables are formations")
        #expect(
            evaluate("a: count(t)", []).diagnostics.first?.message
                == "figure 'a': unknown table 't' (no content/data/t.csv or .json); there are no data tables")
    }

    @Test func unknownColumns() {
        let outcome = evaluate(
            """
            a: sum(formations.nope)
            b: count(formations where nope = 1 and typ = "x")
            """)
        #expect(outcome.problems == ["1:19 unknown-column", "2:27 unknown-column", "2:40 unknown-column"])
        #expect(
            outcome.diagnostics.first?.message
                == "figure 'a': table 'formations' (content/data/formations.csv) has no column 'nope'; "
                + "its columns are titre, type, participantes, annee")
    }

    @Test(arguments: ["sum", "mean", "median", "min", "max"])
    func nonNumericCell(function: String) {
        let table = FigureFixtures.table("t", ["v", "k"], [["1", "a"], ["abc", "b"], ["2", "a"]])
        let outcome = evaluate("a: \(function)(t.v)\nb: \(function)(t.v where k = \"a\")", [table])
        #expect(outcome.problems == ["1:\(7 + function.count) non-numeric-cell"])
        #expect(
            outcome.diagnostics.first?.message
                == "figure 'a': cell \"abc\" in column 'v' of content/data/t.csv:3 is not a number")
        #expect(outcome.value("b") != nil)
    }

    @Test func cycleNamesTheChain() {
        let outcome = evaluate(
            """
            a: b + 1
            b: c
            c: 2 * a
            d: 5
            e: a + d
            """)
        #expect(outcome.problems == ["3:8 figure-cycle"])
        #expect(
            outcome.diagnostics.first?.message
                == "figure 'c': figures depend on each other in a cycle: a → b → c → a")
        #expect(outcome.evaluation.failed == ["a", "b", "c", "e"])
        #expect(outcome.value("d") == 5)
    }

    @Test func selfReferenceIsACycle() {
        let outcome = evaluate("total: total + 1")
        #expect(outcome.problems == ["1:8 figure-cycle"])
        #expect(
            outcome.diagnostics.first?.message
                == "figure 'total': figures depend on each other in a cycle: total → total")
    }

    @Test func unknownFigure() {
        let outcome = evaluate("a: 2 * membre\nb: a + 1\nc: 3")
        #expect(outcome.problems == ["1:8 unknown-figure"])
        #expect(outcome.diagnostics.first?.message == "figure 'a': unknown figure 'membre'")
        #expect(outcome.evaluation.failed == ["a", "b"])
        #expect(outcome.value("c") == 3)
    }

    @Test func errorsInBothOperandsAreReported() {
        let outcome = evaluate("a: sum(nope.x) + sum(formations.y)")
        #expect(outcome.problems == ["1:8 unknown-table", "1:33 unknown-column"])
    }

    @Test func aFailingFigureDoesNotStopTheOthers() {
        let outcome = evaluate("a: 1 / 0\nb: a * 2\nc: 2\nd: b + c")
        #expect(outcome.problems == ["1:8 division-by-zero"])
        #expect(outcome.evaluation.failed == ["a", "b", "d"])
        #expect(outcome.value("c") == 2)
    }

    @Test func figuresUsingABrokenDefinitionAreSkippedQuietly() {
        let outcome = evaluate("a: 1 +\nb: a\nc:\n  format: number\nd: c")
        #expect(outcome.problems == ["1:7 figure-syntax", "3:1 invalid-figure"])
        #expect(outcome.evaluation.failed == ["a", "b", "c", "d"])
        #expect(outcome.evaluation.isDefined("b"))
        #expect(!outcome.evaluation.isDefined("z"))
    }

    @Test func unreadableTablesAreSkippedQuietly() {
        let file = FiguresLoader.parse("a: sum(t.x)\nb: a + 1\nc: 1")
        let evaluation = FigureEvaluator(tables: [:], unreadableTables: ["t"]).evaluate(file.definitions)
        #expect(evaluation.diagnostics.isEmpty)
        #expect(evaluation.failed == ["a", "b"])
        #expect(evaluation["c"]?.value == 1)
    }

    @Test func overflow() {
        let big = "1" + String(repeating: "0", count: 37)
        let outcome = evaluate("a: \(big) * \(big) * \(big) * \(big) * \(big)")
        #expect(outcome.problems == ["1:4 figure-overflow"])
    }

    @Test func everyErrorNamesItsFigure() {
        let outcome = evaluate("a: 1 / 0\nb: c\nc: b\nd: nope")
        #expect(outcome.diagnostics.map(\.figure) == ["d", "c", "a"])
    }
}
