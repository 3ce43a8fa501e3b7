import BilanBase
import BilanInputs
/// Where a block stands in its Markdown source: lines and columns counted from 1.
public struct SourceRange: Hashable, Sendable {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }
}

/// A block of a parsed Markdown document, as owned Swift values (no C pointers).
///
/// The `generated` case is never produced by parsing: the stages put it in place of
/// blocks they generate (charts, tables), with the exact text each output needs.
public indirect enum MarkdownBlock: Sendable, Equatable {
    case paragraph([MarkdownInline], SourceRange?)
    case heading(level: Int, [MarkdownInline], SourceRange?)
    case blockQuote([MarkdownBlock], SourceRange?)
    case list(MarkdownList, SourceRange?)
    case codeBlock(info: String, literal: String, SourceRange?)
    case htmlBlock(String, SourceRange?)
    case thematicBreak(SourceRange?)
    /// Generated content, written as it is: `html` in HTML, `markdown` in Markdown.
    case generated(html: String, markdown: String)

    /// Where the block was in the source, when it came from parsing.
    public var range: SourceRange? {
        switch self {
        case .paragraph(_, let range), .heading(_, _, let range), .blockQuote(_, let range),
            .list(_, let range), .codeBlock(_, _, let range), .htmlBlock(_, let range),
            .thematicBreak(let range):
            return range
        case .generated:
            return nil
        }
    }
}

/// A bullet or ordered list and its items (each item a list of blocks).
public struct MarkdownList: Sendable, Equatable {
    public var ordered: Bool
    public var start: Int
    public var tight: Bool
    /// For ordered lists: `)` instead of `.` after the number.
    public var parenthesis: Bool
    public var items: [[MarkdownBlock]]
    /// Where each item was in the source.
    public var itemRanges: [SourceRange?]

    public init(
        ordered: Bool, start: Int, tight: Bool, parenthesis: Bool, items: [[MarkdownBlock]],
        itemRanges: [SourceRange?]
    ) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.parenthesis = parenthesis
        self.items = items
        self.itemRanges = itemRanges
    }
}

/// An inline element of a paragraph or heading, as owned Swift values.
public indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(destination: String, title: String, [MarkdownInline])
    case image(source: String, title: String, [MarkdownInline])
    /// Generated content (a formatted figure, say): `html` in HTML, `markdown` in Markdown.
    case generated(html: String, markdown: String)

    /// The plain text of an inline run, as an image's alt text reads.
    public static func plainText(_ inlines: [MarkdownInline]) -> String {
        var text = ""
        for inline in inlines {
            switch inline {
            case .text(let value), .code(let value): text += value
            case .softBreak, .lineBreak: text += " "
            case .html: break
            case .generated(_, let markdown): text += markdown
            case .emphasis(let children), .strong(let children), .link(_, _, let children),
                .image(_, _, let children):
                text += plainText(children)
            }
        }
        return text
    }
}

extension MarkdownBlock {
    /// The blocks as the Markdown outputs show them when raw HTML is not allowed, as
    /// cmark's safe HTML renderer does for the pages: raw HTML blocks and inline HTML
    /// left out, and links or images to a dangerous URL emptied.
    public static func withoutRawHTML(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        // Most sections have nothing to leave out: no copy of their tree then.
        guard blocks.contains(where: \.hasRawHTMLOrDangerousURL) else { return blocks }
        return blocks.compactMap { block in
            switch block {
            case .paragraph(let inlines, let range): return .paragraph(MarkdownInline.withoutRawHTML(inlines), range)
            case .heading(let level, let inlines, let range): return .heading(level: level, MarkdownInline.withoutRawHTML(inlines), range)
            case .blockQuote(let children, let range): return .blockQuote(withoutRawHTML(children), range)
            case .list(var list, let range):
                list.items = list.items.map { withoutRawHTML($0) }
                return .list(list, range)
            case .htmlBlock: return nil
            case .codeBlock, .thematicBreak, .generated: return block
            }
        }
    }
}

extension MarkdownBlock {
    /// Whether ``withoutRawHTML(_:)`` would change this block.
    package var hasRawHTMLOrDangerousURL: Bool {
        switch self {
        case .paragraph(let inlines, _), .heading(_, let inlines, _): return inlines.contains(where: \.hasRawHTMLOrDangerousURL)
        case .blockQuote(let children, _): return children.contains(where: \.hasRawHTMLOrDangerousURL)
        case .list(let list, _): return list.items.contains { $0.contains(where: \.hasRawHTMLOrDangerousURL) }
        case .htmlBlock: return true
        case .codeBlock, .thematicBreak, .generated: return false
        }
    }
}

extension MarkdownInline {
    /// Whether ``withoutRawHTML(_:)`` would change this inline.
    package var hasRawHTMLOrDangerousURL: Bool {
        switch self {
        case .html: return true
        case .emphasis(let children), .strong(let children): return children.contains(where: \.hasRawHTMLOrDangerousURL)
        case .link(let destination, _, let children):
            return Self.isDangerous(destination, image: false) || children.contains(where: \.hasRawHTMLOrDangerousURL)
        case .image(let source, _, _): return Self.isDangerous(source, image: true)
        case .text, .softBreak, .lineBreak, .code, .generated: return false
        }
    }

    package static func withoutRawHTML(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        inlines.compactMap { inline in
            switch inline {
            case .html: return nil
            case .emphasis(let children): return .emphasis(withoutRawHTML(children))
            case .strong(let children): return .strong(withoutRawHTML(children))
            case .link(let destination, let title, let children):
                return .link(destination: isDangerous(destination, image: false) ? "" : destination, title: title, withoutRawHTML(children))
            case .image(let source, let title, let children):
                return .image(source: isDangerous(source, image: true) ? "" : source, title: title, children)
            case .text, .softBreak, .lineBreak, .code, .generated: return inline
            }
        }
    }

    /// Whether a link or image URL would run code or read local files in a browser:
    /// `javascript:`, `vbscript:`, `file:` and `data:` (but for PNG, GIF, JPEG and WebP
    /// images), as cmark judges them, and as browsers read them: after leading spaces
    /// and control characters, with tabs and line breaks removed.
    public static func isDangerous(_ url: String, image: Bool) -> Bool {
        // The first 24 scalars that count (only a prefix is compared), without building
        // a filtered copy of the whole URL.
        var kept = String.UnicodeScalarView()
        var count = 0
        var leading = true
        for scalar in url.unicodeScalars {
            if leading, scalar.value <= 0x20 { continue }
            leading = false
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            kept.append(scalar)
            count += 1
            if count == 24 { break }
        }
        let lowered = String(kept).lowercased()
        if image, ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: lowered.hasPrefix) {
            return false
        }
        return ["javascript:", "vbscript:", "file:", "data:"].contains(where: lowered.hasPrefix)
    }
}
