public import BilanBase
import BilanContent
import BilanInputs
public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Writes a build's files into a new folder and swaps it in place of the output folder
/// only when complete, so a failed build leaves the previous output as it was.
///
/// bilan marks every output folder it makes with ``markerName``; it replaces only a
/// folder that carries the mark (or an empty one) and never writes outside it. One build
/// at a time writes beside an output folder (``OutputLock``: a second one waits); the
/// new folder takes the old one's place in one atomic exchange where the file system
/// allows it (``OutputSwap``), so `output/` is never missing, even to a reader between
/// two renames or after a kill.
public enum OutputWriter {
    public static let markerName = ".bilan-output"
    package static let markerText = "This folder is written by bilan; each build replaces it whole.\n"

    /// Writes `plan` to `output`, reading copied files from `projectRoot`; `waiting` is
    /// called when another build is writing there and this one waits for it.
    public static func write(
        _ plan: OutputPlan, to output: URL, projectRoot: URL, displayName: String,
        waiting: (@Sendable () -> Void)? = nil
    ) -> Result<Void, Diagnostic> {
        let fileManager = FileManager.default
        let location = SourceLocation(file: displayName)
        if let refusal = refusal(output, projectRoot: projectRoot, displayName: displayName) {
            return .failure(refusal)
        }
        let parent = output.deletingLastPathComponent()
        if let failure = OutputFailure.makeFolders(parent.path, displayName: displayName) { return .failure(failure) }
        let lock: OutputLock
        switch OutputLock.acquire(parent.path, displayName: displayName, waiting: waiting) {
        case .failure(let failure): return .failure(failure)
        case .success(let held): lock = held
        }
        // Under the lock: the folder may have changed while this build waited.
        if let refusal = refusal(output, projectRoot: projectRoot, displayName: displayName) {
            return .failure(refusal)
        }
        lock.removeStaleFolders(beside: output)

        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(OutputLock.stagingName(of: output, "new", pid: pid))
        do {
            if mkdir(staging.path, 0o777) != 0 {
                throw DiagnosticError(
                    OutputFailure.diagnostic("create the folder", staging.path, errno, displayName: displayName))
            }
            if let failure = writeFile(
                Array(markerText.utf8), to: staging.appendingPathComponent(markerName).path, location: location)
            {
                throw failure
            }
            let paths = plan.paths
            // Every path is checked before anything is written.
            if let path = paths.first(where: { !isInside($0) }) {
                throw DiagnosticError(
                    .error(.outputFailed, "the build planned a file outside \(displayName): '\(path)'", at: location))
            }
            // Each folder is made once, parents first (a parent sorts before its children).
            var folders = Set<String>()
            for path in paths {
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard folders.insert(String(folder)).inserted else { break }
                }
            }
            for folder in folders.sorted() {
                let path = staging.appendingPathComponent(folder).path
                if mkdir(path, 0o777) != 0 {
                    throw DiagnosticError(
                        OutputFailure.diagnostic("create the folder", path, errno, displayName: displayName))
                }
            }
            // The files are independent: written on every core, each with one write and
            // no fsync (the swap below is what keeps a failed build from showing).
            // A file whose bytes are those of the previous output's file is linked to it
            // rather than written again: no new inode, nothing for the disk to write.
            let stagingPath = staging.path
            let previousPath = fileManager.fileExists(atPath: output.path) ? output.path : nil
            let failures = ParallelMap.map(paths) { path -> DiagnosticError? in
                let destination = stagingPath + "/" + path
                let previous = previousPath.map { $0 + "/" + path }
                if let bytes = plan.files[path] {
                    if let previous, linkUnchanged(bytes, from: previous, to: destination) { return nil }
                    return writeFile(bytes, to: destination, location: location)
                }
                guard let source = plan.copies[path] else { return nil }
                let url = projectRoot.appendingPathComponent(source)
                if let escape = ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: source) {
                    return DiagnosticError(escape)
                }
                return FileCopy.copy(url.path, as: source, to: destination, previous: previous, location: location)
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        } catch {
            OutputLock.removeMarkedFolder(staging)
            if let error = error as? DiagnosticError, let first = error.diagnostics.first { return .failure(first) }
            return .failure(.error(.outputFailed, "could not write the output: \(error)", at: location))
        }

