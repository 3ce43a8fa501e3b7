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

/// `content/report.yaml`: who the report is for, its languages and its options.
public struct ReportConfig: Sendable {
    public var organization: String
    public var period: String
    public var baseURL: String?
    /// The languages in order; the first is the default (the source of translations).
    public var languages: [ReportLanguage]
    public var currency: String
    public var allowRawHTML: Bool
    public var accent: String?
    public var logo: String?
    public var accepted: [AcceptedWarning]
    /// Where `theme.logo` is written, for an error about the logo's path.
    public var logoLocation: SourceLocation? = nil
    /// The order of day and month in `01/04/2024`-style dates (`data:`).
    public var dates = DateDeclarations()

    public var defaultLanguage: ReportLanguage { languages[0] }

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

    public static func load(projectRoot: URL) -> Result<ReportConfig, DiagnosticError> {
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
                    diagnostic.message = "this is a file, not a project folder: pass --root the folder that holds content/"
                } else {
                    diagnostic.message =
                        "no report.yaml: this folder is not a bilan project (run `bilan init DIR` "
                        + "to start one, or pass --root)"
                }
            }
            return .failure(DiagnosticError(diagnostic))
        case .success(let text):
            return parse(SourceText.normalizingLineEnds(text))
        }
    }

    package static func parse(_ text: String) -> Result<ReportConfig, DiagnosticError> {
        let reader = YAMLReader(file: path)
        let root: Node
        switch reader.compose(text) {
        case .failure(let diagnostic): return .failure(DiagnosticError(diagnostic))
        case .success(let node):
            guard let node, node.mapping != nil else {
                return .failure(
                    DiagnosticError(
                        .error(
                            .invalidConfig, "report.yaml must be a map of settings (key: value)",
                            at: reader.location(of: nil))))
            }
            root = node
        }
        var problems = DiagnosticList()
        func fail(_ message: String, _ node: Node?) {
            problems.error(.invalidConfig, message, at: reader.location(of: node ?? root))
        }
        func textValue(_ key: String, required: Bool) -> String? {
            guard let node = root.value(forKey: key) else {
                if required { fail("report.yaml needs '\(key):'", root) }
                return nil
            }
            guard let value = node.scalar?.string, !value.isEmpty else {
                fail("'\(key)' must be a text value", node)
                return nil
            }
            return value
        }

        let known: Set = [
            "organization", "period", "base_url", "languages", "currency", "allow_raw_html",
            "theme", "accept", "data",
        ]
        for entry in root.orderedEntries where !known.contains(entry.key) {
            fail(
                "unknown setting '\(entry.key)' (known: \(known.sorted().joined(separator: ", ")))",
                entry.keyNode)
        }

        let organization = textValue("organization", required: true) ?? ""
        let period = textValue("period", required: true) ?? ""
        let baseURL = textValue("base_url", required: false).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            fail("base_url must start with https:// or http://", root.value(forKey: "base_url"))
        }
        let currency = textValue("currency", required: false) ?? "CAD"
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            fail("currency must be a three-letter ISO 4217 code such as CAD", root.value(forKey: "currency"))
        }
        var allowRawHTML = false
        if let node = root.value(forKey: "allow_raw_html") {
            if let value = node.bool { allowRawHTML = value } else { fail("allow_raw_html must be true or false", node) }
        }

        var languages: [ReportLanguage] = []
        if let node = root.value(forKey: "languages") {
            if node.mapping == nil || node.orderedEntries.isEmpty {
                fail("'languages' must map each language code to { locale, title }", node)
            }
            for entry in node.orderedEntries {
                let code = entry.key
                if code.range(of: "^[a-z]{2,3}$", options: .regularExpression) == nil {
                    fail("language code '\(code)' must be two or three lowercase letters (fr, en)", entry.keyNode)
                }
                let locale = entry.value.value(forKey: "locale")?.scalar?.string
                let title = entry.value.value(forKey: "title")?.scalar?.string
                if locale == nil || locale!.isEmpty { fail("language '\(code)' needs a 'locale' such as fr-CA", entry.value) }
                if let locale, !locale.isEmpty, let problem = LocaleCheck.problem(locale: locale, language: code) {
                    problems.error(.unknownLocale, problem, at: reader.location(of: entry.value.value(forKey: "locale")))
                }
                if title == nil || title!.isEmpty { fail("language '\(code)' needs a 'title'", entry.value) }
                var description: String?
                if let node = entry.value.value(forKey: "description") {
                    if let text = node.scalar?.string, !text.isEmpty { description = text } else {
                        fail("language '\(code)': 'description' must be a text value", node)
                    }
                }
                for setting in entry.value.orderedEntries where !["locale", "title", "description"].contains(setting.key) {
                    fail("unknown setting '\(setting.key)' for language '\(code)' (known: description, locale, title)", setting.keyNode)
                }
                languages.append(ReportLanguage(code: code, locale: locale ?? "", title: title ?? "", description: description))
            }
        } else {
            fail("report.yaml needs 'languages:' (for example fr: { locale: fr-CA, title: … })", root)
        }

        var accent: String?
        var logo: String?
        var logoLocation: SourceLocation?
        if let theme = root.value(forKey: "theme") {
            for entry in theme.orderedEntries {
                switch entry.key {
                case "accent":
                    let value = entry.value.scalar?.string ?? ""
                    if value.range(of: "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", options: .regularExpression) == nil {
                        fail("theme.accent must be a colour such as \"#e4572e\"", entry.value)
                    } else {
                        accent = value
                    }
                case "logo":
                    logo = entry.value.scalar?.string
                    logoLocation = reader.location(of: entry.value)
                    if logo == nil { fail("theme.logo must be a path, such as assets/logo.svg", entry.value) }
                default:
                    fail("unknown theme setting '\(entry.key)' (known: accent, logo)", entry.keyNode)
                }
            }
        }

        var accepted: [AcceptedWarning] = []
        if let list = root.value(forKey: "accept") {
            guard let items = list.sequence else {
                fail("'accept' must be a list of { code, reason } entries", list)
                return .failure(DiagnosticError(problems.all))
            }
            for item in items {
                guard let code = item.value(forKey: "code")?.scalar?.string,
                    let reason = item.value(forKey: "reason")?.scalar?.string, !reason.isEmpty
                else {
                    fail("each accepted warning needs a 'code' and a 'reason'", item)
                    continue
                }
                accepted.append(
                    AcceptedWarning(
                        code: DiagnosticCode(rawValue: code),
                        figure: item.value(forKey: "figure")?.scalar?.string,
                        file: item.value(forKey: "file")?.scalar?.string,
                        reason: reason, location: reader.location(of: item)))
            }
        }

        let dates = root.value(forKey: "data").map { DateDeclarations.read($0, fail: fail) } ?? DateDeclarations()

        if problems.hasErrors { return .failure(DiagnosticError(problems.all)) }
        var config = ReportConfig(
            organization: organization, period: period, baseURL: baseURL,
            languages: languages, currency: currency, allowRawHTML: allowRawHTML,
            accent: accent, logo: logo, accepted: accepted, logoLocation: logoLocation)
        config.dates = dates
        return .success(config)
    }
}
