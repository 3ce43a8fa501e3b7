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
/// folder that carries the mark (or an empty one) and never writes outside it.
public enum OutputWriter {
    public static let markerName = ".bilan-output"
    package static let markerText = "This folder is written by bilan; each build replaces it whole.\n"

    /// Writes `plan` to `output`, reading copied files from `projectRoot`.
    public static func write(_ plan: OutputPlan, to output: URL, projectRoot: URL, displayName: String) -> Result<Void, Diagnostic> {
        let fileManager = FileManager.default
        let location = SourceLocation(file: displayName)
        if let refusal = refusal(output, displayName: displayName) { return .failure(refusal) }

        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).bilan-new-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).bilan-old-\(pid)")
        do {
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            if let failure = writeFile(Array(markerText.utf8), to: staging.appendingPathComponent(markerName).path, location: location) {
                throw failure
            }
            let paths = plan.paths
            // Every path is checked before anything is written.
            if let path = paths.first(where: { !isInside($0) }) {
                throw DiagnosticError(.error(.outputFailed, "the build planned a file outside \(displayName): '\(path)'", at: location))
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
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: false)
            }
            // The files are independent: written on every core, each with one write and
            // no fsync (the swap below is what keeps a failed build from showing).
            // A file whose bytes are those of the previous output's file is linked to it
            // rather than written again: no new inode, nothing for the disk to write.
            let stagingPath = staging.path
            let previousPath = fileManager.fileExists(atPath: output.path) ? output.path : nil
            @Sendable func write(_ bytes: [UInt8], _ path: String, _ destination: String) -> DiagnosticError? {
                if let previousPath, linkUnchanged(bytes, from: previousPath + "/" + path, to: destination) { return nil }
                return writeFile(bytes, to: destination, location: location)
            }
            let failures = ParallelMap.map(paths) { path -> DiagnosticError? in
                let destination = stagingPath + "/" + path
                if let bytes = plan.files[path] {
                    return write(bytes, path, destination)
                }
                guard let source = plan.copies[path] else { return nil }
                let url = projectRoot.appendingPathComponent(source)
                if let escape = ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: source) {
                    return DiagnosticError(escape)
                }
                do {
                    return write([UInt8](try Data(contentsOf: url)), path, destination)
                } catch {
                    return DiagnosticError(
                        .error(.outputFailed, "could not write the output: \(error.localizedDescription)", at: location))
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        } catch {
            try? fileManager.removeItem(at: staging)
            if let error = error as? DiagnosticError, let first = error.diagnostics.first { return .failure(first) }
            return .failure(.error(.outputFailed, "could not write the output: \(error.localizedDescription)", at: location))
        }

        do {
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: output)
                } catch {
                    try? fileManager.moveItem(at: retired, to: output)
                    throw error
                }
                try? fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            return .failure(.error(.outputFailed, "could not put the new output in place: \(error.localizedDescription)", at: location))
        }
        return .success(())
    }

    /// Writes `bytes` into a new file at `path` with one `write` call (more when the
    /// system writes less); nil when done, else why not.
    package static func writeFile(_ bytes: [UInt8], to path: String, location: SourceLocation) -> DiagnosticError? {
        func failure() -> DiagnosticError {
            let reason = String(cString: strerror(errno))
            return DiagnosticError(.error(.outputFailed, "could not write the output: \(path): \(reason)", at: location))
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
        !path.hasPrefix("/") && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// Why `output` may not be replaced, or nil: it is not a folder, or it is a
    /// non-empty folder without bilan's mark.
    public static func refusal(_ output: URL, displayName: String) -> Diagnostic? {
        let fileManager = FileManager.default
        let location = SourceLocation(file: displayName)
        if let attributes = try? fileManager.attributesOfItem(atPath: output.path),
            attributes[.type] as? FileAttributeType == .typeSymbolicLink
        {
            return .error(.outputRefused, "\(displayName) is a symbolic link; bilan writes only into folders it made", at: location)
        }
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return .error(.outputRefused, "\(displayName) exists and is not a folder; remove it or choose another --output", at: location)
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if contents.isEmpty || contents.contains(markerName) { return nil }
        return .error(
            .outputRefused,
            "\(displayName) holds files bilan did not write; move them away or choose another --output (bilan replaces only folders it made)",
            at: location)
    }

    /// Writes a file whole: to a temporary name beside it, then renamed into place.
    package static func writeWhole(_ data: Data, to target: URL) -> Result<Void, Diagnostic> {
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target, options: .atomic)
            return .success(())
        } catch {
            return .failure(.error(.outputFailed, "could not write \(target.path): \(error.localizedDescription)", at: SourceLocation(file: target.path)))
        }
    }
}

/// The system's `write(2)` (inside ``OutputWriter``, `write` names its own method).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
