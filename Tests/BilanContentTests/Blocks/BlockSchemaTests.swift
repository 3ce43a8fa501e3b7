import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
import BilanTestSupport

/// What a fenced block's YAML is told when its map is badly shaped — unknown keys, missing
/// keys, values of the wrong type — pinned as a snapshot with each block's diagnostics.
@Suite struct BlockSchemaTests {
    static let cases: [(kind: BlockKind, yaml: String)] = [
        (.chart, ""),
        (.chart, "- type: column"),
        (.chart, "type: camembert\ndata: dons\nx: annee\ny: montant\ntitle: T"),
        (.chart, "type: [column]\ndata: dons"),
        (.chart, "type: column\ncouleur: x\nx: [annee]\ntitle: {}"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: []\ntitle: T\nid: Bad_Id\nlabels: x"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: [montant, [x]]\ntitle: T\nlabels: { montant: [M] }"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\nformat: [x]"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\nformat: pourcent"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\nformat: integer\ndecimals: 1"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\ndecimals: 9"),
        (.chart, "type: column\ndata: dons\nx: sujet\ny: montant\ntitle: T\naggregate: total"),
        (.chart, "type: column\ndata: dons\nx: sujet\ny: montant\ntitle: T\naggregate: sum"),
        (.chart, "type: column\ndata: dons\nx: sujet\ny: montant\ntitle: T\ngroup: [sujet]\nsort: {}"),
        (.chart, "type: column\ndata: dons\nx: annee\ny: montant\ntitle: T\nwhere: 'annee >'"),
        (.table, "data: dons"),
        (.table, "columns: [annee]\ncolonnes: x"),
        (.table, "data: dons\ncolumns: x"),
        (.table, "data: dons\ncolumns: { annee: { label: A, format: text, titre: x }, montant: [M] }"),
        (.table, "data: dons\ncolumns: { montant: { format: pourcent } }\ncaption: [C]"),
        (.table, "data: dons\ncolumns: [annee, [x]]\ntotal: {}"),
        (.table, "columns: [A, B]\nrows: x\nwhere: x\nsort: a"),
        (.table, "columns: { a: A }\nrows: [[1, 2]]"),
        (.table, "columns: [A, B]\nrows: [[1], x, [1, [2]]]"),
        (.keyfigures, "figure: a"),
        (.keyfigures, "- { figure: a }\n- x\n- { figure: [a], label: L, extra: 1 }"),
    ]

    @Test func blocksWithBadlyShapedMaps() {
        let table = DataTable(
            name: "dons", file: "content/data/dons.csv", columns: ["annee", "sujet", "montant"],
            rows: [[.number(2022), .text("Logement"), .number(1200)]], rowLines: [2], columnLines: [1, 1, 1])
        let context = BlockContext(
            language: "fr", tables: ["dons": table], unreadableTables: [],
            formatter: FigureFormatter(localeIdentifier: "fr-CA"), figures: BlockRendererTests.NoFigures(),
            traceFigures: false, strings: nil)
        let fence = SourceLocation(file: "s.md", line: 10, column: 1)
        let text = Self.cases.map { kind, yaml in
            let diagnostics = BlockRenderer.render(
                kind, yaml: yaml, reader: YAMLReader(file: "s.md", lineOffset: 10), fence: fence, context: context,
                defaultID: "s-1"
            ).diagnostics
            return "## \(kind.rawValue)\n\(yaml)\n--\n" + DiagnosticReport.text(DiagnosticList(diagnostics).sorted)
        }.joined(separator: "\n")
        let file = SourceTree.fixtures.appendingPathComponent("snapshots/yaml-schema/blocks.txt")
        assertSnapshot(text, matches: file)
    }
}
