import Foundation
import Testing

@testable import BilanBase
@testable import BilanContent

/// Images nested in each other's alt text (issue 14, item 11): written back to Markdown
/// with their alt text as plain text, as the HTML shows it, in time linear in the depth.
/// cmark's CommonMark renderer walks up to the block around every node it writes, so the
/// 16,000 nested images below took it over 20 seconds before they were flattened.
@Suite struct NestedImagesTests {
    @Test func sixteenThousandNestedImagesRenderFlat() {
        let depth = 16_000
        let source = String(repeating: "![a", count: depth) + String(repeating: "](x.png)", count: depth) + "\n"
        let blocks = CommonMarkConverter.parse(source)
        #expect(blocks.first?.hasNestedImage == true)
        let alt = String(repeating: "a", count: depth)
        #expect(CommonMarkConverter.renderCommonMark(blocks, allowRawHTML: false) == "![\(alt)](x.png)\n")
        #expect(
            CommonMarkConverter.renderHTML(blocks, allowRawHTML: false)
                == "<p><img src=\"x.png\" alt=\"\(alt)\" /></p>\n")
    }

    @Test func imagesWithoutImagesInsideAreLeftAsWritten() {
        let blocks = CommonMarkConverter.parse("![un *chat* `x`](chat.png) et ![b](b.png)\n")
        #expect(blocks.first?.hasNestedImage == false)
        #expect(MarkdownBlock.withNestedImagesFlattened(blocks) == blocks)
        #expect(
            CommonMarkConverter.renderCommonMark(blocks, allowRawHTML: false)
                == "![un *chat* `x`](chat.png) et ![b](b.png)\n")
    }

    @Test func theAltTextOfANestedImageIsItsPlainText() {
        let blocks = CommonMarkConverter.parse("![le *logo* ![de CLES](y.png) ici](x.png)\n")
        #expect(CommonMarkConverter.renderCommonMark(blocks, allowRawHTML: false) == "![le logo de CLES ici](x.png)\n")
    }
}
