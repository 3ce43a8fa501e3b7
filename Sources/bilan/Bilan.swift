import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

/// The `bilan` command: parses arguments and hands each subcommand to BilanCore.
struct Bilan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bilan",
        abstract: "Build a bilingual activity report from Markdown sections and CSV/JSON data.",
        discussion: """
            Run the commands in a report project: a folder with content/report.yaml.
            Start a new one with: bilan init my-report
            Example: bilan build --root my-report
            """,
        version: BilanVersion.current,
        subcommands: [
            Build.self, Check.self, Serve.self, Export.self, Figures.self, DataFiles.self, Translations.self, Init.self,
            NewYear.self,
        ])

    /// Runs the command line, mapping usage errors to exit status 2 as bilan promises.
    static func mainWithExitCodes() {
        var command: (any ParsableCommand)?
        do {
            command = try parseAsRoot()
            try command?.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                // A command that finds its command line wrong once the project is read
                // (`--lang de`) names itself in the hint, as a parse error would.
                let message =
                    switch (command, error) {
                    case (.some(let command), let error as ValidationError):
                        "Error: \(error.message)\n  See 'bilan \(type(of: command)._commandName) --help' for more"
                            + " information."
                    default:
                        fullMessage(for: error)
                    }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

@main
enum Main {
    static func main() { Bilan.mainWithExitCodes() }
}

/// Options every command but `init` shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The report project folder (the one holding content/).", valueName: "dir"))
    var root: String = "."

    var rootURL: URL {
        URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }

    /// The command line checked against report.yaml before anything runs: a `--lang` the
    /// report does not have, or what `problem` finds, is a bad command line (exit status 2).
    /// A report.yaml that does not load is left to the command, which reports it located.
    func validate(languages: [String], problem: (ReportConfig) -> String? = { _ in nil }) throws {
        guard let config = try? ReportConfigLoader.load(projectRoot: rootURL) else { return }
        if let message = config.unknownLanguages(languages) ?? problem(config) { throw ValidationError(message) }
    }
}

/// `--markdown`'s values, as ``MarkdownLayout`` has them.
enum MarkdownLayoutOption: String, ExpressibleByArgument, CaseIterable {
    case plain, hugo

    var layout: MarkdownLayout { self == .plain ? .plain : .hugo }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Writes to standard error (progress, summaries, text diagnostics).
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// What a stage gives, or its diagnostics on standard error and exit status 1 when it
/// cannot go on.
func reported<Value>(_ stage: () throws(DiagnosticError) -> Value) throws -> Value {
    do throws(DiagnosticError) {
        return try stage()
    } catch {
        printError(DiagnosticReport.text(error.diagnostics))
        throw ExitCode(1)
    }
}

/// Prints diagnostics in the chosen format: JSON on standard output, text on standard error.
func report(_ diagnostics: [Diagnostic], format: OutputFormat) {
    switch format {
    case .json: print(DiagnosticReport.json(diagnostics), terminator: "")
    case .text: printError(DiagnosticReport.text(diagnostics))
    }
}