        let retired = parent.appendingPathComponent(OutputLock.stagingName(of: output, "old", pid: pid))
        if let failure = OutputSwap.replace(output, with: staging, retired: retired, displayName: displayName) {
            OutputLock.removeMarkedFolder(staging)
            return .failure(failure)
        }
        return .success(())
    }

    /// Writes `bytes` into a new file at `path` with one `write` call (more when the
    /// system writes less); nil when done, else why not.
    package static func writeFile(_ bytes: [UInt8], to path: String, location: SourceLocation) -> DiagnosticError? {
        func failure() -> DiagnosticError {
            DiagnosticError(OutputFailure.diagnostic("write", path, errno, displayName: location.file))
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return failure() }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { buffer -> DiagnosticError? in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return failure()
                }
                offset += written
            }
            return nil
        }
    }

    /// Hard-links `previous` at `destination` when it is a regular file of bilan's
    /// output (not a link, linked nowhere else) that holds exactly `bytes`; false when it
    /// does not, or when the link fails (the caller then writes the file).
    package static func linkUnchanged(_ bytes: [UInt8], from previous: String, to destination: String) -> Bool {
        let descriptor = open(previous, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_nlink == 1,
            Int(status.st_size) == bytes.count
        else { return false }
        let same = bytes.withUnsafeBytes { expected -> Bool in
            var buffer = [UInt8](repeating: 0, count: min(max(bytes.count, 1), 1 << 20))
            var offset = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if count == 0 { return offset == expected.count }
                guard offset + count <= expected.count,
                    buffer.withUnsafeBytes({ memcmp($0.baseAddress!, expected.baseAddress! + offset, count) }) == 0
                else { return false }
                offset += count
            }
        }
        return same && link(previous, destination) == 0
    }

    /// Whether a planned path stays inside the output folder: relative, with no empty,
    /// `.` or `..` part.
    package static func isInside(_ path: String) -> Bool {
        !path.hasPrefix("/")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0 != "." && $0 != ".."
            }
    }

    /// Why `output` may not be replaced, or nil: it is not a folder, it is a mount point,
    /// it is a non-empty folder without bilan's mark, or it holds or lies among the
    /// project's inputs (see ``inputsRefusal(_:projectRoot:displayName:)``).
    public static func refusal(_ output: URL, projectRoot: URL, displayName: String) -> Diagnostic? {
        let fileManager = FileManager.default
        let location = SourceLocation(file: displayName)
        if let overlap = inputsRefusal(output, projectRoot: projectRoot, displayName: displayName) { return overlap }
        var status = stat()
        guard lstat(output.path, &status) == 0 else { return nil }
        if status.st_mode & S_IFMT == S_IFLNK {
            return .error(
                .outputRefused, "\(displayName) is a symbolic link; bilan writes only into folders it made",
                at: location)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            return .error(
                .outputRefused, "\(displayName) exists and is not a folder; remove it or choose another --output",
                at: location)
        }
        var parent = stat()
        if stat(output.deletingLastPathComponent().path, &parent) == 0, parent.st_dev != status.st_dev {
            return .error(
                .outputRefused,
                "\(displayName) is a mount point (another file system is mounted there): bilan builds a new folder "
                    + "beside the output and swaps the two, which a mount point cannot take part in; pass --output "
                    + "with a folder inside it (such as \(output.appendingPathComponent("site").path))", at: location)
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if contents.isEmpty || contents.contains(markerName) { return nil }
        return .error(
            .outputRefused,
            "\(displayName) holds files bilan did not write; move them away or choose another --output (bilan"
                + " replaces only folders it made)",
            at: location)
    }

    /// Why `output` may not be where it is: it is the project folder or holds it, or lies
    /// inside `content/` or `templates/` (the next build would read the output as input,
    /// and each build would copy the last one). Links are followed; nil when it is elsewhere.
    public static func inputsRefusal(_ output: URL, projectRoot: URL, displayName: String) -> Diagnostic? {
        guard let root = ProjectPaths.realPath(projectRoot.path) else { return nil }
        let target = resolvedPath(output.standardizedFileURL.path)
        func within(_ folder: String) -> Bool { target == folder || target.hasPrefix(folder + "/") }
        let location = SourceLocation(file: displayName)
        if target == root {
            return .error(
                .outputRefused,
                "\(displayName) is the project folder itself: each build replaces its output folder whole; choose "
                    + "another --output (the default is output/ in the project)", at: location)
        }
        if target == "/" || root.hasPrefix(target + "/") {
            return .error(
                .outputRefused,
                "\(displayName) holds the project folder: each build replaces its output folder whole, the project "
                    + "with it; choose another --output (the default is output/ in the project)", at: location)
        }
        for inputs in ["content", "templates"] where within(root + "/" + inputs) {
            return .error(
                .outputRefused,
                "\(displayName) is inside the project's \(inputs)/, which bilan reads: the next build would read this "
                    + "output back as input; choose an --output outside \(inputs)/ (the default is output/ in the "
                    + "project)",
                at: location)
        }
        return nil
    }

    /// `path` with the links of its existing part resolved, and the rest as written.
    private static func resolvedPath(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/" {
            if let real = ProjectPaths.realPath(existing) {
                return ([real == "/" ? "" : real] + rest.reversed()).joined(separator: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// Writes a file whole: to a temporary name beside it, then renamed into place.
    package static func writeWhole(_ data: Data, to target: URL) -> Result<Void, Diagnostic> {
        let display = target.path
        let folder = target.deletingLastPathComponent()
        if let failure = OutputFailure.makeFolders(folder.path, displayName: display) { return .failure(failure) }
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).bilan-new-\(pid)").path
        if let failure = writeFile([UInt8](data), to: temporary, location: SourceLocation(file: display)) {
            unlink(temporary)
            return .failure(failure.diagnostics[0])
        }
        guard rename(temporary, target.path) == 0 else {
            let code = errno
            unlink(temporary)
            return .failure(OutputFailure.diagnostic("put in place", target.path, code, displayName: display))
        }
        return .success(())
    }
}

/// The system's `write(2)` (inside ``OutputWriter``, `write` names its own method).
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
