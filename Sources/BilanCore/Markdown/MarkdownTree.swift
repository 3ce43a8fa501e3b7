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
