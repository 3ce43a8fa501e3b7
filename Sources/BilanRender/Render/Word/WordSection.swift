import BilanBase
public import BilanContent
import Foundation

/// Something a section's WordprocessingML points at that only the whole document can
/// number: a relationship, a bookmark, a drawing, a list's numbering.
package enum WordReference: Sendable, Equatable {
    /// A web address (an external relationship; its id goes in `r:id`).
    case hyperlink(String)
    /// Another section of the same language (a bookmark name goes in `w:anchor`).
    case section(key: String)
    /// A project file shown as a picture (the whole content of a run).
    case image(path: String, alt: String)
    /// A chart block (the whole content of a run).
    case chart(ChartModel)
    /// A project file linked to, which a Word document cannot carry (its text is kept).
    case fileLink(path: String)
    /// An ordered list's numbering, restarted at `start` (a `w:numId` value).
    case numbering(start: Int)
}

/// One section's body as WordprocessingML paragraphs and tables (`w:p`, `w:tbl`), written
/// from its transformed Markdown tree and the values of its generated blocks.
///
/// What only the document can number is left in ``xml`` as a marker, U+0001, the index
/// of its ``references`` entry, U+0001 (a character XML forbids, so escaped text never
/// holds one); ``WordDocumentWriter`` puts each in place.
package struct WordSection: Sendable {
    package var xml: String
    package var references: [WordReference]

    /// The marker of reference `index` in ``xml``.
    package static func marker(_ index: Int) -> String { "\u{1}\(index)\u{1}" }

    /// The marker of the language tag (`fr-CA`) in every run's `w:lang`: the section knows
    /// its language's code, the document its locale.
    package static let languageMarker = "\u{1}L\u{1}"

    /// The section's blocks, its own title being a heading of `sectionLevel` (written by
    /// the document): the section's `###` headings, its first level as the pages show
    /// them, are one level below it, `####` two (and a `##`, one level below too).
    package init(_ blocks: [MarkdownBlock], sectionLevel: Int) {
        var writer = WordSectionWriter(language: Self.languageMarker, sectionLevel: sectionLevel)
        for block in blocks { writer.write(block.nodes) }
        xml = writer.xml
        references = writer.references
    }
}

/// Walks a flat Markdown tree without recursion: a stack of the open containers, each
/// closed when the walk passes its last descendant.
private struct WordSectionWriter {
    let language: String
    let sectionLevel: Int
    var xml = ""
    var references: [WordReference] = []

    private enum Container {
        case blockQuote
        /// `numbering`: a numId, or a marker for an ordered list's own numbering.
        case list(ordered: Bool, numbering: String)
        case item(paragraphs: Int)
        case paragraph
        case emphasis
        case strong
        case link
        /// A phrase in another language (`<span lang>`): its runs carry that tag.
        case language(String)
    }

    private var stack: [(end: Int, container: Container)] = []

    init(language: String, sectionLevel: Int) {
        self.language = language
        self.sectionLevel = sectionLevel
    }

    mutating func reference(_ reference: WordReference) -> String {
        references.append(reference)
        return WordSection.marker(references.count - 1)
    }

