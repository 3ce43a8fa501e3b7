public import Foundation
import BilanBase
import BilanInputs
import BilanContent

/// One language's report as a single self-contained HTML file, for emailing to the
/// board or printing: the stylesheet inlined in `<style>`, images and linked files as
/// `data:` URIs, so that the file refers to no other file and loads nothing from the
/// network. Links the author wrote to web sites stay links.
public struct SingleFilePage: Sendable {
    public var html: String
    /// What could not be made self-contained.
    public var notes: [SingleFileExport.Note]

    public init(html: String, notes: [SingleFileExport.Note]) {
        self.html = html
        self.notes = notes
    }
}

/// The single file's inliner: files of a build's ``OutputPlan`` as `data:` URIs, and the
/// stylesheet's `url()`s made self-contained.
///
/// The page itself is rendered in the ``RenderVariant/singleFile`` variant (the links
/// resolver and the template context write `data:` URIs and leave the other languages
/// out), so no HTML is read or rewritten here.
public struct SingleFileExport: Sendable {
    /// A reference the export could not make self-contained, reported to the user.
    public struct Note: Sendable, Equatable, CustomStringConvertible {
        public var reference: String
        public var reason: String
        public var description: String { "\(reference): \(reason)" }

        public init(reference: String, reason: String) {
            self.reference = reference
            self.reason = reason
        }
    }

    public var plan: OutputPlan
    public var projectRoot: URL

    public init(plan: OutputPlan, projectRoot: URL) {
        self.plan = plan
        self.projectRoot = projectRoot
    }

    /// CSS with every `url(…)` to a file of the build as a `data:` URI; `base` is the
    /// path in the plan of the file the CSS comes from.
    package func css(_ text: String, from base: String, notes: inout [Note]) -> String {
        var result = ""
        var rest = Substring(text)
        while let reference = CSSURLReference.first(in: rest) {
            result += rest[..<reference.whole.lowerBound]
            result += inlined(reference, in: rest, from: base, notes: &notes)
            rest = rest[reference.whole.upperBound...]
        }
        result += rest
        return result
    }

    package func inlined(
        _ reference: CSSURLReference, in text: Substring, from base: String, notes: inout [Note]
    ) -> String {
        let value = String(text[reference.value])
        if value.hasPrefix("#") || value.lowercased().hasPrefix("data:") { return String(text[reference.whole]) }
        if ProjectPaths.hasScheme(value) || value.hasPrefix("//") {
            notes.append(Note(reference: value, reason: "a stylesheet loads it from the network; left out"))
            return "url(\"\")"
        }
        let target = OutputLinks.splitFragment(Substring(value)).0
        guard let path = resolve(target, from: base), let uri = dataURI(path) else {
            notes.append(
                Note(reference: value, reason: "a stylesheet refers to it but it is not in the build; left out"))
            return "url(\"\")"
        }
        return "url(\"\(uri)\")"
    }

    /// A relative reference written in the output file `from`, as a path of the plan;
    /// nil when it names no file of the plan (or climbs out of the output).
    package func resolve(_ reference: String, from file: String) -> String? {
        var reference = reference
        if let query = reference.firstIndex(of: "?") { reference = String(reference[..<query]) }
        guard !reference.hasPrefix("/"), let decoded = reference.removingPercentEncoding else { return nil }
        let folder = (file as NSString).deletingLastPathComponent
        let joined = folder.isEmpty ? decoded : folder + "/" + decoded
        guard let path = ProjectPaths.normalize(joined), !path.isEmpty else { return nil }
        return plan.files[path] != nil || plan.copies[path] != nil ? path : nil
    }

    /// The bytes of a file of the plan: generated, or copied from the project (only
    /// from inside it).
    package func bytes(of path: String) -> [UInt8]? {
        if let bytes = plan.files[path] { return bytes }
        guard let source = plan.copies[path] else { return nil }
        return AssetInliner(projectRoot: projectRoot).bytes(ofProjectFile: source)
    }

    /// A file of the plan as a `data:` URI; nil when it is not in the plan.
    package func dataURI(_ path: String) -> String? {
        bytes(of: path).map { AssetInliner.dataURI($0, path: path) }
    }
}

/// One `url(…)` of a stylesheet: the whole reference and the address inside it, found
/// as `url\(\s*(['"]?)([^'")]*)\1\s*\)` finds them.
package struct CSSURLReference {
    package var whole: Range<Substring.Index>
    package var value: Range<Substring.Index>

    /// The first well-formed `url(…)` in `text`.
    package static func first(in text: Substring) -> CSSURLReference? {
        var searchFrom = text.startIndex
        while let open = text[searchFrom...].range(of: "url(") {
            if let found = parse(text, from: open) { return found }
            searchFrom = open.upperBound
        }
        return nil
    }

    package static func parse(_ text: Substring, from open: Range<Substring.Index>) -> CSSURLReference? {
        var index = skipSpaces(text, from: open.upperBound)
        var quote: Character?
        if index < text.endIndex, text[index] == "'" || text[index] == "\"" {
            quote = text[index]
            index = text.index(after: index)
        }
        let start = index
        while index < text.endIndex, !"'\")".contains(text[index]) { index = text.index(after: index) }
        let value = start..<index
        if let quote {
            guard index < text.endIndex, text[index] == quote else { return nil }
            index = text.index(after: index)
        }
        index = skipSpaces(text, from: index)
        guard index < text.endIndex, text[index] == ")" else { return nil }
        return CSSURLReference(whole: open.lowerBound..<text.index(after: index), value: value)
    }

    package static func skipSpaces(_ text: Substring, from start: Substring.Index) -> Substring.Index {
        var index = start
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        return index
    }
}
