import ArgumentParser
import BilanBase
import BilanBuild
import Foundation

struct DataFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show how each file of content/data/ was read: format, encoding, separator, tables, column types.",
        discussion: """
            What to run when a number looks wrong: it says which tables each file gave,
            the type bilan found in each column (number, date, text, or mixed) and how many
            cells are missing, and which files were left alone and why. Exit status 1 when
            a data file has an error.
            Example: bilan data --format json
            """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "text for a terminal, or json (documented in the README).")
    var format: OutputFormat = .text

    func run() throws {
        let listing = DataListing.run(projectRoot: project.rootURL)
        printError(DiagnosticReport.text(listing.diagnostics))
        print(format == .json ? listing.json : listing.text, terminator: "")
        if listing.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
