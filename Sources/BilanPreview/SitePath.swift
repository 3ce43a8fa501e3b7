import Foundation

/// Turns the target of an HTTP request into a path of the built site, refusing
/// everything that could name a file outside it.
///
/// The raw, still percent-encoded target is checked, not one a library has already
/// tidied: a `..` segment (written plainly or encoded), an encoded slash (`%2f`), a
/// backslash, a NUL, an empty segment (`//etc/passwd`) or a control character gives nil,
/// which the server answers with 404. What remains is only ever looked up in the
/// build's plan, never joined to a folder on disk.
public enum SitePath {
    /// What a request names.
    public enum Target: Equatable, Sendable {
        /// A file of the site, relative to its root (`fr/index.html`).
        case file(String)
        /// Refused or malformed: 404.
        case refused
    }

    public static func resolve(_ rawTarget: String) -> Target {
        var raw = Substring(rawTarget)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.hasPrefix("/"), !raw.hasPrefix("//") else { return .refused }
        let lowered = raw.lowercased()
        // Encoded separators and NUL are never part of a site path.
        for encoded in ["%2f", "%5c", "%00"] where lowered.contains(encoded) { return .refused }
        guard !raw.contains("\\"), let decoded = String(raw).removingPercentEncoding else { return .refused }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else {
            return .refused
        }
        var segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let isFolder = segments.last == ""
        if isFolder { segments.removeLast() }
        for segment in segments where segment.isEmpty || segment == "." || segment == ".." { return .refused }
        if isFolder { segments.append("index.html") }
        return .file(segments.joined(separator: "/"))
    }
}
