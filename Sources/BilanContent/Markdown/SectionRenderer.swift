package import BilanBase
public import BilanInputs
public import Foundation

/// Everything a section needs to know about the rest of the report.
public struct SectionContext: Sendable {
    public var projectRoot: URL
    /// Section files by path (`content/sections/020-membres.fr.md`) → translation key.
    public var sectionKeysByFile: [String: String]
    /// Translation keys present in this build → their anchor (slug).
    public var anchorsByKey: [String: String]
    /// The anchors a `#fragment` link may point to.
    public var knownAnchors: Set<String>
    public var figures: any FigureResolving
    public var allowRawHTML: Bool
    /// Wrap figures so that hovering or focusing one shows where it comes from.
    public var traceFigures: Bool
    /// The data and formats `chart`, `table` and `keyfigures` blocks read; without it,
    /// such blocks stay code blocks.
    public var blocks: BlockContext?
    /// The project's photos, read from their headers: an image that shows one is checked
    /// (`large-image`, `unreadable-image`).
    package var photos = PhotoCatalog()
    /// The keys of the sections of the build in each other language, in report.yaml's
    /// order of languages: where a link to a section missing in this language goes.
    public var otherLanguages: [(language: String, keys: Set<String>)]

    public init(
        projectRoot: URL, sectionKeysByFile: [String: String], anchorsByKey: [String: String],
        knownAnchors: Set<String>, figures: any FigureResolving, allowRawHTML: Bool, traceFigures: Bool,
        blocks: BlockContext? = nil, otherLanguages: [(language: String, keys: Set<String>)] = []
    ) {
        self.projectRoot = projectRoot
        self.sectionKeysByFile = sectionKeysByFile
        self.anchorsByKey = anchorsByKey
        self.knownAnchors = knownAnchors
        self.figures = figures
        self.allowRawHTML = allowRawHTML
        self.traceFigures = traceFigures
        self.blocks = blocks
        self.otherLanguages = otherLanguages
    }
}

/// The Markdown stage for one section: parses it with cmark, puts the figures in,
/// resolves its links and images, and reports what is wrong, each problem at its own
/// line and column in the file (from the nodes' source ranges, never by searching).
///
/// It is one ``MarkdownRewriter`` pass over the section's tree.
public struct SectionRenderer: MarkdownRewriter {

    package let section: Section
    package let context: SectionContext
    /// The body as cmark read it: with each `\{{` protected (see ``FigurePlaceholders``).
    package let parsedBody: String
    /// For each line of the parsed body, the columns (from 1) of its protected `\{`s
    /// (each stands for two characters of the file), in order; found only when a
    /// position must be moved past them.
    package var escapedBraceColumns: [[Int]]?
    /// The last place ``place(_:_:in:)`` found, in the text node at `range`: places in
    /// one node are asked in order, and counted from the one before.
    package var lastPlace: (range: SourceRange?, offset: Int, position: SourcePosition)?
    /// The parsed body's lines, split the first time a paragraph of several lines may be
    /// a pipe table.
    package var parsedLines: [Substring]?
    package var diagnostics = DiagnosticList()
    package var referencedFiles: Set<String> = []
    package var shownPhotos: [String: SourceLocation] = [:]
    package var charts: [ChartFile] = []
    package var handTypedCandidates: [(name: String, number: HandTypedFigures.Token)] = []
    /// How many images contain the node being visited (figures in alt text are plain text).
    package var imageDepth = 0
    /// The paragraph or heading being visited, for a node that has no range.
    package var blockRange: SourceRange?
    /// Whether the paragraph being visited is a pipe table: its numbers are not prose.
    package var inPipeTable = false
    /// The ids given to the section's headings.
    package var headingAnchors = HeadingAnchors()
    /// The links to a heading, checked when every section is rendered.
    package var anchorLinks: [AnchorLink] = []

    public static func render(_ section: Section, context: SectionContext) -> ParsedSection {
        var renderer = SectionRenderer(section: section, context: context)
        var spanProblems: [LanguageSpans.Problem] = []
        let parsed = CommonMarkConverter.parse(renderer.parsedBody).map { block in
            LanguageSpans.grouped(block, allowRawHTML: context.allowRawHTML, problems: &spanProblems)
        }
        for problem in spanProblems {
            renderer.report(.warning, .languageSpan, problem.message, at: problem.position)
        }
        let blocks = MarkdownRewriting.rewrite(parsed, with: &renderer)
        return ParsedSection(
            section: section, blocks: blocks, referencedFiles: renderer.referencedFiles.sorted(),
            charts: renderer.charts, diagnostics: renderer.diagnostics.all, headingIDs: renderer.headingAnchors.ids,
            anchorLinks: renderer.anchorLinks, shownPhotos: renderer.shownPhotos)
    }

