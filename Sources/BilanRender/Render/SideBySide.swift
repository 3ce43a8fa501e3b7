public import Foundation
import BilanBase
public import BilanInputs
import BilanContent

/// The reviewers' view of `bilan serve`: each section in the default language next to
/// its translations, two columns, with missing and outdated translations flagged.
///
/// Pages: an index of the sections (``indexPage()``), one page per section
/// (``page(key:)``) and the whole report (``wholeReportPage()``). They are served, never
/// written to `output/`; their links are absolute paths below ``basePath``, and a
/// `<base>` element points relative URLs (images, files) at the default language's page
/// folder of the served site. Each section's HTML is the build's
/// ``RenderVariant/sideBySide(siteRoot:)`` variant: nothing here rewrites HTML.
public struct SideBySide {
    public let config: ReportConfig
    /// The interface words (the draft banner's); built-in ones when nil.
    public let strings: InterfaceStrings?
    /// Where these pages are served (`/_bilan/side-by-side/`).
    public let basePath: String
    /// Where the built site is served (`/`).
    public let siteRoot: String
    /// The name of the whole-report page below ``basePath``.
    public static let wholeReportName = "all"
    /// Where `bilan serve` serves the built site.
    public static let defaultSiteRoot = "/"

    package let entries: [TranslationEntry]
    package let renderedByFile: [String: RenderedSection]
    /// The project, whose kept sources (``KeptSources``) show what changed in the source
    /// of an outdated translation; nil shows no changes.
    package let projectRoot: URL?

    public init(
        config: ReportConfig, strings: InterfaceStrings? = nil, sections: [Section],
        rendered: [String: [RenderedSection]],
        basePath: String = "/_bilan/side-by-side/", siteRoot: String = defaultSiteRoot, projectRoot: URL? = nil
    ) {
        self.projectRoot = projectRoot
        // `sections` (every file that loaded, drafts too) and `rendered` (the build's
        // sections per language) are read here once: the pages need only what follows.
        self.config = config
        self.strings = strings
        self.basePath = basePath
        self.siteRoot = siteRoot
        var renderedByFile: [String: RenderedSection] = [:]
        for list in rendered.values { for section in list { renderedByFile[section.section.file] = section } }
        self.renderedByFile = renderedByFile
        // Report order: the order of the section in any language, then its key.
        let order = Dictionary(sections.map { ($0.key, $0.order) }, uniquingKeysWith: min)
        self.entries = TranslationChecker.entries(sections, config: config)
            .sorted { (order[$0.key] ?? 0, $0.key) < (order[$1.key] ?? 0, $1.key) }
    }

    /// The translation keys, in report order.
    public var keys: [String] { entries.map(\.key) }

