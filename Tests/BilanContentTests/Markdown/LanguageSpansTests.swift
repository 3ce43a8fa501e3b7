import Testing

@testable import BilanContent

/// `<span lang="…">…</span>`: a phrase in another language, grouped into one
/// `language` node whatever is inside, written with its tag in HTML and Markdown.
@Suite struct LanguageSpansTests {
    private func grouped(_ markdown: String, allowRawHTML: Bool = false) -> ([MarkdownBlock], [String]) {
        var problems: [LanguageSpans.Problem] = []
        let blocks = CommonMarkConverter.parse(markdown).map {
            LanguageSpans.grouped($0, allowRawHTML: allowRawHTML, problems: &problems)
        }
        return (blocks, problems.map { "\($0.position?.line ?? 0):\($0.position?.column ?? 0)" })
    }

    @Test func aSpanBecomesOneNodeHoldingThePhrase() throws {
        let (blocks, problems) = grouped("The <span lang=\"fr\">Banque *alimentaire*</span> helps.\n")
        #expect(problems.isEmpty)
        let kinds = try #require(blocks.first).nodes.map(\.kind)
        #expect(
            kinds == [
                .paragraph, .text("The "), .language("fr"), .text("Banque "), .emphasis, .text("alimentaire"),
                .text(" helps."),
            ])
        let counts = try #require(blocks.first).nodes.map(\.descendantCount)
        #expect(counts == [6, 0, 3, 0, 1, 0, 0])
        #expect(
            CommonMarkConverter.renderHTML(blocks, allowRawHTML: false)
                == "<p>The <span lang=\"fr\">Banque <em>alimentaire</em></span> helps.</p>\n")
        #expect(
            CommonMarkConverter.renderCommonMark(blocks, allowRawHTML: false)
                == "The <span lang=\"fr\">Banque *alimentaire*</span> helps.\n")
    }

    @Test func spansNestInsideEmphasisAndLinks() throws {
        let (blocks, problems) = grouped("*a <span lang='fr-CA'>b</span>* [<span lang=\"iu\">c</span>](x.md)\n")
        #expect(problems.isEmpty)
        #expect(
            CommonMarkConverter.renderHTML(blocks, allowRawHTML: false)
                == "<p><em>a <span lang=\"fr-CA\">b</span></em> <a href=\"x.md\"><span lang=\"iu\">c</span></a></p>\n")
    }

    @Test func misusesAreLocatedAndThePhraseIsKept() {
        let (blocks, problems) = grouped(
            "<span lang=\"x_y\">a</span> <span lang=\"fr\">b\n\nc</span> <span lang=\"fr\" id=\"z\">d</span>\n")
        #expect(problems == ["1:1", "1:27", "3:2", "3:10", "3:34"])
        #expect(
            CommonMarkConverter.renderHTML(blocks, allowRawHTML: false)
                == "<p>a <!-- raw HTML omitted -->b</p>\n<p>c<!-- raw HTML omitted --> "
                + "<!-- raw HTML omitted -->d<!-- raw HTML omitted --></p>\n")
    }

    @Test func withRawHTMLOtherSpansAreTheAuthors() {
        let (_, problems) = grouped("<span class=\"x\">a</span>\n", allowRawHTML: true)
        #expect(problems.isEmpty)
    }

    @Test func tagsAreBCP47WithAnISOLanguage() {
        #expect(LanguageSpans.tagProblem("fr") == nil)
        #expect(LanguageSpans.tagProblem("en-CA") == nil)
        #expect(LanguageSpans.tagProblem("iu-Latn") == nil)
        #expect(LanguageSpans.tagProblem("french") != nil)
        #expect(LanguageSpans.tagProblem("zz") != nil)
        #expect(LanguageSpans.tagProblem("fr--CA") != nil)
        #expect(LanguageSpans.tagProblem("") != nil)
        #expect(LanguageSpans.mark("<span lang=\"fr\">") == .open(tag: "fr"))
        #expect(LanguageSpans.mark("<SPAN LANG=\"fr\" >") == .open(tag: "fr"))
        #expect(LanguageSpans.mark("<span>") == .openOther)
        #expect(LanguageSpans.mark("</span >") == .close)
        #expect(LanguageSpans.mark("<spanish>") == nil)
        #expect(LanguageSpans.mark("<em>") == nil)
    }
}
