import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Sums, differences and products are exact past `Decimal`'s 38 digits, or a located
/// `figure-overflow` error: never a silently rounded number (issue 14, item 12).
@Suite struct ExactArithmeticTests {
    private static let nines = String(repeating: "9", count: 38)

    @Test func twentyValuesOfTenToTheThirtyEightMinusOneAreNotRounded() {
        let table = FigureFixtures.table("t", ["x"], Array(repeating: [Self.nines], count: 20))
        let chain = Array(repeating: Self.nines, count: 20).joined(separator: " + ")
        let outcome = FigureFixtures.evaluate("total: sum(t.x)\nchained: \(chain)\n", [table])
        #expect(outcome.problems == ["1:8 figure-overflow", "2:10 figure-overflow"])
        #expect(outcome.diagnostics.allSatisfy { $0.message.contains("more than 38 significant digits") })
        #expect(outcome.value("total") == nil && outcome.value("chained") == nil)
    }

    @Test func aTinyTermNextToAHugeOneIsNotLost() {
        let huge = "1" + String(repeating: "0", count: 30)
        let outcome = FigureFixtures.evaluate("a: \(huge) + 0.0000000001 - \(huge)\n")
        #expect(outcome.problems == ["1:4 figure-overflow"])
        #expect(outcome.value("a") == nil)
    }

    @Test func exactResultsUpToThirtyEightDigits() {
        let outcome = FigureFixtures.evaluate(
            """
            a: \(Self.nines) + 1
            b: 12345678901234567890 * 12345678901234567890
            c: 0.1 + 0.2
            d: \(Self.nines) - \(Self.nines)
            e: -0.5 * 0.5
            """)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("a") == Decimal(sign: .plus, exponent: 38, significand: 1))
        #expect(
            outcome.value("b")
                == Decimal(
                    sign: .plus, exponent: 2,
                    significand: FigureFixtures.decimal("1524157875323883675019051998750190521")))
        #expect(outcome.value("c") == FigureFixtures.decimal("0.3"))
        #expect(outcome.value("d") == 0)
        #expect(outcome.value("e") == FigureFixtures.decimal("-0.25"))
    }

    @Test func aggregatesOverflowAtTheExpression() {
        let table = FigureFixtures.table("t", ["x"], [[Self.nines], [Self.nines]])
        let outcome = FigureFixtures.evaluate("m: mean(t.x)\nn: median(t.x)\n", [table])
        #expect(outcome.problems == ["1:4 figure-overflow", "2:4 figure-overflow"])
    }

    /// Where `Decimal` holds the exact result (few digits), the wide arithmetic agrees
    /// with it, in every sign and scale.
    @Test func agreesWithDecimalWhereDecimalIsExact() {
        var random = SplitMix64(seed: 14)
        for _ in 0..<2_000 {
            func number() -> Decimal {
                let significand = Decimal(Int(random.next() % 2_000_001) - 1_000_000)
                let exponent = Int(random.next() % 21) - 10
                return Decimal(sign: .plus, exponent: exponent, significand: significand)
            }
            let (a, b) = (number(), number())
            #expect(Decimal.exactly(a, +, b) == .success(a + b))
            #expect(Decimal.exactly(a, -, b) == .success(a - b))
            #expect(Decimal.exactly(a, *, b) == .success(a * b))
        }
    }

    @Test func limitsAreTold() {
        let big = Decimal(sign: .plus, exponent: 120, significand: 1)
        #expect(Decimal.exactly(big, *, big) == .failure(.tooLarge))
        let small = Decimal(sign: .plus, exponent: -100, significand: 1)
        #expect(Decimal.exactly(small, *, small) == .failure(.tooPrecise))
        #expect(Decimal.exactly(.nan, +, 1) == .failure(.tooLarge))
        // A large exponent with few digits still fits: 10^130 is 10^8 × 10^122.
        let large = Decimal(sign: .plus, exponent: 65, significand: 1)
        #expect(Decimal.exactly(large, *, large) == .success(Decimal(sign: .plus, exponent: 130, significand: 1)))
    }
}