    /// Every section with the state of each language, linking to its page.
    public func indexPage() -> String {
        var body = "<table class=\"sbs-index\">\n<thead><tr><th scope=\"col\">Section</th>"
        for language in config.languages {
            body += "<th scope=\"col\" lang=\"\(esc(language.code))\">\(esc(language.code))</th>"
        }
        body += "</tr></thead>\n<tbody>\n"
        for entry in entries {
            body += "<tr><th scope=\"row\"><a href=\"\(esc(basePath + entry.key))\">\(esc(entry.key))</a></th>"
            for language in config.languages {
                let state = entry.states[language.code] ?? .missing
                let title = entry.sections[language.code].map { esc($0.title) + " " } ?? ""
                body += "<td \(languageAttributes(language))>\(title)\(badge(state))</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
        return document(title: "Côte à côte · Side by side", body: body)
    }

    /// One section's languages side by side; nil for an unknown key.
    public func page(key: String) -> String? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        return document(title: "\(entry.key) · Côte à côte · Side by side", body: pair(entry))
    }

    /// Every section's languages side by side, in report order.
    public func wholeReportPage() -> String {
        document(
            title: "Rapport complet · Whole report · Côte à côte · Side by side",
            body: entries.map(pair).joined())
    }

    // MARK: - Parts

    package func pair(_ entry: TranslationEntry) -> String {
        var html = "<section class=\"sbs-pair\" id=\"\(esc(entry.key))\" aria-labelledby=\"\(esc(entry.key))-key\">\n"
        html +=
            "<h2 id=\"\(esc(entry.key))-key\" class=\"sbs-key\"><a"
            + " href=\"\(esc(basePath + entry.key))\">\(esc(entry.key))</a></h2>\n"
        html += "<div class=\"sbs-columns\">\n"
        for language in config.languages {
            let state = entry.states[language.code] ?? .missing
            html += "<article class=\"sbs-column sbs-\(state.rawValue)\" \(languageAttributes(language))>\n"
            html += "<p class=\"sbs-state\">\(esc(language.code)) \(badge(state))</p>\n"
            if let note = note(entry, language: language.code, state: state) {
                html += "<p class=\"sbs-flag\" role=\"note\">\(note)</p>\n"
            }
            if state == .outdated { html += changes(entry, language: language.code) }
            if let section = entry.sections[language.code] {
                if section.status == .draft {
                    html += "<p class=\"draft-banner\">\(esc(draftLabel(section.language)))</p>\n"
                }
                html += "<h3>\(esc(section.title))</h3>\n"
                if let done = renderedByFile[section.file] {
                    // Rendered in this view's variant, its links to sections and anchors
                    // lead into the language's own page (the page's <base> is the default
                    // language's); the site's HTML when the build did not render it.
                    html += (done.html(in: .sideBySide(siteRoot: siteRoot)) ?? done.html(in: .site))?.html ?? ""
                } else {
                    html +=
                        "<p class=\"sbs-flag\">Absente de cette construction · Not in this build"
                        + " (\(esc(section.status.rawValue)))</p>\n"
                }
            }
            html += "</article>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    /// The sentence that explains a flagged state, or nil.
    package func note(_ entry: TranslationEntry, language: String, state: TranslationState) -> String? {
        let source = config.defaultLanguage.code
        switch state {
        case .missing:
            return
                "Traduction manquante · Missing translation:"
                + " <code>content/sections/\(esc(entry.key)).\(esc(language)).md</code>"
        case .outdated:
            let stamp = entry.sections[language]?.translationOf ?? ""
            let current = entry.sections[source]?.contentHash ?? ""
            return
                "Traduction à mettre à jour · Outdated translation: made from version <code>\(esc(stamp))</code> of"
                + " the \(esc(source)) section, which is now <code>\(esc(current))</code>"
        case .unstamped:
            return "Jamais marquée · Never stamped: run <code>bilan translations --stamp</code> once it is up to date"
        case .orphan:
            return "Sans source · No \(esc(source)) section for this translation"
        case .source, .upToDate:
            return nil
        }
    }

    /// What changed in the source since an outdated translation was made: each changed
    /// paragraph of the source, removed words in `<del>`, added ones in `<ins>` (each also
    /// said in words, for screen readers that do not announce them).
    package func changes(_ entry: TranslationEntry, language: String) -> String {
        guard let projectRoot else { return "" }
        let source = config.defaultLanguage.code
        let sourceLanguage = config.languages.first { $0.code == source } ?? config.defaultLanguage
        switch KeptSources.compare(entry, language: language, config: config, projectRoot: projectRoot) {
        case .notKept(let hash):
            return
                "<p class=\"sbs-flag\">Modifications inconnues · Changes unknown: no copy of version"
                + " <code>\(esc(hash))</code> was kept (<code>bilan translations --stamp</code> keeps one from now"
                + " on)</p>\n"
        case .changed(_, _, let changes):
            var html =
                "<div class=\"sbs-diff\">\n<p class=\"sbs-diff-title\">Ce qui a changé dans la source · What changed"
                + " in the \(esc(source)) source since this translation: \(changes.count)"
                + " paragraph\(changes.count == 1 ? "" : "s")</p>\n"
            for change in changes {
                html +=
                    "<p class=\"sbs-diff-paragraph sbs-diff-\(change.kind.rawValue)\""
                    + " \(languageAttributes(sourceLanguage))>"
                    + "<span class=\"sbs-diff-where\" lang=\"en\">line \(change.line), \(change.kind.rawValue):</span> "
                for piece in change.pieces {
                    switch piece {
                    case .same(let text): html += esc(text)
                    case .removed(let text):
                        html +=
                            "<del>" + hidden("[removed: ") + esc(text) + hidden("]") + "</del>"
                    case .added(let text):
                        html +=
                            "<ins>" + hidden("[added: ") + esc(text) + hidden("]") + "</ins>"
                    }
                }
                html += "</p>\n"
            }
            return html + "</div>\n"
        case .upToDate, .unstamped, .nothing:
            return ""
        }
    }

    /// Words for screen readers only.
    package func hidden(_ text: String) -> String { "<span class=\"sbs-hidden\">\(esc(text))</span>" }

    package func badge(_ state: TranslationState) -> String {
        let label: String
        switch state {
        case .source: label = "source"
        case .upToDate: label = "à jour · up to date"
        case .outdated: label = "à mettre à jour · outdated"
        case .unstamped: label = "non marquée · unstamped"
        case .missing: label = "manquante · missing"
        case .orphan: label = "sans source · orphan"
        }
        return "<span class=\"sbs-badge sbs-badge-\(state.rawValue)\">\(label)</span>"
    }

    package func document(title: String, body: String) -> String {
        let language = config.defaultLanguage
        let nav = """
            <nav class="sbs-nav" aria-label="Côte à côte · Side by side">\
            <a href="\(esc(basePath))">Sections</a> · \
            <a href="\(esc(basePath + Self.wholeReportName))">Rapport complet · Whole report</a> · \
            <a href="\(esc(siteRoot))">Site</a></nav>
            """
        return """
            <!DOCTYPE html>
            <html \(languageAttributes(language))>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) — \(esc(config.organization.text(in: language.code)))</title>
            <base href="\(esc(siteRoot + language.code + "/"))">
            <link rel="stylesheet" href="../style.css">
            <style>\(Self.stylesheet)</style>\(themeStyle)
            </head>
            <body class="side-by-side">
            <header class="sbs-header">
            \(nav)
            <h1>\(esc(title))</h1>
            <p>\(esc(config.organization.text(in: language.code))) · \(esc(config.period.text(in: language.code)))</p>
            </header>
            <main id="main">
            \(body)</main>
            </body>
            </html>

            """
    }

    /// The theme's style (the colours from its accent, its font), after the page's own.
    package var themeStyle: String {
        ThemeColors.css(accent: config.accent, font: config.font, boldFigures: config.boldFigures)
            .map { "\n<style>\n\($0)\n</style>" } ?? ""
    }

    package func esc(_ text: String) -> String { HTMLEscaping.text(text) }

    /// `lang="…"`, with `dir="rtl"` for a language written right to left.
    package func languageAttributes(_ language: ReportLanguage) -> String {
        "lang=\"\(esc(language.code))\"" + (language.isRightToLeft ? " dir=\"rtl\"" : "")
    }

    package func draftLabel(_ language: String) -> String {
        (strings ?? .builtin).text(.draft, language: language)
    }

    package static let stylesheet = """
        .side-by-side main, .sbs-header { max-width: 96rem; margin: 0 auto; padding: 0 1.25rem; }
        .sbs-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 2rem; }
        .sbs-column { border-top: 3px solid var(--rule, #ccc); padding-top: 0.5rem; min-width: 0; }
        .sbs-pair { margin: 2rem 0 3rem; }
        .sbs-key { font-size: 1rem; font-family: monospace; }
        .sbs-badge { font-size: 0.8rem; padding: 0 0.4rem; border-radius: 0.25rem; background: var(--soft, #e6e1ea); }
        .sbs-badge-outdated, .sbs-badge-missing, .sbs-badge-orphan { background: #8a3b00; color: #fff; font-weight: \
        700; }
        .sbs-badge-unstamped { background: #fff1c2; }
        .sbs-missing, .sbs-outdated { border-top-color: #8a3b00; }
        .sbs-flag { background: #fff4e5; border-left: 4px solid #8a3b00; padding: 0.4rem 0.75rem; }
        .sbs-diff { border-left: 4px solid #8a3b00; padding: 0 0.75rem; margin: 0.5rem 0 1rem; }
        .sbs-diff-title, .sbs-diff-where { font-weight: 700; }
        .sbs-diff del { background: #ffe3e3; color: #7a0000; text-decoration: line-through; }
        .sbs-diff ins { background: #dff5e1; color: #0b4d1a; text-decoration: underline; }
        .sbs-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); \
        white-space: nowrap; }
        .sbs-index { border-collapse: collapse; width: 100%; }
        .sbs-index th, .sbs-index td { text-align: left; border-bottom: 1px solid var(--rule, #ccc); padding: 0.4rem; \
        vertical-align: top; }
        @media print { .sbs-nav { display: none; } }
        """
}
