import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender

/// A figure table for tests: `membres` is 233 (`233` in both languages), `fonds` is
/// `25 000 $` / `$25,000`, `ateliers` is 12.
struct StubFigures: FigureResolving {
    func resolve(_ reference: String, language: String) -> Result<ResolvedFigure, FigureReferenceProblem> {
        if case .failure(let error) = FigureReference.parse(reference) {
            return .failure(FigureReferenceProblem(code: error.code, message: error.message, offset: error.offset))
        }
        let name = reference.trimmingCharacters(in: .whitespaces)
        switch name {
        case "membres": return .success(ResolvedFigure(name: name, text: "233", trace: "membres = 233"))
        case "ateliers": return .success(ResolvedFigure(name: name, text: "12", trace: "ateliers = 12"))
        case "fonds":
            return .success(
                ResolvedFigure(
                    name: name, text: language == "fr" ? "25\u{00A0}000\u{00A0}$" : "$25,000", trace: "fonds = sum(f.m)"
                ))
        default: return .failure(FigureReferenceProblem(code: .unknownFigure, message: "unknown figure '\(name)'"))
        }
    }

    func formattedValues(language: String) -> [(name: String, text: String)] {
        [("membres", "233"), ("fonds", language == "fr" ? "25\u{00A0}000\u{00A0}$" : "$25,000"), ("ateliers", "12")]
    }
}

@Suite struct SectionRendererTests {
    func render(
        _ body: String, language: String = "fr", trace: Bool = false
    ) -> (html: String, markdown: String, diagnostics: [Diagnostic]) {
        let section = Section(
            key: "010-test", slug: "test", prefix: 10, language: language,
            file: "content/sections/010-test.\(language).md",
            title: "Test", status: .final, weight: nil, part: nil, translationOf: nil, translationOfLocation: nil,
            body: body, bodyFirstLine: 4)
        let context = SectionContext(
            projectRoot: FileManager.default.temporaryDirectory, sectionKeysByFile: [:],
            anchorsByKey: ["010-test": "test"],
            knownAnchors: ["test"], figures: StubFigures(), allowRawHTML: false, traceFigures: trace)
        let rendered = SectionRenderer.render(section, context: context)
        let links = OutputLinks(pageAnchors: [:], markdownAnchors: [:])
        return (
            CommonMarkConverter.renderHTML(links.rewrite(rendered.blocks, for: .page), allowRawHTML: false),
            CommonMarkConverter.renderCommonMark(
                links.rewrite(rendered.blocks, for: .reportMarkdown), allowRawHTML: false),
            rendered.diagnostics
                + AnchorLink.problems(
                    rendered.anchorLinks, in: section.key, language: language,
                    headings: [language: [section.key: .init(slug: section.slug, ids: rendered.headingIDs)]])
        )
    }

