import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

@Suite struct CommonMarkConverterTests {
    struct Example: Decodable {
        var example: Int
        var markdown: String
        var html: String
    }

    static let examples: [Example] = {
        let data = try! FixtureFiles.data("commonmark/spec-0.30.json")
        return try! JSONDecoder().decode([Example].self, from: data)
    }()

    @Test func parsingAndRenderingKeepsEverySpecExample() {
        #expect(Self.examples.count == 652)
        var failures: [Int] = []
        for example in Self.examples {
            let blocks = CommonMarkConverter.parse(example.markdown)
            let html = CommonMarkConverter.renderHTML(blocks, allowRawHTML: true)
            if html != example.html { failures.append(example.example) }
        }
        #expect(failures.isEmpty, "examples that differ: \(failures)")
    }

    /// The whole Markdown stage, not only the converter: each example as a section.
    @Test func everySpecExampleRendersAsCmarkThroughTheSectionStage() {
        var failures: [Int] = []
        for example in Self.examples {
            let section = Section(
                key: "010-example", slug: "example", prefix: 10, language: "en", file: "content/sections/010-example.en.md",
                title: "Example", status: .final, weight: nil, part: nil, translationOf: nil, translationOfLocation: nil,
                body: example.markdown, bodyFirstLine: 4)
            let context = SectionContext(
                projectRoot: FileManager.default.temporaryDirectory.appendingPathComponent("no-such-project"),
                sectionKeysByFile: [:], anchorsByKey: [:], knownAnchors: [], figures: StubFigures(), allowRawHTML: true,
                traceFigures: false)
            let rendered = SectionRenderer.render(section, context: context)
            let links = OutputLinks(pageAnchors: [:], markdownAnchors: [:])
            let html = CommonMarkConverter.renderHTML(links.rewrite(rendered.blocks, for: .page), allowRawHTML: true)
            if html != example.html { failures.append(example.example) }
        }
        #expect(failures.isEmpty, "examples that differ: \(failures)")
    }

    @Test func safeModeOmitsRawHTML() {
        let blocks = CommonMarkConverter.parse("<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
        let html = CommonMarkConverter.renderHTML(blocks, allowRawHTML: false)
        #expect(html == "<!-- raw HTML omitted -->\n<p><a href=\"\">x</a></p>\n")
    }

    @Test func blocksKeepTheirSourceLines() {
        let blocks = CommonMarkConverter.parse("# Title\n\nText\non two lines\n\n```chart\ntype: bar\n```\n")
        #expect(blocks.map { $0.range?.startLine } == [1, 3, 6])
        #expect(blocks.map { $0.range?.endLine } == [1, 4, 8])
    }
}
