import Foundation
import Yams

/// Reads `content/sections/`: file names, front matter and bodies.
public enum SectionLoader {
    public static let folder = "content/sections"

    /// Every section file, sorted by path, with the problems found in them. Files that
    /// are not `.md` are ignored; hidden files too.
    public static func load(projectRoot: URL, config: ReportConfig) -> (sections: [Section], files: Set<String>, diagnostics: [Diagnostic]) {
        let names = fileNames(projectRoot: projectRoot)
        var sections: [Section] = []
        var problems = DiagnosticList()
        for name in names {
            switch loadFile(name, projectRoot: projectRoot, config: config) {
            case .success(let section): sections.append(section)
            case .failure(let error): problems.append(contentsOf: error.diagnostics)
            }
        }
        return (sections, Set(names.map { folder + "/" + $0 }), problems.all)
    }

    /// The names of the section files (`.md`, not hidden), sorted.
    public static func fileNames(projectRoot: URL) -> [String] {
        let folderURL = projectRoot.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .sorted()
    }

    /// Reads and parses one section file of `content/sections/`, named `name`.
    public static func loadFile(_ name: String, projectRoot: URL, config: ReportConfig) -> Result<Section, DiagnosticError> {
        let file = folder + "/" + name
        let url = projectRoot.appendingPathComponent(folder).appendingPathComponent(name)
        if let escape = ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: file) {
            return .failure(DiagnosticError(escape))
        }
        return SourceText.read(url, as: file).mapError { DiagnosticError($0) }
            .flatMap { parse(fileName: name, text: $0, config: config) }
    }

    /// Parses one section file's name and text.
    public static func parse(fileName: String, text: String, config: ReportConfig) -> Result<Section, DiagnosticError> {
        let file = folder + "/" + fileName
        let pattern = #"^([0-9]+)-([a-z0-9][a-z0-9_-]*)\.([a-z]{2,3})\.md$"#
        guard let match = fileName.firstMatch(of: try! Regex(pattern)),
            let prefixText = match.output[1].substring, let slugText = match.output[2].substring,
            let languageText = match.output[3].substring
        else {
            return .failure(
                DiagnosticError(
                    .error(
                        .invalidSectionName,
                        "a section file is named NNN-slug.LANG.md (for example 010-mot-equipe.fr.md), "
                            + "with a lowercase slug", at: SourceLocation(file: file))))
        }
        let language = String(languageText)
        guard config.language(language) != nil else {
            let known = config.languages.map(\.code).joined(separator: ", ")
            return .failure(
                DiagnosticError(
                    .error(
                        .unknownLanguage,
                        "language '\(language)' is not in report.yaml (languages: \(known))",
                        at: SourceLocation(file: file))))
        }

        let lines = SourceText.normalizingLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
        let frontMatterHelp = "a section starts with front matter: a line ---, then title: …, then a line ---"
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            return .failure(DiagnosticError(.error(.frontMatter, frontMatterHelp, at: SourceLocation(file: file, line: 1, column: 1))))
        }
        guard let closing = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingSpaces) }) else {
            return .failure(
                DiagnosticError(
                    .error(.frontMatter, "the front matter is never closed: add a line --- after it", at: SourceLocation(file: file, line: 1, column: 1))))
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let reader = YAMLReader(file: file, lineOffset: 1)
        let root: Node?
        switch reader.compose(yaml) {
        case .failure(let diagnostic): return .failure(DiagnosticError(diagnostic))
        case .success(let node): root = node
        }
        guard let root, root.mapping != nil else {
            return .failure(DiagnosticError(.error(.frontMatter, "the front matter must be a map with at least a title: …", at: SourceLocation(file: file, line: 1, column: 1))))
        }

        var problems = DiagnosticList()
        func fail(_ message: String, _ node: Node) { problems.error(.frontMatter, message, at: reader.location(of: node)) }
        let known = ["title", "status", "weight", "part", "translation_of", "description"]
        for entry in root.orderedEntries where !known.contains(entry.key) {
            fail("unknown front matter key '\(entry.key)' (known: \(known.joined(separator: ", ")))", entry.keyNode)
        }
        func textValue(_ key: String) -> String? {
            guard let node = root.value(forKey: key) else { return nil }
            guard let value = node.scalar?.string, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                fail("'\(key)' must be a line of text", node)
                return nil
            }
            return value
        }
        let title = textValue("title")
        if root.value(forKey: "title") == nil { fail("the front matter needs a title: …", root) }
        var status = SectionStatus.final
        if let node = root.value(forKey: "status") {
            if let value = node.scalar?.string, let parsed = SectionStatus(rawValue: value) {
                status = parsed
            } else {
                fail("status must be draft, review or final", node)
            }
        }
        var weight: Int?
        if let node = root.value(forKey: "weight") {
            if let value = node.int { weight = value } else { fail("weight must be a whole number", node) }
        }
        var translationOf: String?
        var translationOfLocation: SourceLocation?
        if let node = root.value(forKey: "translation_of") {
            let value = node.scalar?.string ?? ""
            if value.range(of: "^[0-9a-f]{8}$", options: .regularExpression) == nil {
                fail("translation_of holds the 8-digit hash that `bilan translations` prints", node)
            } else {
                translationOf = value
                translationOfLocation = reader.location(of: node)
            }
        }
        if problems.hasErrors { return .failure(DiagnosticError(problems.all)) }

        let body = lines[(closing + 1)...].joined(separator: "\n")
        return .success(
            Section(
                key: "\(prefixText)-\(slugText)", slug: String(slugText), prefix: Int(prefixText) ?? 0,
                language: language, file: file, title: title ?? "", status: status, weight: weight,
                part: textValue("part"), translationOf: translationOf,
                translationOfLocation: translationOfLocation, body: body, bodyFirstLine: closing + 2))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
