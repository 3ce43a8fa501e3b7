public import Foundation
public import BilanBase

/// `bilan translations`: each section's languages, hashes and translation state, and
/// `--stamp`, which records the source's current hash in each translation.
public enum TranslationsListing {
    public static func run(
        projectRoot: URL
    ) throws(DiagnosticError) -> (config: ReportConfig, entries: [TranslationEntry], diagnostics: [Diagnostic]) {
        let config = try ReportConfigLoader.load(projectRoot: projectRoot)
        let loaded = SectionLoader.load(projectRoot: projectRoot, config: config)
        let entries = TranslationChecker.entries(loaded.sections, config: config)
        let diagnostics = loaded.diagnostics
            + TranslationChecker.diagnostics(entries, existingFiles: loaded.files, config: config)
        return (config, entries, DiagnosticList(diagnostics).sorted)
    }

    /// One line per section: its key, then each language's hash and state.
    public static func text(_ entries: [TranslationEntry], config: ReportConfig) -> String {
        entries.map { entry in
            entry.key + "\n" + config.languages.map { language in
                let hash = entry.sections[language.code]?.contentHash ?? "--------"
                return "  \(language.code)  \(hash)  \(entry.states[language.code]?.rawValue ?? "missing")\n"
            }.joined()
        }.joined()
    }

    /// A JSON array of `{"key", "languages": {code: {"file", "hash", "translation_of", "state"}}}`
    /// objects; `file`, `hash` and `translation_of` are null when absent.
    public static func json(_ entries: [TranslationEntry], config: ReportConfig) -> String {
        JSONText.array(
            entries.map { entry in
                let languages = config.languages.map { language -> String in
                    let section = entry.sections[language.code]
                    return JSONText.string(language.code) + ": " + JSONText.object([
                        ("file", section.map { JSONText.string($0.file) } ?? "null"),
                        ("hash", section.map { JSONText.string($0.contentHash) } ?? "null"),
                        ("translation_of", section?.translationOf.map { JSONText.string($0) } ?? "null"),
                        ("state", JSONText.string(entry.states[language.code]?.rawValue ?? "missing")),
                    ])
                }
                return JSONText.object([("key", JSONText.string(entry.key)), ("languages", "{" + languages.joined(separator: ", ") + "}")])
            }) + "\n"
    }

    /// Writes the source's current hash into `translation_of` of every translation whose
    /// source exists (after the translator has brought it up to date); returns the
    /// files changed. Only the `translation_of:` line of the front matter is written.
    public static func stamp(_ entries: [TranslationEntry], config: ReportConfig, projectRoot: URL) throws -> [String] {
        var changed: [String] = []
        for entry in entries {
            guard let source = entry.sections[config.defaultLanguage.code] else { continue }
            for (code, section) in entry.sections.sorted(by: { $0.key < $1.key }) where code != config.defaultLanguage.code {
                guard section.translationOf != source.contentHash else { continue }
                let url = projectRoot.appendingPathComponent(section.file)
                let text = SourceText.normalizingLineEnds(try String(contentsOf: url, encoding: .utf8))
                try stamped(text, hash: source.contentHash).write(to: url, atomically: true, encoding: .utf8)
                changed.append(section.file)
            }
        }
        return changed
    }

    /// The section text with `translation_of: HASH` in its front matter.
    package static func stamped(_ text: String, hash: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let closing = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingCharacters(in: .whitespaces)) }) else {
            return text
        }
        if let existing = lines[1..<closing].firstIndex(where: { $0.hasPrefix("translation_of:") }) {
            lines[existing] = "translation_of: \(hash)"
        } else {
            lines.insert("translation_of: \(hash)", at: closing)
        }
        return lines.joined(separator: "\n")
    }
}
