public import Foundation
import Yams
public import BilanBase

/// One language of the report, as `report.yaml` declares it.
public struct ReportLanguage: Sendable, Hashable {
    /// The code used in file names (`fr` in `010-mot-equipe.fr.md`).
    public var code: String
    /// The CLDR locale that formats numbers (`fr-CA`).
    public var locale: String
    /// The report's title in this language.
    public var title: String
    /// A sentence or two about the report in this language, for search engines and link
    /// previews (`<meta name="description">`, `og:description`); optional.
    public var description: String? = nil
}

/// A warning the organisation has looked at and accepted, with its reason.
public struct AcceptedWarning: Sendable, Hashable {
    public var code: DiagnosticCode
    /// Limits the acceptance to one figure (for `stated-mismatch`, `hand-typed-figure`).
    public var figure: String?
    /// Limits the acceptance to one file, relative to the project folder.
    public var file: String?
    public var reason: String
    public var location: SourceLocation
}

/// How the Markdown files of a build are laid out (`markdown:` in report.yaml, or
/// `bilan build --markdown`, which wins).
public enum MarkdownLayout: String, Sendable, CaseIterable {
    /// `output/<lang>/report.md`, `output/<lang>/sections/<key>.md` and their charts in
    /// `output/<lang>/charts/`: for Jekyll, pandoc, a repository.
    case plain
    /// `output/hugo/content/<lang>/<slug>/index.md`, page bundles with their images and
    /// charts beside them, links written as Hugo's `relref`: for a Hugo site.
    case hugo
}

/// `content/report.yaml`: who the report is for, its languages and its options.
public struct ReportConfig: Sendable {
    /// The organisation's name: one text, or one per language (`{ fr: …, en: … }`).
    public var organization: LocalizedText
    /// The period the report covers: one text, or one per language.
    public var period: LocalizedText
    public var baseURL: String?
    /// The languages in order; the first is the default (the source of translations).
    public var languages: [ReportLanguage]
    public var currency: String
    public var allowRawHTML: Bool
    public var accent: String?
    public var logo: String?
    /// `theme.font`: a font stack for the text (`"Atkinson Hyperlegible", sans-serif`).
    public var font: String? = nil
    /// `theme.bold_figures`: whether figures in the text are bold (true by default).
    public var boldFigures = true
    /// Where `theme.accent` is written, for a warning about its contrast.
    public var accentLocation: SourceLocation? = nil
    /// `theme.cover: { image, alt }`: the cover's photo (relative to `content/`) and its
    /// text for readers who cannot see it.
    public var cover: String? = nil
    public var coverAlt: String? = nil
    /// Where `theme.cover` is written, for an error about its file.
    public var coverLocation: SourceLocation? = nil
    public var accepted: [AcceptedWarning]
    /// Where `theme.logo` is written, for an error about the logo's path.
    public var logoLocation: SourceLocation? = nil
    /// The order of day and month in `01/04/2024`-style dates (`data:`).
    public var dates = DateDeclarations()
    /// `images: { originals: true }`: the photos are also copied into the site as they
    /// are, besides their resized copies (which the pages show either way).
    public var keepOriginalImages = false
    /// `paper: letter | a4`, for the PDF; nil when not set (the first language's country decides).
    public var paper: String? = nil
    /// `print: { section_breaks: true }`: each section of the PDF starts on a new page.
    public var sectionBreaks = false
    /// Last year's project folder, relative to this one (`previous: ../rapport-2023-2024`).
    public var previous: String? = nil
    /// Where `previous:` is written, for an error about that folder.
    public var previousLocation: SourceLocation? = nil
    /// The Markdown files' layout (`markdown:`).
    public var markdownLayout: MarkdownLayout = .plain

    public var defaultLanguage: ReportLanguage { languages[0] }

