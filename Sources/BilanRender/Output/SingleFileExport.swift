import Foundation
import BilanBase
import BilanInputs
import BilanContent

/// One language's report as a single self-contained HTML file, for emailing to the
/// board or printing: the stylesheet inlined in `<style>`, images and linked files as
/// `data:` URIs, so that the file refers to no other file and loads nothing from the
/// network. Links the author wrote to web sites stay links.
///
/// It works on a build's ``OutputPlan`` (the page as `bilan build` makes it), so the
/// export shows exactly the built report.
public struct SingleFileExport {
    /// A reference the export could not make self-contained, reported to the user.
    public struct Note: Sendable, Equatable, CustomStringConvertible {
        public var reference: String
        public var reason: String
        public var description: String { "\(reference): \(reason)" }
    }

    public var plan: OutputPlan
    public var projectRoot: URL
    public var language: String

    public init(plan: OutputPlan, projectRoot: URL, language: String) {
        self.plan = plan
        self.projectRoot = projectRoot
        self.language = language
    }

    /// Hides what has no use in a single file: the links to the other languages' pages.
    package static let otherPageReason = "removed: the file holds one language, and the language links are hidden"

    package static let exportStyle = ".language-switch, .translation-link { display: none !important; }"

    /// The self-contained page and what could not be inlined; nil when the plan has no
    /// page for the language.
    public func html() -> (html: String, notes: [Note])? {
        let pagePath = "\(language)/index.html"
        guard let bytes = plan.files[pagePath] else { return nil }
        var notes: [Note] = []
        var page = String(decoding: bytes, as: UTF8.self)
        // The default templates' links to the other languages go whole (an `<a>` left
        // without its `href` would be invalid HTML); other templates' lose their target.
        page = replace(in: page, pattern: #"<nav class="language-switch"[\s\S]*?</nav>\n?"#) { _ in "" }
        page = replace(in: page, pattern: #"<p class="translation-link">[\s\S]*?</p>\n?"#) { _ in "" }
        page = replace(in: page, pattern: #"<link\b[^>]*>\n?"#) { tag in linkElement(tag, from: pagePath, notes: &notes) }
        page = replaceMatches(in: page, pattern: #"(\s)(src|href)="([^"]*)""#) { groups in
            attribute(groups[1], groups[2], groups[3], from: pagePath, notes: &notes)
        }
        page = replaceMatches(in: page, pattern: #"<style>([\s\S]*?)</style>"#) { groups in
            "<style>" + css(groups[1], from: pagePath, notes: &notes) + "</style>"
        }
        page = replaceMatches(in: page, pattern: #"(\s)style="([^"]*)""#) { groups in
            "\(groups[1])style=\"" + HTMLEscaping.text(css(unescape(groups[2]), from: pagePath, notes: &notes)) + "\""
        }
        // The links to the other languages' pages (one per section) are reported once.
        let pageLinks = notes.filter { $0.reason == Self.otherPageReason }
        if !pageLinks.isEmpty {
            notes.removeAll { $0.reason == Self.otherPageReason }
            notes.append(Note(reference: "\(pageLinks.count) links to another language's page (\(pageLinks[0].reference)…)", reason: Self.otherPageReason))
        }
        if let head = page.range(of: "</head>") {
            page.replaceSubrange(head, with: "<style>\(Self.exportStyle)</style>\n</head>")
        }
        return (page, notes)
    }

    // MARK: - References

    /// A `<link>` element: a stylesheet becomes `<style>`, the canonical and alternate
    /// addresses go (a file has none), anything else is inlined or dropped.
    package func linkElement(_ tag: String, from page: String, notes: inout [Note]) -> String {
        let rel = attributeValue("rel", in: tag)?.lowercased() ?? ""
        guard let href = attributeValue("href", in: tag) else { return tag }
        let relations = rel.split(separator: " ")
        if relations.contains("stylesheet") {
            guard let path = resolve(href, from: page), let text = text(of: path) else {
                notes.append(Note(reference: href, reason: "stylesheet not found in the build; left out"))
                return ""
            }
            return "<style>\n" + css(text, from: path, notes: &notes) + "</style>\n"
        }
        if relations.contains("canonical") || relations.contains("alternate") { return "" }
        if let path = resolve(href, from: page), let uri = dataURI(path) {
            return tag.replacingOccurrences(of: "href=\"\(HTMLEscaping.text(href))\"", with: "href=\"\(uri)\"")
        }
        notes.append(Note(reference: href, reason: "a <link> to another file or site; left out"))
        return ""
    }

    /// A `src` or `href` attribute: fragments, `data:` and links to web sites stay; files
    /// of the build become `data:` URIs; links to the other languages' pages lose their
    /// target (the file holds one language).
    package func attribute(_ space: String, _ name: String, _ escaped: String, from page: String, notes: inout [Note]) -> String {
        let value = unescape(escaped)
        if value.hasPrefix("#") || value.lowercased().hasPrefix("data:") { return "\(space)\(name)=\"\(escaped)\"" }
        if Self.hasScheme(value) || value.hasPrefix("//") {
            if name == "src" { notes.append(Note(reference: value, reason: "loaded from the network when the file is opened")) }
            return "\(space)\(name)=\"\(escaped)\""
        }
        let (target, fragment) = OutputLinks.splitFragment(Substring(value))
        guard let path = resolve(target, from: page) else {
            notes.append(Note(reference: value, reason: "not found in the build; the link was removed"))
            return ""
        }
        if path == page { return "\(space)\(name)=\"#\(HTMLEscaping.text(fragment ?? ""))\"" }
        if path.hasSuffix(".html") {
            notes.append(Note(reference: value, reason: Self.otherPageReason))
            return ""
        }
        guard let uri = dataURI(path) else {
            notes.append(Note(reference: value, reason: "could not be read; the link was removed"))
            return ""
        }
        return "\(space)\(name)=\"\(uri)\""
    }

    /// CSS with every `url(…)` to a file of the build as a `data:` URI; `base` is the
    /// path of the file the CSS comes from.
    package func css(_ text: String, from base: String, notes: inout [Note]) -> String {
        replaceMatches(in: text, pattern: #"url\(\s*(['"]?)([^'")]*)\1\s*\)"#) { groups in
            let value = groups[2]
            if value.hasPrefix("#") || value.lowercased().hasPrefix("data:") { return groups[0] }
            if Self.hasScheme(value) || value.hasPrefix("//") {
                notes.append(Note(reference: value, reason: "a stylesheet loads it from the network; left out"))
                return "url(\"\")"
            }
            guard let path = resolve(OutputLinks.splitFragment(Substring(value)).0, from: base), let uri = dataURI(path) else {
                notes.append(Note(reference: value, reason: "a stylesheet refers to it but it is not in the build; left out"))
                return "url(\"\")"
            }
            return "url(\"\(uri)\")"
        }
    }

    /// A relative reference written in the output file `from`, as a path of the plan;
    /// nil when it names no file of the plan (or climbs out of the output).
    package func resolve(_ reference: String, from file: String) -> String? {
        var reference = reference
        if let query = reference.firstIndex(of: "?") { reference = String(reference[..<query]) }
        guard !reference.hasPrefix("/"), let decoded = reference.removingPercentEncoding else { return nil }
        let folder = (file as NSString).deletingLastPathComponent
        guard let path = ProjectPaths.normalize(folder.isEmpty ? decoded : folder + "/" + decoded), !path.isEmpty else { return nil }
        return plan.files[path] != nil || plan.copies[path] != nil ? path : nil
    }

    /// The bytes of a file of the plan: generated, or copied from the project (only
    /// from inside it).
    package func bytes(of path: String) -> [UInt8]? {
        if let bytes = plan.files[path] { return bytes }
        guard let source = plan.copies[path] else { return nil }
        let url = projectRoot.appendingPathComponent(source)
        guard ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: source) == nil,
            let data = try? Data(contentsOf: url)
        else { return nil }
        return [UInt8](data)
    }

    package func text(of path: String) -> String? { bytes(of: path).map { String(decoding: $0, as: UTF8.self) } }

    package func dataURI(_ path: String) -> String? {
        guard let bytes = bytes(of: path) else { return nil }
        let type = MediaTypes.type(ofPath: path).replacingOccurrences(of: " ", with: "")
        return "data:\(type);base64," + Data(bytes).base64EncodedString()
    }

    // MARK: - Text helpers

    package static func hasScheme(_ value: String) -> Bool {
        ProjectPaths.hasScheme(value)
    }

    package func attributeValue(_ name: String, in tag: String) -> String? {
        guard let match = tag.firstMatch(of: try! Regex("\\s\(name)=\"([^\"]*)\"")), let value = match.output[1].substring
        else { return nil }
        return unescape(String(value))
    }

    /// An attribute's value as written in the page: the named entities bilan and cmark
    /// write, and numeric ones (cmark writes `'` in a URL as `&#x27;`).
    package func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let numeric = replaceMatches(in: text, pattern: #"&#([xX]?)([0-9A-Fa-f]{1,6});"#) { groups in
            let value = UInt32(groups[2], radix: groups[1].isEmpty ? 10 : 16)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? groups[0]
        }
        return numeric.replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Replaces every match of `pattern` by what `transform` makes of the whole match.
    package func replace(in text: String, pattern: String, transform: (String) -> String) -> String {
        replaceMatches(in: text, pattern: pattern) { transform($0[0]) }
    }

    /// Replaces every match of `pattern`; `transform` gets the match and its groups
    /// (index 0 the whole match).
    package func replaceMatches(in text: String, pattern: String, transform: ([String]) -> String) -> String {
        let regex = try! Regex(pattern)
        var result = ""
        var last = text.startIndex
        for match in text.matches(of: regex) {
            result += text[last..<match.range.lowerBound]
            let parts = (0..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
            result += transform(parts)
            last = match.range.upperBound
        }
        result += text[last...]
        return result
    }
}
