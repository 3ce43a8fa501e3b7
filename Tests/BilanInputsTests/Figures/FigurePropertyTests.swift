import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Laws that must hold on any table, checked on tables drawn from a seeded generator
/// (the same tables on every run).
@Suite struct FigurePropertyTests {
    private typealias SeededGenerator = SplitMix64

    /// A table `t` with columns `groupe` (text or number; missing only when
    /// `missingGroups`), `valeur` (a number with up to 2 decimals, missing one time in
    /// five) and `n` (a whole number from 0 to 20, never missing).
    private func randomTable(seed: UInt64, missingGroups: Bool) -> DataTable {
        var random = SeededGenerator(state: seed)
        let groups = ["a", "b", "c", "1", "2"] + (missingGroups ? [""] : [])
        let rows = (0..<Int.random(in: 0...30, using: &random)).map { _ -> [String] in
            let value =
                Int.random(in: 0..<5, using: &random) == 0
                ? "" : "\(Decimal(Int.random(in: -5000...5000, using: &random)) / 100)"
            return [
                groups.randomElement(using: &random) ?? "a", value,
                "\(Int.random(in: 0...20, using: &random))",
            ]
        }
        return FigureFixtures.table("t", ["groupe", "valeur", "n"], rows)
    }

    private static let seeds: [UInt64] = Array(1...60)

    @Test(arguments: seeds)
    func filterAndItsNegationSplitTheRows(seed: UInt64) throws {
        let table = randomTable(seed: seed, missingGroups: false)
        let outcome = FigureFixtures.evaluate(
            """
            sum_all: sum(t.valeur)
            sum_a: sum(t.valeur where groupe = "a")
            sum_not_a: sum(t.valeur where groupe != "a")
            count_all: count(t)
            count_a: count(t where groupe = "a")
            count_not_a: count(t where groupe != "a")
            sum_small: sum(t.valeur where n < 10)
            sum_large: sum(t.valeur where n >= 10)
            count_one: count(t where groupe = 1)
            count_not_one: count(t where groupe != 1)
            """, [table])
        // A random table may leave one side empty: an empty-filter warning, never an error.
        #expect(outcome.diagnostics.allSatisfy { $0.severity == .warning && $0.code == .emptyFilter })
        let v = { (name: String) in outcome.value(name) ?? -1 }
        #expect(v("sum_all") == v("sum_a") + v("sum_not_a"))
        #expect(v("count_all") == v("count_a") + v("count_not_a"))
        #expect(v("sum_all") == v("sum_small") + v("sum_large"))
        #expect(v("count_all") == v("count_one") + v("count_not_one"))
    }

    @Test(arguments: seeds)
    func missingFilterCellsAreLeftOutOfBothSides(seed: UInt64) {
        let table = randomTable(seed: seed, missingGroups: true)
        let outcome = FigureFixtures.evaluate(
            """
            all: count(t)
            a: count(t where groupe = "a")
            not_a: count(t where groupe != "a")
            """, [table])
        let missing = table.rows.filter { $0[0] == .missing }.count
        #expect(outcome.value("all") == (outcome.value("a") ?? 0) + (outcome.value("not_a") ?? 0) + Decimal(missing))
    }

    @Test(arguments: seeds)
    func andBindsTighterThanOrAndCountsAdd(seed: UInt64) {
        let table = randomTable(seed: seed, missingGroups: true)
        let outcome = FigureFixtures.evaluate(
            """
            implicit: count(t where groupe = "a" or n > 10 and valeur < 0)
            explicit: count(t where groupe = "a" or (n > 10 and valeur < 0))
            either: count(t where groupe = "b" or n > 10)
            left: count(t where groupe = "b")
            right: count(t where n > 10)
            both: count(t where groupe = "b" and n > 10)
            """, [table])
        let v = { (name: String) in outcome.value(name) ?? -1 }
        #expect(v("implicit") == v("explicit"))
        #expect(v("either") == v("left") + v("right") - v("both"))
    }

    @Test(arguments: seeds)
    func summariesAreConsistent(seed: UInt64) {
        let table = randomTable(seed: seed, missingGroups: false)
        let values = table.rows.compactMap { $0[1].number }
        let outcome = FigureFixtures.evaluate(
            """
            sum: sum(t.valeur)
            mean: mean(t.valeur)
            median: median(t.valeur)
            min: min(t.valeur)
            max: max(t.valeur)
            """, [table])
        guard !values.isEmpty else {
            #expect(outcome.problems.allSatisfy { $0.hasSuffix("empty-aggregate") })
            #expect(outcome.problems.count == 4)
            #expect(outcome.value("sum") == 0)
            return
        }
        #expect(outcome.diagnostics.isEmpty)
        let v = { (name: String) in outcome.value(name) ?? -1 }
        #expect(v("sum") == values.reduce(0, +))
        #expect(v("min") == values.min() && v("max") == values.max())
        #expect(v("min") <= v("median") && v("median") <= v("max"))
        #expect(v("min") <= v("mean") && v("mean") <= v("max"))
        let error = v("mean") * Decimal(values.count) - v("sum")
        #expect(abs(error) < FigureFixtures.decimal("0.000000000000000000000000001"))
    }

    @Test(arguments: seeds)
    func bothLocalesShowTheSameRoundedNumber(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let french = FigureFormatter(localeIdentifier: "fr-CA")
        let english = FigureFormatter(localeIdentifier: "en-CA")
        for _ in 0..<20 {
            let value = Decimal(Int.random(in: -100_000_000...100_000_000, using: &random)) / 1000
            let display = FigureDisplay(
                format: Bool.random(using: &random) ? .number : .integer,
                decimals: Int.random(in: 0...3, using: &random))
            let fr = french.format(value, as: display)
            let en = english.format(value, as: display)
            #expect(
                fr.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: ",", with: ".")
                    == en.replacingOccurrences(of: ",", with: ""))
            #expect(Decimal(numeral: en.replacingOccurrences(of: ",", with: "")) == display.displayedValue(of: value))
        }
    }
}
