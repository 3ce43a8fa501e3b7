import Foundation
import BilanBase
import BilanInputs
import BilanContent

/// The file a rendered section is written into, which decides its relative URLs.
public enum OutputDocument: Sendable {
    /// `output/<lang>/index.html`
    case page
    /// `output/<lang>/report.md`
    case reportMarkdown
    /// `output/<lang>/sections/<key>.md`
    case sectionMarkdown
}

/// Turns the `bilan-section:` and `bilan-file:` destinations left by the Markdown
/// stage, and the `bilan-chart:` images of generated Markdown, into relative URLs for
/// one output file.
public struct OutputLinks: Sendable {
    /// Translation key → anchor in the HTML page (`mot-equipe`).
    public var pageAnchors: [String: String]
    /// Translation key → anchor of the section's heading in report.md.
    public var markdownAnchors: [String: String]

    public init(pageAnchors: [String: String], markdownAnchors: [String: String]) {
        self.pageAnchors = pageAnchors
        self.markdownAnchors = markdownAnchors
    }

    /// Where a project file is copied in `output/`: its path below `content/`, or
    /// below `files/` for a file elsewhere in the project.
    public static func outputPath(ofProjectFile path: String) -> String {
        path.hasPrefix("content/") ? String(path.dropFirst("content/".count)) : "files/" + path
    }

    /// Whether any output would see `blocks` differently: a link or image to a section
    /// or a project file, or a chart in generated Markdown. When not, every output
    /// renders the blocks as they are.
    public static func needsRewriting(_ blocks: [MarkdownBlock]) -> Bool {
        blocks.contains { block in
            switch block {
            case .paragraph(let inlines, _), .heading(_, let inlines, _): return needsRewriting(inlines)
            case .blockQuote(let children, _): return needsRewriting(children)
            case .list(let list, _): return list.items.contains { needsRewriting($0) }
            case .generated(_, let markdown): return Self.chartImageLine(markdown) != nil
            case .codeBlock, .htmlBlock, .thematicBreak: return false
            }
        }
    }

    package static func needsRewriting(_ inlines: [MarkdownInline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .link(let destination, _, let children):
                return isBilanDestination(destination) || needsRewriting(children)
            case .image(let source, _, _): return isBilanDestination(source)
            case .emphasis(let children), .strong(let children): return needsRewriting(children)
            case .text, .softBreak, .lineBreak, .code, .html, .generated: return false
            }
        }
    }

    package static func isBilanDestination(_ destination: String) -> Bool {
        destination.hasPrefix(InternalLink.section.scheme) || destination.hasPrefix(InternalLink.file.scheme)
    }

    public func rewrite(_ blocks: [MarkdownBlock], for document: OutputDocument) -> [MarkdownBlock] {
        blocks.map { rewrite($0, for: document) }
    }

    package func rewrite(_ block: MarkdownBlock, for document: OutputDocument) -> MarkdownBlock {
        switch block {
        case .paragraph(let inlines, let range):
            return .paragraph(rewrite(inlines, for: document), range)
        case .heading(let level, let inlines, let range):
            return .heading(level: level, rewrite(inlines, for: document), range)
        case .blockQuote(let children, let range):
            return .blockQuote(rewrite(children, for: document), range)
        case .list(var list, let range):
            list.items = list.items.map { rewrite($0, for: document) }
            return .list(list, range)
        case .generated(let html, let markdown) where document != .page:
            guard let line = Self.chartImageLine(markdown) else { return block }
            let folder = document == .sectionMarkdown ? "../charts/" : "charts/"
            let image = markdown[line].replacingOccurrences(of: "](" + InternalLink.chart.scheme, with: "](" + folder)
            return .generated(html: html, markdown: image + markdown[line.upperBound...])
        case .codeBlock, .htmlBlock, .thematicBreak, .generated:
            return block
        }
    }

    package func rewrite(_ inlines: [MarkdownInline], for document: OutputDocument) -> [MarkdownInline] {
        inlines.map { inline in
            switch inline {
            case .link(let destination, let title, let children):
                return .link(destination: url(destination, for: document), title: title, rewrite(children, for: document))
            case .image(let source, let title, let children):
                return .image(source: url(source, for: document), title: title, children)
            case .emphasis(let children):
                return .emphasis(rewrite(children, for: document))
            case .strong(let children):
                return .strong(rewrite(children, for: document))
            case .text, .softBreak, .lineBreak, .code, .html, .generated:
                return inline
            }
        }
    }

    /// The first line of a chart's generated Markdown, `![title](bilan-chart:<id>.svg)`:
    /// only that line is rewritten, never text from the data that looks like it.
    package static func chartImageLine(_ markdown: String) -> Range<String.Index>? {
        let end = markdown.firstIndex(of: "\n") ?? markdown.endIndex
        guard markdown.hasPrefix("!["), markdown[..<end].hasSuffix(".svg)"),
            markdown[..<end].contains("](" + InternalLink.chart.scheme)
        else { return nil }
        return markdown.startIndex..<end
    }

    package func url(_ destination: String, for document: OutputDocument) -> String {
        if destination.hasPrefix(InternalLink.section.scheme) {
            let (key, fragment) = Self.splitFragment(destination.dropFirst(InternalLink.section.scheme.count))
            switch document {
            case .page: return "#" + (fragment ?? pageAnchors[key] ?? key)
            case .reportMarkdown: return "#" + (fragment ?? markdownAnchors[key] ?? key)
            case .sectionMarkdown: return key + ".md" + (fragment.map { "#" + $0 } ?? "")
            }
        }
        if destination.hasPrefix(InternalLink.file.scheme) {
            let (file, fragment) = Self.splitFragment(destination.dropFirst(InternalLink.file.scheme.count))
            let path = Self.outputPath(ofProjectFile: file)
            let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
            let prefix = document == .sectionMarkdown ? "../../" : "../"
            return prefix + encoded + (fragment.map { "#" + $0 } ?? "")
        }
        return destination
    }

    /// `target#fragment` as its two parts.
    package static func splitFragment(_ text: Substring) -> (String, String?) {
        guard let hash = text.firstIndex(of: "#") else { return (String(text), nil) }
        return (String(text[..<hash]), String(text[text.index(after: hash)...]))
    }
}
