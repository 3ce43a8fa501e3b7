import ArgumentParser
import BilanBase
import BilanBuild
import Foundation

struct NewYear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-year",
        abstract: "Start next year's report from this year's project.",
        discussion: """
            Writes next year's project into DIR (new or empty): this project's content/
            with the new period in report.yaml (and in the titles that carry the old one),
            previous: pointing back to this project so that text can quote last year's
            figures (previous.NAME), and every section marked status: draft so that
            nothing of last year is published before it is rewritten. Data files are kept
            as they are until you replace them with the new year's exports; --empty-data
            keeps only their header row (workbooks are kept whole). This project is only
            read.
            Examples:
              bilan new-year ../rapport-2024-2025
              bilan new-year --root rapport-2023-2024 rapport-2024-2025 --period 2024-2025
            """)

    @Argument(help: ArgumentHelp("The folder of next year's project (new or empty).", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The new period (default: the year after this one's).", valueName: "period"))
    var period: String?

    @Flag(help: "Keep only the header row of CSV, text and JSON data files.")
    var emptyData = false

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let folder = URL(
            fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL
        let outcome = try reported { () throws(DiagnosticError) in
            try BilanBuild.NewYear.create(
                from: project.rootURL, at: folder, displayName: directory, period: period, emptyData: emptyData)
        }
        let drafts = Counted.english(outcome.drafts, "section")
        printError(
            "bilan: started \(outcome.period) in \(directory) (\(outcome.files.count) files; \(drafts) marked draft; "
                + "previous: \(outcome.previous))\n")
        if !outcome.emptied.isEmpty {
            printError("bilan: kept only the header row of \(Counted.english(outcome.emptied.count, "data file"))\n")
        }
        for workbook in outcome.keptWorkbooks {
            printError("bilan: \(workbook) is kept with its rows: bilan does not rewrite workbooks\n")
        }
        printError("Next: replace the data files with this year's, rewrite each section and remove its status: draft\n")
    }
}
