import BilanBase
import BilanContent
import BilanInputs
import Foundation

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
            block.nodes.contains { node in
                switch node.kind {
                case .link(let link), .image(let link): return isBilanDestination(link.destination)
                case .generatedBlock(_, let markdown): return chartImageLine(markdown) != nil
                default: return false
                }
            }
        }
    }

    package static func isBilanDestination(_ destination: String) -> Bool {
        destination.hasPrefix(InternalLink.section.scheme) || destination.hasPrefix(InternalLink.file.scheme)
    }

    /// The blocks with their links, images and chart lines as `document` needs them.
    public func rewrite(_ blocks: [MarkdownBlock], for document: OutputDocument) -> [MarkdownBlock] {
        var rewriter = Rewriter(links: self, document: document)
        return MarkdownRewriting.rewrite(blocks, with: &rewriter)
    }

    /// The pass of ``rewrite(_:for:)``.
    private struct Rewriter: MarkdownRewriter {
        let links: OutputLinks
        let document: OutputDocument

        mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite {
            switch node.kind {
            case .link(var link):
                let url = links.url(link.destination, for: document)
                guard url != link.destination else { return .keep }
                link.destination = url
                return .update(.link(link))
            case .image(var link):
                let url = links.url(link.destination, for: document)
                guard url != link.destination else { return .keep }
                link.destination = url
                return .update(.image(link))
            case .generatedBlock(let html, let markdown) where document != .page:
                guard let line = OutputLinks.chartImageLine(markdown) else { return .keep }
                let folder = document == .sectionMarkdown ? "../charts/" : "charts/"
                let image = markdown[line].replacingOccurrences(
                    of: "](" + InternalLink.chart.scheme, with: "](" + folder)
                return .update(.generatedBlock(html: html, markdown: image + markdown[line.upperBound...]))
            default:
                return .keep
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
