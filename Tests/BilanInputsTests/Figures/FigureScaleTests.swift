import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// The figures stage at sizes no report reaches (issue 14, item 18): each figure is
/// computed in time independent of how many came before it, and a cycle's message
/// stays short. Quadratic, the chain below took minutes.
@Suite struct FigureScaleTests {
    /// Definitions written as `name: expression`, one a line, without going through YAML.
    private static func definitions(_ expressions: [(String, String)]) -> [FigureDefinition] {
        expressions.enumerated().map { line, figure in
            FigureDefinition(
                name: figure.0, location: SourceLocation(file: FiguresLoader.path, line: line + 1, column: 1),
                source: figure.1, expression: try? FigureParser.parse(figure.1),
                positions: ExpressionPositions(
                    file: FiguresLoader.path, line: line + 1, column: figure.0.count + 3, length: figure.1.count),
                display: .default, stated: nil)
        }
    }

    @Test(.tags(.heavy)) func aChainOfOneHundredThousandFigures() {
        let count = 100_000
        let chain = [("f0", "1")] + (1..<count).map { ("f\($0)", "f\($0 - 1) + 1") }
        let evaluation = FigureEvaluator(tables: [:]).evaluate(Self.definitions(chain))
        #expect(evaluation.diagnostics.isEmpty)
        #expect(evaluation.figures.count == count)
        #expect(evaluation["f\(count - 1)"]?.value == Decimal(count))
    }

    @Test(.tags(.heavy)) func aCycleOfOneHundredThousandFiguresNamesAFew() {
        let count = 100_000
        let cycle = (0..<count).map { ("f\($0)", "f\(($0 + 1) % count) + 1") }
        let evaluation = FigureEvaluator(tables: [:]).evaluate(Self.definitions(cycle))
        #expect(evaluation.diagnostics.map(\.code) == [.figureCycle])
        let message = evaluation.diagnostics.first?.message ?? ""
        #expect(message.hasSuffix("a cycle: f0 → f1 → f2 → f3 → f4 → f5 → … 99994 more … → f0"))
        #expect(message.utf8.count < 200)
        #expect(evaluation.failed.count == count)
    }

    @Test func aShortCycleIsNamedWhole() {
        let cycle = [("a", "b + 1"), ("b", "c"), ("c", "a")]
        let evaluation = FigureEvaluator(tables: [:]).evaluate(Self.definitions(cycle))
        #expect(
            evaluation.diagnostics.map(\.message) == [
                "figure 'c': figures depend on each other in a cycle: a → b → c → a"
            ])
    }
}
