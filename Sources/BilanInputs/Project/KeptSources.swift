public import BilanBase
public import Foundation

/// What each translation was made from: `bilan translations --stamp` keeps a copy of the
/// source section's body, as it was when the translation was stamped, in
/// `content/.bilan/translations/KEY.HASH.md` (HASH is the `translation_of:` it wrote), so
/// that the source paragraphs that changed since can be shown (``SourceDiff``).
///
/// The copy is the body alone (no front matter), checked against its hash when read: a
/// copy that was edited, or none (a translation stamped before bilan kept them, or a
/// folder left out of version control), gives no diff, and says so. Copies no
/// translation names any more are removed at the next stamp of their section. The project's
/// git history is not read: bilan starts no other program but Chromium, and a project
/// need not be a repository.
public enum KeptSources {
    /// The folder of the copies, relative to the project.
    public static let folder = "content/.bilan/translations"

    /// Where the copy of `key`'s source at `hash` is, relative to the project.
    public static func file(key: String, hash: String) -> String { "\(folder)/\(key).\(hash).md" }

    /// The source body `key` had at `hash`, or nil when no copy of it was kept (or the copy
    /// is not that version any more).
    public static func body(key: String, hash: String, projectRoot: URL) -> String? {
        let name = file(key: key, hash: hash)
        guard case .success(let text) = SourceText.read(projectRoot.appendingPathComponent(name), as: name),
            SHA256.hex(Array(text.utf8)).prefix(8).description == hash
        else { return nil }
        return text
    }

    /// Keeps `source`'s body as the version its translations are now stamped with, and
    /// removes the other copies of that section that no translation of `keep` names.
    static func keep(_ source: Section, keep names: Set<String>, projectRoot: URL) throws {
        let folderURL = projectRoot.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
        let url = projectRoot.appendingPathComponent(file(key: source.key, hash: source.contentHash))
        if body(key: source.key, hash: source.contentHash, projectRoot: projectRoot) == nil {
            try Data(source.body.utf8).write(to: url, options: .atomic)
        }
        let prefix = source.key + "."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix(".md") {
            let hash = String(name.dropFirst(prefix.count).dropLast(3))
            guard hash.count == 8, hash.allSatisfy(\.isHexDigit), !names.contains(hash) else { continue }
            try? FileManager.default.removeItem(at: folderURL.appendingPathComponent(name))
        }
    }
}

/// A piece of a word-level diff: words as they were, left out, or put in.
public enum DiffPiece: Equatable, Sendable {
    case same(String)
    case removed(String)
    case added(String)
}

/// One paragraph of a source section that changed since its translation was made.
public struct ParagraphChange: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case changed, added, removed
    }
    public var kind: Kind
    /// Its line in the source file now (for a removed paragraph, the line of the next one).
    public var line: Int
    /// The paragraph as words kept, removed and added.
    public var pieces: [DiffPiece]
}

/// The source paragraphs that changed between the version a translation was made from
/// and the source now, each as a word-level diff.
///
/// Paragraphs are the body's blocks between blank lines; they are matched by a longest
/// common subsequence, then each run of paragraphs that differ is paired in order (a
/// changed paragraph), the rest added or removed. In a changed paragraph, words and the
/// spaces between them are matched the same way.
public enum SourceDiff {
    /// The changes from `old` to `new`, the body of a section whose first body line is
    /// `firstLine` in its file.
    public static func changes(from old: String, to new: String, firstLine: Int = 1) -> [ParagraphChange] {
        let before = paragraphs(old)
        let after = paragraphs(new)
        var changes: [ParagraphChange] = []
        var removed: [String] = []
        var added: [(text: String, line: Int)] = []
        func flush(nextLine: Int) {
            let paired = min(removed.count, added.count)
            for index in 0..<paired {
                changes.append(
                    ParagraphChange(
                        kind: .changed, line: added[index].line,
                        pieces: words(from: removed[index], to: added[index].text)))
            }
            for text in removed.dropFirst(paired) {
                changes.append(ParagraphChange(kind: .removed, line: nextLine, pieces: [.removed(text)]))
            }
            for paragraph in added.dropFirst(paired) {
                changes.append(ParagraphChange(kind: .added, line: paragraph.line, pieces: [.added(paragraph.text)]))
            }
            removed = []
            added = []
        }
        let lastLine = firstLine + new.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count - 1
        for step in lcs(before.map(\.text), after.map(\.text)) {
            switch step {
            case .same(_, let index):
                flush(nextLine: firstLine + after[index].line - 1)
            case .removed(let index): removed.append(before[index].text)
            case .added(let index): added.append((after[index].text, firstLine + after[index].line - 1))
            }
        }
        flush(nextLine: lastLine)
        return changes
    }