    package init(section: Section, context: SectionContext) {
        self.section = section
        self.context = context
        self.parsedBody = FigurePlaceholders.protectEscapes(section.body)
        let used = HandTypedFigures.referencedNames(in: section.body)
        self.handTypedCandidates = context.figures.formattedValues(language: section.language).compactMap { figure in
            guard let number = HandTypedFigures.number(in: figure.text, language: section.language),
                !number.isCommon || used.contains(figure.name)
            else { return nil }
            return (figure.name, number)
        }
    }

    // MARK: - The pass

    package mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite {
        switch node.kind {
        case .paragraph:
            blockRange = node.range
            checkPipeTable(node)
            return .keep
        case .heading(let level, _):
            blockRange = node.range
            if level == 1 {
                report(
                    .warning, .unsupportedMarkdown,
                    "a level-1 heading ('#') inside a section: the section's title is the page's heading at that "
                        + "level; start the section's own headings at '##'",
                    at: node.range?.start)
            }
            let id = headingAnchors.next(for: MarkdownNode.plainText(descendants))
            return .update(.heading(level: level, id: id))
        case .codeBlock(let info, let literal):
            if let kind = BlockKind(info: info), let blocks = context.blocks, let range = node.range {
                guard
                    let generated = generate(
                        kind, yaml: FigurePlaceholders.restoreInCode(literal), range: range, context: blocks)
                else { return .keep }
                return .replace([
                    MarkdownNode(
                        .generatedBlock(html: generated.html, markdown: generated.markdown, content: generated.content))
                ])
            }
            let restored = MarkdownNode.Kind.codeBlock(
                info: FigurePlaceholders.restoreInCode(info), literal: FigurePlaceholders.restoreInCode(literal))
            return restored == node.kind ? .keep : .update(restored)
        case .text(let text):
            if imageDepth == 0 {
                for offset in UnsupportedMarkdown.footnoteOffsets(text) {
                    report(
                        .warning, .unsupportedMarkdown,
                        "a footnote mark ('[^…]'), which bilan's Markdown (CommonMark) does not have: it would be "
                            + "published as it is written; put the note in the text, in parentheses or after it",
                        at: place(node, offset, in: text))
                }
            }
            guard let pieces = substitute(text, node) else { return .keep }
            return .replace(pieces)
        case .code(let literal):
            let restored = FigurePlaceholders.restoreInCode(literal)
            return restored == literal ? .keep : .update(.code(restored))
        case .link(var link):
            let resolved = resolveLink(link.destination, at: link.destinationPosition ?? node.range?.start)
            guard resolved != link.destination else { return .keep }
            link.destination = resolved
            return .update(.link(link))
        case .image(var link):
            let resolved = resolveImage(
                link.destination, alt: descendants, at: link.destinationPosition ?? node.range?.start)
            imageDepth += 1
            guard resolved != link.destination else { return .keep }
            link.destination = resolved
            return .update(.image(link))
        case .blockQuote, .list, .item, .htmlBlock, .thematicBreak, .generatedBlock, .softBreak, .lineBreak, .html,
            .emphasis, .strong, .generated, .language:
            return .keep
        }
    }

    package mutating func exit(_ node: MarkdownNode) {
        switch node.kind {
        case .image: imageDepth -= 1
        case .paragraph: inPipeTable = false
        default: break
        }
    }

    /// An `unsupported-markdown` warning for a paragraph written as a pipe table, which
    /// CommonMark reads as a paragraph of `|`, with the `table` block that writes it.
    package mutating func checkPipeTable(_ node: MarkdownNode) {
        guard let range = node.range, range.endLine > range.startLine, parsedBody.utf8.contains(UInt8(ascii: "|"))
        else { return }
        if parsedLines == nil { parsedLines = Self.lines(parsedBody) }
        guard let lines = parsedLines, range.startLine >= 1, range.endLine <= lines.count,
            let table = UnsupportedMarkdown.pipeTable(Array(lines[(range.startLine - 1)..<range.endLine]))
        else { return }
        inPipeTable = true
        report(
            .warning, .unsupportedMarkdown,
            "this paragraph is a pipe table, which bilan's Markdown (CommonMark) does not have: it would be "
                + "published as a paragraph of '|'; write it as a table block: "
                + UnsupportedMarkdown.tableBlock(header: table.header, rows: table.rows),
            at: range.start)
    }

