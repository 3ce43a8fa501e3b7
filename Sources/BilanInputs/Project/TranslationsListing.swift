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
        let diagnostics =
            loaded.diagnostics
            + TranslationChecker.diagnostics(entries, existingFiles: loaded.files, config: config)
        return (config, entries, DiagnosticList(diagnostics).sorted)
    }

    /// One line per section: its key, then each language's hash and state.
    public static func text(_ entries: [TranslationEntry], config: ReportConfig) -> String {
        entries.map { entry in
            entry.key + "\n"
                + config.languages.map { language in
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
                    return JSONText.string(language.code) + ": "
                        + JSONText.object([
                            ("file", section.map { JSONText.string($0.file) } ?? "null"),
                            ("hash", section.map { JSONText.string($0.contentHash) } ?? "null"),
                            ("translation_of", section?.translationOf.map { JSONText.string($0) } ?? "null"),
                            ("state", JSONText.string(entry.states[language.code]?.rawValue ?? "missing")),
                        ])
                }
                return JSONText.object([
                    ("key", JSONText.string(entry.key)), ("languages", "{" + languages.joined(separator: ", ") + "}"),
                ])
            }) + "\n"
    }

    /// Writes the source's current hash into `translation_of` of each translation whose
    /// source exists (after the translator has brought it up to date), and keeps a copy of
    /// the source's body as ``KeptSources`` says, for the sections
    /// named in `keys` (by key, `010-mot-equipe`, or slug, `mot-equipe`; every section when
    /// empty); returns the files changed. Only the hash changes, or one line is added
    /// before the front matter's closing `---`: every other byte of the file, its line ends
    /// and byte-order mark included, stays as it was.
    public static func stamp(
        _ entries: [TranslationEntry], config: ReportConfig, projectRoot: URL, keys: Set<String> = []
    ) throws -> [String] {
        var changed: [String] = []
        for entry in entries
        where keys.isEmpty || keys.contains(where: entry.isNamed) {
            guard let source = entry.sections[config.defaultLanguage.code] else { continue }
            var named: Set<String> = []
            for (code, section) in entry.sections.sorted(by: { $0.key < $1.key })
            where code != config.defaultLanguage.code {
                named.insert(source.contentHash)
                guard section.translationOf != source.contentHash else { continue }
                let url = projectRoot.appendingPathComponent(section.file)
                let bytes = [UInt8](try Data(contentsOf: url))
                try Data(stamped(bytes, section: section, hash: source.contentHash)).write(to: url, options: .atomic)
                changed.append(section.file)
            }
            // What the translations are now made from, for `--diff` once the source changes.
            if !named.isEmpty { try KeptSources.keep(source, keep: named, projectRoot: projectRoot) }
        }
        return changed
    }

    /// The keys and slugs a `--stamp` may name that match no section.
    public static func unknownKeys(_ keys: [String], in entries: [TranslationEntry]) -> [String] {
        keys.filter { key in !entries.contains { $0.isNamed(key) } }
    }

    /// A section file's bytes with `translation_of: HASH`: the hash written over the one
    /// there (where the section loader found it), or a line added before the closing `---`
    /// (the line before the body), ended as that line is.
    package static func stamped(_ bytes: [UInt8], section: Section, hash: String) -> [UInt8] {
        var lines = lineRanges(bytes)
        var result = bytes
        if let line = section.translationOfLocation?.line, line >= 1, line <= lines.count,
            let old = section.translationOf.map({ Array($0.utf8) }),
            let found = bytes[lines[line - 1]].firstRange(of: old)
        {
            // The old hash on its line, quoted or not: the new one takes its bytes.
            result.replaceSubrange(found, with: Array(hash.utf8))
            return result
        }
        let closing = section.bodyFirstLine - 1
        guard closing >= 1, closing <= lines.count else { return bytes }
        lines = Array(lines.prefix(closing))
        let fence = lines[closing - 1]
        let terminator: [UInt8] = fence.count >= 2 && bytes[fence.upperBound - 2] == 13 ? [13, 10] : [10]
        result.insert(contentsOf: Array("translation_of: \(hash)".utf8) + terminator, at: fence.lowerBound)
        return result
    }

    /// Each line's bytes, its line end included.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 10 {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}

extension TranslationEntry {
    /// Whether `name` names this section for `--stamp`: its key (`010-mot-equipe`) or its
    /// slug in any language (`mot-equipe`).
    public func isNamed(_ name: String) -> Bool {
        key == name || sections.values.contains { $0.slug == name }
    }
}
