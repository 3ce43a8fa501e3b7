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

    @Test func aFractionForAPercentSaysWhatToWrite() {
        let result = check("0.347", "  format: percent\n  stated: 0.347")
        #expect(result.agrees == false)
        #expect(
            result.diagnostics.first?.message == "figure 'f' computes 34.7% but the report states 0.347%; "
                + "'stated' is written in percent, as the report prints it: stated: 34.7")
    }

    @Test func aMarginAgreesEitherWay() {
        #expect(check("28812", "  stated: 28800 ± 50").agrees == true)
        #expect(check("28750", "  stated: 28800 +- 50").agrees == true)
        #expect(check("28749", "  stated: 28800 ± 50").agrees == false)
        #expect(check("0.126", "  format: percent\n  stated: 12.5 ± 0.1").agrees == true)
        let result = check("28900", "  stated: 28800 ± 50")
        #expect(result.diagnostics.first?.message == "figure 'f' computes 28900 but the report states 28800 ± 50")
    }

    @Test func aboutAllowsHalfAUnitOfTheLastDigit() {
        #expect(check("28849", "  stated: ~28800").agrees == true)
        #expect(check("28851", "  stated: ~28800").agrees == false)
        #expect(check("34", "  stated: ~30").agrees == true)
        #expect(check("36", "  stated: ~30").agrees == false)
        #expect(check("0.1254", "  format: percent\n  decimals: 2\n  stated: ~12.5").agrees == true)
        #expect(StatedValue.halfUnit(ofLastDigitOf: "28800") == 50)
        #expect(StatedValue.halfUnit(ofLastDigitOf: "7") == FigureFixtures.decimal("0.5"))
        #expect(StatedValue.halfUnit(ofLastDigitOf: "0") == FigureFixtures.decimal("0.5"))
        #expect(StatedValue.halfUnit(ofLastDigitOf: "12.50") == FigureFixtures.decimal("0.005"))
    }

    @Test func aMarginThatIsNotANumberIsAnError() {
        for stated in ["28800 ± -5", "~", "28800 ±", "about 28800", "~~3"] {
            let outcome = FigureFixtures.evaluate("f:\n  value: 1\n  stated: \"\(stated)\"")
            #expect(outcome.problems == ["3:11 invalid-figure"], "\(stated)")
        }
    }
}
