import Testing

@testable import BilanBase
@testable import BilanInputs

/// The inside of `{{ … }}` in a section: a name and an optional forced display.
@Suite struct FigureReferenceTests {
    private func parse(_ text: String) -> FigureReference? {
        try? FigureReference.parse(text).get()
    }

    private func error(_ text: String) -> FigureReference.SyntaxError? {
        guard case .failure(let error) = FigureReference.parse(text) else { return nil }
        return error
    }

    @Test func nameAlone() {
        #expect(parse("membres") == FigureReference(name: "membres", display: nil))
        #expect(parse("  fonds_solidarite  ") == FigureReference(name: "fonds_solidarite", display: nil))
    }

    @Test func forcedDisplays() {
        #expect(parse("x | integer")?.display == FigureDisplay(format: .integer))
        #expect(parse("x | number:1")?.display == FigureDisplay(format: .number, decimals: 1))
        #expect(parse("x|percent:1")?.display == FigureDisplay(format: .percent, decimals: 1))
        #expect(parse(" x | currency : 2 ")?.display == FigureDisplay(format: .currency, decimals: 2))
        #expect(parse("x | percent")?.display == FigureDisplay(format: .percent))
        #expect(parse("x | number:0")?.display == FigureDisplay(format: .number, decimals: 0))
    }

    @Test func displayForADefinition() throws {
        let definition = try #require(
            FiguresLoader.parse("x:\n  value: 0.125\n  format: percent\n  decimals: 2").definitions.first)
        #expect(try #require(parse("x")).display(for: definition) == FigureDisplay(format: .percent, decimals: 2))
        #expect(try #require(parse("x | number")).display(for: definition) == FigureDisplay(format: .number))
    }

    @Test(arguments: [
        ("", DiagnosticCode.figureSyntax, 0, "expected a figure name"),
        ("   ", .figureSyntax, 3, "expected a figure name"),
        (" | integer", .figureSyntax, 1, "expected a figure name"),
        (
            "Membres", .figureSyntax, 0,
            "'Membres' is not a figure name: figure names use lowercase letters, digits and '_'"
        ),
        ("a b", .figureSyntax, 2, "expected '|' and a format after the figure name"),
        ("a |", .invalidFormat, 3, "expected a format; expected integer, number, percent, currency"),
        ("a | money", .invalidFormat, 4, "unknown format 'money'; expected integer, number, percent, currency"),
        ("a | number:", .invalidFormat, 11, "the number of decimals must be a whole number from 0 to 6"),
        ("a | number:7", .invalidFormat, 11, "the number of decimals must be a whole number from 0 to 6"),
        ("a | number:-1", .invalidFormat, 11, "the number of decimals must be a whole number from 0 to 6"),
        ("a | integer:1", .invalidFormat, 11, "an integer has no decimals; write 'number:1'"),
        ("a | number:1 x", .figureSyntax, 13, "unexpected 'x' after the format"),
        ("a | number 1", .figureSyntax, 11, "unexpected '1' after the format"),
        (
            "é | number", .figureSyntax, 0,
            "'é' is not a figure name: figure names use lowercase letters, digits and '_'"
        ),
    ])
    func syntaxErrors(text: String, code: DiagnosticCode, offset: Int, message: String) {
        #expect(error(text) == FigureReference.SyntaxError(code: code, offset: offset, message: message))
    }
}
