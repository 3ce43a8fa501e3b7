import BilanBase
package import BilanContent
import BilanInputs
import Foundation

/// Images as the pages show them: a photo as its resized copies (`srcset` and `sizes`,
/// with `width` and `height` so that nothing moves as it loads), and an image alone in
/// its paragraph with a title as a `<figure>` whose caption is the title
/// (`![alt](photo.jpg "Caption — credit")`: the credit after the last ` — `).
///
/// Only the report's pages are written so: cmark's own rendering of an image (the
/// CommonMark specification's) is untouched, and the Markdown outputs keep the title.
package enum PhotoHTML {
    /// How wide an image shows: the page's column (`main`: `--measure`, 44rem, its
    /// padding of 1.25rem a side inside it) or, on a narrower screen, the window less
    /// that padding.
    package static let sizes = "(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem"
    /// What separates a caption from its credit in an image's title.
    package static let creditSeparator = " \u{2014} "

    /// An `<img>` element: `source` is its `src`, `copies` (URL, width) its `srcset`
    /// (none for an image that is not a photo), `size` its `width` and `height`.
    package static func image(
        source: String, copies: [(url: String, width: Int)] = [], size: (width: Int, height: Int)?, alt: String,
        title: String
    ) -> String {
        var html = "<img src=\"\(HTMLEscaping.text(source))\""
        if copies.count > 1 {
            let set = copies.map { "\(HTMLEscaping.text($0.url)) \($0.width)w" }.joined(separator: ", ")
            html += " srcset=\"\(set)\" sizes=\"\(sizes)\""
        }
        if let size { html += " width=\"\(size.width)\" height=\"\(size.height)\"" }
        html += " alt=\"\(HTMLEscaping.text(alt))\""
        if !title.isEmpty { html += " title=\"\(HTMLEscaping.text(title))\"" }
        return html + " />"
    }

    /// A `<figure>` around an image, captioned by `title`: the credit, after the last
    /// ` — `, in its own `<small>`.
    package static func figure(image: String, title: String) -> String {
        var caption = HTMLEscaping.text(title)
        if let separator = title.range(of: creditSeparator, options: .backwards) {
            let text = String(title[..<separator.lowerBound])
            let credit = String(title[separator.upperBound...])
            caption =
                (text.isEmpty ? "" : HTMLEscaping.text(text) + " ")
                + "<small class=\"credit\">\(HTMLEscaping.text(credit))</small>"
        }
        return "<figure class=\"image\">\n\(image)\n<figcaption>\(caption)</figcaption>\n</figure>\n"
    }

    /// The one image of a paragraph that holds only that image, with a title: what
    /// becomes a figure. Nil for any other paragraph.
    package static func figureImage(_ descendants: ArraySlice<MarkdownNode>) -> MarkdownLink? {
        guard let first = descendants.first, case .image(let link) = first.kind,
            first.descendantCount + 1 == descendants.count,
            !link.title.trimmingCharacters(in: .whitespaces).isEmpty
        else { return nil }
        return link
    }
}
