public import BilanBase
/// Where a translation stands against the default language's section.
public enum TranslationState: String, Sendable {
    /// The default language's own section: the source.
    case source
    /// `translation_of` matches the source's hash.
    case upToDate = "up-to-date"
    /// `translation_of` names an older version of the source.
    case outdated
    /// No `translation_of` yet: never stamped with `bilan translations --stamp`.
    case unstamped
    /// The file does not exist in this language.
    case missing
    /// A translation whose source section does not exist.
    case orphan
}

/// One section key across the report's languages.
public struct TranslationEntry: Sendable {
    public var key: String
    /// Language code → the section in that language, if present.
    public var sections: [String: Section]
    /// Language code → its state.
    public var states: [String: TranslationState]
}

/// Pairs sections across languages by their base name and checks each translation
/// against its source (the default language's section).
public enum TranslationChecker {
    public static func entries(_ sections: [Section], config: ReportConfig) -> [TranslationEntry] {
        var byKey: [String: [String: Section]] = [:]
        for section in sections { byKey[section.key, default: [:]][section.language] = section }
        let source = config.defaultLanguage.code
        return byKey.keys.sorted().map { key in
            let present = byKey[key]!
            var states: [String: TranslationState] = [:]
            for language in config.languages {
                guard let section = present[language.code] else {
                    states[language.code] = .missing
                    continue
                }
                if language.code == source {
                    states[language.code] = .source
                } else if let original = present[source] {
                    if let stamp = section.translationOf {
                        states[language.code] = stamp == original.contentHash ? .upToDate : .outdated
                    } else {
                        states[language.code] = .unstamped
                    }
                } else {
                    states[language.code] = .orphan
                }
            }
            return TranslationEntry(key: key, sections: present, states: states)
        }
    }

    /// `missing-translation`, `outdated-translation` and `mixed-status` warnings. A file
    /// that exists but could not be read (`existingFiles`) has its own error, not a missing
    /// translation.
    public static func diagnostics(
        _ entries: [TranslationEntry], existingFiles: Set<String>, config: ReportConfig
    ) -> [Diagnostic] {
        var problems = DiagnosticList()
        let source = config.defaultLanguage.code
        for entry in entries {
            let anchor = entry.sections[source] ?? entry.sections.values.sorted { $0.file < $1.file }.first!
            for language in config.languages {
                switch entry.states[language.code] {
                case .missing:
                    let file = "content/sections/\(entry.key).\(language.code).md"
                    if existingFiles.contains(file) { continue }
                    problems.warning(
                        .missingTranslation,
                        "section '\(entry.key)' has no \(language.code) version: \(file) is missing",
                        at: SourceLocation(file: anchor.file))
                case .outdated:
                    let section = entry.sections[language.code]!
                    let current = entry.sections[source]!.contentHash
                    problems.warning(
                        .outdatedTranslation,
                        "this translation was made from version \(section.translationOf ?? "") of"
                            + " \(entry.sections[source]!.file), which is now \(current): update it, then run `bilan"
                            + " translations --stamp`",
                        at: section.translationOfLocation ?? SourceLocation(file: section.file))
                default:
                    continue
                }
            }
            mixedStatus(entry, config: config, into: &problems)
        }
        return problems.all
    }

    /// A section that is a draft in some languages and not in others: a build without
    /// `--drafts` publishes it in the others alone, which nobody sees on a drafts preview.
    private static func mixedStatus(
        _ entry: TranslationEntry, config: ReportConfig, into problems: inout DiagnosticList
    ) {
        let present = config.languages.compactMap { entry.sections[$0.code] }
        let drafts = present.filter { $0.status == .draft }
        let published = present.filter { $0.status != .draft }
        guard !drafts.isEmpty, !published.isEmpty else { return }
        let publishedNames = published.map { "\($0.language) (\($0.status.rawValue))" }.joined(separator: ", ")
        for draft in drafts {
            problems.warning(
                .mixedStatus,
                "section '\(entry.key)' is a draft in \(draft.language) but not in \(publishedNames): a build "
                    + "without --drafts publishes it without its \(draft.language) version; set the same status "
                    + "in every language",
                at: SourceLocation(file: draft.file))
        }
    }
}
