public import Foundation
import Yams
public import BilanBase

/// `archive.yaml`: a folder of yearly report projects built as one site
/// (`bilan build --archive`).
///
/// ```yaml
/// title: { fr: Nos rapports annuels, en: Our annual reports }   # or one text
/// years: [2022-2023, 2023-2024, 2024-2025]   # optional: every subfolder with a project
/// key_figures:                               # optional: shown for each year
///   - { figure: membres_total, label: { fr: Membres, en: Members } }
/// base_url: https://example.org/rapports/    # optional: canonical URLs and the sitemap
/// ```
public struct ArchiveConfig: Sendable {
    /// A text shown in every language, or one per language code.
    public typealias Text = LocalizedText

    /// A figure each year shows on the landing pages, with its label.
    public struct KeyFigure: Sendable, Hashable {
        public var figure: String
        public var label: Text
        public var location: SourceLocation
    }

    public var title: Text
    /// The year folders as listed, relative to the archive's folder; nil to find them.
    public var years: [(folder: String, location: SourceLocation)]?
    public var keyFigures: [KeyFigure]
    public var baseURL: String?
}

/// Reads and checks `archive.yaml`.
public enum ArchiveConfigLoader {
    public static let path = "archive.yaml"

    public static func load(root: URL) throws(DiagnosticError) -> ArchiveConfig {
        let url = root.appendingPathComponent(path)
        switch SourceText.read(url, as: path) {
        case .failure(var diagnostic):
            if diagnostic.code == .missingFile {
                diagnostic.message =
                    "no archive.yaml: bilan build --archive builds a folder of yearly projects that has one "
                    + "(title: …, and optionally years: and key_figures:)"
            }
            throw DiagnosticError(diagnostic)
        case .success(let text):
            return try parse(SourceText.normalizingLineEnds(text))
        }
    }

    package static func parse(_ text: String) throws(DiagnosticError) -> ArchiveConfig {
        let reader = YAMLReader(file: path)
        guard let root = try reader.compose(text).orThrow(), root.mapping != nil else {
            throw DiagnosticError(
                .error(
                    .invalidConfig, "archive.yaml must be a map of settings (key: value)", at: reader.location(of: nil))
            )
        }
        var schema = YAMLSchemaReader(reader, code: .invalidConfig, fallback: reader.location(of: root))
        let known = ["title", "years", "key_figures", "base_url"]
        let settings = schema.map(root, known: known) {
            "unknown setting '\($0.key)' (known: \(known.sorted().joined(separator: ", ")))"
        }
        var title = ArchiveConfig.Text(all: nil, byLanguage: [:])
        if let node = schema.required("title", in: settings, missing: "archive.yaml needs 'title:'") {
            title = schema.localizedText(node, key: "title", noun: "a text") ?? title
        }
        var years: [(String, SourceLocation)]?
        if let node = settings["years"] {
            let items =
                schema.list(node, invalid: "'years' is a list of the year folders: [2022-2023, 2023-2024]") ?? []
            years = items.compactMap { item in
                guard let folder = schema.text(item, .nonEmpty, invalid: "each of 'years' is a folder name") else {
                    return nil
                }
                if folder.hasPrefix("/") || folder.split(separator: "/").contains("..") {
                    schema.fail("'\(folder)' must be a folder inside the archive's folder", at: item)
                    return nil
                }
                return (folder, reader.location(of: item))
            }
        }
        var keyFigures: [ArchiveConfig.KeyFigure] = []
        if let node = settings["key_figures"] {
            let items =
                schema.list(node, invalid: "'key_figures' is a list of { figure: NAME, label: … } entries") ?? []
            for item in items {
                let entry = schema.map(item, known: ["figure", "label"]) {
                    "unknown key '\($0.key)' in a key figure (known: figure, label)"
                }
                guard let figure = schema.text("figure", in: entry, .nonEmpty, invalid: "'figure' names a figure"),
                    let labelNode = schema.required("label", in: entry, missing: "each key figure needs a 'label'"),
                    let label = schema.localizedText(labelNode, key: "label", noun: "a text")
                else {
                    if entry["figure"] == nil { schema.fail("each key figure needs a 'figure'", at: item) }
                    continue
                }
                keyFigures.append(
                    ArchiveConfig.KeyFigure(figure: figure, label: label, location: reader.location(of: item)))
            }
        }
        let baseURL = schema.text("base_url", in: settings, .nonEmpty, invalid: "'base_url' must be a text value")
            .map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            schema.fail("base_url must start with https:// or http://", at: settings["base_url"])
        }
        if schema.problems.hasErrors { throw DiagnosticError(schema.problems.all) }
        return ArchiveConfig(title: title, years: years, keyFigures: keyFigures, baseURL: baseURL)
    }
}