    /// The period in the default language: where one text stands for the year whatever
    /// the language (an archive's folder and order, `bilan new-year`, last year's figures).
    public var defaultPeriod: String { period.text(in: defaultLanguage.code) }

    public func language(_ code: String) -> ReportLanguage? {
        languages.first { $0.code == code }
    }

    /// What is wrong with languages asked for on the command line (`--lang`), or nil when
    /// the report has every one of them.
    public func unknownLanguages(_ codes: [String]) -> String? {
        let unknown = codes.filter { language($0) == nil }
        guard !unknown.isEmpty else { return nil }
        let known = languages.map(\.code).joined(separator: ", ")
        return "language '\(unknown.joined(separator: "', '"))' is not in report.yaml (languages: \(known))"
    }
}

/// Reads and checks `content/report.yaml`.
public enum ReportConfigLoader {
    public static let path = "content/report.yaml"

    public static func load(projectRoot: URL) throws(DiagnosticError) -> ReportConfig {
        let url = projectRoot.appendingPathComponent(path)
        switch SourceText.read(url, as: path) {
        case .failure(let diagnostic):
            var diagnostic = diagnostic
            if diagnostic.code == .missingFile {
                var isFolder: ObjCBool = false
                if !FileManager.default.fileExists(atPath: projectRoot.path, isDirectory: &isFolder) {
                    diagnostic.location = SourceLocation(file: projectRoot.path)
                    diagnostic.message =
                        "this project folder does not exist: pass --root the folder that holds content/ "
                        + "(or run `bilan init DIR` to start one)"
                } else if !isFolder.boolValue {
                    diagnostic.location = SourceLocation(file: projectRoot.path)
                    diagnostic.message =
                        "this is a file, not a project folder: pass --root the folder that holds content/"
                } else {
                    diagnostic.message =
                        "no report.yaml: this folder is not a bilan project (run `bilan init DIR` "
                        + "to start one, or pass --root)"
                }
            }
            throw DiagnosticError(diagnostic)
        case .success(let text):
            return try parse(SourceText.normalizingLineEnds(text))
        }
    }

