public import Foundation
import Yams
public import BilanBase

/// Reads `content/sections/`: file names, front matter and bodies.
public enum SectionLoader {
    public static let folder = "content/sections"

    /// Every section file, sorted by path, with the problems found in them. Files that
    /// are not `.md` are ignored; hidden files too.
    public static func load(
        projectRoot: URL, config: ReportConfig, progress: ProgressHandler? = nil
    ) -> (sections: [Section], files: Set<String>, diagnostics: [Diagnostic]) {
        let names: [String]
        var problems = DiagnosticList()
        switch fileNames(projectRoot: projectRoot) {
        case .success(let listed): names = listed
        case .failure(let diagnostic):
            names = []
            problems.append(diagnostic)
        }
        let counter = ProgressCounter(stage: .project, total: names.count, report: progress)
        var sections: [Section] = []
        // Files are read and parsed on every core, then taken in name order.
        let outcomes = ParallelMap.map(names) { name in
            defer { counter.step() }
            return Result { () throws(DiagnosticError) in try loadFile(name, projectRoot: projectRoot, config: config) }
        }
        for outcome in outcomes {
            switch outcome {
            case .success(let section): sections.append(section)
            case .failure(let error): problems.append(contentsOf: error.diagnostics)
            }
        }
        return (sections, Set(names.map { folder + "/" + $0 }), problems.all)
    }

    /// The names of the section files (`.md`, not hidden), sorted; none when there is no
    /// `content/sections/`, an `unreadable-file` error when it is there but cannot be listed.
    public static func fileNames(projectRoot: URL) -> Result<[String], Diagnostic> {
        let folderURL = projectRoot.appendingPathComponent(folder)
        return FolderListing.names(atPath: folderURL.path, as: folder).map { names in
            (names ?? []).filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        }
    }

