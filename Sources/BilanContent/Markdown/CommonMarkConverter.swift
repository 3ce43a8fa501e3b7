import BilanBase
import BilanInputs
internal import CCMark
import Foundation

/// The only place bilan touches libcmark: parses Markdown into ``MarkdownBlock`` values
/// and renders such values back to HTML or CommonMark through cmark's own renderers.
///
/// Every cmark node is created and freed inside one call; no C pointer leaves this file.
public enum CommonMarkConverter {
    /// Parses CommonMark text into owned Swift values, with the source range of every
    /// block and inline node.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        var source = markdown
        return source.withUTF8 { bytes in
            let root = bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS)
            }
            guard let root else { return [] }
            defer { cmark_node_free(root) }
            cmark_consolidate_text_nodes(root)
            var reader = TreeReader(source: bytes)
            return reader.read(root)
        }
    }

    /// Renders blocks to HTML exactly as cmark does. Raw HTML in the author's text is
    /// replaced by `<!-- raw HTML omitted -->` and dangerous link schemes are dropped
    /// unless `allowRawHTML`; generated (`custom`) content is always kept. A heading
    /// with an id is written `<hN id="…">`, its id after `headingIDPrefix`.
    public static func renderHTML(
        _ blocks: [MarkdownBlock], allowRawHTML: Bool, headingIDPrefix: String = ""
    ) -> String {
        render(blocks, markdown: false, headingIDPrefix: headingIDPrefix) { root in
            cmark_render_html(root, allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
        }
    }

    /// Renders blocks back to CommonMark text (no line wrapping). Unless `allowRawHTML`,
    /// raw HTML is left out and dangerous link schemes dropped, as in ``renderHTML``. A
    /// heading with an id ends with the attribute `{#…}` that Hugo, Jekyll (kramdown)
    /// and pandoc read, its id after `headingIDPrefix`.
    public static func renderCommonMark(
        _ blocks: [MarkdownBlock], allowRawHTML: Bool, headingIDPrefix: String = ""
    ) -> String {
        let blocks = MarkdownBlock.withNestedImagesFlattened(
            allowRawHTML ? blocks : MarkdownBlock.withoutRawHTML(blocks))
        return render(blocks, markdown: true, headingIDPrefix: headingIDPrefix) { root in
            cmark_render_commonmark(root, CMARK_OPT_UNSAFE, 0)
        }
    }

    // MARK: - C tree to Swift values

    /// Reads cmark's tree into flat Swift nodes with cmark's iterator (no recursion),
    /// giving every inline node its place in the source.
    ///
    /// cmark 0.30's inline positions are wrong in places (cmark issue #296), and are
    /// corrected here from the source bytes, deterministically:
    /// - on a paragraph's or setext heading's second and later lines, cmark adds the
    ///   first line's indentation to each column instead of that line's own: its
    ///   container prefix (`>` markers, list indentation) and leading spaces are
    ///   measured on the line itself (lazy lines included);
    /// - cmark counts columns in bytes (a tab is one, `é` two): they are turned into
    ///   characters, as every bilan diagnostic counts them;
    /// - a text node's literal differs from its source after a backslash escape or an
    ///   entity (`\*`, `&amp;`): the columns after each are kept (``MarkdownNode/literalColumns``);
    /// - softbreaks and line breaks have no position (they stay without a range); a
    ///   code span's range is that of its content, inside the backticks;
    /// - a link's destination gets its own place (after `](`), found from the end of
    ///   the link text in the source; reference links have none.
    /// The paragraph or heading whose inlines ``TreeReader`` reads, and where that
    /// reading stands.
    private struct InlineBlock {
        /// cmark's first line and column of the block.
        var startLine = 0
        var column = 0
        /// The block quotes around it.
        var quotes = 0
        /// An ATX heading: one line, whose columns cmark gets right.
        var atx = false
        /// The line being read, and cmark's line for it.
        var line = 0
        var cmarkLine = 0
        /// The byte of `line` from which cmark's columns (less the block's) count; nil
        /// right after a line break.
        var base: Int?

        init() {}

        init(range: SourceRange, quotes: Int, atx: Bool) {
            startLine = range.startLine
            column = range.startColumn
            self.quotes = quotes
            self.atx = atx
            line = range.startLine
            cmarkLine = range.startLine
            base = range.startColumn - 1
        }
    }

    private struct TreeReader {
        let source: UnsafeBufferPointer<UInt8>
        /// Where each line starts and ends (before its line ending), by line from 0.
        var lineStarts: [Int] = []
        var lineEnds: [Int] = []
        var blocks: [MarkdownBlock] = []
        /// The nodes of the top-level block being read.
        var nodes: [MarkdownNode] = []
        /// Indices in `nodes` of the containers being read.
        var open: [Int] = []
        var quoteDepth = 0
        /// The paragraph or heading whose inlines are being read.
        var inlineBlock = InlineBlock()
        /// Where the last inline node read ends (line, byte in its line, exclusive).
        var latestEnd: (line: Int, byte: Int) = (0, 0)
        /// The last line and byte turned into a column, and that column.
        var cursor: (line: Int, byte: Int, column: Int) = (0, 0, 1)

        init(source: UnsafeBufferPointer<UInt8>) {
            self.source = source
            var start = 0
            var index = 0
            while index < source.count {
                let byte = source[index]
                if byte == 10 || byte == 13 {
                    lineStarts.append(start)
                    lineEnds.append(index)
                    if byte == 13, index + 1 < source.count, source[index + 1] == 10 { index += 1 }
                    start = index + 1
                }
                index += 1
            }
            lineStarts.append(start)
            lineEnds.append(source.count)
        }

        mutating func read(_ root: OpaquePointer) -> [MarkdownBlock] {
            guard let iterator = cmark_iter_new(root) else { return [] }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator), node != root else { continue }
                if event == CMARK_EVENT_EXIT {
                    exit(node)
                } else if !enter(node) {
                    // A kind bilan does not keep (none comes from parsing): left out whole.
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                }
            }
            return blocks
        }

        /// Reads a node on entering it; false when its kind is not kept.
        mutating func enter(_ node: OpaquePointer) -> Bool {
            let type = cmark_node_get_type(node)
            let leaf: Bool
            var markdownNode: MarkdownNode
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                let range = blockRange(node)
                inlineBlock = InlineBlock(
                    range: range, quotes: quoteDepth,
                    atx: type == CMARK_NODE_HEADING && range.endLine == range.startLine)
                if type == CMARK_NODE_PARAGRAPH,
                    byte(line: range.startLine, at: range.startColumn - 1) == UInt8(ascii: "[")
                {
                    // Link reference definitions may have been taken off its first lines:
                    // cmark then counts the remaining lines from the paragraph's first.
                    if let first = firstLineAfterDefinitions(node, range), first > range.startLine,
                        first <= range.endLine
                    {
                        inlineBlock.line = first
                        inlineBlock.base = nil
                    }
                }
                markdownNode = MarkdownNode(
                    type == CMARK_NODE_PARAGRAPH
                        ? .paragraph : .heading(level: Int(cmark_node_get_heading_level(node))),
                    range: range)
                leaf = false
            case CMARK_NODE_BLOCK_QUOTE:
                quoteDepth += 1
                markdownNode = MarkdownNode(.blockQuote, range: blockRange(node))
                leaf = false
            case CMARK_NODE_LIST:
                let list = MarkdownList(
                    ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                    start: Int(cmark_node_get_list_start(node)),
                    tight: cmark_node_get_list_tight(node) != 0,
                    parenthesis: cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM)
                markdownNode = MarkdownNode(.list(list), range: blockRange(node))
                leaf = false
            case CMARK_NODE_ITEM:
                markdownNode = MarkdownNode(.item, range: blockRange(node))
                leaf = false
            case CMARK_NODE_CODE_BLOCK:
                let kind = MarkdownNode.Kind.codeBlock(
                    info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
                markdownNode = MarkdownNode(kind, range: blockRange(node))
                leaf = true
            case CMARK_NODE_HTML_BLOCK:
                markdownNode = MarkdownNode(.htmlBlock(string(cmark_node_get_literal(node))), range: blockRange(node))
                leaf = true
            case CMARK_NODE_THEMATIC_BREAK:
                markdownNode = MarkdownNode(.thematicBreak, range: blockRange(node))
                leaf = true
            case CMARK_NODE_TEXT:
                markdownNode = text(node)
                leaf = true
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                markdownNode = MarkdownNode(type == CMARK_NODE_SOFTBREAK ? .softBreak : .lineBreak)
                inlineBlock.line += 1
                inlineBlock.base = nil
                leaf = true
            case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                let literal = string(cmark_node_get_literal(node))
                markdownNode = MarkdownNode(type == CMARK_NODE_CODE ? .code(literal) : .html(literal))
                markdownNode.range = inlineRange(node)
                leaf = true
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                markdownNode = MarkdownNode(type == CMARK_NODE_EMPH ? .emphasis : .strong)
                markdownNode.range = inlineStart(node)
                leaf = false
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let link = MarkdownLink(
                    destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
                markdownNode = MarkdownNode(type == CMARK_NODE_LINK ? .link(link) : .image(link))
                markdownNode.range = inlineStart(node)
                if let start = inlinePoint(node, end: false) {
                    // The link text starts after `[` (or `![`).
                    latestEnd = (start.line, start.byte + (type == CMARK_NODE_LINK ? 1 : 2))
                }
                leaf = false
            default:
                return false
            }
            nodes.append(markdownNode)
            if leaf {
                if open.isEmpty { finishBlock() }
            } else {
                open.append(nodes.count - 1)
            }
            return true
        }

        mutating func exit(_ node: OpaquePointer) {
            guard let index = open.popLast() else { return }
            nodes[index].descendantCount = nodes.count - index - 1
            switch cmark_node_get_type(node) {
            case CMARK_NODE_BLOCK_QUOTE:
                quoteDepth -= 1
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                finishInline(index, node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let destination = destinationPosition(linkEnd: inlinePoint(node, end: true))
                switch nodes[index].kind {
                case .link(var link):
                    link.destinationPosition = destination
                    nodes[index].kind = .link(link)
                case .image(var link):
                    link.destinationPosition = destination
                    nodes[index].kind = .image(link)
                default: break
                }
                finishInline(index, node)
            default:
                break
            }
            if open.isEmpty { finishBlock() }
        }

        mutating func finishBlock() {
            blocks.append(MarkdownBlock(nodes: nodes))
            nodes = []
        }

        /// Completes a container inline's range with its end, read on leaving it.
        mutating func finishInline(_ index: Int, _ node: OpaquePointer) {
            guard let start = nodes[index].range, let end = inlinePoint(node, end: true) else {
                nodes[index].range = nil
                return
            }
            nodes[index].range = SourceRange(
                startLine: start.startLine, startColumn: start.startColumn, endLine: end.line,
                endColumn: column(line: end.line, byte: end.byte + 1) - 1)
            latestEnd = (end.line, end.byte + 1)
        }

        // MARK: Places

        func blockRange(_ node: OpaquePointer) -> SourceRange {
            SourceRange(
                startLine: Int(cmark_node_get_start_line(node)),
                startColumn: Int(cmark_node_get_start_column(node)),
                endLine: Int(cmark_node_get_end_line(node)),
                endColumn: Int(cmark_node_get_end_column(node)))
        }

        /// A container inline's start (its end is read on leaving it).
        mutating func inlineStart(_ node: OpaquePointer) -> SourceRange? {
            guard let start = inlinePoint(node, end: false) else { return nil }
            let column = column(line: start.line, byte: start.byte)
            return SourceRange(startLine: start.line, startColumn: column, endLine: start.line, endColumn: column)
        }

        /// A leaf inline's range.
        mutating func inlineRange(_ node: OpaquePointer) -> SourceRange? {
            guard let start = inlinePoint(node, end: false), let end = inlinePoint(node, end: true) else { return nil }
            let range = SourceRange(
                startLine: start.line, startColumn: column(line: start.line, byte: start.byte),
                endLine: end.line, endColumn: column(line: end.line, byte: end.byte + 1) - 1)
            latestEnd = (end.line, end.byte + 1)
            return range
        }

        /// A text node, with its range and, when its literal is not its source verbatim,
        /// the columns after each escape or entity.
        mutating func text(_ node: OpaquePointer) -> MarkdownNode {
            let pointer = cmark_node_get_literal(node)
            var result = MarkdownNode(.text(string(pointer)))
            guard let pointer, let base = source.baseAddress else { return result }
            let length = strlen(pointer)
            let literal = UnsafeRawBufferPointer(start: pointer, count: length)
            func run(_ bytes: (Int) -> UInt8?, of byte: UInt8) -> Int {
                var count = 0
                while bytes(count) == byte { count += 1 }
                return count
            }
            // cmark puts an unmatched backtick run's text after the run.
            let backticks = run({ $0 < length ? literal[$0] : nil }, of: UInt8(ascii: "`"))
            guard var start = inlinePoint(node, end: false, fix: -backticks) else { return result }
            func reads(_ byte: Int) -> Bool {
                lineStarts[start.line - 1] + byte + length <= lineEnds[start.line - 1]
                    && memcmp(base + lineStarts[start.line - 1] + byte, pointer, length) == 0
            }
            if let first = length > 0 ? literal[0] : nil, first == UInt8(ascii: "*") || first == UInt8(ascii: "_"),
                !reads(start.byte)
            {
                // What is left of a closing delimiter run is its end, but cmark gives the run's start.
                let written = run({ self.byte(line: start.line, at: start.byte + $0) }, of: first)
                let left = run({ $0 < length ? literal[$0] : nil }, of: first)
                if written > left { start.byte += written - left }
            }
            let startColumn = column(line: start.line, byte: start.byte)
            if !reads(start.byte) {
                result.literalColumns = literalColumns(literal, line: start.line, from: start.byte) ?? []
            }
            guard let end = inlinePoint(node, end: true) else { return result }
            result.range = SourceRange(
                startLine: start.line, startColumn: startColumn, endLine: end.line,
                endColumn: column(line: end.line, byte: end.byte + 1) - 1)
            latestEnd = (end.line, end.byte + 1)
            return result
        }

        /// cmark's start or end of an inline node as a line and a byte offset in that
        /// line. cmark counts lines by the line breaks it meets (not after a backslash
        /// line break, nor over reference definitions) and columns from the start of
        /// the block's first line: here lines are counted by line-break nodes, and the
        /// columns of each line from where its text starts, found on the line itself.
        /// `fix` corrects cmark's column (in bytes). Nil when cmark gives no position.
        mutating func inlinePoint(_ node: OpaquePointer, end: Bool, fix: Int = 0) -> (line: Int, byte: Int)? {
            let cmarkLine = Int(end ? cmark_node_get_end_line(node) : cmark_node_get_start_line(node))
            let cmarkColumn = Int(end ? cmark_node_get_end_column(node) : cmark_node_get_start_column(node))
            guard cmarkLine >= 1, cmarkColumn >= 1 else { return nil }
            if inlineBlock.atx {
                guard inlineBlock.line <= lineStarts.count else { return nil }
                return (inlineBlock.line, max(0, cmarkColumn - 1 + fix))
            }
            var block = inlineBlock
            let relative = cmarkColumn - block.column + fix
            if block.base == nil {
                // The first node after a line break starts where the line's text does
                // (cmark skipped the spaces before it: they count in `relative`).
                guard block.line <= lineStarts.count else { return nil }
                block.base = textStart(block.line) - (end ? 0 : relative)
                block.cmarkLine = cmarkLine
            } else if cmarkLine > block.cmarkLine {
                // A code span, raw HTML or link that goes on to a later line.
                block.line += cmarkLine - block.cmarkLine
                block.cmarkLine = cmarkLine
                guard block.line <= lineStarts.count else { return nil }
                block.base = textStart(block.line)
            }
            guard let base = block.base, block.line <= lineStarts.count else { return nil }
            if fix != 0, !end, byte(line: block.line, at: base + relative) != UInt8(ascii: "`") {
                // Not after a backtick run after all.
                return inlinePoint(node, end: end, fix: 0)
            }
            inlineBlock = block
            return (block.line, max(0, base + relative))
        }

        /// The line where a paragraph's text starts when cmark took link reference
        /// definitions off its start; nil otherwise. Counted back from its last line by
        /// the lines cmark counts, plus those it does not (after a backslash line
        /// break, the next node is on the same cmark line as the one before), then
        /// checked: the paragraph's first inline must start where that line's text does.
        func firstLineAfterDefinitions(_ paragraph: OpaquePointer, _ range: SourceRange) -> Int? {
            guard let first = cmark_node_first_child(paragraph), let iterator = cmark_iter_new(paragraph) else {
                return nil
            }
            defer { cmark_iter_free(iterator) }
            var lastLine = range.startLine
            var uncounted = 0
            var afterBreak = false
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let inline = cmark_iter_get_node(iterator), inline != paragraph else { continue }
                if event == CMARK_EVENT_ENTER, cmark_node_get_type(inline) == CMARK_NODE_LINEBREAK {
                    afterBreak = true
                    continue
                }
                let start = Int(cmark_node_get_start_line(inline))
                guard start >= 1 else { continue }
                if afterBreak, event == CMARK_EVENT_ENTER, start == lastLine { uncounted += 1 }
                afterBreak = false
                lastLine = max(lastLine, Int(cmark_node_get_end_line(inline)))
            }
            let line = range.endLine - (lastLine - range.startLine) - uncounted
            guard line > range.startLine, line <= range.endLine, let written = byte(line: line, at: textStart(line))
            else {
                return nil
            }
            let expected: [UInt8]
            switch cmark_node_get_type(first) {
            case CMARK_NODE_LINK: expected = [UInt8(ascii: "[")]
            case CMARK_NODE_IMAGE: expected = [UInt8(ascii: "!")]
            case CMARK_NODE_CODE: expected = [UInt8(ascii: "`")]
            case CMARK_NODE_HTML_INLINE: expected = [UInt8(ascii: "<")]
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG: expected = [UInt8(ascii: "*"), UInt8(ascii: "_")]
            case CMARK_NODE_TEXT:
                let literal = cmark_node_get_literal(first).map { UInt8(bitPattern: $0.pointee) } ?? 0
                expected = [literal, UInt8(ascii: "\\"), UInt8(ascii: "&"), 0]
            default: return nil
            }
            return expected.contains(written) ? line : nil
        }

        /// The byte at `offset` of a line (from 1), or nil past its end.
        func byte(line: Int, at offset: Int) -> UInt8? {
            guard line >= 1, line <= lineStarts.count, offset >= 0 else { return nil }
            let index = lineStarts[line - 1] + offset
            return index < lineEnds[line - 1] ? source[index] : nil
        }

        /// Where the text of a block's later line starts (a byte offset in the line):
        /// after the `>` of each enclosing block quote it has (a lazy line has fewer)
        /// and the spaces around them.
        func textStart(_ line: Int) -> Int {
            let start = lineStarts[line - 1]
            let count = lineEnds[line - 1] - start
            var offset = 0
            var quotes = 0
            func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
            while quotes < inlineBlock.quotes {
                var next = offset
                while next < count, isSpace(source[start + next]) { next += 1 }
                guard next < count, source[start + next] == UInt8(ascii: ">") else { break }
                offset = next + 1
                quotes += 1
            }
            while offset < count, isSpace(source[start + offset]) { offset += 1 }
            return offset
        }

        /// The character column (from 1) of a byte offset in a line.
        mutating func column(line: Int, byte: Int) -> Int {
            let start = lineStarts[line - 1]
            let target = min(byte, lineEnds[line - 1] - start)
            if cursor.line != line || cursor.byte > target { cursor = (line, 0, 1) }
            let slice = UnsafeBufferPointer(rebasing: source[(start + cursor.byte)..<(start + target)])
            cursor.column += Self.scalarsAreCharacters(slice) ?? String(decoding: slice, as: UTF8.self).count
            cursor.byte = target
            return cursor.column
        }

        /// How many characters `bytes` hold when each of their scalars is a character of
        /// its own (ASCII, scalars below U+0300 where combining marks begin, and the
        /// punctuation of U+2010–U+205F, as ``HandTypedFigures`` judges); nil otherwise.
        static func scalarsAreCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var count = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                } else if byte >= 0xC2, byte < 0xCC {
                    index += 2
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                    let scalar = 0x2000 | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                    guard (0x2010...0x2027).contains(scalar) || (0x2030...0x205F).contains(scalar) else { return nil }
                    index += 3
                } else {
                    return nil
                }
                count += 1
            }
            return index == bytes.count ? count : nil
        }

        /// Where an inline link's destination starts: after the `]` that closes the
        /// link text (the first after its last node) and `(`, spaces, a line break and
        /// `<`. Nil for reference links, or when the source does not read so.
        mutating func destinationPosition(linkEnd: (line: Int, byte: Int)?) -> SourcePosition? {
            guard let linkEnd, latestEnd.line >= 1 else { return nil }
            var (line, byte) = latestEnd
            func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
            func at(_ line: Int, _ byte: Int) -> UInt8? {
                let start = lineStarts[line - 1]
                return start + byte < lineEnds[line - 1] ? source[start + byte] : nil
            }
            // To the `]`, across line ends.
            while at(line, byte) != UInt8(ascii: "]") {
                if at(line, byte) == nil {
                    line += 1
                    guard line <= linkEnd.line else { return nil }
                    byte = textStart(line)
                } else {
                    byte += 1
                }
                if line == linkEnd.line, byte > linkEnd.byte { return nil }
            }
            // A reference link ends at a `]`; an inline one goes on with `(`.
            if line == linkEnd.line, byte >= linkEnd.byte { return nil }
            byte += 1
            guard at(line, byte) == UInt8(ascii: "(") else { return nil }
            byte += 1
            while let next = at(line, byte), isSpace(next) { byte += 1 }
            if at(line, byte) == nil, line < linkEnd.line {
                line += 1
                byte = textStart(line)
            }
            if at(line, byte) == UInt8(ascii: "<") { byte += 1 }
            return SourcePosition(line: line, column: column(line: line, byte: byte))
        }

        /// The source columns after each backslash escape or entity of a text literal
        /// read from `byte` of `line`; nil when the source does not read as the literal.
        mutating func literalColumns(
            _ literal: UnsafeRawBufferPointer, line: Int, from byte: Int
        ) -> [MarkdownNode
            .LiteralColumn]?
        {
            let start = lineStarts[line - 1]
            let count = lineEnds[line - 1] - start
            var anchors: [MarkdownNode.LiteralColumn] = []
            var position = byte
            var offset = 0
            func sourceByte(_ index: Int) -> UInt8? { index < count ? source[start + index] : nil }
            func scalarLength(_ lead: UInt8) -> Int { lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4 }
            while offset < literal.count {
                guard let current = sourceByte(position) else { return nil }
                let expected = literal[offset]
                if current == UInt8(ascii: "\\"), let escaped = sourceByte(position + 1),
                    Self.isASCIIPunctuation(escaped),
                    escaped == expected
                {
                    position += 2
                    offset += 1
                } else if current == UInt8(ascii: "&"), let entity = entityLength(line: line, at: position),
                    expected != UInt8(ascii: "&") || entity.decodesToAmpersand
                {
                    position += entity.length
                    offset += scalarLength(expected)
                    // An entity can stand for two scalars: take the second when the
                    // source does not go on with it.
                    if offset < literal.count,
                        sourceByte(position).map({
                            $0 != literal[offset] && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "&")
                        }) ?? true
                    {
                        offset += scalarLength(literal[offset])
                    }
                } else if current == 0, offset + 2 < literal.count, literal[offset] == 0xEF {
                    // cmark reads NUL as U+FFFD.
                    position += 1
                    offset += 3
                } else if current == expected {
                    position += 1
                    offset += 1
                    continue
                } else {
                    return nil
                }
                anchors.append(
                    MarkdownNode.LiteralColumn(
                        offset: Int32(clamping: offset), column: Int32(clamping: column(line: line, byte: position))))
            }
            return anchors
        }

        /// The length of the entity reference at `position` (`&amp;`, `&#233;`,
        /// `&#xE9;`), and whether it stands for `&`; nil when none is there.
        func entityLength(line: Int, at position: Int) -> (length: Int, decodesToAmpersand: Bool)? {
            let start = lineStarts[line - 1] + position
            let end = lineEnds[line - 1]
            var index = start + 1
            guard index < end else { return nil }
            func isHex(_ byte: UInt8) -> Bool {
                (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
            }
            if source[index] == UInt8(ascii: "#") {
                index += 1
                let hex = index < end && (source[index] | 0x20) == UInt8(ascii: "x")
                if hex { index += 1 }
                let digitsStart = index
                while index < end, hex ? isHex(source[index]) : (48...57).contains(source[index]) { index += 1 }
                let digits = index - digitsStart
                guard digits >= 1, digits <= (hex ? 6 : 7), index < end, source[index] == UInt8(ascii: ";") else {
                    return nil
                }
                // Numeric entities are always decoded (0 and invalid ones as U+FFFD).
                return (index + 1 - start, false)
            }
            let nameStart = index
            while index < end, index - nameStart < 32, source[index] < 0x80,
                (source[index] | 0x20) >= 97 && (source[index] | 0x20) <= 122 || (48...57).contains(source[index])
            {
                index += 1
            }
            guard index > nameStart, index < end, source[index] == UInt8(ascii: ";") else { return nil }
            let name = UnsafeBufferPointer(rebasing: source[nameStart..<index])
            let ampersand = name.elementsEqual("amp".utf8) || name.elementsEqual("AMP".utf8)
            return (index + 1 - start, ampersand)
        }

        static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
            (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte)
                || (123...126).contains(byte)
        }

        func string(_ pointer: UnsafePointer<CChar>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer)
        }
    }

    // MARK: - Swift values to a C tree, rendered and freed

    private static func render(
        _ blocks: [MarkdownBlock], markdown: Bool, headingIDPrefix: String = "",
        with renderer: (OpaquePointer) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        guard let root = cmark_node_new(CMARK_NODE_DOCUMENT) else { return "" }
        defer { cmark_node_free(root) }
        // Each node goes under the innermost open node whose descendants it is among.
        var parents: [(node: OpaquePointer, end: Int)] = []
        // Headings whose id attribute goes after their last child, in Markdown.
        var attributes: [(heading: OpaquePointer, id: String)] = []
        for block in blocks {
            parents.removeAll(keepingCapacity: true)
            var skipUntil = 0
            for (index, node) in block.nodes.enumerated() where index >= skipUntil {
                while let last = parents.last, index >= last.end { parents.removeLast() }
                var kind = node.kind
                if case .heading(let level, let id?) = kind, !markdown {
                    // cmark writes no attribute on a heading: its content is rendered on its
                    // own, then written between tags that carry the id.
                    let inlines = MarkdownBlock(
                        nodes: [MarkdownNode(.paragraph, descendantCount: node.descendantCount)]
                            + block.nodes[(index + 1)..<(index + 1 + node.descendantCount)])
                    let paragraph = render([inlines], markdown: false, with: renderer)
                    let inner =
                        paragraph.hasPrefix("<p>") && paragraph.hasSuffix("</p>\n")
                        ? paragraph.dropFirst(3).dropLast(5) : ""
                    kind = .generatedBlock(
                        html: "<h\(level) id=\"\(HTMLEscaping.text(headingIDPrefix + id))\">\(inner)</h\(level)>",
                        markdown: "")
                    skipUntil = index + 1 + node.descendantCount
                }
                guard let created = cNode(kind, markdown: markdown) else { continue }
                if cmark_node_append_child(parents.last?.node ?? root, created) == 0 {
                    // A child cmark refuses there (never from a parsed tree).
                    cmark_node_free(created)
                    continue
                }
                if case .heading(_, let id?) = kind { attributes.append((created, headingIDPrefix + id)) }
                if node.descendantCount > 0, index >= skipUntil {
                    parents.append((created, index + 1 + node.descendantCount))
                }
            }
        }
        for (heading, id) in attributes {
            let attribute = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(attribute, " {#\(id)}")
            if cmark_node_append_child(heading, attribute) == 0 { cmark_node_free(attribute) }
        }
        guard let output = renderer(root) else { return "" }
        defer { free(output) }
        return String(cString: output)
    }

    /// A cmark node for a kind, without children; `generated` content takes the text
    /// of the output being rendered.
    private static func cNode(_ kind: MarkdownNode.Kind, markdown: Bool) -> OpaquePointer? {
        let node: OpaquePointer?
        switch kind {
        case .paragraph:
            node = cmark_node_new(CMARK_NODE_PARAGRAPH)
        case .heading(let level, _):
            node = cmark_node_new(CMARK_NODE_HEADING)
            cmark_node_set_heading_level(node, Int32(level))
        case .blockQuote:
            node = cmark_node_new(CMARK_NODE_BLOCK_QUOTE)
        case .list(let list):
            node = cmark_node_new(CMARK_NODE_LIST)
            cmark_node_set_list_type(node, list.ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
            if list.ordered {
                cmark_node_set_list_start(node, Int32(list.start))
                cmark_node_set_list_delim(node, list.parenthesis ? CMARK_PAREN_DELIM : CMARK_PERIOD_DELIM)
            }
            cmark_node_set_list_tight(node, list.tight ? 1 : 0)
        case .item:
            node = cmark_node_new(CMARK_NODE_ITEM)
        case .codeBlock(let info, let literal):
            node = cmark_node_new(CMARK_NODE_CODE_BLOCK)
            cmark_node_set_fence_info(node, info)
            cmark_node_set_literal(node, literal)
        case .htmlBlock(let literal):
            node = cmark_node_new(CMARK_NODE_HTML_BLOCK)
            cmark_node_set_literal(node, literal)
        case .thematicBreak:
            node = cmark_node_new(CMARK_NODE_THEMATIC_BREAK)
        case .generatedBlock(let html, let markdownText, _):
            node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            cmark_node_set_on_enter(node, markdown ? markdownText : html)
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
        case .emphasis:
            node = cmark_node_new(CMARK_NODE_EMPH)
        case .strong:
            node = cmark_node_new(CMARK_NODE_STRONG)
        case .link(let link) where link.hreflang != nil && !markdown:
            // cmark writes no other attribute than href and title: the link is written here,
            // its URL (made by bilan, its fragment percent-encoded) escaped as text.
            node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            let title = link.title.isEmpty ? "" : " title=\"\(HTMLEscaping.text(link.title))\""
            let language = HTMLEscaping.text(link.hreflang ?? "")
            cmark_node_set_on_enter(
                node, "<a href=\"\(HTMLEscaping.text(link.destination))\" hreflang=\"\(language)\"\(title)>")
            cmark_node_set_on_exit(node, "</a>")
        case .link(let link) where link.verbatimDestination != nil && markdown:
            node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            let title = link.title.isEmpty ? "" : " \"" + MarkdownEscaping.inline(link.title) + "\""
            cmark_node_set_on_enter(node, "[")
            cmark_node_set_on_exit(node, "](\(link.verbatimDestination ?? "")\(title))")
        case .link(let link), .image(let link):
            if case .link = kind {
                node = cmark_node_new(CMARK_NODE_LINK)
            } else {
                node = cmark_node_new(CMARK_NODE_IMAGE)
            }
            cmark_node_set_url(node, link.destination)
            cmark_node_set_title(node, link.title)
        case .generated(let html, let markdownText):
            node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(node, markdown ? markdownText : html)
        case .language(let tag):
            // The same in HTML and Markdown: CommonMark readers show the phrase.
            node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(node, "<span lang=\"\(HTMLEscaping.text(tag))\">")
            cmark_node_set_on_exit(node, "</span>")
        }
        return node
    }
}