    mutating func write(_ nodes: [MarkdownNode]) {
        var index = 0
        while index < nodes.count {
            close(upTo: index)
            let node = nodes[index]
            let end = index + node.descendantCount + 1
            switch node.kind {
            case .paragraph:
                openParagraph(style: nil)
                stack.append((end, .paragraph))
            case .heading(let level, _):
                xml += "<w:p><w:pPr><w:pStyle w:val=\"Heading\(min(sectionLevel + max(level - 2, 1), 9))\"/></w:pPr>"
                stack.append((end, .paragraph))
            case .blockQuote:
                stack.append((end, .blockQuote))
            case .list(let list):
                let numbering = list.ordered ? reference(.numbering(start: list.start)) : WordStyles.bulletNumbering
                stack.append((end, .list(ordered: list.ordered, numbering: numbering)))
            case .item:
                stack.append((end, .item(paragraphs: 0)))
            case .codeBlock(_, let literal):
                var lines = literal.components(separatedBy: "\n")
                if lines.last == "" { lines.removeLast() }
                xml += "<w:p><w:pPr><w:pStyle w:val=\"HTMLPreformatted\"/></w:pPr>"
                for (number, line) in lines.enumerated() {
                    xml += "<w:r>\(runProperties())\(number > 0 ? "<w:br/>" : "")\(text(line))</w:r>"
                }
                xml += "</w:p>"
            case .htmlBlock, .html:
                // Raw HTML has no meaning in Word: left out, as the Markdown outputs do.
                break
            case .thematicBreak:
                xml +=
                    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/>"
                    + "</w:pBdr></w:pPr></w:p>"
            case .generatedBlock(_, _, let content):
                if let content { generated(content) }
            case .text(let value):
                ensureParagraph()
                xml += run(value)
            case .code(let value):
                ensureParagraph()
                xml += run(value, style: "HTMLCode")
            case .generated(_, let markdown):
                ensureParagraph()
                xml += run(markdown)
            case .softBreak:
                ensureParagraph()
                xml += run(" ")
            case .lineBreak:
                ensureParagraph()
                xml += "<w:r>\(runProperties())<w:br/></w:r>"
            case .emphasis:
                ensureParagraph()
                stack.append((end, .emphasis))
            case .strong:
                ensureParagraph()
                stack.append((end, .strong))
            case .language(let tag):
                ensureParagraph()
                stack.append((end, .language(tag)))
            case .link(let link):
                ensureParagraph()
                if let opening = hyperlink(link.destination) {
                    xml += opening
                    stack.append((end, .link))
                }
            case .image(let link):
                ensureParagraph()
                let alt = MarkdownNode.plainText(nodes[(index + 1)..<end])
                if let path = InternalLink.file.target(of: link.destination) {
                    let (file, _) = OutputLinks.splitFragment(path)
                    xml += "<w:r>\(runProperties())\(reference(.image(path: file, alt: alt)))</w:r>"
                } else {
                    // A picture from the web is not fetched: its alt text stands in its place.
                    xml += run(alt)
                }
                index = end
                continue
            }
            index += 1
        }
        close(upTo: Int.max)
    }

    /// The opening of a link's `w:hyperlink`, or nil when the link keeps its text only.
    private mutating func hyperlink(_ destination: String) -> String? {
        if let target = InternalLink.section.target(of: destination) {
            let (key, _) = OutputLinks.splitFragment(target)
            return "<w:hyperlink w:anchor=\"\(reference(.section(key: key)))\" w:history=\"1\">"
        }
        // A section of another language's document: its text only.
        if InternalLink.otherLanguage.target(of: destination) != nil { return nil }
        if let target = InternalLink.file.target(of: destination) {
            let (file, _) = OutputLinks.splitFragment(target)
            _ = reference(.fileLink(path: file))
            return nil
        }
        guard ProjectPaths.hasScheme(destination) || destination.hasPrefix("//") else { return nil }
        let url = destination.hasPrefix("//") ? "https:" + destination : destination
        return "<w:hyperlink r:id=\"\(reference(.hyperlink(url)))\" w:history=\"1\">"
    }

    /// Closes the containers that end at or before `index`.
    private mutating func close(upTo index: Int) {
        while let last = stack.last, last.end <= index {
            stack.removeLast()
            switch last.container {
            case .paragraph:
                xml += "</w:p>"
                countParagraph()
            case .link: xml += "</w:hyperlink>"
            case .blockQuote, .list, .item, .emphasis, .strong, .language: break
            }
        }
    }

    /// The item around the walk has one more paragraph.
    private mutating func countParagraph() {
        guard let position = stack.lastIndex(where: { if case .item = $0.container { true } else { false } }),
            case .item(let count) = stack[position].container
        else { return }
        stack[position].container = .item(paragraphs: count + 1)
    }

    /// An inline outside any paragraph (never from cmark's trees): one is opened for it.
    private mutating func ensureParagraph() {
        guard !stack.contains(where: { if case .paragraph = $0.container { true } else { false } }) else { return }
        openParagraph(style: nil)
        stack.append((Int.max - 1, .paragraph))
    }

    /// A paragraph's opening, styled by the lists and quotes around it.
    private mutating func openParagraph(style: String?) {
        var lists: [(ordered: Bool, numbering: String)] = []
        var quoted = false
        var firstInItem = false
        for entry in stack {
            switch entry.container {
            case .list(let ordered, let numbering): lists.append((ordered, numbering))
            case .blockQuote: quoted = true
            case .item(let paragraphs): firstInItem = paragraphs == 0
            default: break
            }
        }
        if let list = lists.last {
            let level = min(lists.count - 1, 8)
            if firstInItem {
                xml +=
                    "<w:p><w:pPr><w:pStyle w:val=\"\(list.ordered ? "ListNumber" : "ListBullet")\"/>"
                    + "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(list.numbering)\"/></w:numPr></w:pPr>"
            } else {
                xml +=
                    "<w:p><w:pPr><w:pStyle w:val=\"ListContinue\"/><w:ind w:left=\"\(360 * (level + 1) + 360)\"/>"
                    + "</w:pPr>"
            }
        } else if quoted {
            xml += "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr>"
        } else if let style {
            xml += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>"
        } else {
            xml += "<w:p>"
        }
    }

