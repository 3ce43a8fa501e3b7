import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every figure: expression, value, formatted value in each language, stated value, status.",
        discussion: """
            What a treasurer or board member checks before approving the report. Exit
            status 1 when a figure has an error.
            Example: bilan figures --lang fr --format json
            """)

    @OptionGroup var project: ProjectOptions
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp("Show the formatted values of this language only (repeatable).", valueName: "code"))
    var languages: [String] = []
    @Option(help: "text for a terminal, or json (documented in the README).")
    var format: OutputFormat = .text

    func run() throws {
        try project.validate(languages: languages)
        let listing = try reported { () throws(DiagnosticError) in
            try FiguresListing.run(projectRoot: project.rootURL, languages: languages)
        }
        printError(DiagnosticReport.text(listing.diagnostics))
        print(format == .json ? listing.report.json : listing.report.text, terminator: "")
        if listing.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