    /// Reads and parses one section file of `content/sections/`, named `name`.
    public static func loadFile(
        _ name: String, projectRoot: URL, config: ReportConfig
    ) throws(DiagnosticError) -> Section {
        let file = folder + "/" + name
        let url = projectRoot.appendingPathComponent(folder).appendingPathComponent(name)
        if let escape = ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: file) {
            throw DiagnosticError(escape)
        }
        return try parse(fileName: name, text: SourceText.read(url, as: file).orThrow(), config: config)
    }

    /// Parses one section file's name and text.
    public static func parse(fileName: String, text: String, config: ReportConfig) throws(DiagnosticError) -> Section {
        let file = folder + "/" + fileName
        guard let (prefixText, slugText, languageText) = nameParts(fileName) else {
            throw DiagnosticError(
                .error(
                    .invalidSectionName,
                    "a section file is named NNN-slug.LANG.md (for example 010-mot-equipe.fr.md): NNN "
                        + "digits, a slug of ASCII letters a-z, digits, '-' and '_' (no capitals, accents or "
                        + "spaces) starting with a letter or a digit, and a language code of 2 or 3 letters a-z",
                    at: SourceLocation(file: file)))
        }
        let language = String(languageText)
        guard config.language(language) != nil else {
            let known = config.languages.map(\.code).joined(separator: ", ")
            throw DiagnosticError(
                .error(
                    .unknownLanguage, "language '\(language)' is not in report.yaml (languages: \(known))",
                    at: SourceLocation(file: file)))
        }

        let normalized = SourceText.normalizingLineEnds(text)
        let frontMatterHelp = "a section starts with front matter: a line ---, then title: …, then a line ---"
        guard case .some(let split) = FrontMatter.split(normalized) else {
            throw DiagnosticError(
                .error(.frontMatter, frontMatterHelp, at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard let split else {
            throw DiagnosticError(
                .error(
                    .frontMatter, "the front matter is never closed: add a line --- after it",
                    at: SourceLocation(file: file, line: 1, column: 1)))
        }
        let closing = split.closingLine
        let yaml = String(split.yaml)
        let reader = YAMLReader(file: file, lineOffset: 1)
        guard let root = try reader.compose(yaml).orThrow(), root.mapping != nil else {
            throw DiagnosticError(
                .error(
                    .frontMatter, "the front matter must be a map with at least a title: …",
                    at: SourceLocation(file: file, line: 1, column: 1)))
        }

        var schema = YAMLSchemaReader(reader, code: .frontMatter)
        let known = ["title", "status", "weight", "part", "translation_of", "description"]
        let frontMatter = schema.map(root, known: known) {
            "unknown front matter key '\($0.key)' (known: \(known.joined(separator: ", ")))"
        }
        func line(_ key: String) -> String? {
            schema.text(key, in: frontMatter, .nonBlank, invalid: "'\(key)' must be a line of text")
        }
        let title = line("title")
        schema.required("title", in: frontMatter, missing: "the front matter needs a title: …")
        let status =
            frontMatter["status"].map {
                schema.choice($0) { _ in "status must be draft, review or final" } ?? SectionStatus.final
            } ?? .final
        let weight = frontMatter["weight"].flatMap { schema.int($0, invalid: "weight must be a whole number") }
        var translationOf: String?
        var translationOfLocation: SourceLocation?
        if let node = frontMatter["translation_of"] {
            let value = node.scalar?.string ?? ""
            if value.range(of: "^[0-9a-f]{8}$", options: .regularExpression) == nil {
                schema.fail("translation_of holds the 8-digit hash that `bilan translations` prints", at: node)
            } else {
                translationOf = value
                translationOfLocation = reader.location(of: node)
            }
        }
        let part = line("part")
        let description = line("description")
        if schema.problems.hasErrors { throw DiagnosticError(schema.problems.all) }

        let body = String(split.body)
        return Section(
            key: "\(prefixText)-\(slugText)", slug: String(slugText), prefix: Int(prefixText) ?? 0,
            language: language, file: file, title: title ?? "", status: status, weight: weight,
            part: part, translationOf: translationOf,
            translationOfLocation: translationOfLocation, body: body, bodyFirstLine: closing + 2,
            description: description)
    }
}

extension SectionLoader {
    /// The prefix, slug and language of a file named `NNN-slug.LANG.md`, that is
    /// `^([0-9]+)-([a-z0-9][a-z0-9_-]*)\.([a-z]{2,3})\.md$`, read on the bytes (every
    /// character it allows is ASCII; compiling that regex cost more than a section).
    package static func nameParts(_ name: String) -> (prefix: Substring, slug: Substring, language: Substring)? {
        let bytes = Array(name.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        var index = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let prefixEnd = index
        guard prefixEnd > 0, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return nil }
        index += 1
        let slugStart = index
        guard index < bytes.count, isDigit(bytes[index]) || isLower(bytes[index]) else { return nil }
        while index < bytes.count,
            isDigit(bytes[index]) || isLower(bytes[index]) || bytes[index] == UInt8(ascii: "_")
                || bytes[index] == UInt8(ascii: "-")
        {
            index += 1
        }
        let slugEnd = index
        guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        let languageStart = index
        while index < bytes.count, isLower(bytes[index]) { index += 1 }
        let languageEnd = index
        guard (2...3).contains(languageEnd - languageStart), Array(bytes[index...]) == Array(".md".utf8) else {
            return nil
        }
        // Every byte so far is ASCII, so byte offsets are character offsets.
        let utf8 = name.utf8
        func part(_ start: Int, _ end: Int) -> Substring {
            name[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        }
        return (part(0, prefixEnd), part(slugStart, slugEnd), part(languageStart, languageEnd))
    }
}

/// Finds a section's front matter on the text's bytes, without splitting the whole
/// file into lines: only lines that start with `-` or `.` are looked at as characters.
package enum FrontMatter {
    /// The YAML between the opening `---` and the closing `---` or `...` line (each
    /// allowing trailing spaces), the body after it, and the closing line's index
    /// (0-based). nil when the first line is not `---`; `.some(nil)` when no line
    /// closes the front matter.
    package static func split(_ text: String) -> (yaml: Substring, body: Substring, closingLine: Int)?? {
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index {
            utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        }
        func isFence(_ start: String.Index, _ end: String.Index, closing: Bool) -> Bool {
            guard start < end else { return false }
            let byte = utf8[start]
            guard byte == UInt8(ascii: "-") || (closing && byte == UInt8(ascii: ".")) else { return false }
            let trimmed = text[start..<end].trimmingTrailingSpaces
            return trimmed == "---" || (closing && trimmed == "...")
        }
        let firstEnd = lineEnd(from: text.startIndex)
        guard isFence(text.startIndex, firstEnd, closing: false) else { return nil }
        guard firstEnd < text.endIndex else { return .some(nil) }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var line = 1
        while true {
            let end = lineEnd(from: lineStart)
            if isFence(lineStart, end, closing: true) {
                // The YAML ends before the newline that precedes the closing line.
                let yamlEnd = line == 1 ? yamlStart : utf8.index(before: lineStart)
                let bodyStart = end < text.endIndex ? utf8.index(after: end) : end
                return .some((text[yamlStart..<yamlEnd], text[bodyStart...], line))
            }
            guard end < text.endIndex else { return .some(nil) }
            lineStart = utf8.index(after: end)
            line += 1
        }
    }
}

extension Substring {
    package var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
