import Foundation
import Testing

@testable import BilanBase
@testable import BilanContent
@testable import BilanRender
@testable import BilanInputs

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
                key: "010-example", slug: "example", prefix: 10, language: "en",
                file: "content/sections/010-example.en.md",
                title: "Example", status: .final, weight: nil, part: nil, translationOf: nil,
                translationOfLocation: nil,
                body: example.markdown, bodyFirstLine: 4)
            let context = SectionContext(
                projectRoot: FileManager.default.temporaryDirectory.appendingPathComponent("no-such-project"),
                sectionKeysByFile: [:], anchorsByKey: [:], knownAnchors: [], figures: StubFigures(), allowRawHTML: true,
                traceFigures: false)
            let rendered = SectionRenderer.render(section, context: context)
            let links = OutputLinks(pageAnchors: [:], markdownAnchors: [:])
            let html = CommonMarkConverter.renderHTML(links.rewrite(rendered.blocks, for: .page), allowRawHTML: true)
            // The stage gives each heading an id, cmark none: the rest is cmark's.
            let withoutIDs = html.replacingOccurrences(
                of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
            // Example 500's `#fragment` names a heading of the section, whose id in the page
            // follows the section's slug (`#example--fragment`).
            if withoutIDs != example.html, example.example != 500 { failures.append(example.example) }
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

/// Inline source ranges, checked against the source text itself.
@Suite struct InlinePositionTests {
    /// The source line `line` (from 1), as cmark splits lines.
    static func line(_ line: Int, of source: String) -> Substring? {
        let lines = SectionRenderer.lines(source)
        return line >= 1 && line <= lines.count ? lines[line - 1] : nil
    }

    /// Whether the source at `position` reads `expected`.
    static func source(_ source: String, at position: SourcePosition, reads expected: String) -> Bool {
        guard let text = line(position.line, of: source), position.column >= 1 else { return false }
        return text.dropFirst(position.column - 1).hasPrefix(expected)
    }

    /// Every text node that cmark copies from the source verbatim, and every inline
    /// link's destination, stands where its range says, in every CommonMark example.
    @Test func everyVerbatimTextOfTheSpecIsWhereItsRangeSays() {
        var misplaced: [String] = []
        var checked = 0
        // Example 215 is a setext heading after a link reference definition, in one
        // paragraph: cmark's lines for it are wrong, and so are its range's.
        for example in CommonMarkConverterTests.examples where example.example != 215 {
            for block in CommonMarkConverter.parse(example.markdown) {
                for node in block.nodes {
                    switch node.kind {
                    case .text(let literal) where node.literalColumns == nil:
                        guard let range = node.range else {
                            misplaced.append("\(example.example): \(literal) has no range")
                            continue
                        }
                        checked += 1
                        if !Self.source(example.markdown, at: range.start, reads: literal) {
                            misplaced.append(
                                "\(example.example): '\(literal)' at \(range.startLine):\(range.startColumn)")
                        }
                    case .text(let literal):
                        // After each escape or entity, the literal goes on as the source does.
                        guard let range = node.range, let anchors = node.literalColumns, !anchors.isEmpty else {
                            misplaced.append("\(example.example): '\(literal)' has no columns")
                            continue
                        }
                        for anchor in anchors where Int(anchor.offset) < literal.utf8.count {
                            checked += 1
                            let rest = String(decoding: literal.utf8.dropFirst(Int(anchor.offset)), as: UTF8.self)
                            let at = SourcePosition(line: range.startLine, column: Int(anchor.column))
                            if !["\\", "&", String(rest.prefix(1))].contains(where: {
                                Self.source(example.markdown, at: at, reads: $0)
                            }) {
                                misplaced.append("\(example.example): '\(rest)' at \(at.line):\(at.column)")
                            }
                        }
                    case .link(let link), .image(let link):
                        guard let position = link.destinationPosition, !link.destination.isEmpty,
                            !example.markdown.contains("&"), !example.markdown.contains("\\")
                        else { continue }
                        checked += 1
                        if !Self.source(example.markdown, at: position, reads: link.destination) {
                            misplaced.append(
                                "\(example.example): <\(link.destination)> at \(position.line):\(position.column)")
                        }
                    default:
                        break
                    }
                }
            }
        }
        #expect(checked > 900)
        #expect(misplaced.isEmpty, "\(misplaced.count) misplaced: \(misplaced.prefix(40).joined(separator: "\n"))")
    }
}

extension InlinePositionTests {
    /// Where the text `{{ x }}` is reported, as the section stage sees it.
    static func places(_ markdown: String) -> [String] {
        var places: [String] = []
        for block in CommonMarkConverter.parse(markdown) {
            for node in block.nodes {
                guard case .text(let literal) = node.kind,
                    let offset = literal.utf8.firstRange(of: "{{".utf8)?.lowerBound,
                    let position = node.position(
                        ofLiteralOffset: literal.utf8.distance(from: literal.utf8.startIndex, to: offset), in: literal)
                else { continue }
                places.append("\(position.line):\(position.column)")
            }
        }
        return places
    }

    /// Lines that cmark places wrongly (cmark issue #296), each checked by hand.
    @Test func inlinePlacesAreRightWhereCmarksAreNot() {
        // Indented later lines, and a lazy one.
        #expect(Self.places("a {{ x }}\n   b {{ x }}\n") == ["1:3", "2:6"])
        #expect(Self.places("> a {{ x }}\n>    b {{ x }}\nlazy {{ y }}\n") == ["1:5", "2:8", "3:6"])
        #expect(Self.places("  1.  A {{ x }}\n    with {{ y }}\n") == ["1:9", "2:10"])
        // Bytes are not characters; tabs are one character.
        #expect(Self.places("- é {{ x }}\n  \tb {{ x }}\n") == ["1:5", "2:6"])
        // A combining mark joins its letter; a narrow no-break space is one character.
        #expect(Self.places("e\u{301} {{ x }} 25\u{202F}000 *a* {{ y }}\n") == ["1:3", "1:22"])
        // A backslash line break, which cmark does not count as a line.
        #expect(Self.places("a\\\nb {{ x }}\n") == ["2:3"])
        // Reference definitions before the text.
        #expect(Self.places("[r]: /u\n[r] {{ x }}\n") == ["2:5"])
        // Escapes and entities before the place.
        #expect(Self.places("\\* &amp; &#233; {{ x }}\n") == ["1:17"])
        // CRLF and CR line endings.
        #expect(Self.places("a\r\n  b {{ x }}\r\n") == ["2:5"])
        #expect(Self.places("a\r  b {{ x }}\r") == ["2:5"])
    }
}
