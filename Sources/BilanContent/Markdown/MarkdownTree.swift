import BilanBase
import BilanInputs
import Foundation

/// A place in a section's Markdown source: a line and a column, both counted from 1,
/// columns in characters.
public struct SourcePosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Where a node stands in its Markdown source: lines and columns counted from 1.
///
/// Block columns are cmark's (bytes, which equal characters before a block's first
/// character: only markers and spaces stand there); inline columns are characters,
/// corrected by ``CommonMarkConverter`` where cmark's are wrong.
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

    /// The first character of the range.
    public var start: SourcePosition { SourcePosition(line: startLine, column: startColumn) }
}

/// A bullet or ordered list's attributes (its items are ``MarkdownNode/Kind/item`` nodes).
public struct MarkdownList: Sendable, Equatable {
    public var ordered: Bool
    public var start: Int
    public var tight: Bool
    /// For ordered lists: `)` instead of `.` after the number.
    public var parenthesis: Bool

    public init(ordered: Bool, start: Int, tight: Bool, parenthesis: Bool) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.parenthesis = parenthesis
    }
}

/// A link's or image's destination and title, and where the destination is written.
public struct MarkdownLink: Sendable, Equatable {
    public var destination: String
    public var title: String
    /// Where the destination starts in the source, for an inline link (`[a](here)`);
    /// nil for a reference link (whose destination is in its definition).
    public var destinationPosition: SourcePosition?
    /// The language of the page a link leads to, when it is not the section's (an HTML
    /// link's `hreflang`); set by the output stage.
    public var hreflang: String?
    /// A destination written as it is in Markdown, without the escaping cmark gives a
    /// URL (a Hugo `relref` shortcode, whose spaces and quotes must stay); set by the
    /// output stage.
    public var verbatimDestination: String?

    public init(destination: String, title: String, destinationPosition: SourcePosition? = nil) {
        self.destination = destination
        self.title = title
        self.destinationPosition = destinationPosition
    }
}

/// One node of a Markdown tree. A tree is stored flat, in document order: a node is
/// followed by its ``descendantCount`` descendants, so no walk, comparison or release
/// of a tree ever recurses, whatever its depth.
public struct MarkdownNode: Sendable, Equatable {
    /// What a node is, with what it holds but its children.
    public enum Kind: Sendable, Equatable {
        // Blocks
        case paragraph
        /// A heading, with its id in a file of its section (``HeadingAnchors``) once the
        /// Markdown stage has given it one.
        case heading(level: Int, id: String? = nil)
        case blockQuote
        case list(MarkdownList)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case thematicBreak
        /// Generated block content, written as it is: `html` in HTML, `markdown` in Markdown;
        /// `content` is what it shows, for outputs that are neither (the Word document).
        case generatedBlock(html: String, markdown: String, content: GeneratedContent? = nil)
        // Inlines
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case html(String)
        case emphasis
        case strong
        case link(MarkdownLink)
        case image(MarkdownLink)
        /// Generated inline content (a formatted figure, say): `html` in HTML, `markdown`
        /// in Markdown.
        case generated(html: String, markdown: String)
        /// A phrase in another language than its section's (`<span lang="fr">…</span>`
        /// in the source, see ``LanguageSpans``): its children are the phrase, the
        /// value a BCP 47 tag. Every output writes it as `<span lang="…">…</span>`.
        case language(String)
    }

    public var kind: Kind
    /// Where the node was in the source, when it came from parsing.
    public var range: SourceRange?
    /// How many nodes after this one are its descendants.
    public var descendantCount: Int
    /// For a text node whose literal differs from its source (backslash escapes,
    /// entities): the column of the source character at each of some byte offsets of
    /// the literal, in increasing order. Nil when the literal is the source verbatim.
    package var literalColumns: [LiteralColumn]?

    public init(_ kind: Kind, range: SourceRange? = nil, descendantCount: Int = 0) {
        self.kind = kind
        self.range = range
        self.descendantCount = descendantCount
    }

