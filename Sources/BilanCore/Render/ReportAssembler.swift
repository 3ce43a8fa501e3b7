import Foundation

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

/// Puts the rendered sections together into the report's pages and Markdown files.
public struct ReportAssembler {
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
    /// Language → translation key → anchor, for the links between languages.
    let anchors: [String: [String: String]]

    public init(
        config: ReportConfig, strings: InterfaceStrings, templates: TemplateSet, sections: [String: [RenderedSection]],
        generator: String, sourceDateEpoch: Int? = nil, figures: [String: [String: String]] = [:]
    ) {
        self.config = config
        self.strings = strings
        self.templates = templates
        self.sections = sections
        self.generator = generator
        self.sourceDateEpoch = sourceDateEpoch
        self.figures = figures
        self.anchors = sections.mapValues { list in
            Dictionary(list.map { ($0.section.key, $0.section.slug) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func assemble() -> OutputPlan {
        var plan = OutputPlan()
        plan.add("style.css", templates.stylesheet)
        plan.add("index.html", chooserPage())
        for language in config.languages {
            let rendered = sections[language.code] ?? []
            let links = links(for: rendered)
            plan.add("\(language.code)/index.html", page(language, rendered, links))
            plan.add("\(language.code)/report.md", reportMarkdown(language, rendered, links))
            for section in rendered {
                plan.add("\(language.code)/sections/\(section.section.key).md", sectionMarkdown(section, links))
            }
            for section in rendered {
                for file in section.referencedFiles { plan.copies[OutputLinks.outputPath(ofProjectFile: file)] = file }
                for chart in section.charts { plan.add("\(language.code)/charts/\(chart.id).svg", chart.svg) }
            }
        }
        if let baseURL = config.baseURL {
            plan.add(Sitemap.path, Sitemap(baseURL: baseURL, languages: config.languages, sourceDateEpoch: sourceDateEpoch).xml)
        }
        return plan
    }

    // MARK: - HTML

    func chooserPage() -> String {
        let languages: [[String: Any]] = config.languages.map { language in
            ["code": language.code, "title": language.title, "href": "\(language.code)/index.html",
             "name": strings.text("language_name", language: language.code)]
        }
        var context = commonContext(language: config.defaultLanguage, url: config.baseURL)
        context["languages"] = languages
        return templates.render("index", context)
    }

    func page(_ language: ReportLanguage, _ rendered: [RenderedSection], _ links: OutputLinks) -> String {
        var context = commonContext(language: language, url: config.baseURL.map { $0 + language.code + "/" })
        context["title"] = language.title
        context["stylesheet"] = "../style.css"
        context["logo"] = config.logo.map { "../" + OutputLinks.outputPath(ofProjectFile: "content/" + $0) }
        context["languages"] = config.languages.map { other -> [String: Any] in
            ["code": other.code, "href": "../\(other.code)/index.html", "current": other.code == language.code,
             "name": strings.text("language_name", language: other.code)]
        }
        context["groups"] = groups(rendered) { section in
            let html = CommonMarkConverter.renderHTML(
                links.rewrite(section.blocks, for: .page), allowRawHTML: config.allowRawHTML)
            return [
                "anchor": section.section.slug, "title": section.section.title, "html": html,
                "draft": section.section.status == .draft,
                "translations": translationLinks(section.section),
            ]
        }
        return templates.render("page", context)
    }

    /// What every page's template sees; `url` is the page's own address when the report
    /// has a `base_url` (canonical link, `og:url`), and then the head also gets the
    /// `hreflang` alternates and the Open Graph locales.
    func commonContext(language: ReportLanguage, url: String?) -> [String: Any] {
        var context: [String: Any] = [
            "lang": language.code, "organization": config.organization, "period": config.period,
            "generator": generator, "strings": strings.strings[language.code] ?? [:],
            "figures": figures[language.code] ?? [:],
        ]
        context["accent"] = config.accent
        context["description"] = language.description
        if let base = config.baseURL, let url {
            context["canonical"] = url
            context["alternates"] = Sitemap.alternates(baseURL: base, languages: config.languages)
                .map { ["hreflang": $0.hreflang, "href": $0.href] }
            context["ogLocale"] = Sitemap.openGraphLocale(language.locale)
            context["ogLocaleAlternates"] = config.languages.filter { $0.code != language.code }
                .map { Sitemap.openGraphLocale($0.locale) }
        }
        return context
    }

    /// Sections grouped by consecutive `part`, as the table of contents and page show them.
    func groups(_ rendered: [RenderedSection], section model: (RenderedSection) -> [String: Any]) -> [[String: Any]] {
        var groups: [[String: Any]] = []
        var current: (part: String?, sections: [[String: Any]])?
        func close() {
            guard let current else { return }
            var group: [String: Any] = ["sections": current.sections]
            if let part = current.part {
                group["part"] = part
                group["partAnchor"] = "part-" + MarkdownAnchors.slug(part)
            }
            groups.append(group)
        }
        for section in rendered {
            if current == nil || current!.part != section.section.part {
                close()
                current = (section.section.part, [])
            }
            current!.sections.append(model(section))
        }
        close()
        return groups
    }

    func translationLinks(_ section: Section) -> [[String: Any]] {
        config.languages.compactMap { other in
            guard other.code != section.language, let anchor = anchors[other.code]?[section.key] else { return nil }
            return ["code": other.code, "href": "../\(other.code)/index.html#\(anchor)",
                    "label": strings.text("read_in", language: other.code)]
        }
    }

    // MARK: - Markdown

    func links(for rendered: [RenderedSection]) -> OutputLinks {
        var anchors = MarkdownAnchors()
        var markdownAnchors: [String: String] = [:]
        var pageAnchors: [String: String] = [:]
        var lastPart: String?
        for section in rendered {
            if let part = section.section.part, part != lastPart { _ = anchors.next(for: part) }
            lastPart = section.section.part
            markdownAnchors[section.section.key] = anchors.next(for: section.section.title)
            pageAnchors[section.section.key] = section.section.slug
        }
        return OutputLinks(pageAnchors: pageAnchors, markdownAnchors: markdownAnchors)
    }

    func reportMarkdown(_ language: ReportLanguage, _ rendered: [RenderedSection], _ links: OutputLinks) -> String {
        var text = "# \(MarkdownEscaping.inline(language.title))\n\n"
        text += "\(MarkdownEscaping.inline(config.organization)) · \(MarkdownEscaping.inline(config.period))\n\n"
        text += "## \(MarkdownEscaping.inline(strings.text("contents", language: language.code)))\n\n"
        var lastPart: String?
        for section in rendered {
            let indent = section.section.part == nil ? "" : "  "
            if let part = section.section.part, part != lastPart { text += "- \(MarkdownEscaping.inline(part))\n" }
            lastPart = section.section.part
            let anchor = links.markdownAnchors[section.section.key] ?? ""
            text += "\(indent)- [\(MarkdownEscaping.inline(section.section.title))](#\(anchor))\n"
        }
        lastPart = nil
        for section in rendered {
            if let part = section.section.part, part != lastPart { text += "\n## \(MarkdownEscaping.inline(part))\n" }
            lastPart = section.section.part
            text += "\n## \(MarkdownEscaping.inline(section.section.title))\n\n"
            if section.section.status == .draft {
                text += "**\(MarkdownEscaping.inline(strings.text("draft", language: language.code).uppercased()))**\n\n"
            }
            text += CommonMarkConverter.renderCommonMark(links.rewrite(section.blocks, for: .reportMarkdown))
        }
        return text
    }

    func sectionMarkdown(_ rendered: RenderedSection, _ links: OutputLinks) -> String {
        let section = rendered.section
        var text = "---\n"
        text += "title: \(YAMLEscaping.quoted(section.title))\n"
        text += "lang: \(YAMLEscaping.quoted(section.language))\n"
        text += "weight: \(section.order)\n"
        text += "translationKey: \(YAMLEscaping.quoted(section.key))\n"
        if let part = section.part { text += "part: \(YAMLEscaping.quoted(part))\n" }
        if section.status == .draft { text += "draft: true\n" }
        text += "---\n\n"
        text += CommonMarkConverter.renderCommonMark(links.rewrite(rendered.blocks, for: .sectionMarkdown))
        return text
    }
}

/// Heading anchors as GitHub, GitLab and Hugo compute them, made unique in a document.
struct MarkdownAnchors {
    private var used: [String: Int] = [:]

    /// Lowercase letters, digits, `-` and `_`; spaces become `-`; the rest is dropped.
    static func slug(_ title: String) -> String {
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

    mutating func next(for title: String) -> String {
        let base = Self.slug(title)
        let count = used[base, default: 0]
        used[base] = count + 1
        return count == 0 ? base : "\(base)-\(count)"
    }
}
