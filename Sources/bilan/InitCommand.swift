import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new bilingual report project to start from.",
        discussion: """
            Writes a small French and English report into DIR: content/report.yaml,
            sections that show figures, a chart and tables, a data folder and
            figures.yaml, each file with comments that explain its format. DIR is created
            when missing; a folder that is not empty is refused (exit status 1).
            Example:
              bilan init rapport-2025
              cd rapport-2025 && bilan build && open output/index.html
            """)

    @Argument(help: ArgumentHelp("The folder of the new project (new or empty).", valueName: "dir"))
    var directory: String

    @Option(help: .hidden)
    var root: String?

    func validate() throws {
        if root != nil {
            throw ValidationError("init takes the new project's folder as its argument, not --root: bilan init DIR")
        }
    }

    func run() throws {
        let folder = URL(
            fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL
        let files = try reported { () throws(DiagnosticError) in
            try ProjectTemplate.create(at: folder, displayName: directory)
        }
        printError("bilan: created a new report in \(directory) (\(files.count) files)\n")
        printError("Next: cd \(directory) && bilan build, then open output/index.html\n")
    }
}
