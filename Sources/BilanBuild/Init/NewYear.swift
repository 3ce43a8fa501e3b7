public import Foundation
public import BilanBase
import BilanInputs

/// `bilan new-year DIR`: next year's project, made from this year's.
///
/// The new project gets this one's `content/` (and its `.gitignore`), changed where a
/// new year needs it:
/// - report.yaml: the new `period:`, the old period replaced by the new one wherever
///   else it is written (the titles), and `previous:` pointing back to this project;
/// - each section marked `status: draft` in its front matter (its body, and so the
///   translations' stamps, untouched), so that nothing of last year is published before
///   someone has rewritten it and marked it final;
/// - the data files kept as they are (the officer replaces them with the new year's
///   exports, and the report builds meanwhile), or, with `emptyData`, CSV and text
///   tables cut to their header row and JSON tables to `[]` (workbooks are kept whole:
///   bilan does not rewrite them);
/// - figures.yaml, the interface words, the assets and the kept translation sources as
///   they are.
///
/// Like `bilan init`, it writes only into a new or empty folder; this year's project is
/// only read.
public enum NewYear {
    /// What `create` did, for the command's summary.
    public struct Outcome: Sendable, Equatable {
        public var period: String
        /// `previous:` in the new report.yaml.
        public var previous: String
        public var files: [String]
        public var drafts: Int
        /// Data files cut to their header row.
        public var emptied: [String]
        /// Workbooks kept with their rows although `emptyData` was asked.
        public var keptWorkbooks: [String]
    }

