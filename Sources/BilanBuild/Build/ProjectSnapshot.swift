public import Foundation
import BilanBase
import BilanInputs
import BilanContent
import BilanRender

/// The modification time and size of every file a build reads (`content/` and
/// `templates/`), to tell which files changed since the last look without reading them.
///
/// Hidden files (editor swap files, `.DS_Store`) are left out: bilan never reads them.
public struct ProjectSnapshot: Equatable, Sendable {
    public struct Stamp: Equatable, Sendable {
        public var modified: Double
        public var size: Int
    }

    /// Path relative to the project (`content/sections/010-mot.fr.md`) → stamp.
    public var files: [String: Stamp]
    /// False when a folder could not be listed for want of file descriptors or memory
    /// (EMFILE, ENFILE, ENOMEM): its files are then missing from ``files`` though they
    /// are still there, so such a look tells nothing about what changed.
    public var isComplete: Bool

    public init(files: [String: Stamp] = [:], isComplete: Bool = true) {
        self.files = files
        self.isComplete = isComplete
    }

    /// The folders a build reads.
    public static let folders = ["content", TemplateSet.folder]

    /// Looks at every file below `content/` and `templates/` (`stat` on each: a few
    /// hundred microseconds for a report's hundred files).
    public static func take(projectRoot: URL) -> ProjectSnapshot {
        var files: [String: Stamp] = [:]
        var isComplete = true
        let root = projectRoot.path
        func walk(_ relative: String, depth: Int) {
            guard depth < 32 else { return }
            guard let folder = opendir(root + "/" + relative) else {
                if [EMFILE, ENFILE, ENOMEM].contains(errno) { isComplete = false }
                return
            }
            var names: [String] = []
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                names.append(name)
            }
            closedir(folder)
            for name in names where !name.hasPrefix(".") {
                let path = relative + "/" + name
                var info = stat()
                guard stat(root + "/" + path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path, depth: depth + 1)
                case S_IFREG:
                    files[path] = Stamp(
                        modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9,
                        size: Int(info.st_size))
                default: continue
                }
            }
        }
        for folder in folders { walk(folder, depth: 0) }
        return ProjectSnapshot(files: files, isComplete: isComplete)
    }

    /// The paths added, removed or changed between `self` (older) and `newer`, sorted.
    public func changes(to newer: ProjectSnapshot) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in files where newer.files[path] != stamp { changed.insert(path) }
        for path in newer.files.keys where files[path] == nil { changed.insert(path) }
        return changed.sorted()
    }
}