    @Test func figuresAreReplacedInEveryKindOfText() {
        let result = render(
            "# Nous sommes {{ membres }}\n\n- [{{ fonds }}](https://example.org) et *{{membres}}*\n\n![Logo {{"
                + " membres }}](https://example.org/a.png)\n"
        )
        #expect(
            result.html == """
                <h1 id="nous-sommes-membres">Nous sommes <span class="figure">233</span></h1>
                <ul>
                <li><a href="https://example.org"><span class="figure">25\u{00A0}000\u{00A0}$</span></a> et <em><span \
                class="figure">233</span></em></li>
                </ul>
                <p><img src="https://example.org/a.png" alt="Logo 233" /></p>

                """)
        // Only the `#` heading is worth a word: a section's headings start at `##`.
        #expect(result.diagnostics.map(\.code) == [.unsupportedMarkdown])
    }

    @Test func codeIsNeverReplaced() {
        let result = render("`{{ membres }}`\n\n```\n{{ fonds }} and \\{{ x }}\n```\n")
        #expect(
            result.html == "<p><code>{{ membres }}</code></p>\n<pre><code>{{ fonds }} and \\{{ x }}\n</code></pre>\n")
    }

    @Test func escapedBracesStayLiteral() {
        let result = render("Écrire \\{{ membres }} donne {{ membres }}; \\\\{{ membres }} aussi.\n")
        #expect(
            result.html
                == "<p>Écrire {{ membres }} donne <span class=\"figure\">233</span>; \\<span"
                + " class=\"figure\">233</span> aussi.</p>\n"
        )
    }

    @Test func unknownFigureIsLocatedInTheFile() {
        let result = render("Intro.\n\nLes {{ membre }} sont là.\n")
        #expect(result.diagnostics.count == 1)
        let diagnostic = result.diagnostics[0]
        #expect(diagnostic.code == .unknownFigure)
        // Body line 3 is file line 6 (the body starts on line 4); the column is that of `{{`.
        #expect(diagnostic.location == SourceLocation(file: "content/sections/010-test.fr.md", line: 6, column: 5))
    }

    @Test func aBadReferenceIsLocatedAtTheCharacterAtFault() {
        let result = render("Les {{ membres | pourcent }} sont là.\n")
        #expect(result.diagnostics.map(\.code) == [.invalidFormat])
        // `pourcent` starts at column 18 of file line 4.
        #expect(
            result.diagnostics.first?.location
                == SourceLocation(file: "content/sections/010-test.fr.md", line: 4, column: 18))
    }

    @Test func unclosedPlaceholderIsAnError() {
        let result = render("Les {{ membres sont là.\n")
        #expect(result.diagnostics.map(\.code) == [.figureSyntax])
    }

    @Test func markdownOutputShowsPlainFormattedValues() {
        let result = render("Environ {{ fonds }}.\n", language: "en")
        #expect(result.markdown == "Environ $25,000.\n")
    }

    @Test func draftsTraceEachFigure() {
        let result = render("{{ fonds }}\n", trace: true)
        #expect(result.html.contains("<span class=\"figure traced\" tabindex=\"0\">"))
        #expect(result.html.contains("<span class=\"figure-trace\" role=\"tooltip\">fonds = sum(f.m)</span>"))
    }

    @Test func handTypedFiguresAreFlagged() {
        let result = render(
            "Nous avons 233 membres et un fonds de 25 000 $, depuis 2018, le 18 juin, avec 5 ateliers.\n")
        #expect(result.diagnostics.map(\.code) == [.handTypedFigure, .handTypedFigure])
        #expect(result.diagnostics.map(\.figure) == ["membres", "fonds"])
        #expect(result.diagnostics.first?.location.column == 12)
    }

    /// A number matches a figure in the figure's unit only, and a number under 100 only a
    /// figure its section uses.
    @Test func handTypedFiguresMatchTheirUnitAndCommonNumbersTheirSection() {
        let units = render("Un fonds de 25 000 personnes, 233 $ de dons, 233 % de hausse.\n")
        #expect(units.diagnostics.isEmpty)
        let english = render("A $25,000 fund and 25,000 people.\n", language: "en")
        #expect(english.diagnostics.map(\.figure) == ["fonds"])
        #expect(english.diagnostics.first?.location.column == 4)
        #expect(render("Les 12 mois de l'année.\n").diagnostics.isEmpty)
        let used = render("{{ ateliers }} ateliers, soit 12 en tout.\n")
        #expect(used.diagnostics.map(\.figure) == ["ateliers"])
    }

    @Test func imagesWithoutAltAreFlagged() {
        let result = render("![](https://example.org/a.png)\n")
        #expect(result.diagnostics.map(\.code) == [.missingAlt])
    }

    @Test func rawHTMLIsLeftOutByDefault() {
        let result = render("<script>alert('x')</script>\n\nTexte <b>gras</b>.\n")
        #expect(
            result.html
                == "<!-- raw HTML omitted -->\n<p>Texte <!-- raw HTML omitted -->gras<!-- raw HTML omitted -->.</p>\n")
    }

    /// Each problem at its own place, on any line of a paragraph, past escapes.
    @Test func everyProblemIsAtItsOwnPlace() {
        let body =
            "> Les {{ membres }} membres,\n>   soit 233 en tout, et \\{{ pas }} {{ membres | pourcent }}\n"
            + ">   puis ![](https://example.org/a.png) et [ici](#nulle-part), [là](#nulle-part).\n"
        let places = render(body).diagnostics.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code)" }
        #expect(
            places == [
                "5:10 hand-typed-figure", "5:50 invalid-format",
                "6:14 missing-alt", "6:50 broken-link", "6:69 broken-link",
            ])
    }
}
