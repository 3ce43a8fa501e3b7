import Foundation
import BilanBase
import BilanInputs

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

    public init(
        projectRoot: URL, sectionKeysByFile: [String: String], anchorsByKey: [String: String],
        knownAnchors: Set<String>, figures: any FigureResolving, allowRawHTML: Bool, traceFigures: Bool,
        blocks: BlockContext? = nil
    ) {
        self.projectRoot = projectRoot
        self.sectionKeysByFile = sectionKeysByFile
        self.anchorsByKey = anchorsByKey
        self.knownAnchors = knownAnchors
        self.figures = figures
        self.allowRawHTML = allowRawHTML
        self.traceFigures = traceFigures
        self.blocks = blocks
    }
}

/// The Markdown stage for one section: parses it with cmark, puts the figures in,
/// resolves its links and images, and reports what is wrong, located in the file.
public struct SectionRenderer {

    package let section: Section
    package let context: SectionContext
    /// The body's lines, split only when a problem must be located.
    package var sourceLines: [Substring]?
    package var diagnostics = DiagnosticList()
    package var referencedFiles: Set<String> = []
    package var charts: [ChartFile] = []
    package var handTypedCandidates: [(name: String, number: String)] = []

    public static func render(_ section: Section, context: SectionContext) -> ParsedSection {
        var renderer = SectionRenderer(section: section, context: context)
        let blocks = renderer.transform(CommonMarkConverter.parse(FigurePlaceholders.protectEscapes(section.body)))
        return ParsedSection(
            section: section, blocks: blocks, referencedFiles: renderer.referencedFiles.sorted(),
            charts: renderer.charts, diagnostics: renderer.diagnostics.all)
    }

    package init(section: Section, context: SectionContext) {
        self.section = section
        self.context = context
        self.handTypedCandidates = context.figures.formattedValues(language: section.language).compactMap { figure in
            guard let number = HandTypedFigures.number(in: figure.text, language: section.language) else { return nil }
            return (figure.name, number)
        }
    }

    // MARK: - Blocks

    package mutating func transform(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        blocks.map { transform($0) }
    }

    package mutating func transform(_ block: MarkdownBlock) -> MarkdownBlock {
        switch block {
        case .paragraph(let inlines, let range):
            return .paragraph(transform(inlines, range: range, inImage: false), range)
        case .heading(let level, let inlines, let range):
            return .heading(level: level, transform(inlines, range: range, inImage: false), range)
        case .blockQuote(let children, let range):
            return .blockQuote(transform(children), range)
        case .list(var list, let range):
            list.items = list.items.map { transform($0) }
            return .list(list, range)
        case .codeBlock(let info, let literal, let range):
            if let kind = BlockKind(info: info), let blocks = context.blocks, let range {
                return generate(kind, yaml: FigurePlaceholders.restoreInCode(literal), range: range, context: blocks) ?? block
            }
            return .codeBlock(info: FigurePlaceholders.restoreInCode(info), literal: FigurePlaceholders.restoreInCode(literal), range)
        case .htmlBlock, .thematicBreak, .generated:
            return block
        }
    }

    /// A `chart`, `table` or `keyfigures` block replaced by what it draws; nil when it
    /// has errors (reported).
    package mutating func generate(_ kind: BlockKind, yaml: String, range: SourceRange, context: BlockContext) -> MarkdownBlock? {
        let fenceLine = range.startLine + section.bodyFirstLine - 1
        let reader = YAMLReader(file: section.file, lineOffset: fenceLine, columnOffset: range.startColumn - 1)
        let fence = SourceLocation(file: section.file, line: fenceLine, column: range.startColumn)
        let result = BlockRenderer.render(
            kind, yaml: yaml, reader: reader, fence: fence, context: context,
            defaultID: "\(section.key)-\(charts.count + 1)")
        diagnostics.append(contentsOf: result.diagnostics)
        guard let generated = result.block else { return nil }
        if let chart = generated.chart { charts.append(chart) }
        return .generated(html: generated.html, markdown: generated.markdown)
    }

    // MARK: - Inlines