    /// A `chart`, `table` or `keyfigures` block's output; nil when it has errors
    /// (reported).
    package mutating func generate(
        _ kind: BlockKind, yaml: String, range: SourceRange, context: BlockContext
    ) -> (html: String, markdown: String, content: GeneratedContent?)? {
        let fenceLine = range.startLine + section.bodyFirstLine - 1
        let reader = YAMLReader(file: section.file, lineOffset: fenceLine, columnOffset: range.startColumn - 1)
        let fence = SourceLocation(file: section.file, line: fenceLine, column: range.startColumn)
        let result = BlockRenderer.render(
            kind, yaml: yaml, reader: reader, fence: fence, context: context,
            defaultID: "\(section.key)-\(charts.count + 1)")
        diagnostics.append(contentsOf: result.diagnostics)
        guard let generated = result.block else { return nil }
        if let chart = generated.chart { charts.append(chart) }
        return (generated.html, generated.markdown, generated.content)
    }

    // MARK: - Text

    /// The nodes that replace a text node: its `{{ … }}` made figures, its protected
    /// braces restored; nil when it stays as it is. Hand-typed figures are checked.
    package mutating func substitute(_ text: String, _ node: MarkdownNode) -> [MarkdownNode]? {
        let pieces = FigurePlaceholders.split(text)
        var result: [MarkdownNode] = []
        var offset = 0
        var changed = false
        for piece in pieces {
            switch piece {
            case .text(let plain):
                checkHandTyped(plain, node, offset: offset, in: text)
                let restored = FigurePlaceholders.restoreInText(plain)
                if restored != plain { changed = true }
                result.append(MarkdownNode(.text(restored)))
                offset += plain.utf8.count
            case .unclosed(let rest):
                report(
                    .error, .figureSyntax, "'{{' is not closed by '}}' (write \\{{ for a literal {{)",
                    at: place(node, offset, in: text))
                result.append(MarkdownNode(.text(FigurePlaceholders.restoreInText(rest))))
                changed = true
                offset += rest.utf8.count
            case .reference(let inside):
                changed = true
                switch context.figures.resolve(inside, language: section.language) {
                case .success(let figure):
                    result.append(
                        MarkdownNode(
                            imageDepth > 0
                                ? .text(figure.text)
                                : .generated(html: figure.html(traced: context.traceFigures), markdown: figure.text)))
                case .failure(let problem):
                    if !problem.alreadyReported {
                        // A syntax error points inside the braces, at the scalar at fault.
                        var at = offset
                        if let scalars = problem.offset {
                            let scalarView = inside.unicodeScalars
                            let fault = scalarView.index(
                                scalarView.startIndex, offsetBy: scalars, limitedBy: scalarView.endIndex)
                            at += 2 + inside.utf8.distance(from: inside.startIndex, to: fault ?? inside.endIndex)
                        }
                        report(.error, problem.code, problem.message, at: place(node, at, in: text))
                    }
                    result.append(MarkdownNode(.text("{{" + inside + "}}")))
                }
                offset += 4 + inside.utf8.count
            }
        }
        return changed ? result : nil
    }

    package mutating func checkHandTyped(_ text: String, _ node: MarkdownNode, offset: Int, in literal: String) {
        guard !handTypedCandidates.isEmpty, !inPipeTable else { return }
        for token in HandTypedFigures.numbers(in: text, language: section.language) {
            guard
                let figure = handTypedCandidates.first(where: {
                    $0.number.normalized == token.normalized && $0.number.unit == token.unit
                })
            else { continue }
            report(
                .warning, .handTypedFigure,
                "'\(token.written)' is typed by hand but equals the figure '\(figure.name)': "
                    + "write {{ \(figure.name) }} so it follows the data",
                at: place(node, offset + token.offset, in: literal), figure: figure.name)
        }
    }