    /// A byte offset in a text node's literal and the source column it stands at.
    package struct LiteralColumn: Sendable, Equatable {
        package var offset: Int32
        package var column: Int32
    }

    /// Where the character at `offset` (in UTF-8 bytes) of this text node's literal
    /// stands in the source; nil when the node has no range. Text never spans lines.
    ///
    /// `known` is a place found before in the same literal, at an offset at most
    /// `offset`: characters are then counted from there, so that asking for each of
    /// many places of one long line in order reads the line once.
    package func position(
        ofLiteralOffset offset: Int, in literal: String, after known: (offset: Int, position: SourcePosition)? = nil
    ) -> SourcePosition? {
        guard let range else { return nil }
        var anchorOffset = 0
        var column = range.startColumn
        if let literalColumns {
            for anchor in literalColumns where Int(anchor.offset) <= offset {
                anchorOffset = Int(anchor.offset)
                column = Int(anchor.column)
            }
        }
        if let known, known.offset >= anchorOffset, known.offset <= offset {
            (anchorOffset, column) = (known.offset, known.position.column)
        }
        let utf8 = literal.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: min(anchorOffset, utf8.count))
        let to = utf8.index(utf8.startIndex, offsetBy: min(max(offset, anchorOffset), utf8.count))
        return SourcePosition(line: range.startLine, column: column + Self.characterCount(literal[from..<to]))
    }

    /// The characters of a piece of text, without building a string for ASCII.
    package static func characterCount(_ text: Substring) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }
}

/// A block of a parsed Markdown document and everything inside it, as owned Swift
/// values (no C pointers): its ``nodes``, the block first.
///
/// Generated blocks are never produced by parsing: the stages put them in place of
/// blocks they generate (charts, tables), with the exact text each output needs.
public struct MarkdownBlock: Sendable, Equatable {
    /// The block's node, then its descendants in document order.
    public internal(set) var nodes: [MarkdownNode]

    /// A block from its nodes: the first is the block, the others its descendants.
    package init(nodes: [MarkdownNode]) {
        self.nodes = nodes
    }

    /// Generated content, written as it is: `html` in HTML, `markdown` in Markdown.
    public static func generated(html: String, markdown: String, content: GeneratedContent? = nil) -> MarkdownBlock {
        MarkdownBlock(nodes: [MarkdownNode(.generatedBlock(html: html, markdown: markdown, content: content))])
    }

    /// Where the block was in the source, when it came from parsing.
    public var range: SourceRange? { nodes.first?.range }

    /// The block's own node.
    public var root: MarkdownNode.Kind? { nodes.first?.kind }
}

extension MarkdownNode {
    /// The plain text of an inline run (nodes in document order), as an image's alt
    /// text reads.
    public static func plainText<Nodes: Sequence<MarkdownNode>>(_ nodes: Nodes) -> String {
        var text = ""
        for node in nodes {
            switch node.kind {
            case .text(let value), .code(let value): text += value
            case .softBreak, .lineBreak: text += " "
            case .generated(_, let markdown): text += markdown
            default: break
            }
        }
        return text
    }
}

extension MarkdownNode {
    /// Whether ``plainText(_:)`` of these nodes has more than spaces and tabs; it stops
    /// at the first other character (an image's alt text is read once per image, and
    /// images can nest).
    public static func hasVisibleText<Nodes: Sequence<MarkdownNode>>(_ nodes: Nodes) -> Bool {
        for node in nodes {
            switch node.kind {
            case .text(let value), .code(let value), .generated(_, let value):
                if value.unicodeScalars.contains(where: { !CharacterSet.whitespaces.contains($0) }) { return true }
            default: break
            }
        }
        return false
    }
}