    /// The run properties the open inlines give, with the language.
    private func runProperties(style: String? = nil) -> String {
        var bold = false
        var italic = false
        var linked = false
        var language = self.language
        for entry in stack {
            switch entry.container {
            case .strong: bold = true
            case .emphasis: italic = true
            case .link: linked = true
            case .language(let tag): language = WordXML.escape(tag)
            default: break
            }
        }
        var properties = ""
        if let style {
            properties += "<w:rStyle w:val=\"\(style)\"/>"
        } else if linked {
            properties += "<w:rStyle w:val=\"Hyperlink\"/>"
        }
        if bold { properties += "<w:b/>" }
        if italic { properties += "<w:i/>" }
        return "<w:rPr>\(properties)<w:lang w:val=\"\(language)\"/></w:rPr>"
    }

    private func run(_ value: String, style: String? = nil) -> String {
        "<w:r>\(runProperties(style: style))\(text(value))</w:r>"
    }

    private func text(_ value: String) -> String {
        "<w:t xml:space=\"preserve\">\(WordXML.escape(value))</w:t>"
    }

    // MARK: - Generated blocks

    private mutating func generated(_ content: GeneratedContent) {
        switch content {
        case .table(let table):
            if let caption = table.caption {
                xml += WordBlocks.paragraph(caption, style: "Caption", language: language)
            }
            xml += WordBlocks.table(table, language: language)
        case .chart(let model, _):
            xml += WordBlocks.paragraph(model.title, style: "Caption", language: language)
            xml += "<w:p><w:pPr><w:keepNext/></w:pPr><w:r>\(reference(.chart(model)))</w:r></w:p>"
        case .keyFigures(let figures):
            for figure in figures {
                xml +=
                    "<w:p><w:pPr><w:pStyle w:val=\"KeyFigure\"/></w:pPr>"
                    + "<w:r><w:rPr><w:rStyle w:val=\"KeyFigureValue\"/><w:lang w:val=\"\(language)\"/></w:rPr>"
                    + "\(text(figure.value))</w:r>"
                    + "<w:r><w:rPr><w:lang w:val=\"\(language)\"/></w:rPr>\(text(" " + figure.label))</w:r></w:p>"
            }
        }
    }
}

/// Paragraphs and tables that do not come from a Markdown tree.
package enum WordBlocks {
    /// One paragraph of plain text in a style (nil: Normal).
    package static func paragraph(
        _ text: String, style: String?, language: String, bookmark: (id: Int, name: String)? = nil
    ) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        let run =
            "<w:r><w:rPr><w:lang w:val=\"\(language)\"/></w:rPr>"
            + "<w:t xml:space=\"preserve\">\(WordXML.escape(text))</w:t></w:r>"
        guard let bookmark else { return "<w:p>\(properties)\(run)</w:p>" }
        return
            "<w:p>\(properties)<w:bookmarkStart w:id=\"\(bookmark.id)\" w:name=\"\(bookmark.name)\"/>\(run)"
            + "<w:bookmarkEnd w:id=\"\(bookmark.id)\"/></w:p>"
    }

    /// A table in Word's Table Grid style: the header row repeated on each page, numbers
    /// right-aligned, the total row in bold.
    package static func table(_ table: TableContent, language: String) -> String {
        let columns = max(table.headers.count, table.rows.map(\.count).max() ?? 0, 1)
        let width = WordStyles.textWidth / columns
        var xml =
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
            + "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" "
            + "w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        xml += String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns)
        xml += "</w:tblGrid>"
        func row(_ cells: [String], header: Bool, bold: Bool) -> String {
            var row =
                header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for column in 0..<columns {
                let cell = column < cells.count ? cells[column] : ""
                let right = column < table.numeric.count && table.numeric[column]
                row +=
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
                    + "<w:spacing w:after=\"0\"/>"
                    + (right ? "<w:jc w:val=\"right\"/>" : "") + "</w:pPr>"
                    + "<w:r><w:rPr>\(bold ? "<w:b/>" : "")<w:lang w:val=\"\(language)\"/></w:rPr>"
                    + "<w:t xml:space=\"preserve\">\(WordXML.escape(cell))</w:t></w:r></w:p></w:tc>"
            }
            return row + "</w:tr>"
        }
        xml += row(table.headers, header: true, bold: true)
        for cells in table.rows { xml += row(cells, header: false, bold: false) }
        if let total = table.total { xml += row(total, header: false, bold: true) }
        return xml + "</w:tbl><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>"
    }
}