    package mutating func transform(_ inlines: [MarkdownInline], range: SourceRange?, inImage: Bool) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for inline in inlines {
            switch inline {
            case .text(let text):
                result.append(contentsOf: substitute(text, range: range, inImage: inImage))
            case .code(let literal):
                result.append(.code(FigurePlaceholders.restoreInCode(literal)))
            case .emphasis(let children):
                result.append(.emphasis(transform(children, range: range, inImage: inImage)))
            case .strong(let children):
                result.append(.strong(transform(children, range: range, inImage: inImage)))
            case .link(let destination, let title, let children):
                let target = resolveLink(destination, range: range)
                result.append(.link(destination: target, title: title, transform(children, range: range, inImage: inImage)))
            case .image(let source, let title, let children):
                let target = resolveImage(source, alt: children, range: range)
                result.append(.image(source: target, title: title, transform(children, range: range, inImage: true)))
            case .softBreak, .lineBreak, .html, .generated:
                result.append(inline)
            }
        }
        return result
    }

    /// Replaces the `{{ … }}` of a text node by formatted figures.
    package mutating func substitute(_ text: String, range: SourceRange?, inImage: Bool) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for piece in FigurePlaceholders.split(text) {
            switch piece {
            case .text(let plain):
                let restored = FigurePlaceholders.restoreInText(plain)
                checkHandTyped(restored, range: range)
                result.append(.text(restored))
            case .unclosed(let rest):
                report(.error, .figureSyntax, "'{{' is not closed by '}}' (write \\{{ for a literal {{)", near: "{{", range: range)
                result.append(.text(FigurePlaceholders.restoreInText(rest)))
            case .reference(let inside):
                switch context.figures.resolve(inside, language: section.language) {
                case .success(let figure):
                    result.append(inImage ? .text(figure.text) : .generated(html: figure.html(traced: context.traceFigures), markdown: figure.text))
                case .failure(let problem):
                    if !problem.alreadyReported {
                        // A syntax error points inside the braces, at the character at fault.
                        report(
                            .error, problem.code, problem.message, near: "{{" + inside, range: range,
                            shift: problem.offset.map { 2 + $0 } ?? 0)
                    }
                    result.append(.text("{{" + inside + "}}"))
                }
            }
        }
        return result
    }

    package mutating func checkHandTyped(_ text: String, range: SourceRange?) {
        guard !handTypedCandidates.isEmpty else { return }
        for token in HandTypedFigures.numbers(in: text, language: section.language) {
            guard let figure = handTypedCandidates.first(where: { $0.number == token.normalized }) else { continue }
            report(
                .warning, .handTypedFigure,
                "'\(token.written)' is typed by hand but equals the figure '\(figure.name)': write {{ \(figure.name) }} so it follows the data",
                near: token.written, range: range, figure: figure.name)
        }
    }

    // MARK: - Links and images

    package mutating func resolveLink(_ destination: String, range: SourceRange?) -> String {
        if MarkdownInline.isDangerous(destination, image: false), !destination.lowercased().hasPrefix("file:") {
            report(.warning, .brokenLink, "this link would run code or open a local file in the reader's browser: bilan leaves its address out", near: destination, range: range)
            return ""
        }
        switch ProjectPaths.resolve(destination, writtenIn: section.file, projectRoot: context.projectRoot) {
        case .external:
            return destination
        case .fragment(let anchor):
            if !context.knownAnchors.contains(anchor) {
                report(.warning, .brokenLink, "no section has the anchor '#\(anchor)'", near: destination, range: range)
            }
            return destination
        case .file(let path, let fragment):
            if let key = context.sectionKeysByFile[path] {
                guard context.anchorsByKey[key] != nil else {
                    report(.warning, .brokenLink, "the section '\(key)' is not in this build (a draft, or missing in this language)", near: destination, range: range)
                    return destination
                }
                return InternalLink.section.scheme + key + (fragment.map { "#" + $0 } ?? "")
            }
            referencedFiles.insert(path)
            return InternalLink.file.scheme + path + (fragment.map { "#" + $0 } ?? "")
        case .notFound:
            report(.warning, .brokenLink, "'\(destination)' names no file (looked beside the section and in content/)", near: destination, range: range)
            return destination
        case .outside where destination.hasPrefix("/") && !destination.hasPrefix("//"):
            // A site-relative URL (`/contact/`): left as written, not checked.
            return destination
        case .outside:
            report(.error, .pathOutsideProject, "'\(destination)' leads out of the project: link to files inside content/, or to a full https:// address", near: destination, range: range)
            return destination
        }
    }

    package mutating func resolveImage(_ source: String, alt: [MarkdownInline], range: SourceRange?) -> String {
        if MarkdownInline.plainText(alt).trimmingCharacters(in: .whitespaces).isEmpty {
            report(.warning, .missingAlt, "this image has no alt text: describe it between the brackets, ![like this](…)", near: source, range: range)
        }
        if MarkdownInline.isDangerous(source, image: true), !source.lowercased().hasPrefix("file:") {
            report(.error, .pathOutsideProject, "image '\(source.prefix(40))' is not a file of the project or a web address: put the image in content/assets/", near: source, range: range)
            return ""
        }
        switch ProjectPaths.resolve(source, writtenIn: section.file, projectRoot: context.projectRoot) {
        case .external:
            return source
        case .file(let path, _):
            referencedFiles.insert(path)
            return InternalLink.file.scheme + path
        case .fragment, .notFound:
            report(.error, .missingImage, "image '\(source)' not found (looked beside the section and in content/)", near: source, range: range)
            return source
        case .outside:
            report(.error, .pathOutsideProject, "image '\(source)' leads out of the project: put it in content/assets/", near: source, range: range)
            return source
        }
    }

    // MARK: - Diagnostics

    /// Reports a problem at the first place `needle` appears in the block's lines (the
    /// block's first line when it cannot be found).
    package mutating func report(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, near needle: String,
        range: SourceRange?, figure: String? = nil, shift: Int = 0
    ) {
        var line = range?.startLine
        var column = range?.startColumn
        if sourceLines == nil { sourceLines = section.body.split(separator: "\n", omittingEmptySubsequences: false) }
        if let range, let found = FigurePlaceholders.locateText(needle, in: sourceLines!, from: range.startLine, through: range.endLine) {
            line = found.line
            column = found.column + shift
        }
        let location = SourceLocation(
            file: section.file, line: line.map { $0 + section.bodyFirstLine - 1 }, column: column)
        var diagnostic = Diagnostic(severity, code, message, at: location)
        diagnostic.figure = figure
        diagnostics.append(diagnostic)
    }
}
