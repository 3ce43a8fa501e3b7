import Foundation

/// Writes a build's files into a new folder and swaps it in place of the output folder
/// only when complete, so a failed build leaves the previous output as it was.
///
/// bilan marks every output folder it makes with ``markerName``; it replaces only a
/// folder that carries the mark (or an empty one) and never writes outside it.
public enum OutputWriter {
    public static let markerName = ".bilan-output"
    static let markerText = "This folder is written by bilan; each build replaces it whole.\n"

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
            try Data(markerText.utf8).write(to: staging.appendingPathComponent(markerName))
            for path in plan.paths {
                let destination = staging.appendingPathComponent(path)
                try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let bytes = plan.files[path] {
                    try Data(bytes).write(to: destination)
                } else if let source = plan.copies[path] {
                    let url = projectRoot.appendingPathComponent(source)
                    if let escape = ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: source) {
                        throw DiagnosticError(escape)
                    }
                    try Data(contentsOf: url).write(to: destination)
                }
            }
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
}
