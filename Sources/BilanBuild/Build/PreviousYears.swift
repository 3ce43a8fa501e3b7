import Foundation
import BilanBase
import BilanInputs

/// Reads the chain of earlier years that `previous:` in report.yaml starts: each
/// project's report.yaml, data and figures, through the figures stage itself, as deep as
/// the folders go.
///
/// A folder that does not exist or is not a bilan project, and a chain that comes back
/// to a project already in it, are `invalid-previous` errors at the `previous:` line that
/// names it. An earlier project's own errors are reported as they are, located in that
/// project (`../rapport-2023-2024/content/figures.yaml:4:12`); its warnings are its own
/// business and are not repeated.
enum PreviousYears {
    /// A folder's path with symbolic links and `..` resolved, to compare projects.
    static func canonical(_ folder: URL) -> String {
        folder.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Last year's project of `config` (at `projectRoot`), or nil when report.yaml names
    /// none; one without figures when it cannot be read (its error is then in `problems`).
    static func load(
        of projectRoot: URL, config: ReportConfig, chain: [String], into problems: inout DiagnosticList
    ) -> PreviousYear? {
        guard let folder = config.previous else { return nil }
        let location = config.previousLocation ?? SourceLocation(file: ReportConfigLoader.path)
        let root =
            folder.hasPrefix("/")
            ? URL(fileURLWithPath: folder, isDirectory: true)
            : projectRoot.appendingPathComponent(folder, isDirectory: true)
        let canonical = canonical(root)
        if let start = chain.firstIndex(of: canonical) {
            let names = (chain[start...].map { Self.name(of: $0) } + [Self.name(of: canonical)])
                .joined(separator: " → ")
            problems.append(
                .error(
                    .invalidPrevious,
                    "previous: '\(folder)' comes back to a year already in the chain (\(names)): "
                        + "each year names the one before it, and the first year names none",
                    at: location))
            return PreviousYear(folder: folder, period: "", evaluation: nil, before: nil)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            problems.append(
                .error(
                    .invalidPrevious,
                    "previous: the folder '\(folder)' does not exist (it is read relative to this project's "
                        + "folder, the one that holds content/)",
                    at: location))
            return PreviousYear(folder: folder, period: "", evaluation: nil, before: nil)
        }
        let earlier: ReportConfig
        do {
            earlier = try ReportConfigLoader.load(projectRoot: root)
        } catch {
            let missing = error.diagnostics.contains { $0.code == .missingFile }
            if missing {
                problems.append(
                    .error(
                        .invalidPrevious,
                        "previous: '\(folder)' is not a bilan project (it has no content/report.yaml)",
                        at: location))
            } else {
                problems.append(contentsOf: relocated(error.diagnostics, in: folder))
            }
            return PreviousYear(folder: folder, period: "", evaluation: nil, before: nil)
        }
        let stage = FigureStage.run(projectRoot: root, config: earlier, chain: chain + [canonical])
        problems.append(contentsOf: relocated(stage.diagnostics.filter { $0.severity == .error }, in: folder))
        return PreviousYear(
            folder: folder, period: earlier.defaultPeriod, evaluation: stage.resolver.evaluation,
            before: stage.resolver.previous.map { rebased($0, on: folder) })
    }

    /// An earlier project's diagnostics, their files seen from this project.
    static func relocated(_ diagnostics: [Diagnostic], in folder: String) -> [Diagnostic] {
        diagnostics.map {
            var diagnostic = $0
            diagnostic.location.file = PreviousYear.joined(folder, diagnostic.location.file)
            return diagnostic
        }
    }

    /// The chain `year` starts, with folders relative to the project that names `folder`.
    private static func rebased(_ year: PreviousYear, on folder: String) -> PreviousYear {
        PreviousYear(
            folder: PreviousYear.joined(folder, year.folder), period: year.period, evaluation: year.evaluation,
            before: year.before.map { rebased($0, on: folder) })
    }

    /// A project's folder name, for the chain a cycle error shows.
    private static func name(of path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}
