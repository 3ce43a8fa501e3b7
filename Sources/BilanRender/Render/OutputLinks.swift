import BilanBase
public import BilanContent
package import BilanInputs
import Foundation

/// The file a rendered section is written into, which decides its relative URLs.
public enum OutputDocument: Sendable {
    /// `output/<lang>/index.html`
    case page
    /// `output/<lang>/report.md`
    case reportMarkdown
    /// `output/<lang>/sections/<key>.md`
    case sectionMarkdown
    /// `output/hugo/content/<lang>/<slug>/index.md`, a Hugo page bundle: files and
    /// charts beside it, sections through Hugo's `relref`.
    case hugoPage
}

/// Turns the `bilan-section:` and `bilan-file:` destinations left by the Markdown
/// stage, and the `bilan-chart:` images of generated Markdown, into URLs for one output
/// file of one language, in each ``RenderVariant`` of its page.
public struct OutputLinks: Sendable {
    /// Translation key → anchor in the HTML page (`mot-equipe`).
    public var pageAnchors: [String: String]
    /// Translation key → anchor of the section's heading in report.md.
    public var markdownAnchors: [String: String]
    /// The language of the sections (the side-by-side variant links into its page).
    public var language: String
    /// Reads project files as `data:` URIs for the single-file variant; without it, that
    /// variant has no URL for a project file.
    public var inliner: AssetInliner?
    /// The project's photos by path: an image that shows one shows its resized copies.
    package var photos: [String: Photo] = [:]
    /// Whether the pages show an image alone in its paragraph, with a title, as a
    /// `<figure>` (``PhotoHTML``): the report's pages do; cmark's own rendering of the
    /// CommonMark specification's examples does not.
    package var figures = false

    public init(
        pageAnchors: [String: String], markdownAnchors: [String: String], language: String = "",
        inliner: AssetInliner? = nil
    ) {
        self.pageAnchors = pageAnchors
        self.markdownAnchors = markdownAnchors
        self.language = language
        self.inliner = inliner
    }

    /// Whether two resolvers give every section the same URLs (the inliner aside).
    package func sameAnchors(as other: OutputLinks) -> Bool {
        pageAnchors == other.pageAnchors && markdownAnchors == other.markdownAnchors && language == other.language
            && photos == other.photos && figures == other.figures
    }

    /// Where a project file is copied in `output/`: its path below `content/`, or
    /// below `files/` for a file elsewhere in the project.
    public static func outputPath(ofProjectFile path: String) -> String {
        path.hasPrefix("content/") ? String(path.dropFirst("content/".count)) : "files/" + path
    }

    /// Whether any output would see `blocks` differently: a link or image to a section
    /// or a project file, an image with a title (a figure, alone in its paragraph), or a
    /// chart in generated Markdown. When not, every output renders the blocks as they are.
    public static func needsRewriting(_ blocks: [MarkdownBlock]) -> Bool {
        blocks.contains { block in
            block.nodes.contains { node in
                switch node.kind {
                case .link(let link): return isBilanDestination(link.destination)
                case .image(let link): return isBilanDestination(link.destination) || !link.title.isEmpty
                case .generatedBlock(_, let markdown, _): return chartImageLine(markdown) != nil
                default: return false
                }
            }
        }
    }

    package static func isBilanDestination(_ destination: String) -> Bool {
        destination.hasPrefix(InternalLink.section.scheme) || destination.hasPrefix(InternalLink.file.scheme)
            || destination.hasPrefix(InternalLink.otherLanguage.scheme)
    }

    /// The blocks with their links, images and chart lines as `document` of the site
    /// needs them.
    public func rewrite(_ blocks: [MarkdownBlock], for document: OutputDocument) -> [MarkdownBlock] {
        var notes: [SingleFileExport.Note] = []
        return rewrite(blocks, for: document, variant: .site, notes: &notes)
    }

    /// The blocks as `document` shows them in `variant`; what the variant cannot point
    /// at is noted, and a link without a URL keeps its text only.
    package func rewrite(
        _ blocks: [MarkdownBlock], for document: OutputDocument, variant: RenderVariant,
        notes: inout [SingleFileExport.Note]
    ) -> [MarkdownBlock] {
        var rewriter = Rewriter(links: self, document: document, variant: variant)
        var result = MarkdownRewriting.rewrite(blocks, with: &rewriter)
        notes.append(contentsOf: rewriter.notes)
        if rewriter.unlinked {
            var unlinker = Unlinker()
            result = MarkdownRewriting.rewrite(result, with: &unlinker)
        }
        return result
    }

