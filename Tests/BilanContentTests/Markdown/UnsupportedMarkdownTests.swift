import Testing

@testable import BilanContent

/// What CommonMark would publish as literal text: pipe tables and footnote marks.
@Suite struct UnsupportedMarkdownTests {
    @Test func aPipeTableNeedsItsDelimiterRow() throws {
        let table = try #require(
            UnsupportedMarkdown.pipeTable(["| Année | Montant |", "|---:|:-:|", "| 2023 | a \\| b |"]))
        #expect(table.header == ["Année", "Montant"])
        #expect(table.rows == [["2023", "a | b"]])
        #expect(UnsupportedMarkdown.pipeTable(["a | b", "c | d"]) == nil)
        #expect(UnsupportedMarkdown.pipeTable(["| a |"]) == nil)
        #expect(UnsupportedMarkdown.pipeTable(["a | b", "--- | ---"]) != nil)
        #expect(UnsupportedMarkdown.pipeTable(["a | b", "| - x |"]) == nil)
    }

    @Test func theTableBlockQuotesWhatYAMLWouldMisread() {
        let block = UnsupportedMarkdown.tableBlock(
            header: ["Nom", "Rôle: titre"], rows: [["Myriam", ""], ["a, b", "c"], ["d", "e"]])
        #expect(block == #"```table columns: [Nom, "Rôle: titre"] rows: [[Myriam, ""], ["a, b", c], …] ```"#)
    }

    @Test func footnoteMarksAreFoundByOffset() {
        #expect(UnsupportedMarkdown.footnoteOffsets("Les dons[^1] et[^note].") == [8, 15])
        #expect(UnsupportedMarkdown.footnoteOffsets("[^] [^ a] [x]") == [])
    }
}