    /// Makes next year's project of `projectRoot` in `folder` (`displayName`: the folder as
    /// the user typed it). `period` defaults to the year after this one's (`2023-2024` →
    /// `2024-2025`, `2024` → `2025`).
    public static func create(
        from projectRoot: URL, at folder: URL, displayName: String, period: String?, emptyData: Bool
    ) throws(DiagnosticError) -> Outcome {
        let config = try ReportConfigLoader.load(projectRoot: projectRoot)
        let configLocation = SourceLocation(file: ReportConfigLoader.path)
        let changes = try periodChanges(config, period: period, at: configLocation)
        let newPeriod = changes.newPeriod
        try ProjectTemplate.requireEmpty(folder, displayName: displayName, command: "new-year")
        let previous = relativePath(from: folder, to: projectRoot)
        var outcome = Outcome(
            period: newPeriod, previous: previous, files: [], drafts: 0, emptied: [], keptWorkbooks: [])
        var files: [(path: String, data: Data)] = []
        for path in filesToCopy(in: projectRoot) {
            let url = projectRoot.appendingPathComponent(path)
            guard var data = try? Data(contentsOf: url) else {
                throw DiagnosticError(.error(.outputFailed, "cannot read \(path)", at: SourceLocation(file: path)))
            }
            if path == ReportConfigLoader.path {
                let text = String(decoding: data, as: UTF8.self)
                data = Data(
                    reportYAML(
                        text, replacing: changes.replacements, period: config.period.isPerLanguage ? nil : newPeriod,
                        previous: previous
                    ).utf8)
            } else if path.hasPrefix("content/sections/"), path.hasSuffix(".md") {
                data = Data(
                    markedDraft(String(decoding: data, as: UTF8.self), replacing: changes.replacements).utf8
                )
                outcome.drafts += 1
            } else if emptyData, path.hasPrefix("content/data/") {
                switch URL(fileURLWithPath: path).pathExtension.lowercased() {
                case "csv", "tsv", "txt":
                    data = headerRow(of: data)
                    outcome.emptied.append(path)
                case "json":
                    data = Data("[]\n".utf8)
                    outcome.emptied.append(path)
                case "xlsx", "ods":
                    outcome.keptWorkbooks.append(path)
                default: break
                }
            }
            files.append((path, data))
        }
        // The new report.yaml must read: a period or a title bilan cannot write back is
        // an error now, not at the new project's first build.
        if let yaml = files.first(where: { $0.path == ReportConfigLoader.path }) {
            do {
                _ = try ReportConfigLoader.parse(String(decoding: yaml.data, as: UTF8.self))
            } catch {
                throw DiagnosticError(
                    .error(
                        .invalidConfig,
                        "the new report.yaml would not read (\(error.diagnostics.first?.message ?? "")): "
                            + "check --period '\(newPeriod)'", at: configLocation))
            }
        }
        var written: [URL] = []
        do {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url, options: .withoutOverwriting)
                written.append(url)
                outcome.files.append(file.path)
            }
        } catch {
            for url in written { try? FileManager.default.removeItem(at: url) }
            throw DiagnosticError(
                .error(
                    .outputFailed,
                    "cannot write the new project into \(displayName): \(error.localizedDescription)",
                    at: SourceLocation(file: displayName)))
        }
        return outcome
    }

    /// The new year's period in the default language, and the texts to replace by their
    /// new year in report.yaml and the sections' titles: the one period by the new one, or,
    /// for a period given per language (`{ fr: Exercice 2023-2024, en: Fiscal year 2023–24 }`),
    /// the year or years each language's text holds by the ones after them (or by `--period`).
    static func periodChanges(
        _ config: ReportConfig, period: String?, at location: SourceLocation
    ) throws(DiagnosticError) -> (newPeriod: String, replacements: [(old: String, new: String)]) {
        guard config.period.isPerLanguage else {
            guard let newPeriod = period ?? nextPeriod(after: config.defaultPeriod) else {
                throw DiagnosticError(
                    .error(
                        .invalidConfig,
                        "period '\(config.defaultPeriod)' does not read as a year (2024) or two (2023-2024): give "
                            + "the new year's period with --period", at: location))
            }
            return (newPeriod, [(config.defaultPeriod, newPeriod)])
        }
        var replacements: [(old: String, new: String)] = []
        for language in config.languages {
            let text = config.period.text(in: language.code)
            guard let years = yearsWritten(in: text), let next = period ?? nextPeriod(after: years) else {
                throw DiagnosticError(
                    .error(
                        .invalidConfig,
                        "period '\(text)' (\(language.code)) holds no year (2024) or two (2023-2024): give the new "
                            + "year's period with --period", at: location))
            }
            if !replacements.contains(where: { $0.old == years }) { replacements.append((years, next)) }
        }
        let newPeriod = replacements.reduce(config.defaultPeriod) {
            $0.replacingOccurrences(of: $1.old, with: $1.new)
        }
        return (newPeriod, replacements)
    }

    /// The year or two years a period's text holds (`2023-2024` in `Exercice 2023-2024`),
    /// as ``nextPeriod(after:)`` reads them; nil when it holds none.
    static func yearsWritten(in text: String) -> String? {
        text.range(of: "(?<![0-9])[0-9]{4}([-–/]([0-9]{4}|[0-9]{2}))?(?![0-9])", options: .regularExpression)
            .map { String(text[$0]) }
    }

    /// `2023-2024` → `2024-2025`, `2023–24` → `2024–25`, `2024` → `2025`; nil for anything
    /// else.
    public static func nextPeriod(after period: String) -> String? {
        let text = period.trimmingCharacters(in: .whitespaces)
        if text.count == 4, let year = Int(text) { return String(year + 1) }
        for dash in ["-", "–", "/"] {
            let parts = text.components(separatedBy: dash)
            guard parts.count == 2, let first = Int(parts[0]), parts[0].count == 4, let second = Int(parts[1])
            else { continue }
            if parts[1].count == 4 { return "\(first + 1)\(dash)\(second + 1)" }
            if parts[1].count == 2 { return "\(first + 1)\(dash)\(String(format: "%02d", (second + 1) % 100))" }
        }
        return nil
    }

    /// The project's files that the new year gets, relative and sorted: `content/`
    /// (without editors' leftovers) and a `.gitignore`.
    static func filesToCopy(in projectRoot: URL) -> [String] {
        var paths: [String] = []
        let content = projectRoot.appendingPathComponent("content")
        if let walk = FileManager.default.enumerator(at: content, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walk
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                let name = url.lastPathComponent
                if name == ".DS_Store" || name.hasSuffix("~") || name.hasPrefix(".~lock.") { continue }
                paths.append(
                    "content/"
                        + String(url.standardizedFileURL.path.dropFirst(content.standardizedFileURL.path.count + 1)))
            }
        }
        if FileManager.default.fileExists(atPath: projectRoot.appendingPathComponent(".gitignore").path) {
            paths.append(".gitignore")
        }
        return paths.sorted()
    }

    /// report.yaml for the new year, edited as text so that its comments and layout stay:
    /// the top-level `period:` set to `period` (when it is one text; a period given per
    /// language is edited by the replacements), `previous:` set, and each old text of
    /// `replacements` replaced by its new one on every other line that is not a comment.
    static func reportYAML(
        _ text: String, replacing replacements: [(old: String, new: String)], period: String?, previous: String
    ) -> String {
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: lineEnd)
        var periodLine: Int?
        var previousLine: Int?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("period:") {
                periodLine = index
            }
            if line.hasPrefix("period:"), let period {
                lines[index] = "period: " + plainOrQuoted(period)
            } else if line.hasPrefix("previous:") {
                previousLine = index
                lines[index] = "previous: " + plainOrQuoted(previous)
            } else if !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                lines[index] = replacements.reduce(line) { $0.replacingOccurrences(of: $1.old, with: $1.new) }
            }
        }
        if previousLine == nil {
            // After the period's lines: a period given per language may go on below its key.
            var end = (periodLine ?? -1) + 1
            if periodLine != nil {
                while end < lines.count, lines[end].first == " " || lines[end].first == "\t" { end += 1 }
            }
            lines.insert("previous: " + plainOrQuoted(previous), at: end)
        }
        return lines.joined(separator: lineEnd)
    }

    /// A YAML scalar as written by hand when it needs no quotes (`2024-2025`,
    /// `../rapport-2023-2024`), quoted otherwise.
    private static func plainOrQuoted(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-–./_ ".unicodeScalars.contains($0)
        }
        return plain && !value.isEmpty && value.first != " " && value.last != " " ? value : YAMLEscaping.quoted(value)
    }

    /// A section with `status: draft` in its front matter (added when missing), and the
    /// old period replaced by the new one in its front matter's title; the body as it was.
    static func markedDraft(_ text: String, replacing replacements: [(old: String, new: String)]) -> String {
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: lineEnd)
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else {
            return ["---", "status: draft", "---"].joined(separator: lineEnd) + lineEnd + text
        }
        var marked = false
        for index in 1..<close {
            if lines[index].hasPrefix("status:") {
                lines[index] = "status: draft"
                marked = true
            } else if lines[index].hasPrefix("title:") {
                lines[index] = replacements.reduce(lines[index]) { $0.replacingOccurrences(of: $1.old, with: $1.new) }
            }
        }
        if !marked { lines.insert("status: draft", at: close) }
        return lines.joined(separator: lineEnd)
    }

    /// A text table's bytes up to the end of its first record (its header), in its own
    /// encoding: UTF-16 with a byte-order mark, or an ASCII-compatible one; a line break
    /// inside double quotes does not end it.
    static func headerRow(of data: Data) -> Data {
        let bytes = [UInt8](data)
        if bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF {
            let little = bytes[0] == 0xFF
            var quoted = false
            var index = 2
            while index + 1 < bytes.count {
                let unit =
                    little
                    ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                    : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                if unit == 0x22 { quoted.toggle() }
                if unit == 0x0A, !quoted { return Data(bytes[..<(index + 2)]) }
                index += 2
            }
            return data
        }
        var quoted = false
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x0A, !quoted { return Data(bytes[...index]) }
        }
        return data
    }

    /// `../rapport-2023-2024`: where `target` is, seen from `folder`.
    static func relativePath(from folder: URL, to target: URL) -> String {
        let from = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let path = Array(repeating: "..", count: from.count - common) + to[common...]
        return path.isEmpty ? "." : path.joined(separator: "/")
    }
}
