import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the report as one self-contained HTML file, a PDF or a Word document.",
        discussion: """
            --single-file writes one HTML file per language with its styles, images and
            charts inside, for emailing to the board: output/export/<lang>.html. --pdf
            prints that file through a headless Chromium (Debian: apt-get install chromium):
            output/export/<lang>.pdf, with a table of contents numbered by printing twice,
            bookmarks, a footer, paper: letter | a4 from report.yaml, and its dates from
            SOURCE_DATE_EPOCH (else 2000-01-01) so that two exports are identical. --docx
            writes an editable Word document, made by bilan itself (Word's styles, a table of contents, native charts):
            output/export/<lang>.docx. A build replaces output/ whole: export again after it.
            Examples:
              bilan export --pdf --lang fr --out rapport.pdf
              bilan export --docx --lang en --out report.docx
              bilan export --docx --drafts
            """)

    @OptionGroup var project: ProjectOptions
    @Flag(help: "One self-contained HTML file per language.")
    var singleFile = false
    @Flag(help: "A PDF per language, printed by a headless Chromium.")
    var pdf = false
    @Flag(help: "An editable Word document (.docx) per language.")
    var docx = false
    @Option(help: ArgumentHelp("Export only this language (default: every language).", valueName: "code"))
    var lang: String?
    @Flag(help: "Include sections whose status is draft, with a DRAFT banner.")
    var drafts = false
    @Option(
        help: ArgumentHelp("The file to write (needs --lang when the report has several languages).", valueName: "file")
    )
    var out: String?

    func validate() throws {
        if [singleFile, pdf, docx].filter({ $0 }).count != 1 {
            throw ValidationError("choose one of --single-file, --pdf and --docx")
        }
    }

    func run() throws {
        let outURL = out.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
        }
        let options = ReportExport.Options(
            projectRoot: project.rootURL, format: pdf ? .pdf : docx ? .docx : .html, languages: lang.map { [$0] } ?? [],
            drafts: drafts, out: outURL, searchPath: ProcessInfo.processInfo.environment["PATH"],
            sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) })
        try project.validate(languages: options.languages) { ReportExport.oneFileProblem(options, config: $0) }
        let outcome = ReportExport.run(options)
        report(outcome.diagnostics, format: .text)
        for note in outcome.notes { printError("bilan: note: \(note)\n") }
        for file in outcome.written { printError("bilan: wrote \(file.path)\n") }
        if !outcome.succeeded {
            if outcome.written.isEmpty { printError("bilan: nothing exported\n") }
            throw ExitCode(1)
        }
    }
}