    /// Where the byte at `offset` of a text node's literal stands in the source.
    package mutating func place(_ node: MarkdownNode, _ offset: Int, in literal: String) -> SourcePosition? {
        let known = lastPlace.flatMap { $0.range == node.range ? ($0.offset, $0.position) : nil }
        let position = node.position(ofLiteralOffset: offset, in: literal, after: known)
        if let position { lastPlace = (node.range, offset, position) }
        return position
    }

    // MARK: - Links and images

    package mutating func resolveLink(_ destination: String, at position: SourcePosition?) -> String {
        if MarkdownNode.isDangerous(destination, image: false), !destination.lowercased().hasPrefix("file:") {
            report(
                .warning, .brokenLink,
                "this link would run code or open a local file in the reader's browser: bilan leaves its address out",
                at: position)
            return ""
        }
        switch ProjectPaths.resolve(destination, writtenIn: section.file, projectRoot: context.projectRoot) {
        case .external:
            return destination
        case .fragment(let anchor):
            if context.knownAnchors.contains(anchor),
                let key = context.anchorsByKey.keys.sorted().first(where: { context.anchorsByKey[$0] == anchor })
            {
                return InternalLink.section.scheme + key
            }
            // A heading of this section, found once the whole section is read.
            anchorLinks.append(
                AnchorLink(
                    language: section.language, key: section.key, fragment: anchor, location: location(of: position)))
            return InternalLink.section.scheme + section.key + "#" + anchor
        case .file(let path, let fragment):
            if let key = context.sectionKeysByFile[path] {
                guard let slug = context.anchorsByKey[key] else {
                    if let other = otherLanguageLink(key, file: path, fragment: fragment, at: position) { return other }
                    report(
                        .warning, .brokenLink,
                        "the section '\(key)' is not in this build (a draft, or missing in every language)",
                        at: position)
                    return destination
                }
                if let fragment, fragment != slug {
                    anchorLinks.append(
                        AnchorLink(
                            language: section.language, key: key, fragment: fragment, location: location(of: position)))
                }
                return InternalLink.section.scheme + key + (fragment.map { "#" + $0 } ?? "")
            }
            referencedFiles.insert(path)
            return InternalLink.file.scheme + path + (fragment.map { "#" + $0 } ?? "")
        case .notFound:
            // A section file of a language the section is not written in.
            let (file, fragment) = Self.splitFragment(destination)
            let name = file.split(separator: "/").last.map(String.init)?.removingPercentEncoding ?? ""
            if let parts = SectionLoader.nameParts(name), context.anchorsByKey["\(parts.prefix)-\(parts.slug)"] == nil,
                let other = otherLanguageLink(
                    "\(parts.prefix)-\(parts.slug)", file: name, fragment: fragment, at: position)
            {
                return other
            }
            let reason = ProjectPaths.unreachableReason(
                destination, writtenIn: section.file, projectRoot: context.projectRoot)
            report(
                .warning, .brokenLink,
                reason.map { "'\(destination)' cannot be read: \($0)" }
                    ?? "'\(destination)' names no file (looked beside the section and in content/)",
                at: position)
            return destination
        case .outside where destination.hasPrefix("/") && !destination.hasPrefix("//"):
            // A site-relative URL (`/contact/`): left as written, not checked.
            return destination
        case .outside:
            report(
                .error, .pathOutsideProject,
                "'\(destination)' leads out of the project: "
                    + "link to files inside content/, or to a full https:// address",
                at: position)
            return destination
        }
    }

    /// A link to a section that is not in this build in the section's language but is in
    /// another (the language of `file` first, then report.yaml's order): a destination
    /// into that language's page, with an `other-language-link` warning; nil when no
    /// language has it.
    package mutating func otherLanguageLink(
        _ key: String, file: String, fragment: String?, at position: SourcePosition?
    ) -> String? {
        let written = SectionLoader.nameParts(String(file.split(separator: "/").last ?? "")).map { String($0.language) }
        let candidates = context.otherLanguages.filter { $0.keys.contains(key) }
        guard let target = candidates.first(where: { $0.language == written }) ?? candidates.first else { return nil }
        report(
            .warning, .otherLanguageLink,
            "the section '\(key)' is not in this build in '\(section.language)': the link goes to its page in "
                + "'\(target.language)' (marked hreflang=\"\(target.language)\"); translate the section, or link "
                + "elsewhere",
            at: position)
        let slug = String(key.drop(while: { $0 != "-" }).dropFirst())
        if let fragment, fragment != slug {
            anchorLinks.append(
                AnchorLink(language: target.language, key: key, fragment: fragment, location: location(of: position)))
        }
        return InternalLink.otherLanguage.destination(target.language + "/" + key + (fragment.map { "#" + $0 } ?? ""))
    }

