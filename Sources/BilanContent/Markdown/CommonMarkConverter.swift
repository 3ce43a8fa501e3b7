internal import CCMark
import Foundation
import BilanBase
import BilanInputs

/// The only place bilan touches libcmark: parses Markdown into ``MarkdownBlock`` values
/// and renders such values back to HTML or CommonMark through cmark's own renderers.
///
/// Every cmark node is created and freed inside one call; no C pointer leaves this file.
public enum CommonMarkConverter {
    /// Parses CommonMark text into owned Swift values, with the source range of each block.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        var source = markdown
        let root: OpaquePointer? = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let root else { return [] }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)
        return blocks(childrenOf: root)
    }

    /// Renders blocks to HTML exactly as cmark does. Raw HTML in the author's text is
    /// replaced by `<!-- raw HTML omitted -->` and dangerous link schemes are dropped
    /// unless `allowRawHTML`; generated (`custom`) content is always kept.
    public static func renderHTML(_ blocks: [MarkdownBlock], allowRawHTML: Bool) -> String {
        render(blocks, markdown: false) { root in
            cmark_render_html(root, allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
        }
    }

    /// Renders blocks back to CommonMark text (no line wrapping). Unless `allowRawHTML`,
    /// raw HTML is left out and dangerous link schemes dropped, as in ``renderHTML``.
    public static func renderCommonMark(_ blocks: [MarkdownBlock], allowRawHTML: Bool) -> String {
        render(allowRawHTML ? blocks : MarkdownBlock.withoutRawHTML(blocks), markdown: true) { root in
            cmark_render_commonmark(root, CMARK_OPT_UNSAFE, 0)
        }
    }

    // MARK: - C tree to Swift values

    private static func blocks(childrenOf parent: OpaquePointer) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            if let block = block(node) { result.append(block) }
            child = cmark_node_next(node)
        }
        return result
    }

    private static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        let range = sourceRange(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(childrenOf: node), range)
        case CMARK_NODE_HEADING:
            return .heading(
                level: Int(cmark_node_get_heading_level(node)), inlines(childrenOf: node), range)
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(blocks(childrenOf: node), range)
        case CMARK_NODE_LIST:
            var items: [[MarkdownBlock]] = []
            var itemRanges: [SourceRange?] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                items.append(blocks(childrenOf: item))
                itemRanges.append(sourceRange(item))
                child = cmark_node_next(item)
            }
            let list = MarkdownList(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                parenthesis: cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM,
                items: items, itemRanges: itemRanges)
            return .list(list, range)
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(
                info: string(cmark_node_get_fence_info(node)),
                literal: string(cmark_node_get_literal(node)), range)
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(string(cmark_node_get_literal(node)), range)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(range)
        default:
            return nil
        }
    }

    private static func inlines(childrenOf parent: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            if let inline = inline(node) { result.append(inline) }
            child = cmark_node_next(node)
        }
        return result
    }

    private static func inline(_ node: OpaquePointer) -> MarkdownInline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlines(childrenOf: node))
        case CMARK_NODE_STRONG: return .strong(inlines(childrenOf: node))
        case CMARK_NODE_LINK:
            return .link(
                destination: string(cmark_node_get_url(node)),
                title: string(cmark_node_get_title(node)), inlines(childrenOf: node))
        case CMARK_NODE_IMAGE:
            return .image(
                source: string(cmark_node_get_url(node)),
                title: string(cmark_node_get_title(node)), inlines(childrenOf: node))
        default:
            return nil
        }
    }

    private static func sourceRange(_ node: OpaquePointer) -> SourceRange {
        SourceRange(
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node)))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    // MARK: - Swift values to a C tree, rendered and freed

    private static func render(
        _ blocks: [MarkdownBlock], markdown: Bool,
        with renderer: (OpaquePointer) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        guard let root = cmark_node_new(CMARK_NODE_DOCUMENT) else { return "" }
        defer { cmark_node_free(root) }
        let builder = TreeBuilder(markdown: markdown)
        for block in blocks { builder.append(block, to: root) }
        guard let output = renderer(root) else { return "" }
        defer { free(output) }
        return String(cString: output)
    }

    /// Builds cmark nodes from Swift values; `generated` content takes the text of the
    /// output being rendered.
    private struct TreeBuilder {
        package var markdown: Bool

        package func append(_ block: MarkdownBlock, to parent: OpaquePointer) {
            let node: OpaquePointer?
            switch block {
            case .paragraph(let children, _):
                node = cmark_node_new(CMARK_NODE_PARAGRAPH)
                children.forEach { append($0, to: node!) }
            case .heading(let level, let children, _):
                node = cmark_node_new(CMARK_NODE_HEADING)
                cmark_node_set_heading_level(node, Int32(level))
                children.forEach { append($0, to: node!) }
            case .blockQuote(let children, _):
                node = cmark_node_new(CMARK_NODE_BLOCK_QUOTE)
                children.forEach { append($0, to: node!) }
            case .list(let list, _):
                node = cmark_node_new(CMARK_NODE_LIST)
                cmark_node_set_list_type(node, list.ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
                if list.ordered {
                    cmark_node_set_list_start(node, Int32(list.start))
                    cmark_node_set_list_delim(node, list.parenthesis ? CMARK_PAREN_DELIM : CMARK_PERIOD_DELIM)
                }
                cmark_node_set_list_tight(node, list.tight ? 1 : 0)
                for item in list.items {
                    let itemNode = cmark_node_new(CMARK_NODE_ITEM)!
                    item.forEach { append($0, to: itemNode) }
                    cmark_node_append_child(node, itemNode)
                }
            case .codeBlock(let info, let literal, _):
                node = cmark_node_new(CMARK_NODE_CODE_BLOCK)
                cmark_node_set_fence_info(node, info)
                cmark_node_set_literal(node, literal)
            case .htmlBlock(let literal, _):
                node = cmark_node_new(CMARK_NODE_HTML_BLOCK)
                cmark_node_set_literal(node, literal)
            case .thematicBreak:
                node = cmark_node_new(CMARK_NODE_THEMATIC_BREAK)
            case .generated(let html, let markdownText):
                node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
                cmark_node_set_on_enter(node, markdown ? markdownText : html)
            }
            cmark_node_append_child(parent, node)
        }

        package func append(_ inline: MarkdownInline, to parent: OpaquePointer) {
            let node: OpaquePointer?
            switch inline {
            case .text(let literal):
                node = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(node, literal)
            case .softBreak:
                node = cmark_node_new(CMARK_NODE_SOFTBREAK)
            case .lineBreak:
                node = cmark_node_new(CMARK_NODE_LINEBREAK)
            case .code(let literal):
                node = cmark_node_new(CMARK_NODE_CODE)
                cmark_node_set_literal(node, literal)
            case .html(let literal):
                node = cmark_node_new(CMARK_NODE_HTML_INLINE)
                cmark_node_set_literal(node, literal)
            case .emphasis(let children):
                node = cmark_node_new(CMARK_NODE_EMPH)
                children.forEach { append($0, to: node!) }
            case .strong(let children):
                node = cmark_node_new(CMARK_NODE_STRONG)
                children.forEach { append($0, to: node!) }
            case .link(let destination, let title, let children):
                node = cmark_node_new(CMARK_NODE_LINK)
                cmark_node_set_url(node, destination)
                cmark_node_set_title(node, title)
                children.forEach { append($0, to: node!) }
            case .image(let source, let title, let children):
                node = cmark_node_new(CMARK_NODE_IMAGE)
                cmark_node_set_url(node, source)
                cmark_node_set_title(node, title)
                children.forEach { append($0, to: node!) }
            case .generated(let html, let markdownText):
                node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                cmark_node_set_on_enter(node, markdown ? markdownText : html)
            }
            cmark_node_append_child(parent, node)
        }
    }
}
