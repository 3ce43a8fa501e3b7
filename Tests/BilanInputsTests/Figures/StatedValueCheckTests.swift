import Testing

@testable import BilanBase
@testable import BilanInputs

/// `stated:` compared with the computed value at the precision the figure is shown with.
@Suite struct StatedValueCheckTests {
    private func check(_ value: String, _ extra: String) -> (agrees: Bool?, diagnostics: [Diagnostic]) {
        let outcome = FigureFixtures.evaluate("f:\n  value: \(value)\n\(extra)")
        guard let figure = outcome.evaluation["f"] else { return (nil, outcome.diagnostics) }
        return (StatedValueCheck.agrees(figure), StatedValueCheck.diagnostics(for: outcome.evaluation))
    }

    @Test func withoutStatedThereIsNothingToCompare() {
        #expect(check("33", "").agrees == nil)
        #expect(check("33", "").diagnostics.isEmpty)
    }

    @Test func mismatchIsAWarningAtTheStatedLine() {
        let result = check("33", "  stated: 30")
        #expect(result.agrees == false)
        #expect(result.diagnostics.map(FigureFixtures.summary) == ["3:3 stated-mismatch"])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.message == "figure 'f' computes 33 but the report states 30")
        #expect(result.diagnostics.first?.figure == "f")
    }

    @Test func comparedAtTheDisplayedPrecision() {
        #expect(check("32.6", "  format: integer\n  stated: 33").agrees == true)
        #expect(check("32.4", "  format: integer\n  stated: 33").agrees == false)
        #expect(check("100 / 3", "  stated: 33.33").agrees == true)
        #expect(check("100 / 3", "  stated: 33.3").agrees == false)
        #expect(check("100 / 3", "  decimals: 1\n  stated: 33.3").agrees == true)
        #expect(check("41 / 4", "  decimals: 1\n  stated: 10.3").agrees == true)
        #expect(check("41 / 4", "  decimals: 1\n  stated: 10.2").agrees == false)
        #expect(check("203250.5", "  format: currency\n  stated: 203250.50").agrees == true)
        #expect(check("203250.5", "  format: currency\n  stated: 203250").agrees == false)
    }

    @Test func percentIsStatedAsDisplayed() {
        #expect(check("0.125", "  format: percent\n  stated: 12.5").agrees == true)
        #expect(check("0.125", "  format: percent\n  stated: 0.125").agrees == false)
        #expect(check("0.125", "  format: percent\n  decimals: 0\n  stated: 13").agrees == true)
        let result = check("0.125", "  format: percent\n  stated: 13")
        #expect(result.agrees == false)
        #expect(result.diagnostics.first?.message == "figure 'f' computes 12.5% but the report states 13%")
    }
}