    /// `target#fragment` as its two parts.
    package static func splitFragment(_ text: String) -> (String, String?) {
        guard let hash = text.firstIndex(of: "#") else { return (text, nil) }
        return (String(text[..<hash]), String(text[text.index(after: hash)...]))
    }

    /// The image's source resolved; its problems, missing alt text included, are
    /// reported where the source is written (`position`).
    package mutating func resolveImage(
        _ source: String, alt: ArraySlice<MarkdownNode>, at position: SourcePosition?
    )
        -> String
    {
        if !MarkdownNode.hasVisibleText(alt) {
            report(
                .warning, .missingAlt,
                "this image has no alt text: describe it between the brackets, ![like this](…)",
                at: position)
        }
        if MarkdownNode.isDangerous(source, image: true), !source.lowercased().hasPrefix("file:") {
            report(
                .error, .pathOutsideProject,
                "image '\(source.prefix(40))' is not a file of the project or a web address: "
                    + "put the image in content/assets/",
                at: position)
            return ""
        }
        switch ProjectPaths.resolve(source, writtenIn: section.file, projectRoot: context.projectRoot) {
        case .external:
            return source
        case .file(let path, _):
            guard let photo = context.photos.photos[path] else {
                referencedFiles.insert(path)
                return InternalLink.file.scheme + path
            }
            switch photo {
            case .success(let photo):
                if let reason = photo.largeReason {
                    report(
                        .warning, .largeImage,
                        reason + ": the page shows copies at most 1600 pixels wide, but the file stays in the "
                            + "project; export it smaller (2000 pixels wide is plenty)", at: position)
                }
                if shownPhotos[path] == nil { shownPhotos[path] = location(of: position) }
            case .failure(let error):
                report(
                    .error, .unreadableImage,
                    "image '\(source)' cannot be read: \(error.message); export it again from the original",
                    at: position)
                referencedFiles.insert(path)
            }
            return InternalLink.file.scheme + path
        case .fragment, .notFound:
            let reason = ProjectPaths.unreachableReason(
                source, writtenIn: section.file, projectRoot: context.projectRoot)
            report(
                .error, .missingImage,
                reason.map { "image '\(source)' cannot be read: \($0)" }
                    ?? "image '\(source)' not found (looked beside the section and in content/)",
                at: position)
            return source
        case .outside:
            report(
                .error, .pathOutsideProject, "image '\(source)' leads out of the project: put it in content/assets/",
                at: position)
            return source
        }
    }

    // MARK: - Diagnostics

    /// Reports a problem at a place of the body (the paragraph's start when the node
    /// had none), moved into the file (``location(of:)``).
    package mutating func report(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at position: SourcePosition?,
        figure: String? = nil
    ) {
        var diagnostic = Diagnostic(severity, code, message, at: location(of: position))
        diagnostic.figure = figure
        diagnostics.append(diagnostic)
    }

    /// A place of the body (the paragraph's start when nil) as a place of the file: past
    /// the front matter, and past each protected `\{` before it on its line (one
    /// character read, two written).
    package mutating func location(of position: SourcePosition?) -> SourceLocation {
        let place = position ?? blockRange?.start
        var column = place?.column
        if let place, parsedBody.utf8.count != section.body.utf8.count {
            if escapedBraceColumns == nil {
                escapedBraceColumns = Self.lines(parsedBody).map { line in
                    line.enumerated().compactMap { $0.element == FigurePlaceholders.escapedBrace ? $0.offset + 1 : nil }
                }
            }
            if let lines = escapedBraceColumns, place.line >= 1, place.line <= lines.count {
                // The escaped braces before the column, found by halving: a long line with
                // many problems is not read once per problem.
                let braces = lines[place.line - 1]
                var (low, high) = (0, braces.count)
                while low < high {
                    let middle = (low + high) / 2
                    if braces[middle] < place.column { low = middle + 1 } else { high = middle }
                }
                column = place.column + low
            }
        }
        return SourceLocation(
            file: section.file, line: place.map { $0.line + section.bodyFirstLine - 1 }, column: column)
    }

    /// Text split at its line endings as cmark reads them (`\n`, `\r\n`, `\r`).
    package static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }
}
