import Foundation

/// What a link or image target written in a section points at.
public enum ReferenceTarget: Equatable, Sendable {
    /// A URL with a scheme (`https:`, `mailto:`): left as written, never fetched.
    case external
    /// `#anchor` in the same page.
    case fragment(String)
    /// A file inside the project, relative to the project folder, with its fragment.
    case file(path: String, fragment: String?)
    /// A relative path that names no file.
    case notFound(String)
    /// An absolute path, a `file:` URL, or a path that climbs out of the project.
    case outside(String)
}

/// Resolves the paths written in the project, and keeps every one of them inside it.
public enum ProjectPaths {
    /// Resolves a link or image target written in `file` (relative to the project): first
    /// relative to that file's folder, then relative to `content/`.
    public static func resolve(_ target: String, writtenIn file: String, projectRoot: URL) -> ReferenceTarget {
        if target.hasPrefix("#") { return .fragment(String(target.dropFirst())) }
        if target.hasPrefix("//") { return .external }
        if let colon = target.firstIndex(of: ":"),
            target[..<colon].range(of: "^[A-Za-z][A-Za-z0-9+.-]*$", options: .regularExpression) != nil
        {
            return target[..<colon].lowercased() == "file" ? .outside(target) : .external
        }
        if target.hasPrefix("/") || target.hasPrefix("\\") { return .outside(target) }

        var path = target
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.removingPercentEncoding ?? path
        if path.isEmpty { return fragment.map { .fragment($0) } ?? .notFound(target) }

        let folder = (file as NSString).deletingLastPathComponent
        var sawOutside = false
        for base in [folder, "content"] {
            guard let relative = normalize(base + "/" + path) else {
                sawOutside = true
                continue
            }
            let url = projectRoot.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if escapingLink(url, projectRoot: projectRoot, file: relative) != nil { return .outside(target) }
            return .file(path: relative, fragment: fragment)
        }
        return sawOutside ? .outside(target) : .notFound(target)
    }

    /// Folds `.` and `..` in a relative path; nil when it climbs above the project folder.
    public static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// A `path-outside-project` error when `url`, once symbolic links are followed,
    /// lies outside the project folder; nil when it stays inside.
    public static func escapingLink(_ url: URL, projectRoot: URL, file: String) -> Diagnostic? {
        let root = projectRoot.resolvingSymlinksInPath().standardizedFileURL.path
        let real = url.resolvingSymlinksInPath().standardizedFileURL.path
        if real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return nil }
        return .error(
            .pathOutsideProject,
            "this path leads out of the project folder (through a symbolic link); bilan only reads files inside it",
            at: SourceLocation(file: file))
    }
}