    /// Marks, between the two passes of ``rewrite(_:for:variant:notes:)``, a link that has
    /// no URL in its variant.
    private static let unlinkedMarker = "\u{0}bilan-unlinked"

    /// The pass of ``rewrite(_:for:variant:notes:)``.
    private struct Rewriter: MarkdownRewriter {
        let links: OutputLinks
        let document: OutputDocument
        let variant: RenderVariant
        var notes: [SingleFileExport.Note] = []
        /// Some link was marked to keep its text only (a second pass removes it).
        var unlinked = false

        init(links: OutputLinks, document: OutputDocument, variant: RenderVariant) {
            self.links = links
            self.document = document
            self.variant = variant
        }

        mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite {
            switch node.kind {
            case .paragraph where document == .page && links.figures:
                guard let link = PhotoHTML.figureImage(descendants) else { return .keep }
                let image = links.imageHTML(
                    link, alt: descendants.dropFirst(), variant: variant, inFigure: true, notes: &notes)
                return .replace([
                    MarkdownNode(.generatedBlock(html: PhotoHTML.figure(image: image, title: link.title), markdown: ""))
                ])
            case .image(let link) where document == .page && links.photo(link.destination) != nil:
                let html = links.imageHTML(link, alt: descendants, variant: variant, inFigure: false, notes: &notes)
                return .replace([MarkdownNode(.generated(html: html, markdown: ""))])
            case .image(var link) where links.photo(link.destination) != nil:
                // The Markdown files show the widest copy: the photo itself is not in the site.
                let photo = links.photo(link.destination)!
                let copy = InternalLink.file.destination(
                    photo.copyPath(width: photo.copyWidths[photo.copyWidths.count - 1]))
                link.destination = links.url(copy, for: document)
                return .update(.image(link))
            case .link(var link):
                guard
                    let url = links.url(link.destination, for: document, variant: variant, image: false, notes: &notes)
                else {
                    unlinked = true
                    link.destination = OutputLinks.unlinkedMarker
                    return .update(.link(link))
                }
                if document == .page, let target = InternalLink.otherLanguage.target(of: link.destination),
                    let slash = target.firstIndex(of: "/")
                {
                    link.hreflang = String(target[..<slash])
                }
                if document == .hugoPage,
                    link.destination.hasPrefix(InternalLink.section.scheme)
                        || link.destination.hasPrefix(InternalLink.otherLanguage.scheme)
                {
                    link.verbatimDestination = url
                }
                guard url != link.destination || link.hreflang != nil || link.verbatimDestination != nil else {
                    return .keep
                }
                link.destination = url
                return .update(.link(link))
            case .image(var link):
                let url = links.url(link.destination, for: document, variant: variant, image: true, notes: &notes) ?? ""
                guard url != link.destination else { return .keep }
                link.destination = url
                return .update(.image(link))
            case .text(let text) where document == .hugoPage && text.contains("{{%"):
                // Hugo reads `{{%` anywhere in a page as a shortcode: `\%` is the same text
                // to Markdown and no shortcode to Hugo (cmark already writes `{{<` as `{{\<`).
                var pieces: [MarkdownNode] = []
                var rest = Substring(text)
                while let mark = rest.range(of: "{{%") {
                    pieces.append(MarkdownNode(.text(String(rest[..<mark.lowerBound]) + "{{")))
                    pieces.append(MarkdownNode(.generated(html: "%", markdown: "\\%")))
                    rest = rest[mark.upperBound...]
                }
                if !rest.isEmpty { pieces.append(MarkdownNode(.text(String(rest)))) }
                return .replace(pieces)
            case .generatedBlock(let html, let markdown, let content) where document != .page:
                guard let line = OutputLinks.chartImageLine(markdown) else { return .keep }
                let folder = document == .sectionMarkdown ? "../charts/" : document == .hugoPage ? "" : "charts/"
                let image = markdown[line].replacingOccurrences(
                    of: "](" + InternalLink.chart.scheme, with: "](" + folder)
                return .update(
                    .generatedBlock(html: html, markdown: image + markdown[line.upperBound...], content: content))
            default:
                return .keep
            }
        }
    }

    /// Puts the text of each link marked by ``Rewriter`` in its place.
    private struct Unlinker: MarkdownRewriter {
        mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite {
            guard case .link(let link) = node.kind, link.destination == OutputLinks.unlinkedMarker else { return .keep }
            return .replace(Array(descendants))
        }
    }

