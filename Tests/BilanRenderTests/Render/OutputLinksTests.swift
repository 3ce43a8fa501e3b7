import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender

@Suite struct OutputLinksTests {
    let links = OutputLinks(
        pageAnchors: ["020-membres": "membres"], markdownAnchors: ["020-membres": "membres-et-militantisme"])

    @Test func sectionLinksPointAtTheSectionInEachOutput() {
        #expect(links.url("bilan-section:020-membres", for: .page) == "#membres")
        #expect(links.url("bilan-section:020-membres", for: .reportMarkdown) == "#membres-et-militantisme")
        #expect(links.url("bilan-section:020-membres", for: .sectionMarkdown) == "020-membres.md")
        #expect(links.url("bilan-section:020-membres#aga", for: .page) == "#aga")
        #expect(links.url("bilan-section:020-membres#aga", for: .sectionMarkdown) == "020-membres.md#aga")
    }

    @Test func fileLinksAreRelativeToEachOutputFile() {
        #expect(
            links.url("bilan-file:content/assets/cuisine collective.jpg", for: .page)
                == "../assets/cuisine%20collective.jpg")
        #expect(
            links.url("bilan-file:content/assets/plan.pdf#page=2", for: .sectionMarkdown)
                == "../../assets/plan.pdf#page=2")
        #expect(links.url("bilan-file:notes/lisez-moi.txt", for: .reportMarkdown) == "../files/notes/lisez-moi.txt")
        #expect(links.url("https://example.org/#x", for: .page) == "https://example.org/#x")
    }

    @Test func onlyAChartsImageLineIsRewritten() {
        let markdown = "![Dons](bilan-chart:dons.svg)\n\n| Sujet |\n| --- |\n| a \\](bilan-chart:x.svg) |"
        let block = MarkdownBlock.generated(html: "<figure></figure>", markdown: markdown)
        let expected = "![Dons](../charts/dons.svg)\n\n| Sujet |\n| --- |\n| a \\](bilan-chart:x.svg) |"
        #expect(
            links.rewrite([block], for: .sectionMarkdown) == [.generated(html: "<figure></figure>", markdown: expected)]
        )
        #expect(
            links.rewrite([block], for: .reportMarkdown) == [
                .generated(
                    html: "<figure></figure>",
                    markdown: expected.replacingOccurrences(of: "../charts/", with: "charts/"))
            ])
        #expect(links.rewrite([block], for: .page) == [block])
        // A table's Markdown that merely contains the scheme is left alone.
        let table = MarkdownBlock.generated(html: "<table></table>", markdown: "| a \\](bilan-chart:x.svg) |")
        #expect(links.rewrite([table], for: .reportMarkdown) == [table])
    }
}
