public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// Whether text is a URL scheme, `[A-Za-z][A-Za-z0-9+.-]*` (checked on the bytes:
    /// a regular expression per link cost more than the rest of the link's work).
    package static func isScheme(_ text: Substring) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.dropFirst().allSatisfy { byte in
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }

    /// Whether a link starts with a URL scheme (`https:`, `mailto:`).
    package static func hasScheme(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":") else { return false }
        return isScheme(target[..<colon])
    }

    /// Resolves a link or image target written in `file` (relative to the project): first
    /// relative to that file's folder, then relative to `content/`.
    public static func resolve(_ target: String, writtenIn file: String, projectRoot: URL) -> ReferenceTarget {
        if target.hasPrefix("#") { return .fragment(String(target.dropFirst())) }
        if target.hasPrefix("//") { return .external }
        if let colon = target.firstIndex(of: ":"), isScheme(target[..<colon]) {
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

        var sawOutside = false
        for candidate in candidates(path, writtenIn: file) {
            guard let relative = candidate else {
                sawOutside = true
                continue
            }
            let url = projectRoot.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            if escapingLink(url, projectRoot: projectRoot, file: relative) != nil { return .outside(target) }
            return .file(path: relative, fragment: fragment)
        }
        return sawOutside ? .outside(target) : .notFound(target)
    }

    /// Where a relative `path` written in `file` may be, in the order looked at: beside
    /// the file, then in `content/`; nil for a place above the project folder.
    private static func candidates(_ path: String, writtenIn file: String) -> [String?] {
        let folder = (file as NSString).deletingLastPathComponent
        return [folder, "content"].map { normalize($0 + "/" + path) }
    }

    /// Why a target that ``resolve(_:writtenIn:projectRoot:)`` found no file for cannot
    /// be reached, when something is in its way: a loop of symbolic links, a link to
    /// nothing, or a folder bilan may not look into; nil when there is simply no file.
    public static func unreachableReason(_ target: String, writtenIn file: String, projectRoot: URL) -> String? {
        var path = target
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        guard !path.isEmpty, !path.hasPrefix("/") else { return nil }
        for case let relative? in candidates(path, writtenIn: file) {
            let full = projectRoot.appendingPathComponent(relative).path
            var status = stat()
            guard stat(full, &status) != 0 else { continue }
            switch errno {
            case ELOOP: return "\(relative) is a loop of symbolic links (they lead back to one another): fix the links"
            case EACCES, EPERM:
                return "permission denied on the way to \(relative): bilan may not look into one of its folders "
                    + "(check their permissions)"
            case ENOENT where lstat(full, &status) == 0:
                return "\(relative) is a symbolic link to a file that does not exist: fix or remove the link"
            default: continue
            }
        }
        return nil
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

    /// The absolute path with every symbolic link, `.` and `..` resolved; nil when a
    /// part of it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A `path-outside-project` error when `url`, once symbolic links are followed,
    /// lies outside the project folder; nil when it stays inside.
    public static func escapingLink(_ url: URL, projectRoot: URL, file: String) -> Diagnostic? {
        // realpath(3) when both exist (one call instead of Foundation's walk, which cost
        // more than parsing a section), Foundation's resolution otherwise.
        let root: String
        let real: String
        if let resolvedRoot = realPath(projectRoot.path), let resolved = realPath(url.path) {
            root = resolvedRoot
            real = resolved
        } else {
            root = projectRoot.resolvingSymlinksInPath().standardizedFileURL.path
            real = url.resolvingSymlinksInPath().standardizedFileURL.path
        }
        if real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return nil }
        return .error(
            .pathOutsideProject,
            "this path leads out of the project folder (through a symbolic link); bilan only reads files inside it",
            at: SourceLocation(file: file))
    }
}