    package static func parse(_ text: String) throws(DiagnosticError) -> ReportConfig {
        let reader = YAMLReader(file: path)
        guard let root = try reader.compose(text).orThrow(), root.mapping != nil else {
            throw DiagnosticError(
                .error(
                    .invalidConfig, "report.yaml must be a map of settings (key: value)",
                    at: reader.location(of: nil)))
        }
        var schema = YAMLSchemaReader(reader, code: .invalidConfig, fallback: reader.location(of: root))
        let known = [
            "organization", "period", "base_url", "languages", "currency", "allow_raw_html",
            "theme", "accept", "data", "previous", "markdown", "paper", "print", "images",
        ]
        let settings = schema.map(root, known: known) {
            "unknown setting '\($0.key)' (known: \(known.sorted().joined(separator: ", ")))"
        }
        func setting(_ key: String, required: Bool) -> String? {
            if required, schema.required(key, in: settings, missing: "report.yaml needs '\(key):'") == nil {
                return nil
            }
            return schema.text(key, in: settings, .nonEmpty, invalid: "'\(key)' must be a text value")
        }

        let baseURL = setting("base_url", required: false).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            schema.fail("base_url must start with https:// or http://", at: settings["base_url"])
        }
        let currency = setting("currency", required: false) ?? "CAD"
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            schema.fail("currency must be a three-letter ISO 4217 code such as CAD", at: settings["currency"])
        }
        let allowRawHTML =
            settings["allow_raw_html"].flatMap {
                schema.bool($0, invalid: "allow_raw_html must be true or false")
            } ?? false

        var markdownLayout = MarkdownLayout.plain
        if settings["markdown"] != nil {
            let value = schema.text("markdown", in: settings, .nonEmpty, invalid: "'markdown' must be plain or hugo")
            if let value {
                if let layout = MarkdownLayout(rawValue: value) {
                    markdownLayout = layout
                } else {
                    schema.fail("markdown must be plain or hugo, not '\(value)'", at: settings["markdown"])
                }
            }
        }

        var languages: [ReportLanguage] = []
        if let node = schema.required(
            "languages", in: settings,
            missing: "report.yaml needs 'languages:' (for example fr: { locale: fr-CA, title: … })")
        {
            languages = readLanguages(node, into: &schema)
        }
        let organization = readShownText("organization", in: settings, languages: languages, into: &schema)
        let period = readShownText("period", in: settings, languages: languages, into: &schema)

        var accent: String?
        var logo: String?
        var logoLocation: SourceLocation?
        var font: String?
        var boldFigures = true
        var accentLocation: SourceLocation?
        var cover: String?
        var coverAlt: String?
        var coverLocation: SourceLocation?
        if let node = settings["theme"] {
            let known = ["accent", "bold_figures", "cover", "font", "logo"]
            let theme = schema.map(node, known: known) {
                "unknown theme setting '\($0.key)' (known: \(known.joined(separator: ", ")))"
            }
            if let node = theme["font"] {
                let value = schema.text(node, .nonEmpty, invalid: "theme.font must be a font stack")
                if let value, !ThemeColors.isFontStack(value) {
                    schema.fail(
                        "theme.font must be font names separated by commas, such as \"Atkinson Hyperlegible\", "
                            + "Arial, sans-serif", at: node)
                } else {
                    font = value
                }
            }
            if let node = theme["bold_figures"] {
                boldFigures = schema.bool(node, invalid: "theme.bold_figures must be true or false") ?? true
            }
            accentLocation = theme["accent"].map { reader.location(of: $0) }
            if let node = theme["cover"] {
                let entry = schema.map(node, known: ["image", "alt"]) {
                    "unknown key '\($0.key)' in theme.cover (known: image, alt)"
                }
                coverLocation = reader.location(of: entry["image"] ?? node)
                cover = schema.required(
                    "image", in: entry,
                    missing: "theme.cover needs 'image': the photo's path, such as assets/cover.jpg",
                    at: node
                ).flatMap { schema.text($0, .nonEmpty, invalid: "theme.cover's image must be a path") }
                coverAlt = schema.required(
                    "alt", in: entry,
                    missing: "theme.cover needs 'alt': what the photo shows, for readers who cannot see it", at: node
                ).flatMap { schema.text($0, .nonEmpty, invalid: "theme.cover's alt must be a text") }
            }
            if let node = theme["accent"] {
                let value = node.scalar?.string ?? ""
                if value.range(of: "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", options: .regularExpression) == nil {
                    schema.fail("theme.accent must be a colour such as \"#e4572e\"", at: node)
                } else {
                    accent = value
                }
            }
            if let node = theme["logo"] {
                logo = schema.text(node, invalid: "theme.logo must be a path, such as assets/logo.svg")
                logoLocation = reader.location(of: node)
            }
        }

        var accepted: [AcceptedWarning] = []
        if let node = settings["accept"] {
            guard let items = schema.list(node, invalid: "'accept' must be a list of { code, reason } entries") else {
                throw DiagnosticError(schema.problems.all)
            }
            for item in items.map(YAMLMap.init) {
                guard let code = item["code"]?.scalar?.string,
                    let reason = item["reason"]?.scalar?.string, !reason.isEmpty
                else {
                    schema.fail("each accepted warning needs a 'code' and a 'reason'", at: item.node)
                    continue
                }
                accepted.append(
                    AcceptedWarning(
                        code: DiagnosticCode(rawValue: code), figure: item["figure"]?.scalar?.string,
                        file: item["file"]?.scalar?.string, reason: reason, location: reader.location(of: item.node)))
            }
        }

        let dates = settings["data"].map { DateDeclarations.read($0, into: &schema) } ?? DateDeclarations()
        let previous = setting("previous", required: false)

        var keepOriginalImages = false
        if let node = settings["images"] {
            let images = schema.map(node, known: ["originals"]) {
                "unknown images setting '\($0.key)' (known: originals)"
            }
            keepOriginalImages =
                images["originals"].flatMap { schema.bool($0, invalid: "images.originals must be true or false") }
                ?? false
        }
        var paper: String?
        if let node = settings["paper"] {
            let value = node.scalar?.string ?? ""
            if ["letter", "a4"].contains(value) {
                paper = value
            } else {
                schema.fail("paper must be letter or a4", at: node)
            }
        }
        var sectionBreaks = false
        if let node = settings["print"] {
            let print = schema.map(node, known: ["section_breaks"]) {
                "unknown print setting '\($0.key)' (known: section_breaks)"
            }
            if let node = print["section_breaks"] {
                sectionBreaks = schema.bool(node, invalid: "print.section_breaks must be true or false") ?? false
            }
        }

        if schema.problems.hasErrors { throw DiagnosticError(schema.problems.all) }
        var config = ReportConfig(
            organization: organization ?? "", period: period ?? "", baseURL: baseURL,
            languages: languages, currency: currency, allowRawHTML: allowRawHTML,
            accent: accent, logo: logo, accepted: accepted, logoLocation: logoLocation)
        config.dates = dates
        config.keepOriginalImages = keepOriginalImages
        config.paper = paper
        config.sectionBreaks = sectionBreaks
        config.font = font
        config.boldFigures = boldFigures
        config.accentLocation = accentLocation
        config.cover = cover
        config.coverAlt = coverAlt
        config.coverLocation = coverLocation
        config.previous = previous
        config.previousLocation = settings["previous"].map { reader.location(of: $0) }
        config.markdownLayout = markdownLayout
        return config
    }

    /// A text readers see (`organization`, `period`): one text, or one per language of the
    /// report; nil when it is missing or wrong (reported).
    private static func readShownText(
        _ key: String, in settings: YAMLMap, languages: [ReportLanguage], into schema: inout YAMLSchemaReader
    ) -> LocalizedText? {
        guard let node = schema.required(key, in: settings, missing: "report.yaml needs '\(key):'") else {
            return nil
        }
        return schema.localizedText(
            node, key: key, noun: "a text value", languages: languages.map(\.code), requiredAt: settings.keyNode(key))
    }

    /// The `languages:` map: each code to `{ locale, title, description }`.
    private static func readLanguages(_ node: Node, into schema: inout YAMLSchemaReader) -> [ReportLanguage] {
        let codes = YAMLMap(node)
        if !codes.isMap || codes.entries.isEmpty {
            schema.fail("'languages' must map each language code to { locale, title }", at: node)
        }
        return codes.entries.map { entry in
            let code = entry.key
            if code.range(of: "^[a-z]{2,3}$", options: .regularExpression) == nil {
                schema.fail(
                    "language code '\(code)' must be two or three lowercase letters (fr, en)", at: entry.keyNode)
            }
            let language = schema.map(entry.value, known: ["locale", "title", "description"]) {
                "unknown setting '\($0.key)' for language '\(code)' (known: description, locale, title)"
            }
            let locale = language["locale"]?.scalar?.string ?? ""
            let title = language["title"]?.scalar?.string ?? ""
            if locale.isEmpty { schema.fail("language '\(code)' needs a 'locale' such as fr-CA", at: entry.value) }
            if !locale.isEmpty, let problem = LocaleCheck.problem(locale: locale, language: code) {
                schema.fail(problem, at: language["locale"], code: .unknownLocale)
            }
            if title.isEmpty { schema.fail("language '\(code)' needs a 'title'", at: entry.value) }
            let description = schema.text(
                "description", in: language, .nonEmpty,
                invalid: "language '\(code)': 'description' must be a text value")
            return ReportLanguage(code: code, locale: locale, title: title, description: description)
        }
    }
}