    /// The no-colour text form: `[-removed-]` and `{+added+}` around the words, as wdiff writes them.
    public static func plain(_ pieces: [DiffPiece]) -> String {
        pieces.map { piece in
            switch piece {
            case .same(let text): text
            case .removed(let text): "[-" + text + "-]"
            case .added(let text): "{+" + text + "+}"
            }
        }.joined()
    }

    /// The terminal form: removed words red and struck through, added ones green and underlined.
    public static func colored(_ pieces: [DiffPiece]) -> String {
        pieces.map { piece in
            switch piece {
            case .same(let text): text
            case .removed(let text): "\u{1B}[31;9m" + text + "\u{1B}[0m"
            case .added(let text): "\u{1B}[32;4m" + text + "\u{1B}[0m"
            }
        }.joined()
    }

    // MARK: - Pieces

    /// The body's paragraphs (blocks between blank lines), each with its first line in the
    /// body (from 1) and its lines joined by a space.
    static func paragraphs(_ body: String) -> [(text: String, line: Int)] {
        var result: [(text: String, line: Int)] = []
        var current: [Substring] = []
        var start = 0
        // "\r\n" is one Character, a newline as "\n" is.
        for (index, line) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { result.append((current.joined(separator: "\n"), start + 1)) }
                current = []
            } else {
                if current.isEmpty { start = index }
                current.append(line)
            }
        }
        if !current.isEmpty { result.append((current.joined(separator: "\n"), start + 1)) }
        return result
    }

    /// A word-level diff of two paragraphs; the whole paragraphs when they are too long to
    /// compare word by word (over a million word pairs).
    static func words(from old: String, to new: String) -> [DiffPiece] {
        let before = tokens(old)
        let after = tokens(new)
        guard before.count * after.count <= 1_000_000 else { return [.removed(old), .added(new)] }
        // Runs of kept words, and changes (words removed, words added) between them.
        var segments: [(same: String?, removed: String, added: String)] = []
        for step in lcs(before, after) {
            switch step {
            case .same(let index, _):
                if let last = segments.last, let same = last.same {
                    segments[segments.count - 1].same = same + before[index]
                } else {
                    segments.append((before[index], "", ""))
                }
            case .removed(let index), .added(let index):
                if segments.last == nil || segments.last?.same != nil { segments.append((nil, "", "")) }
                if case .removed = step {
                    segments[segments.count - 1].removed += before[index]
                } else {
                    segments[segments.count - 1].added += after[index]
                }
            }
        }
        // A space alone between two changes joins them: `[-s'est tenue-]{+a eu lieu+}`.
        var merged: [(same: String?, removed: String, added: String)] = []
        var index = 0
        while index < segments.count {
            let segment = segments[index]
            if let space = segment.same, space.allSatisfy({ $0 == " " }), let previous = merged.last,
                previous.same == nil, index + 1 < segments.count, segments[index + 1].same == nil
            {
                let next = segments[index + 1]
                func join(_ a: String, _ b: String) -> String { a.isEmpty && b.isEmpty ? "" : a + space + b }
                merged[merged.count - 1] = (nil, join(previous.removed, next.removed), join(previous.added, next.added))
                index += 2
                continue
            }
            merged.append(segment)
            index += 1
        }
        var pieces: [DiffPiece] = []
        for segment in merged {
            if let same = segment.same {
                pieces.append(.same(same))
            } else {
                if !segment.removed.isEmpty { pieces.append(.removed(segment.removed)) }
                if !segment.added.isEmpty { pieces.append(.added(segment.added)) }
            }
        }
        return pieces
    }

    /// Words and the runs of spaces between them (a line break is a space).
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            let space = character.isWhitespace
            if space != inSpace, !current.isEmpty {
                result.append(current)
                current = ""
            }
            inSpace = space
            current.append(space ? " " : character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    enum Step: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// A shortest edit script by longest common subsequence (a table of lengths, walked
    /// from the start), in order.
    static func lcs(_ a: [String], _ b: [String]) -> [Step] {
        let n = a.count
        let m = b.count
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] =
                    a[i] == b[j]
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var steps: [Step] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                steps.append(.same(i, j))
                i += 1
                j += 1
            } else if j < m, i == n || table[i * (m + 1) + j + 1] >= table[(i + 1) * (m + 1) + j] {
                steps.append(.added(j))
                j += 1
            } else {
                steps.append(.removed(i))
                i += 1
            }
        }
        return steps
    }
}

