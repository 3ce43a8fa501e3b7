public import BilanBase
public import BilanInputs

/// A section's Markdown parsed and transformed — figures in place, links and images
/// resolved, blocks drawn — and not yet rendered for any output.
///
/// Links and images that bilan resolved carry a `bilan-section:` or `bilan-file:`
/// destination, which the render stage turns into the right URL for each file and
/// variant. The render stage consumes it into a `RenderedSection` (BilanRender), which
/// holds the outputs and no tree: a parsed section is never what a page is made from.
public struct ParsedSection: Sendable {
    public var section: Section
    public var blocks: [MarkdownBlock]
    /// Files of the project the section links to or shows (relative to the project).
    public var referencedFiles: [String]
    /// The charts its blocks drew, in order.
    public var charts: [ChartFile]
    public var diagnostics: [Diagnostic]
    /// Its headings' ids, in order (see ``HeadingAnchors``).
    public var headingIDs: [String] = []
    /// Its links to a heading, checked once every section is rendered.
    public var anchorLinks: [AnchorLink] = []
    /// The photos (``Photo``) it shows as images, each at the first place it does: the
    /// site shows their resized copies, and copies the file itself only when asked.
    public var shownPhotos: [String: SourceLocation] = [:]
}

/// A link to a heading of a section (`[…](#merci)`, `[…](010-mot-equipe.fr.md#merci)`),
/// which only the other section's rendering can confirm: the pipeline checks it against
/// the headings of every section, and reports a `broken-link` where it is written.
public struct AnchorLink: Sendable, Equatable {
    /// The language of the section linked to.
    public var language: String
    /// Its translation key.
    public var key: String
    /// The heading's id, as written after `#`.
    public var fragment: String
    /// Where the link's destination is written.
    public var location: SourceLocation

    public init(language: String, key: String, fragment: String, location: SourceLocation) {
        self.language = language
        self.key = key
        self.fragment = fragment
        self.location = location
    }

    /// A section's slug and its headings' ids, which links to it may name.
    public struct Headings: Sendable {
        public var slug: String
        public var ids: [String]

        public init(slug: String, ids: [String]) {
            self.slug = slug
            self.ids = ids
        }
    }

    /// A `broken-link` warning for each of `links`, written in the section `key` of
    /// `language`, that names no heading of its section (`headings`: language → key).
    public static func problems(
        _ links: [AnchorLink], in key: String, language: String, headings: [String: [String: Headings]]
    ) -> [Diagnostic] {
        var problems = DiagnosticList()
        for link in links {
            guard let target = headings[link.language]?[link.key], link.fragment != target.slug,
                !target.ids.contains(link.fragment)
            else { continue }
            let known =
                target.ids.isEmpty
                ? "it has no heading"
                : "its headings' anchors: " + target.ids.map { "#" + $0 }.joined(separator: ", ")
            let what =
                link.key == key && link.language == language
                ? "no section and no heading of this section has the anchor '#\(link.fragment)'"
                : "the section '\(link.key)' (\(link.language)) has no heading with the anchor '#\(link.fragment)'"
            problems.warning(.brokenLink, "\(what) (\(known))", at: link.location)
        }
        return problems.all
    }
}
