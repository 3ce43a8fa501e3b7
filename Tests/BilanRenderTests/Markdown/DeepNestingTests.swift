import Foundation
import Synchronization
import Testing

@testable import BilanBase
@testable import BilanContent
@testable import BilanRender
@testable import BilanInputs

/// Sections nested far deeper than any report (issue 14): the Markdown stage, the
/// outputs' rewriting and rendering, comparing and releasing the trees, all on a
/// thread with the 512 KiB stack of a Dispatch worker (where `ParallelMap` runs them).
@Suite struct DeepNestingTests {
    /// Runs `work` on a thread with a Dispatch worker's stack, and waits for it.
    static func onWorkerStack(_ work: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            work()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
    }

    /// The whole Markdown stage and every output of one section, on a worker's stack.
    static func build(_ body: String) -> (html: Int, markdown: Int, diagnostics: [Diagnostic]) {
        let section = Section(
            key: "010-deep", slug: "deep", prefix: 10, language: "fr", file: "content/sections/010-deep.fr.md",
            title: "Deep", status: .final, weight: nil, part: nil, translationOf: nil, translationOfLocation: nil,
            body: body, bodyFirstLine: 4)
        let context = SectionContext(
            projectRoot: FileManager.default.temporaryDirectory, sectionKeysByFile: [:],
            anchorsByKey: ["010-deep": "deep"],
            knownAnchors: ["deep"], figures: StubFigures(), allowRawHTML: false, traceFigures: false)
        let result = Mutex<(Int, Int, [Diagnostic])>((0, 0, []))
        onWorkerStack {
            var rendered: ParsedSection? = SectionRenderer.render(section, context: context)
            guard let blocks = rendered?.blocks else { return }
            let links = OutputLinks(pageAnchors: [:], markdownAnchors: [:])
            let output = RenderedSection.output(blocks, section, links, allowRawHTML: false)
            // Compared and released here too, on the small stack.
            var again: [MarkdownBlock]? = CommonMarkConverter.parse(body)
            _ = again == blocks
            let diagnostics = rendered?.diagnostics ?? []
            rendered = nil
            again = nil
            result.withLock { $0 = (output.html.utf8.count, output.sectionFile.count, diagnostics) }
        }
        let (html, markdown, diagnostics) = result.withLock { $0 }
        return (html, markdown, diagnostics)
    }

    @Test func twentyThousandNestedBlockQuotes() {
        let prefix = String(repeating: "> ", count: 20_000)
        let result = Self.build(prefix + "tout au fond, {{ membres }}\n" + prefix + "et {{ inconnu }}\n")
        #expect(result.html > 20_000 * "<blockquote>".count)
        #expect(result.markdown > 0)
        // The second line's problem is on that line, past its 20,000 markers.
        #expect(result.diagnostics.map(\.location.description) == ["content/sections/010-deep.fr.md:5:40004"])
    }

    @Test func twentyThousandNestedListItems() {
        let bullets = Self.build(String(repeating: "- ", count: 20_000) + "a {{ inconnu }}\n")
        #expect(bullets.html > 20_000 * "<ul>".count)
        #expect(bullets.diagnostics.map(\.location.description) == ["content/sections/010-deep.fr.md:4:40003"])
        let numbers = Self.build(String(repeating: "1. ", count: 20_000) + "a\n")
        #expect(numbers.html > 20_000 * "<ol>".count)
    }

    @Test func oneHundredThousandStars() {
        let stars = String(repeating: "*", count: 50_000)
        let result = Self.build(stars + "a {{ inconnu }}" + stars + "\n")
        #expect(result.html > 25_000 * "<strong>".count)
        #expect(result.diagnostics.map(\.location.description) == ["content/sections/010-deep.fr.md:4:50003"])
        let bullets = Self.build(String(repeating: "* ", count: 50_000) + "a\n")
        #expect(bullets.html > 50_000 * "<ul>".count)
    }

    @Test func deeplyNestedLinksAndImages() {
        let images = Self.build(
            String(repeating: "![a", count: 16_000) + String(repeating: "](b.png)", count: 16_000) + "\n")
        #expect(images.html > 0)
        let links = Self.build(
            String(repeating: "[a", count: 20_000) + String(repeating: "](#nope)", count: 20_000) + "\n")
        #expect(links.html > 0)
    }
}
