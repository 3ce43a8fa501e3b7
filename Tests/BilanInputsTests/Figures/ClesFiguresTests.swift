import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// The figures of CLES's 2023–2024 activity report, on small tables that hold its data.
@Suite struct ClesFiguresTests {
    static let figuresYAML = """
        membres_individuelles: sum(membres.nombre where type = "individuelle")
        membres_associatives: sum(membres.nombre where type = "associative")
        membres_total: membres_individuelles + membres_associatives
        accompagnements: count(accompagnements)
        femmes_accompagnees: distinct(accompagnements.femme)
        participantes_formations: sum(formations.participantes)
        moyenne_par_formation:
          value: participantes_formations / count(formations)
          format: number
          decimals: 1
        mentions_medias:
          value: sum(mentions_medias.mentions)
          stated: 30
        fonds_solidarite:
          value: sum(fonds.montant)
          format: currency
        part_individuelles:
          value: membres_individuelles / membres_total
          format: percent
        """

    /// 253 accompaniments of 101 women: the first 51 were accompanied 3 times, the
    /// other 50 twice.
    static let tables: [DataTable] = [
        FigureFixtures.table(
            "membres", ["type", "nombre"], [["individuelle", "233"], ["associative", "53"]]),
        FigureFixtures.table(
            "accompagnements", ["femme"],
            (1...101).flatMap { woman in
                Array(repeating: ["F\(woman)"], count: woman <= 51 ? 3 : 2)
            }),
        FigureFixtures.table(
            "formations", ["titre", "participantes"],
            [
                ["Exploitation sexuelle 101", "11"], ["Intervention", "10"], ["Autodéfense", "12"],
                ["Sensibilisation", "8"],
            ]),
        FigureFixtures.table("fonds", ["montant"], [["25000"]]),
        FigureFixtures.table(
            "mentions_medias", ["sujet", "mentions"],
            [
                ["Grand Prix", "18"], ["Loi C-36", "1"], ["Webinaire", "1"], ["Balado", "1"],
                ["Radio", "1"], ["Journée du 8 mars", "8"], ["Télévision", "1"], ["Presse écrite", "1"],
                ["Web", "1"],
            ]),
    ]

    private let outcome = FigureFixtures.evaluate(figuresYAML, tables)

    @Test func values() {
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.value("membres_individuelles") == 233)
        #expect(outcome.value("membres_associatives") == 53)
        #expect(outcome.value("membres_total") == 286)
        #expect(outcome.value("accompagnements") == 253)
        #expect(outcome.value("femmes_accompagnees") == 101)
        #expect(outcome.value("participantes_formations") == 41)
        #expect(outcome.value("moyenne_par_formation") == FigureFixtures.decimal("10.25"))
        #expect(outcome.value("mentions_medias") == 33)
        #expect(outcome.value("fonds_solidarite") == 25000)
    }

    @Test func formattedInBothLanguages() throws {
        let french = FigureFormatter(localeIdentifier: "fr-CA")
        let english = FigureFormatter(localeIdentifier: "en-CA")
        func both(_ name: String) throws -> [String] {
            let figure = try #require(outcome.evaluation[name])
            return [french, english].map { $0.format(figure.value, as: figure.definition.display) }
        }
        #expect(try both("membres_individuelles") == ["233", "233"])
        #expect(try both("moyenne_par_formation") == ["10,3", "10.3"])
        #expect(try both("fonds_solidarite") == ["25\u{00A0}000\u{00A0}$", "$25,000"])
        #expect(try both("part_individuelles") == ["81,5\u{00A0}%", "81.5%"])
    }

    @Test func theThirtyMediaMentionsAreCaught() {
        let warnings = StatedValueCheck.diagnostics(for: outcome.evaluation)
        #expect(
            warnings == [
                Diagnostic.warning(
                    .statedMismatch, "figure 'mentions_medias' computes 33 but the report states 30",
                    at: SourceLocation(file: FigureFixtures.file, line: 13, column: 3)
                ).about(figure: "mentions_medias")
            ])
    }

    @Test func traceableToTheirDataFiles() {
        #expect(outcome.evaluation["membres_total"]?.sources == ["content/data/membres.csv"])
        #expect(outcome.evaluation["moyenne_par_formation"]?.sources == ["content/data/formations.csv"])
        #expect(outcome.evaluation["mentions_medias"]?.sources == ["content/data/mentions_medias.csv"])
    }
}
