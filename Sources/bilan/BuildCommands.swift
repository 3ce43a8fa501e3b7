import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the report into output/ (HTML and Markdown, both languages).",
        discussion: """
            Builds into a new folder and swaps it in only when the build succeeds: a failed
            build leaves the previous output/ as it was. Exit status: 0 built (warnings
            allowed), 1 errors (or warnings under --strict), 2 bad command line.
            With --archive, --root is a folder of yearly projects with an archive.yaml: each
            year is built under its period (output/2023-2024/fr/…) with landing pages that
            list every year; a year that fails fails the whole archive.
            Examples:
              bilan build --root my-report --drafts
              bilan build --archive --root rapports
            """)

    @OptionGroup var project: ProjectOptions
    @Option(help: ArgumentHelp("Where to write the report (default: output/ in the project).", valueName: "dir"))
    var output: String?
    @Flag(help: "Include sections whose status is draft, with a DRAFT banner.")
    var drafts = false
    @Flag(help: "Fail on any warning that report.yaml does not accept.")
    var strict = false
    @Option(help: "How to print diagnostics: text (standard error) or json (standard output).")
    var format: OutputFormat = .text
    @Flag(help: "Print how long each stage took.")
    var timings = false
    @Flag(help: "Print only diagnostics (no summary, no progress line).")
    var quiet = false
    @Flag(help: "Build the folder of yearly projects in --root (it holds archive.yaml) as one site.")
    var archive = false
    @Option(
        help: ArgumentHelp(
            "The Markdown files' layout: plain (<lang>/sections/) or hugo (hugo/content/<lang>/<section>/index.md); "
                + "default: report.yaml's markdown:, else plain.",
            valueName: "layout"))
    var markdown: MarkdownLayoutOption?

    func run() throws {
        let outputURL = output.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
        }
        // The one place the environment is read: SOURCE_DATE_EPOCH dates the sitemap.
        let sourceDate = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]
        let sourceDateEpoch = sourceDate.flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
        if let sourceDate, sourceDateEpoch == nil {
            printError("bilan: SOURCE_DATE_EPOCH '\(sourceDate)' is not a number of seconds since 1970: ignored\n")
        }
        // A progress line on a terminal, for a long build; nothing with --quiet or when
        // standard error is a file or a pipe.
        let progressLine = ProgressLine.make(quiet: quiet)
        let options = BuildOptions(
            projectRoot: project.rootURL, output: outputURL, drafts: drafts, strict: strict, write: true,
            sourceDateEpoch: sourceDateEpoch, progress: progressLine?.reporter,
            waiting: quiet ? nil : waitingNote, markdownLayout: markdown?.layout)
        let result =
            archive
            ? ArchiveBuild.run(
                root: project.rootURL, output: outputURL, drafts: drafts, strict: strict,
                sourceDateEpoch: sourceDateEpoch)
            : BuildPipeline.run(options)
        progressLine?.finish()
        report(result.diagnostics, format: format)
        if timings {
            for timing in result.timings {
                let name = timing.stage.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                printError("  \(name)" + String(format: "%8.1f ms\n", timing.seconds * 1000))
            }
        }
        if !quiet {
            let total = result.timings.reduce(0) { $0 + $1.seconds }
            let counts = [
                Counted.english(result.sectionCount, "section"), Counted.english(result.figureCount, "figure"),
                Counted.english(result.chartCount, "chart"), problemCounts(result),
            ].joined(separator: ", ")
            if result.wrote {
                let files = result.plan?.paths.count ?? 0
                printError(
                    String(
                        format: "bilan: built %@ (%d files, %@) in %.0f ms\n", options.outputURL.path, files, counts,
                        total * 1000))
            } else {
                printError("bilan: nothing written (\(counts))\(strictNote(result, strict: strict))\n")
            }
        }
        if !result.wrote { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every check of a build without writing anything.",
        discussion: """
            Exit status: 0 no errors (warnings allowed), 1 errors (or warnings under --strict).
            Example: bilan check --strict --format json
            """)

    @OptionGroup var project: ProjectOptions
    @Flag(help: "Fail on any warning that report.yaml does not accept.")
    var strict = false
    @Flag(help: "Check the draft sections too.")
    var drafts = false
    @Option(help: "How to print diagnostics: text (standard error) or json (standard output).")
    var format: OutputFormat = .text
    @Flag(help: "Check the folder of yearly projects in --root (it holds archive.yaml), every year.")
    var archive = false

    func run() throws {
        let result =
            archive
            ? ArchiveBuild.run(root: project.rootURL, drafts: drafts, strict: strict, write: false)
            : BuildPipeline.run(
                BuildOptions(projectRoot: project.rootURL, drafts: drafts, strict: strict, write: false))
        report(result.diagnostics, format: format)
        printError("bilan: \(problemCounts(result))\(strictNote(result, strict: strict))\n")
        if result.failed(strict: strict) { throw ExitCode(1) }
    }
}

/// Said when a build waits for another one writing beside the same output folder.
@Sendable func waitingNote() {
    printError("bilan: another build is writing beside this output folder; waiting for it to finish\n")
}

/// "1 error, 2 warnings (1 accepted)": the end of every build and check summary.
func problemCounts(_ result: BuildResult) -> String {
    let accepted = result.diagnostics.filter(\.accepted).count
    return Counted.english(result.errorCount, "error") + ", " + Counted.english(result.warningCount, "warning")
        + (accepted > 0 ? " (\(accepted) accepted)" : "")
}

/// Why a build with no error failed: `--strict` counts warnings.
func strictNote(_ result: BuildResult, strict: Bool) -> String {
    guard strict, result.errorCount == 0, result.warningCount > 0 else { return "" }
    return ": --strict fails on warnings (fix them, or accept a known one in report.yaml with its reason)"
}