extension MarkdownBlock {
    /// The blocks as the Markdown outputs show them when raw HTML is not allowed, as
    /// cmark's safe HTML renderer does for the pages: raw HTML blocks and inline HTML
    /// left out, and links or images to a dangerous URL emptied (an image's alt text
    /// is kept as it is).
    public static func withoutRawHTML(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        // Most sections have nothing to leave out: no copy of their tree then.
        guard blocks.contains(where: \.hasRawHTMLOrDangerousURL) else { return blocks }
        var remover = RawHTMLRemover()
        return MarkdownRewriting.rewrite(blocks, with: &remover)
    }

    /// Whether ``withoutRawHTML(_:)`` would change this block.
    package var hasRawHTMLOrDangerousURL: Bool {
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            switch node.kind {
            case .htmlBlock, .html: return true
            case .link(let link):
                if MarkdownNode.isDangerous(link.destination, image: false) { return true }
            case .image(let link):
                if MarkdownNode.isDangerous(link.destination, image: true) { return true }
                // The alt text is left as it is.
                index += node.descendantCount
            default: break
            }
            index += 1
        }
        return false
    }
}

extension MarkdownBlock {
    /// The blocks with each image whose alt text holds another image given that alt text
    /// as plain text, as the HTML pages show it (`![a![b](y.png)](x.png)` becomes
    /// `![ab](x.png)`).
    ///
    /// cmark's CommonMark renderer looks up the block around every node it writes, a walk
    /// as long as the node is deep: images nested 16,000 deep took it seconds. Flattened,
    /// the walk is linear.
    public static func withNestedImagesFlattened(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        guard blocks.contains(where: \.hasNestedImage) else { return blocks }
        var flattener = NestedImageFlattener()
        return MarkdownRewriting.rewrite(blocks, with: &flattener)
    }

    /// Whether an image of this block holds another image in its alt text.
    package var hasNestedImage: Bool {
        var imageEnd = 0
        for (index, node) in nodes.enumerated() {
            guard case .image = node.kind else { continue }
            if index < imageEnd { return true }
            imageEnd = max(imageEnd, index + 1 + node.descendantCount)
        }
        return false
    }
}

/// Gives an image whose alt text holds another image its alt text as one text node; the
/// images inside are not visited, so each node is read once.
package struct NestedImageFlattener: MarkdownRewriter {
    package init() {}

    package mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite {
        guard case .image = node.kind, descendants.contains(where: { if case .image = $0.kind { true } else { false } })
        else { return .keep }
        var image = node
        image.descendantCount = 1
        return .replace([image, MarkdownNode(.text(MarkdownNode.plainText(descendants)))])
    }
}

/// Leaves out raw HTML (or puts `placeholder` in its place) and empties dangerous URLs,
/// but in images' alt text.
package struct RawHTMLRemover: MarkdownRewriter {
    /// What raw HTML becomes, as generated HTML with no Markdown; nil leaves it out.
    package var placeholder: String?

    package init(placeholder: String? = nil) {
        self.placeholder = placeholder
    }

    package mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite {
        switch node.kind {
        case .htmlBlock: return placeholder.map { .update(.generatedBlock(html: $0, markdown: "")) } ?? .remove
        case .html: return placeholder.map { .update(.generated(html: $0, markdown: "")) } ?? .remove
        case .link(var link):
            guard MarkdownNode.isDangerous(link.destination, image: false) else { return .keep }
            link.destination = ""
            return .update(.link(link))
        case .image(var link):
            // An image's children are its alt text, which cmark writes as escaped text
            // even when they hold raw HTML: left as they are.
            link.destination = MarkdownNode.isDangerous(link.destination, image: true) ? "" : link.destination
            var image = node
            image.kind = .image(link)
            return .replace([image] + descendants)
        default: return .keep
        }
    }
}

extension MarkdownNode {
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
        if image,
            ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(
                where: lowered.hasPrefix)
        {
            return false
        }
        return ["javascript:", "vbscript:", "file:", "data:"].contains(where: lowered.hasPrefix)
    }
}
