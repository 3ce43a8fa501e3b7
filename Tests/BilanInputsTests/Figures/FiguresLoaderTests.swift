import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Reading figures.yaml: both forms, exact numbers, positions, and located errors.
@Suite struct FiguresLoaderTests {
    private func load(_ yaml: String) -> FiguresFile {
        FiguresLoader.parse(yaml, file: FigureFixtures.file)
    }

    private func problems(_ yaml: String) -> [String] {
        load(yaml).diagnostics.map(FigureFixtures.summary)
    }

    @Test func shortAndLongFormsInFileOrder() throws {
        let file = load(
            """
            membres_individuelles: sum(membres.nombre where type = "individuelle")
            participantes_formations: sum(formations.participantes)
            moyenne_par_formation:
              value: participantes_formations / count(formations)
              format: number
              decimals: 1
              label: Moyenne
              note: par formation
            mentions_medias:
              value: sum(mentions_medias.mentions)
              stated: 30
            fonds_solidarite:
              value: sum(fonds.montant)
              format: currency
            """)
        #expect(file.diagnostics.isEmpty)
        #expect(
            file.definitions.map(\.name) == [
                "membres_individuelles", "participantes_formations", "moyenne_par_formation",
                "mentions_medias", "fonds_solidarite",
            ])
        #expect(file.definitions.allSatisfy { $0.expression != nil })
        let moyenne = file.definitions[2]
        #expect(moyenne.source == "participantes_formations / count(formations)")
        #expect(moyenne.display == FigureDisplay(format: .number, decimals: 1))
        #expect(moyenne.location == SourceLocation(file: FigureFixtures.file, line: 3, column: 1))
        let mentions = file.definitions[3]
        #expect(mentions.display == .default)
        #expect(
            mentions.stated
                == StatedValue(
                    value: 30, location: SourceLocation(file: FigureFixtures.file, line: 11, column: 3)))
        #expect(file.definitions[4].display == FigureDisplay(format: .currency))
    }

    @Test func numbersAreReadExactlyFromTheirDigits() throws {
        let file = load(
            """
            a: 25000
            b:
              value: 12.5
              stated: 0.1
            c:
              value: 1
              stated: 12345678901234567890.123456789
            d:
              value: -3
              stated: -2.50
            """)
        #expect(file.diagnostics.isEmpty)
        #expect(file.definitions[0].expression?.kind == .number(25000))
        #expect(file.definitions[1].expression?.kind == .number(FigureFixtures.decimal("12.5")))
        #expect(file.definitions[1].stated?.value == FigureFixtures.decimal("0.1"))
        #expect("\(file.definitions[2].stated?.value ?? 0)" == "12345678901234567890.123456789")
        #expect(file.definitions[3].stated?.value == FigureFixtures.decimal("-2.5"))
    }

    @Test func emptyFileHasNoFigures() {
        #expect(load("").definitions.isEmpty)
        #expect(load("# only a comment\n").diagnostics.isEmpty)
    }

    @Test func missingFileMeansNoFigures() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-no-figures-\(UUID())")
        let file = FiguresLoader.load(projectFolder: folder)
        #expect(file.definitions.isEmpty && file.diagnostics.isEmpty)
    }

    @Test func readsTheProjectFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-figures-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        try Data("\u{FEFF}x: 1 +\r\ny: x\r\n".utf8).write(to: folder.appendingPathComponent(FiguresLoader.path))
        let file = FiguresLoader.load(projectFolder: folder)
        #expect(file.definitions.map(\.name) == ["x", "y"])
        #expect(file.diagnostics.map(FigureFixtures.summary) == ["1:7 figure-syntax"])
    }

    // MARK: Positions in the file

    @Test func syntaxErrorInAPlainScalar() {
        #expect(problems("a: 1\nb: sum(t.c where x == 1)") == ["2:20 figure-syntax"])
    }

    @Test func syntaxErrorInADoubleQuotedScalar() {
        // The column counts the opening quote.
        #expect(problems(#"a: "sum(t.c where x == 1)""#) == ["1:21 figure-syntax"])
        #expect(problems(#"a: "count(t where x = \"é\" and)""#) == ["1:32 figure-syntax"])
    }

    @Test func syntaxErrorInASingleQuotedScalar() {
        #expect(problems("a: 'sum(t.c where x == 1)'") == ["1:21 figure-syntax"])
    }

    @Test func syntaxErrorInAValueKey() {
        #expect(problems("a:\n  value: 2 * * 3\n  format: number") == ["2:14 figure-syntax"])
    }

    @Test func syntaxErrorOnAContinuationLine() {
        let yaml = """
            a: sum(t.c where x = 1
              and y ! 2)
            """
        #expect(problems(yaml) == ["2:9 figure-syntax"])
    }

    @Test func syntaxErrorInABlockScalar() {
        let yaml = """
            a:
              value: |
                1 +
                  sum(t.c where x $ 1)
            """
        #expect(problems(yaml) == ["4:23 figure-syntax"])
        let folded = """
            a: >-
              1 +
              2 $ 3
            """
        #expect(problems(folded) == ["3:5 figure-syntax"])
    }

    @Test func syntaxErrorMessageNamesTheFigure() {
        #expect(
            load("x: 1 +").diagnostics.first?.message
                == "figure 'x': expected a number, a figure name or a function, found the end of the expression")
        #expect(load("x: 1 +").diagnostics.first?.figure == "x")
    }

    @Test func figureWithASyntaxErrorIsStillDefined() {
        let file = load("x: 1 +\ny: x")
        #expect(file.definitions.map(\.name) == ["x", "y"])
        #expect(file.definitions[0].expression == nil)
    }

    // MARK: Errors

    @Test func yamlSyntaxErrorsAreLocated() {
        let file = load("a: 1\nb: [1, 2\nc: 3")
        #expect(file.diagnostics.count == 1)
        #expect(file.diagnostics.first?.code == .yamlSyntax)
        #expect(file.diagnostics.first?.location.line == 3)
        #expect(problems("a: 1\n  b: 2") == ["2:4 yaml-syntax"])
        #expect(problems("a: \"open") == ["1:9 yaml-syntax"])
        #expect(problems("a: 1\nb: x\u{07}") == ["2:5 yaml-syntax"])
        #expect(
            load("a: 1\n  b: 2").diagnostics.first?.message
                == "invalid YAML: mapping values are not allowed in this context")
    }

    @Test func duplicateFigureIsAYamlError() {
        let file = load("a: 1\nb: 2\na: 3")
        #expect(file.diagnostics.map(FigureFixtures.summary) == ["1:1 yaml-syntax"])
        #expect(file.diagnostics.first?.message == "invalid YAML: 'a' is written more than once in the same map")
    }

    @Test func topLevelMustBeAMap() {
        #expect(problems("- a\n- b") == ["1:1 invalid-figure"])
        #expect(problems("just text") == ["1:1 invalid-figure"])
    }

    @Test func invalidNames() {
        #expect(
            problems("Membres: 1\n2x: 1\nmembres-2: 1\nok: 1") == [
                "1:1 invalid-figure", "2:1 invalid-figure", "3:1 invalid-figure",
            ])
        #expect(load("Membres: 1\nok: 1").definitions.map(\.name) == ["ok"])
    }

    @Test func unknownAndMissingKeys() {
        let yaml = """
            a:
              valeur: 1
            b:
              value: 1
              formt: number
            """
        let file = load(yaml)
        #expect(
            file.diagnostics.map(FigureFixtures.summary) == [
                "2:3 invalid-figure", "1:1 invalid-figure", "5:3 invalid-figure",
            ])
        #expect(
            file.diagnostics[0].message
                == "unknown key 'valeur' in figure 'a'; expected value, format, decimals, stated, label or note")
        #expect(file.diagnostics[1].message == "figure 'a' has no 'value'")
        #expect(file.definitions.map(\.name) == ["a", "b"])
        #expect(file.definitions[0].expression == nil)
        #expect(file.definitions[1].expression != nil)
    }

    @Test func emptyValue() {
        #expect(problems("a:\nb: 1") == ["1:3 invalid-figure"])
        #expect(problems("a:\n  value: \"\"") == ["2:10 invalid-figure"])
        #expect(problems("a: [1, 2]") == ["1:4 invalid-figure"])
        #expect(problems("a:\n  value: [1]") == ["2:10 invalid-figure"])
    }

    @Test func formatAndDecimals() {
        let yaml = """
            a:
              value: 1
              format: percentage
            b:
              value: 1
              decimals: 7
            c:
              value: 1
              decimals: 1.5
            d:
              value: 1
              format: integer
              decimals: 2
            e:
              value: 1
              format: percent
              decimals: 0
            """
        let file = load(yaml)
        #expect(
            file.diagnostics.map(FigureFixtures.summary) == [
                "3:11 invalid-format", "6:13 invalid-format", "9:13 invalid-format", "13:13 invalid-format",
            ])
        #expect(
            file.diagnostics[0].message
                == "unknown format 'percentage' for figure 'a'; expected integer, number, percent, currency")
        #expect(file.definitions[4].display == FigureDisplay(format: .percent, decimals: 0))
    }

    @Test func statedMustBeANumber() {
        #expect(problems("a:\n  value: 1\n  stated: trente") == ["3:11 invalid-figure"])
        #expect(problems("a:\n  value: 1\n  stated: 1e3") == ["3:11 invalid-figure"])
        #expect(problems("a:\n  value: 1\n  stated: [30]") == ["3:11 invalid-figure"])
    }

    @Test func everyLoaderProblemNamesItsFigure() {
        let file = load("a:\n  value: 1\n  stated: x\n  format: y\nb: 1 +")
        #expect(file.diagnostics.map(\.figure) == ["a", "a", "b"])
    }
}