    /// The photo a destination shows, when it is one of the project's.
    package func photo(_ destination: String) -> Photo? {
        guard !photos.isEmpty, let target = InternalLink.file.target(of: destination) else { return nil }
        return photos[String(target)]
    }

    /// An image as the pages of `variant` show it: a photo as its copies (in the single
    /// file, the one ``Photo/singleFileCopyWidth`` wide as a `data:` URI), any other
    /// image as cmark would write it. In a figure, the title is the caption instead.
    package func imageHTML(
        _ link: MarkdownLink, alt: ArraySlice<MarkdownNode>, variant: RenderVariant, inFigure: Bool,
        notes: inout [SingleFileExport.Note]
    ) -> String {
        let alt = MarkdownNode.plainText(alt)
        let title = inFigure ? "" : link.title
        guard let photo = photo(link.destination) else {
            var source = url(link.destination, for: .page, variant: variant, image: true, notes: &notes) ?? ""
            if MarkdownNode.isDangerous(source, image: true) { source = "" }
            return PhotoHTML.image(source: source, size: nil, alt: alt, title: title)
        }
        if variant == .singleFile {
            let width = photo.singleFileCopyWidth
            let copy = inliner?.photoCopies?.copy(of: photo, width: width)
            if copy == nil {
                notes.append(.init(reference: photo.path, reason: "could not be read; the image was left out"))
            }
            return PhotoHTML.image(
                source: copy.map { AssetInliner.dataURI($0.bytes, path: photo.path) } ?? "",
                size: (width, photo.height(atWidth: width)), alt: alt, title: title)
        }
        let copies = photo.copyWidths.map { width in
            let destination = InternalLink.file.destination(photo.copyPath(width: width))
            return (url: url(destination, for: .page, variant: variant, image: true, notes: &notes) ?? "", width: width)
        }
        let widest = photo.copyWidths[photo.copyWidths.count - 1]
        let fallback = copies.last { $0.width <= photo.singleFileCopyWidth } ?? copies[0]
        return PhotoHTML.image(
            source: fallback.url, copies: copies, size: (widest, photo.height(atWidth: widest)), alt: alt,
            title: title)
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

    /// What a destination becomes in `document` of `variant`; nil when the variant has
    /// no URL for it (noted), and the link is then left out.
    package func url(
        _ destination: String, for document: OutputDocument, variant: RenderVariant, image: Bool,
        notes: inout [SingleFileExport.Note]
    ) -> String? {
        guard document == .page else { return url(destination, for: document) }
        switch variant {
        case .site:
            return url(destination, for: .page)
        case .sideBySide(let siteRoot):
            // The reviewers' pages have a <base> in the default language's folder: an
            // anchor must name the page of its own language.
            let page = siteRoot + language + "/index.html"
            if destination.hasPrefix(InternalLink.section.scheme) { return page + url(destination, for: .page) }
            if let (language, key, fragment) = Self.otherLanguageTarget(destination) {
                return siteRoot + language + "/index.html" + Self.pageFragment(key: key, fragment: fragment)
            }
            return destination.hasPrefix("#") ? page + destination : url(destination, for: .page)
        case .singleFile:
            return singleFileURL(destination, image: image, notes: &notes)
        case .word:
            // The Word document resolves its links itself, from the tree (WordSection).
            return url(destination, for: .page)
        }
    }

    /// A destination in the single file: sections are anchors of the page, project
    /// files `data:` URIs, web addresses stay; anything else has no URL in one file.
    package func singleFileURL(_ destination: String, image: Bool, notes: inout [SingleFileExport.Note]) -> String? {
        if destination.hasPrefix(InternalLink.section.scheme) { return url(destination, for: .page) }
        if let (language, _, _) = Self.otherLanguageTarget(destination) {
            notes.append(
                .init(
                    reference: url(destination, for: .page),
                    reason: "a section only in '\(language)', which this file does not hold; the link was removed"))
            return nil
        }
        if destination.hasPrefix(InternalLink.file.scheme) {
            let (file, _) = Self.splitFragment(destination.dropFirst(InternalLink.file.scheme.count))
            if let uri = inliner?.dataURI(ofProjectFile: file) { return uri }
            let reference = url(destination, for: .page)
            notes.append(.init(reference: reference, reason: "could not be read; the link was removed"))
            return nil
        }
        if destination.isEmpty || destination.hasPrefix("#") || destination.lowercased().hasPrefix("data:") {
            return destination
        }
        if ProjectPaths.hasScheme(destination) || destination.hasPrefix("//") {
            if image {
                notes.append(.init(reference: destination, reason: "loaded from the network when the file is opened"))
            }
            return destination
        }
        notes.append(.init(reference: destination, reason: "not found in the build; the link was removed"))
        return nil
    }

    /// What a destination becomes in `document` of the site.
    package func url(_ destination: String, for document: OutputDocument) -> String {
        if destination.hasPrefix(InternalLink.section.scheme) {
            let (key, fragment) = Self.splitFragment(destination.dropFirst(InternalLink.section.scheme.count))
            let slug = pageAnchors[key] ?? Self.slug(ofKey: key)
            let heading = fragment.flatMap { $0 == slug ? nil : $0 }
            switch document {
            case .page:
                return "#" + (heading.map { HeadingAnchors.pageID(sectionSlug: slug, headingID: $0) } ?? slug)
            case .reportMarkdown:
                return "#"
                    + (heading.map { HeadingAnchors.pageID(sectionSlug: slug, headingID: $0) }
                        ?? markdownAnchors[key] ?? key)
            case .sectionMarkdown: return key + ".md" + (heading.map { "#" + $0 } ?? "")
            case .hugoPage: return Self.relref(slug: slug, heading: heading, language: nil)
            }
        }
        if let (language, key, fragment) = Self.otherLanguageTarget(destination) {
            switch document {
            case .page: return "../\(language)/index.html" + Self.pageFragment(key: key, fragment: fragment)
            case .reportMarkdown:
                let heading = fragment.flatMap { $0 == Self.slug(ofKey: key) ? nil : $0 }
                return "../\(language)/report.md"
                    + (heading.map { "#" + HeadingAnchors.pageID(sectionSlug: Self.slug(ofKey: key), headingID: $0) }
                        ?? "")
            case .sectionMarkdown:
                let heading = fragment.flatMap { $0 == Self.slug(ofKey: key) ? nil : $0 }
                return "../../\(language)/sections/\(key).md" + (heading.map { "#" + $0 } ?? "")
            case .hugoPage:
                let slug = Self.slug(ofKey: key)
                return Self.relref(slug: slug, heading: fragment.flatMap { $0 == slug ? nil : $0 }, language: language)
            }
        }
        if destination.hasPrefix(InternalLink.file.scheme) {
            let (file, fragment) = Self.splitFragment(destination.dropFirst(InternalLink.file.scheme.count))
            let path = Self.outputPath(ofProjectFile: file)
            let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
            let prefix = document == .sectionMarkdown ? "../../" : document == .hugoPage ? "" : "../"
            return prefix + encoded + (fragment.map { "#" + $0 } ?? "")
        }
        return destination
    }

    /// Hugo's `relref` shortcode for a section's page (its bundle is named by its slug)
    /// or one of its headings, in `language` when it is another: Hugo writes the URL the
    /// page has in the site, whatever its configuration, and fails on a page it lacks.
    package static func relref(slug: String, heading: String?, language: String?) -> String {
        var path = "/" + slug
        if let heading {
            path += "#" + (heading.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? heading)
        }
        return "{{< relref path=\"\(path)\"" + (language.map { " lang=\"\($0)\"" } ?? "") + " >}}"
    }

    /// A section's slug from its translation key (`010-mot-equipe` gives `mot-equipe`),
    /// the same in every language.
    package static func slug(ofKey key: String) -> String {
        String(key.drop(while: { $0 != "-" }).dropFirst())
    }

    /// The language, key and fragment of a `bilan-language:` destination.
    package static func otherLanguageTarget(_ destination: String) -> (String, String, String?)? {
        guard let target = InternalLink.otherLanguage.target(of: destination), let slash = target.firstIndex(of: "/")
        else { return nil }
        let (key, fragment) = splitFragment(target[target.index(after: slash)...])
        return (String(target[..<slash]), key, fragment)
    }

    /// `#` and the id, in a language's page, of a section or of one of its headings.
    package static func pageFragment(key: String, fragment: String?) -> String {
        let slug = slug(ofKey: key)
        guard let fragment, fragment != slug else { return "#" + slug }
        let encoded = fragment.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? fragment
        return "#" + HeadingAnchors.pageID(sectionSlug: slug, headingID: encoded)
    }

    /// `target#fragment` as its two parts.
    package static func splitFragment(_ text: Substring) -> (String, String?) {
        guard let hash = text.firstIndex(of: "#") else { return (String(text), nil) }
        return (String(text[..<hash]), String(text[text.index(after: hash)...]))
    }
}