/// What changed in a translation's source since the translation was made.
public enum SourceComparison: Equatable, Sendable {
    /// The translation is stamped with the source as it is.
    case upToDate
    /// No `translation_of:` yet: nothing to compare with.
    case unstamped
    /// No source section (or no translation) in that language.
    case nothing
    /// Stamped with `hash`, of which no copy was kept.
    case notKept(hash: String)
    /// The paragraphs that changed from version `from` to version `to`.
    case changed(from: String, to: String, changes: [ParagraphChange])
}

extension KeptSources {
    /// How `entry`'s translation in `language` stands against its source.
    public static func compare(
        _ entry: TranslationEntry, language: String, config: ReportConfig, projectRoot: URL
    )
        -> SourceComparison
    {
        guard let source = entry.sections[config.defaultLanguage.code], language != config.defaultLanguage.code,
            let translation = entry.sections[language]
        else { return .nothing }
        guard let stamp = translation.translationOf else { return .unstamped }
        guard stamp != source.contentHash else { return .upToDate }
        guard let old = body(key: entry.key, hash: stamp, projectRoot: projectRoot) else {
            return .notKept(hash: stamp)
        }
        return .changed(
            from: stamp, to: source.contentHash,
            changes: SourceDiff.changes(from: old, to: source.body, firstLine: source.bodyFirstLine))
    }

    /// `bilan translations --diff KEY`: for each translation of the entry, what changed in
    /// its source, paragraph by paragraph, as a word-level diff (`color`: for a terminal).
    public static func report(
        _ entry: TranslationEntry, config: ReportConfig, projectRoot: URL, color: Bool
    )
        -> String
    {
        let sourceCode = config.defaultLanguage.code
        guard let source = entry.sections[sourceCode] else {
            return "\(entry.key): no \(sourceCode) section, the source of its translations\n"
        }
        var text = ""
        for language in config.languages where language.code != sourceCode {
            guard entry.sections[language.code] != nil else {
                text += "\(entry.key) \(language.code): no translation yet\n"
                continue
            }
            switch compare(entry, language: language.code, config: config, projectRoot: projectRoot) {
            case .nothing: continue
            case .upToDate:
                text +=
                    "\(entry.key) \(language.code): up to date with \(source.file) (version \(source.contentHash)):"
                    + " nothing changed since the translation\n"
            case .unstamped:
                text +=
                    "\(entry.key) \(language.code): never stamped, so nothing to compare with; once the translation"
                    + " is up to date, run `bilan translations --stamp \(entry.key)`\n"
            case .notKept(let hash):
                text +=
                    "\(entry.key) \(language.code): made from version \(hash) of \(source.file), now"
                    + " \(source.contentHash); bilan kept no copy of version \(hash)"
                    + " (\(file(key: entry.key, hash: hash))"
                    + " is written by `bilan translations --stamp` from now on), so the changes cannot be shown\n"
            case .changed(let from, let to, let changes):
                text +=
                    "\(entry.key) \(language.code): made from version \(from) of \(source.file), now \(to);"
                    + " \(Counted.english(changes.count, "paragraph")) changed\n"
                for change in changes {
                    text += "\n\(source.file):\(change.line): \(change.kind.rawValue)\n"
                    let body = color ? SourceDiff.colored(change.pieces) : SourceDiff.plain(change.pieces)
                    text +=
                        body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
                        .joined(separator: "\n") + "\n"
                }
            }
        }
        return text
    }
}
