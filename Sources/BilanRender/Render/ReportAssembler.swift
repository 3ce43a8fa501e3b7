public import Foundation
public import BilanBase
public import BilanInputs
import BilanContent

/// The files a build writes, in memory until the writer swaps them in.
public struct OutputPlan: Sendable {
    /// Generated files: path in `output/` → bytes.
    public var files: [String: [UInt8]] = [:]
    /// Project files copied as they are: path in `output/` → path in the project.
    public var copies: [String: String] = [:]

    public init() {}

    public mutating func add(_ path: String, _ text: String) { files[path] = Array(text.utf8) }

    /// Every output path, sorted.
    public var paths: [String] { (Array(files.keys) + Array(copies.keys)).sorted() }
}

/// The report as the build made it: the files of the site, and the pages of the other
/// variants asked for.
public struct ReportAssembly: Sendable {
    public var plan: OutputPlan
    /// Each language's single-file page, when the build renders that variant.
    public var singleFilePages: [String: SingleFilePage] = [:]
    /// Each language's Word document (or why it could not be made), when the build
    /// renders the `.word` variant.
    public var wordDocuments: [String: Result<WordDocument, Diagnostic>] = [:]
}

/// Puts the rendered sections together into the report's pages and Markdown files, in
/// the site's variant and in each other variant the build asked for.
public struct ReportAssembler: Sendable {
    public var config: ReportConfig
    public var strings: InterfaceStrings
    public var templates: TemplateSet
    /// The sections of each language in this build, in report order.
    public var sections: [String: [RenderedSection]]
    public var generator: String
    /// The build's date (`SOURCE_DATE_EPOCH`) for the sitemap's `<lastmod>`; none when nil.
    public var sourceDateEpoch: Int?
    /// Every figure's formatted text per language (language → name → text), for templates.
    public var figures: [String: [String: String]]
    /// Project files copied whole (`content/assets/`), relative to the project.
    public var assetFiles: [String]
    /// The variants to make pages for besides the site (`.singleFile`); the sections
    /// must have been rendered in them.
    public var variants: [RenderVariant]
    /// Where the project is, for the single file's inlined files; none when nil.
    public var projectRoot: URL?
    /// The photos' resized copies: path in `output/` → bytes.
    package var photoFiles: [String: [UInt8]] = [:]
    /// The photos (relative to the project) the pages show through their copies only:
    /// left out of `assetFiles`' copies (`images: { originals: true }` keeps them).
    package var photosWithoutOriginal: Set<String> = []
    /// Each photo's widest copy (path in `output/`), which the Markdown files show: a Hugo
    /// page bundle holds it beside its page.
    package var photoMarkdownCopies: [String: String] = [:]
    /// Each photo's copy at most 960 pixels wide (``Photo/singleFileCopyWidth``, path in
    /// `output/`), which the single file and the Word document embed.
    package var photoSingleFileCopies: [String: String] = [:]
    /// The Markdown files' layout: the plain files, or Hugo's page bundles.
    public var markdownLayout: MarkdownLayout
    /// Language → translation key → anchor, for the links between languages.
    package let anchors: [String: [String: String]]
    /// The codes of the languages written right to left, found once (from each locale).
    package let rightToLeft: Set<String>
    /// In an archive: language → section slug → the links to the same section in the
    /// years around this one.
    public var yearLinks: [String: [String: [YearLink]]] = [:]

