import Foundation
import Testing
@testable import BilanCore

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
