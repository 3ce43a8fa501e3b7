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
        // A heading's id in a page of every section follows its section's slug.
        #expect(links.url("bilan-section:020-membres#aga", for: .page) == "#membres--aga")
        #expect(links.url("bilan-section:020-membres#aga", for: .reportMarkdown) == "#membres--aga")
        #expect(links.url("bilan-section:020-membres#aga", for: .sectionMarkdown) == "020-membres.md#aga")
        // The section's own slug as a fragment is the section.
        #expect(links.url("bilan-section:020-membres#membres", for: .page) == "#membres")
        #expect(links.url("bilan-section:020-membres#membres", for: .sectionMarkdown) == "020-membres.md")
    }

    @Test func hugoPagesLinkThroughRelrefAndHoldNoShortcodeOfTheText() {
        #expect(links.url("bilan-section:020-membres#aga", for: .hugoPage) == #"{{< relref path="/membres#aga" >}}"#)
        #expect(
            links.url("bilan-language:en/040-donors", for: .hugoPage) == #"{{< relref path="/donors" lang="en" >}}"#)
        #expect(links.url("bilan-file:content/assets/a b.jpg", for: .hugoPage) == "assets/a%20b.jpg")
        let blocks = CommonMarkConverter.parse("[les membres](bilan-section:020-membres) {{% x %}} et {{< y >}}\n")
        let markdown = CommonMarkConverter.renderCommonMark(links.rewrite(blocks, for: .hugoPage), allowRawHTML: false)
        #expect(markdown == #"[les membres]({{< relref path="/membres" >}}) {{\% x %}} et {{\< y \>}}"# + "\n")
    }

    @Test func otherLanguageLinksLeadToThatLanguagesPage() {
        #expect(links.url("bilan-language:en/040-donors#thanks", for: .page) == "../en/index.html#donors--thanks")
        #expect(links.url("bilan-language:en/040-donors", for: .page) == "../en/index.html#donors")
        #expect(
            links.url("bilan-language:en/040-donors#thanks", for: .sectionMarkdown)
                == "../../en/sections/040-donors.md#thanks")
        #expect(
            links.url("bilan-language:en/040-donors#thanks", for: .reportMarkdown) == "../en/report.md#donors--thanks")
        let blocks = CommonMarkConverter.parse("[x](bilan-language:en/040-donors)\n")
        let html = CommonMarkConverter.renderHTML(links.rewrite(blocks, for: .page), allowRawHTML: false)
        #expect(html == "<p><a href=\"../en/index.html#donors\" hreflang=\"en\">x</a></p>\n")
        let markdown = CommonMarkConverter.renderCommonMark(
            links.rewrite(blocks, for: .sectionMarkdown), allowRawHTML: false)
        #expect(markdown == "[x](../../en/sections/040-donors.md)\n")
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
