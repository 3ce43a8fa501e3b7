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
    /// The photos (``Photo``) it shows as images, each at the first place it does: the
    /// site shows their resized copies, and copies the file itself only when asked.
    public var shownPhotos: [String: SourceLocation] = [:]
}