    public init(
        config: ReportConfig, strings: InterfaceStrings, templates: TemplateSet, sections: [String: [RenderedSection]],
        generator: String, sourceDateEpoch: Int? = nil, figures: [String: [String: String]] = [:],
        assetFiles: [String] = [], variants: [RenderVariant] = [], projectRoot: URL? = nil,
        markdownLayout: MarkdownLayout = .plain
    ) {
        self.markdownLayout = markdownLayout
        self.config = config
        self.strings = strings
        self.templates = templates
        self.sections = sections
        self.generator = generator
        self.sourceDateEpoch = sourceDateEpoch
        self.figures = figures
        self.assetFiles = assetFiles
        self.variants = variants
        self.projectRoot = projectRoot
        self.rightToLeft = Set(config.languages.filter(\.isRightToLeft).map(\.code))
        self.anchors = sections.mapValues { list in
            Dictionary(list.map { ($0.section.key, $0.section.slug) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The report's files, and the pages of the other variants. Consuming: the sections
    /// go into the plan, which then holds the only copy of their outputs.
    public consuming func assemble() -> ReportAssembly {
        var plan = OutputPlan()
        plan.add("style.css", templates.stylesheet)
        plan.add("index.html", chooserPage())
        for file in assetFiles where !photosWithoutOriginal.contains(file) {
            plan.copies[OutputLinks.outputPath(ofProjectFile: file)] = file
        }
        for (path, bytes) in photoFiles { plan.files[path] = bytes }
        let linksByLanguage = Dictionary(
            config.languages.map { ($0.code, links(for: sections[$0.code] ?? [])) },
            uniquingKeysWith: { first, _ in first })
        // The languages' pages and report.md, one language per core.
        let assembler = copy self
        var documents = ParallelMap.map(config.languages) { language in
            let rendered = assembler.sections[language.code] ?? []
            return (
                page: assembler.page(language, rendered, rendered.map(\.output.html), variant: .site),
                markdown: assembler.reportMarkdown(
                    language, rendered, linksByLanguage[language.code] ?? assembler.links(for: rendered))
            )
        }
        for index in config.languages.indices {
            let language = config.languages[index]
            let rendered = sections[language.code] ?? []
            plan.files["\(language.code)/index.html"] = documents[index].page
            if markdownLayout == .plain { plan.files["\(language.code)/report.md"] = documents[index].markdown }
            documents[index] = ([], [])
            for section in rendered {
                for file in section.referencedFiles { plan.copies[OutputLinks.outputPath(ofProjectFile: file)] = file }
                switch markdownLayout {
                case .plain:
                    plan.files["\(language.code)/sections/\(section.section.key).md"] = section.output.sectionFile
                    for chart in section.charts { plan.add("\(language.code)/charts/\(chart.id).svg", chart.svg) }
                case .hugo:
                    // A page bundle: the page, and beside it the files it shows or links to.
                    let bundle = Self.hugoBundle(section.section)
                    plan.files[bundle + "index.md"] = section.output.hugoPage ?? section.output.sectionFile
                    for file in section.referencedFiles {
                        plan.copies[bundle + OutputLinks.outputPath(ofProjectFile: file)] = file
                    }
                    for photo in section.shownPhotos.keys {
                        if let copy = photoMarkdownCopies[photo], let bytes = photoFiles[copy] {
                            plan.files[bundle + copy] = bytes
                        }
                    }
                    for chart in section.charts { plan.add(bundle + "\(chart.id).svg", chart.svg) }
                }
            }
        }
        if let baseURL = config.baseURL {
            plan.add(
                Sitemap.path,
                Sitemap(baseURL: baseURL, languages: config.languages, sourceDateEpoch: sourceDateEpoch).xml)
        }
        var assembly = ReportAssembly(plan: plan)
        if variants.contains(.singleFile), let projectRoot {
            let export = SingleFileExport(plan: plan, projectRoot: projectRoot)
            for language in config.languages {
                assembly.singleFilePages[language.code] = singleFilePage(language, export: export)
            }
        }
        if variants.contains(.word), let projectRoot {
            let pictureCopies = photoSingleFileCopies.compactMapValues { photoFiles[$0] }
            for language in config.languages {
                assembly.wordDocuments[language.code] = WordDocumentWriter(
                    config: config, language: language, strings: strings, sections: sections[language.code] ?? [],
                    projectRoot: projectRoot, coverPeriod: coverPeriod(language),
                    pictureCopies: pictureCopies
                ).document()
            }
        }
        return assembly
    }

    /// One language's page as a single self-contained file: the template renders it in
    /// the single-file variant (its stylesheet inlined, files as `data:` URIs, no links
    /// to the other languages), so nothing is cut out of the HTML afterwards.
    package func singleFilePage(_ language: ReportLanguage, export: SingleFileExport) -> SingleFilePage {
        let rendered = sections[language.code] ?? []
        var notes: [SingleFileExport.Note] = []
        var pieces: [String] = []
        pieces.reserveCapacity(rendered.count)
        for section in rendered {
            let variant = section.html(in: .singleFile)
            pieces.append(variant?.html ?? "")
            notes.append(contentsOf: variant?.notes ?? [])
        }
        let stylesheet = export.css(templates.stylesheet, from: "style.css", notes: &notes)
        var logo: String?
        if let file = config.logo.map({ "content/" + $0 }) {
            logo = export.dataURI(OutputLinks.outputPath(ofProjectFile: file))
            if logo == nil {
                notes.append(.init(reference: file, reason: "not found in the build; the link was removed"))
            }
        }
        var cover: String?
        if let file = config.cover.map({ "content/" + $0 }) {
            cover = export.dataURI(OutputLinks.outputPath(ofProjectFile: file))
            if cover == nil {
                notes.append(.init(reference: file, reason: "not found in the build; the link was removed"))
            }
        }
        let variant = PageVariant.singleFile(stylesheet: stylesheet, logo: logo, cover: cover)
        let html = String(decoding: page(language, rendered, pieces, variant: variant), as: UTF8.self)
        return SingleFilePage(html: html, notes: notes)
    }

    // MARK: - HTML

    package func chooserPage() -> String {
        var model = pageModel(language: config.defaultLanguage, url: config.baseURL)
        model.languages = config.languages.map { language in
            LanguageLink(
                code: language.code, name: strings.text(.languageName, language: language.code),
                href: "\(language.code)/index.html", rtl: rightToLeft.contains(language.code), current: false,
                title: language.title,
                organizationName: config.organization.isPerLanguage ? config.organization.text(in: language.code) : nil)
        }
        return templates.render(.index, model)
    }

    /// A language's page, as bytes. The template is rendered with a short marker in
    /// place of each section's HTML, and the HTML is then put in the markers' places:
    /// the template never copies megabytes of sections around. When the markers do not
    /// come out once each, in order and unescaped (a template of the project's own that
    /// escapes, repeats or leaves out `{{{html}}}`), the page is rendered whole instead.
    package func page(
        _ language: ReportLanguage, _ rendered: [RenderedSection], _ pieces: [String], variant: PageVariant
    ) -> [UInt8] {
        let markers = pieces.indices.map { Self.htmlMarker + "\($0)>" }
        let shell = Array(page(language, rendered, html: markers, variant: variant).utf8)
        if let page = Self.splice(pieces, into: shell, markers: markers) { return page }
        return Array(page(language, rendered, html: pieces, variant: variant).utf8)
    }

    /// What stands for a section's HTML while the template renders (with its index and
    /// `>`); `<` and `>` are escaped by `{{html}}`, so an escaped use does not match.
    package static let htmlMarker = "<bilan-section-html "

    /// `shell` with each marker replaced by its HTML; nil unless the markers, and only
    /// they, appear once each and in order.
    package static func splice(_ pieces: [String], into shell: [UInt8], markers: [String]) -> [UInt8]? {
        let prefix = Array(htmlMarker.utf8)
        var found: [Int] = []
        var index = 0
        while let start = firstIndex(of: prefix, in: shell, from: index) {
            found.append(start)
            index = start + prefix.count
        }
        guard found.count == markers.count else { return nil }
        var page: [UInt8] = []
        page.reserveCapacity(shell.count + pieces.reduce(0) { $0 + $1.utf8.count })
        var cursor = 0
        for (start, (marker, piece)) in zip(found, zip(markers, pieces)) {
            let bytes = Array(marker.utf8)
            guard start + bytes.count <= shell.count, shell[start..<(start + bytes.count)].elementsEqual(bytes) else {
                return nil
            }
            page.append(contentsOf: shell[cursor..<start])
            page.append(contentsOf: piece.utf8)
            cursor = start + bytes.count
        }
        page.append(contentsOf: shell[cursor...])
        return page
    }

    package static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// A language's page in `variant`: the template gets the variant's file URLs, its
    /// flag (`singleFile`) and, in a single file, no link to the other languages.
    package func page(
        _ language: ReportLanguage, _ rendered: [RenderedSection], html: [String], variant: PageVariant
    ) -> String {
        var model = pageModel(language: language, url: config.baseURL.map { $0 + language.code + "/" })
        model.title = language.title
        let others: [ReportLanguage]
        switch variant {
        case .site:
            model.stylesheet = "../style.css"
            model.logo = config.logo.map { "../" + OutputLinks.outputPath(ofProjectFile: "content/" + $0) }
            model.cover = config.cover.map { "../" + OutputLinks.outputPath(ofProjectFile: "content/" + $0) }
            others = config.languages
        case .singleFile(let stylesheet, let logo, let cover):
            // The file holds one language: the other languages' pages are no address.
            model.singleFile = true
            model.stylesheet = AssetInliner.dataURI(Array(stylesheet.utf8), path: "style.css")
            model.inlineStylesheet = stylesheet
            model.logo = logo
            model.cover = cover
            model.alternates = nil
            others = config.languages.filter { $0.code == language.code }
        }
        // In the single file, the one language left is this very page.
        let pageOf = { (code: String) in variant == .site ? "../\(code)/index.html" : "#" }
        model.languages = others.map { other in
            LanguageLink(
                code: other.code, name: strings.text(.languageName, language: other.code), href: pageOf(other.code),
                rtl: rightToLeft.contains(other.code), current: other.code == language.code)
        }
        let translations = variant == .site
        model.groups = groups(Array(zip(rendered, html))) { section, html in
            SectionModel(
                anchor: section.section.slug, title: section.section.title, html: html,
                draft: section.section.status == .draft,
                translations: translations ? translationLinks(section.section) : [],
                years: translations ? yearLinks[language.code]?[section.section.slug] ?? [] : [])
        }
        return templates.render(.page, model)
    }

    /// What every page's template sees; `url` is the page's own address when the report
    /// has a `base_url` (canonical link, `og:url`), and then the head also gets the
    /// `hreflang` alternates and the Open Graph locales.
    package func pageModel(language: ReportLanguage, url: String?) -> PageModel {
        var model = PageModel(
            lang: language.code, rtl: rightToLeft.contains(language.code),
            organization: config.organization.text(in: language.code),
            period: config.period.text(in: language.code), generator: generator,
            strings: strings.keyed(language: language.code),
            figures: figures[language.code] ?? [:])
        model.accent = config.accent
        model.coverAlt = config.coverAlt
        if let base = config.baseURL, let image = config.cover ?? config.logo {
            model.ogImage = base + OutputLinks.outputPath(ofProjectFile: "content/" + image)
        }
        model.themeStyle = ThemeColors.css(accent: config.accent, font: config.font, boldFigures: config.boldFigures)
        model.description = language.description
        model.coverPeriod = coverPeriod(language)
        if let base = config.baseURL, let url {
            model.canonical = url
            model.alternates = Sitemap.alternates(baseURL: base, languages: config.languages)
                .map { AlternateLink(hreflang: $0.hreflang, href: $0.href) }
            model.ogLocale = Sitemap.openGraphLocale(language.locale)
            model.ogLocaleAlternates = config.languages.filter { $0.code != language.code }
                .map { Sitemap.openGraphLocale($0.locale) }
        }
        return model
    }

    /// Sections grouped by consecutive `part`, as the table of contents and page show them.
    package func groups<Piece>(
        _ rendered: [(RenderedSection, Piece)], section model: ((RenderedSection, Piece)) -> SectionModel
    ) -> [SectionGroup] {
        var groups: [SectionGroup] = []
        var current: (part: String?, sections: [SectionModel])?
        func close() {
            guard let current else { return }
            groups.append(
                SectionGroup(
                    part: current.part, partAnchor: current.part.map { "part-" + MarkdownAnchors.slug($0) },
                    sections: current.sections))
        }
        for entry in rendered {
            let section = entry.0
            if current == nil || current!.part != section.section.part {
                close()
                current = (section.section.part, [])
            }
            current!.sections.append(model(entry))
        }
        close()
        return groups
    }

    package func translationLinks(_ section: Section) -> [TranslationLink] {
        config.languages.compactMap { other in
            guard other.code != section.language, let anchor = anchors[other.code]?[section.key] else { return nil }
            return TranslationLink(
                code: other.code, href: "../\(other.code)/index.html#\(anchor)",
                label: strings.text(.readIn, language: other.code), rtl: rightToLeft.contains(other.code))
        }
    }

    // MARK: - Markdown

    package func links(for rendered: [RenderedSection]) -> OutputLinks {
        Self.links(for: rendered.map(\.section))
    }

    /// The anchors of a language's sections (in report order) in each output: known
    /// before any section is rendered.
    package static func links(for sections: [Section], inliner: AssetInliner? = nil) -> OutputLinks {
        var anchors = MarkdownAnchors()
        var markdownAnchors: [String: String] = [:]
        var pageAnchors: [String: String] = [:]
        var lastPart: String?
        for section in sections {
            if let part = section.part, part != lastPart { _ = anchors.next(for: part) }
            lastPart = section.part
            markdownAnchors[section.key] = anchors.next(for: section.title)
            pageAnchors[section.key] = section.slug
        }
        return OutputLinks(
            pageAnchors: pageAnchors, markdownAnchors: markdownAnchors, language: sections.first?.language ?? "",
            inliner: inliner)
    }

    /// The period to show under the report's title, or nil when the title already says it
    /// (`Rapport d'activités 2023-2024` is not followed by `2023-2024` again).
    package func coverPeriod(_ language: ReportLanguage) -> String? {
        let period = config.period.text(in: language.code)
        return language.title.contains(period) ? nil : period
    }

    package func reportMarkdown(
        _ language: ReportLanguage, _ rendered: [RenderedSection], _ links: OutputLinks
    ) -> [UInt8] {
        var text = "# \(MarkdownEscaping.inline(language.title))\n\n"
        text += MarkdownEscaping.inline(config.organization.text(in: language.code))
        text += coverPeriod(language).map { " · \(MarkdownEscaping.inline($0))" } ?? ""
        text += "\n\n"
        text += "## \(MarkdownEscaping.inline(strings.text(.contents, language: language.code)))\n\n"
        var lastPart: String?
        for section in rendered {
            let indent = section.section.part == nil ? "" : "  "
            if let part = section.section.part, part != lastPart { text += "- \(MarkdownEscaping.inline(part))\n" }
            lastPart = section.section.part
            let anchor = links.markdownAnchors[section.section.key] ?? ""
            text += "\(indent)- [\(MarkdownEscaping.inline(section.section.title))](#\(anchor))\n"
        }
        // Grown once rather than by doubling: the whole report's Markdown, for a large one.
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(
            rendered.lazy.map(\.output).reduce(bytes.count) { total, piece in
                total + (piece.reportMarkdown?.utf8.count ?? (piece.sectionFile.count - piece.markdownStart)) + 256
            })
        lastPart = nil
        for section in rendered {
            let piece = section.output
            text = ""
            if let part = section.section.part, part != lastPart { text += "\n## \(MarkdownEscaping.inline(part))\n" }
            lastPart = section.section.part
            text += "\n## \(MarkdownEscaping.inline(section.section.title))\n\n"
            if section.section.status == .draft {
                text += "**\(MarkdownEscaping.inline(strings.text(.draft, language: language.code).uppercased()))**\n\n"
            }
            bytes.append(contentsOf: text.utf8)
            if let markdown = piece.reportMarkdown {
                bytes.append(contentsOf: markdown.utf8)
            } else {
                bytes.append(contentsOf: piece.sectionFile[piece.markdownStart...])
            }
        }
        return bytes
    }

    /// The folder of a section's page bundle in the Hugo layout, named by its slug (its
    /// URL in the Hugo site) in its language's content folder.
    package static func hugoBundle(_ section: Section) -> String {
        "hugo/content/\(section.language)/\(section.slug)/"
    }

    /// A section file's front matter, for Hugo and Jekyll.
    package static func frontMatter(_ section: Section) -> String {
        var text = "---\n"
        text += "title: \(YAMLEscaping.quoted(section.title))\n"
        text += "lang: \(YAMLEscaping.quoted(section.language))\n"
        text += "weight: \(section.order)\n"
        text += "translationKey: \(YAMLEscaping.quoted(section.key))\n"
        if let part = section.part { text += "part: \(YAMLEscaping.quoted(part))\n" }
        if let description = section.description { text += "description: \(YAMLEscaping.quoted(description))\n" }
        if section.status == .draft { text += "draft: true\n" }
        text += "---\n\n"
        return text
    }
}

/// A page's render variant with the file URLs its template needs.
package enum PageVariant: Equatable {
    case site
    /// The single file: the stylesheet's text with its `url()`s inlined, and the logo as
    /// a `data:` URI (nil when it could not be read).
    case singleFile(stylesheet: String, logo: String?, cover: String?)
}

/// Heading anchors as GitHub, GitLab and Hugo compute them, made unique in a document.
package struct MarkdownAnchors {
    private var used: [String: Int] = [:]

    /// Lowercase letters, digits, `-` and `_`; spaces become `-`; the rest is dropped.
    package static func slug(_ title: String) -> String {
        var result = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                result.append(character)
            } else if character == " " {
                result.append("-")
            }
        }
        return result
    }

    package mutating func next(for title: String) -> String {
        let base = Self.slug(title)
        let count = used[base, default: 0]
        used[base] = count + 1
        return count == 0 ? base : "\(base)-\(count)"
    }
}
