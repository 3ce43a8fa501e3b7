public import BilanBase
public import BilanInputs
public import BilanContent

/// One section rendered for every file and variant of the build, made by consuming its
/// ``ParsedSection``: it holds the outputs and no Markdown tree, so whoever gets it from
/// the pipeline has the section as every page shows it.
public struct RenderedSection: Sendable {
    /// The section's front matter and place in the report. Its body is not kept: the
    /// outputs are what it became.
    public let section: Section
    /// Files of the project the section links to or shows (relative to the project).
    public let referencedFiles: [String]
    /// The charts its blocks drew, in order.
    public let charts: [ChartFile]
    public let diagnostics: [Diagnostic]
    /// The photos it shows, each at the first place it does (``ParsedSection/shownPhotos``).
    public let shownPhotos: [String: SourceLocation]
    /// Its headings' ids in a file of its own (``HeadingAnchors``), in order.
    public let headingIDs: [String]
    /// Its links to headings, which the pipeline checks against every section's.
    public let anchorLinks: [AnchorLink]
    /// The section in the site's page, in its own Markdown file and in report.md.
    public let output: SectionOutput
    /// Its page HTML in each other variant the build renders, and what that variant
    /// could not point at.
    package let variants: [RenderVariant: VariantHTML]
    /// The section as WordprocessingML, when the build renders the `.word` variant.
    package let word: WordSection?

    /// Renders `parsed` for the site's files and for each of `variants` (`.site` is
    /// always rendered); `links` are its language's; `hugo` adds its page in the Hugo
    /// layout.
    package init(
        _ parsed: consuming ParsedSection, links: OutputLinks, variants: [RenderVariant], allowRawHTML: Bool,
        hugo: Bool = false
    ) {
        let blocks = parsed.blocks
        var section = parsed.section
        section.body = ""
        self.section = section
        referencedFiles = parsed.referencedFiles
        charts = parsed.charts
        diagnostics = parsed.diagnostics
        shownPhotos = parsed.shownPhotos
        headingIDs = parsed.headingIDs
        anchorLinks = parsed.anchorLinks
        let pagePrefix = Self.pageHeadingPrefix(section)
        output = Self.output(blocks, section, links, allowRawHTML: allowRawHTML, hugo: hugo)
        var others: [RenderVariant: VariantHTML] = [:]
        word =
            variants.contains(.word)
            ? WordSection(
                allowRawHTML ? blocks : MarkdownBlock.withoutRawHTML(blocks),
                sectionLevel: section.part == nil ? 1 : 2)
            : nil
        for variant in variants where variant != .site && variant != .word {
            var notes: [SingleFileExport.Note] = []
            let html: String
            if variant == .singleFile {
                // cmark's safe mode would empty the `data:` URIs the variant writes: what it
                // leaves out of the author's text is left out first, on the tree.
                let safe = allowRawHTML ? blocks : SafeModeTree.prepared(blocks)
                html = CommonMarkConverter.renderHTML(
                    links.rewrite(safe, for: .page, variant: variant, notes: &notes), allowRawHTML: true,
                    headingIDPrefix: pagePrefix)
            } else {
                html = CommonMarkConverter.renderHTML(
                    links.rewrite(blocks, for: .page, variant: variant, notes: &notes), allowRawHTML: allowRawHTML,
                    headingIDPrefix: pagePrefix)
            }
            others[variant] = VariantHTML(html: html, notes: notes)
        }
        self.variants = others
    }

    /// The section's HTML in a page of `variant`; nil when the build did not render it.
    package func html(in variant: RenderVariant) -> VariantHTML? {
        variant == .site ? VariantHTML(html: output.html, notes: []) : variants[variant]
    }

    /// What a section's heading ids follow in a page that holds every section of its
    /// language (the site's page, the single file, report.md): its slug and `--`.
    package static func pageHeadingPrefix(_ section: Section) -> String {
        HeadingAnchors.pageID(sectionSlug: section.slug, headingID: "")
    }

    /// Renders one section for every output of the site; a section with no link to
    /// rewrite and no heading has the same Markdown in report.md and in its own file,
    /// rendered once.
    package static func output(
        _ blocks: [MarkdownBlock], _ section: Section, _ links: OutputLinks, allowRawHTML: Bool, hugo: Bool = false
    ) -> SectionOutput {
        let frontMatter = Array(ReportAssembler.frontMatter(section).utf8)
        let hugoPage =
            hugo
            ? frontMatter
                + Array(
                    CommonMarkConverter.renderCommonMark(
                        links.rewrite(blocks, for: .hugoPage), allowRawHTML: allowRawHTML
                    )
                    .utf8) : nil
        let rewrites = OutputLinks.needsRewriting(blocks)
        let headings = blocks.contains { block in
            block.nodes.contains { if case .heading(_, _?) = $0.kind { true } else { false } }
        }
        let prefix = pageHeadingPrefix(section)
        let sectionMarkdown = CommonMarkConverter.renderCommonMark(
            rewrites ? links.rewrite(blocks, for: .sectionMarkdown) : blocks, allowRawHTML: allowRawHTML)
        return SectionOutput(
            html: CommonMarkConverter.renderHTML(
                rewrites ? links.rewrite(blocks, for: .page) : blocks, allowRawHTML: allowRawHTML,
                headingIDPrefix: prefix),
            sectionFile: frontMatter + Array(sectionMarkdown.utf8), markdownStart: frontMatter.count,
            reportMarkdown: rewrites || headings
                ? CommonMarkConverter.renderCommonMark(
                    rewrites ? links.rewrite(blocks, for: .reportMarkdown) : blocks, allowRawHTML: allowRawHTML,
                    headingIDPrefix: prefix) : nil,
            hugoPage: hugoPage)
    }
}

/// A section's page HTML in one render variant, and the references that variant could
/// not make (the single file's notes).
package struct VariantHTML: Sendable {
    package var html: String
    package var notes: [SingleFileExport.Note]
}

/// What cmark's safe HTML renderer leaves out of the author's text, done on the tree:
/// raw HTML becomes the comment cmark writes in its place, a dangerous URL an empty one.
/// Rendered then in cmark's unsafe mode, the blocks give the safe mode's bytes, while
/// the URLs a variant writes itself (the single file's `data:` URIs) are kept.
package enum SafeModeTree {
    package static let omitted = "<!-- raw HTML omitted -->"

    package static func prepared(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        guard blocks.contains(where: \.hasRawHTMLOrDangerousURL) else { return blocks }
        var rewriter = RawHTMLRemover(placeholder: omitted)
        return MarkdownRewriting.rewrite(blocks, with: &rewriter)
    }
}
