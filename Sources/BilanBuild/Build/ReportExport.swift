public import Foundation
public import BilanBase
package import BilanInputs
import BilanContent
public import BilanRender

/// `bilan export`: builds the report in memory in the single-file variant and writes one
/// language as a single self-contained HTML file (``SingleFilePage``) or as a PDF
/// printed from it by a headless Chromium (``ChromiumPrinter``); or in the Word variant,
/// and writes a Word document (``WordDocument``, by bilan itself).
///
/// By default the files go to `output/export/<lang>.html` (or `.pdf`). `output/` is
/// bilan's folder, replaced whole by each `bilan build`, so exports are made again after
/// a build. The export writes there only when `output/` is a folder bilan made (it
/// carries `.bilan-output`) or does not exist yet — then it is created with that mark,
/// so that a later build may replace it. Each file is written to a temporary name and
/// renamed into place, so a reader never sees half a file.
public enum ReportExport {
    public enum Format: String, Sendable {
        case html
        case pdf
        case docx

        /// The build variant the format is written from.
        var variant: RenderVariant { self == .docx ? .word : .singleFile }
    }

    public struct Options: Sendable {
        public var projectRoot: URL
        public var format: Format
        /// The languages to export; every language of the report when empty.
        public var languages: [String]
        public var drafts: Bool
        /// The file to write (one language only); `output/export/<lang>.<ext>` when nil.
        public var out: URL?
        /// Where to look for Chromium (the `PATH` variable), for `--pdf`.
        public var searchPath: String?
        /// The PDF's dates, in seconds since 1970 (`SOURCE_DATE_EPOCH`); a fixed date when nil.
        public var sourceDateEpoch: Int?

        public init(
            projectRoot: URL, format: Format, languages: [String] = [], drafts: Bool = false, out: URL? = nil,
            searchPath: String? = nil, sourceDateEpoch: Int? = nil
        ) {
            self.sourceDateEpoch = sourceDateEpoch
            self.projectRoot = projectRoot
            self.format = format
            self.languages = languages
            self.drafts = drafts
            self.out = out
            self.searchPath = searchPath
        }
    }

    public struct Outcome: Sendable {
        /// The build's diagnostics, then the export's own.
        public var diagnostics: [Diagnostic]
        /// The files written.
        public var written: [URL] = []
        /// References that could not be made self-contained.
        public var notes: [SingleFileExport.Note] = []
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } && !written.isEmpty }
    }

    /// Why `--out` cannot be written, or nil: it names one file, so one language.
    package static func oneFileProblem(_ options: Options, config: ReportConfig) -> String? {
        let languages = options.languages.isEmpty ? config.languages.map(\.code) : options.languages
        guard options.out != nil, languages.count > 1 else { return nil }
        return "--out names one file: choose its language with --lang (\(languages.joined(separator: ", ")))"
    }

    public static func run(_ options: Options) -> Outcome {
        let build = BuildPipeline.run(
            BuildOptions(
                projectRoot: options.projectRoot, drafts: options.drafts, write: false,
                variants: [options.format.variant]))
        var outcome = Outcome(diagnostics: build.diagnostics)
        guard build.plan != nil else { return outcome }
        let location = SourceLocation(file: ReportConfigLoader.path)
        guard let config = try? ReportConfigLoader.load(projectRoot: options.projectRoot) else { return outcome }

        if let problem = config.unknownLanguages(options.languages) {
            outcome.diagnostics.append(.error(.unknownLanguage, problem, at: location))
            return outcome
        }
        if let problem = oneFileProblem(options, config: config) {
            outcome.diagnostics.append(.error(.outputRefused, problem, at: location))
            return outcome
        }
        let languages = options.languages.isEmpty ? config.languages.map(\.code) : options.languages

        var chromium: URL?
        if options.format == .pdf {
            switch ChromiumPrinter.find(searchPath: options.searchPath) {
            case .success(let found): chromium = found
            case .failure(let problem):
                outcome.diagnostics.append(problem)
                return outcome
            }
        }
        for language in languages {
            let page = build.singleFilePages[language]
            let word = build.wordDocuments[language]
            if options.format == .docx {
                switch word {
                case .none: continue
                case .failure(let problem):
                    outcome.diagnostics.append(problem)
                    return outcome
                case .success(let document): outcome.notes.append(contentsOf: document.notes)
                }
            } else {
                guard let page else { continue }
                outcome.notes.append(contentsOf: page.notes)
            }
            let target: URL
            if let out = options.out {
                target = out
            } else {
                let output = options.projectRoot.appendingPathComponent("output")
                if let refusal = prepareOutputFolder(output, projectRoot: options.projectRoot) {
                    outcome.diagnostics.append(refusal)
                    return outcome
                }
                target = output.appendingPathComponent("export/\(language).\(options.format.rawValue)")
            }
            let others = config.languages.map(\.code).filter { $0 != language }
            if !others.isEmpty {
                outcome.notes.append(
                    SingleFileExport.Note(
                        reference: target.lastPathComponent,
                        reason: "the links to the \(others.joined(separator: ", ")) version are left out: one file has "
                            + "no other page to point to (export each language, or publish the site)"))
            }
            let written: Result<Void, Diagnostic>
            switch options.format {
            case .html: written = OutputWriter.writeWhole(Data(page!.html.utf8), to: target)
            case .pdf:
                written = PrintedReport.print(
                    html: page!.html, settings: printSettings(config, language: language, options: options),
                    to: target, chromium: chromium!)
            case .docx:
                guard case .success(let document) = word else { continue }
                written = OutputWriter.writeWhole(Data(document.bytes), to: target)
            }
            switch written {
            case .success: outcome.written.append(target)
            case .failure(let problem):
                outcome.diagnostics.append(problem)
                return outcome
            }
        }
        return outcome
    }

    /// How `language`'s PDF is printed: report.yaml's `paper` (else the usual paper of the
    /// first language's country), the organisation, the document's information.
    static func printSettings(
        _ config: ReportConfig, language code: String, options: Options
    )
        -> PrintedReport.Settings
    {
        let language = config.language(code) ?? config.defaultLanguage
        let paper =
            config.paper.flatMap(PrintedReport.Paper.init(rawValue:))
            ?? .usual(forLocale: config.defaultLanguage.locale)
        let organization = config.organization.text(in: language.code)
        let stamp = PrintedPDF.Stamp(
            title: language.title, author: organization,
            subject: language.description ?? config.period.text(in: language.code),
            language: language.locale, date: options.sourceDateEpoch ?? PrintedPDF.fixedDate)
        return PrintedReport.Settings(
            paper: paper, organization: organization, sectionBreaks: config.sectionBreaks, stamp: stamp)
    }

    /// Makes sure `output/` may hold an export: a folder bilan made, or a new one made
    /// now with bilan's mark. Returns why not otherwise.
    public static func prepareOutputFolder(_ output: URL, projectRoot: URL) -> Diagnostic? {
        if let refusal = OutputWriter.refusal(output, projectRoot: projectRoot, displayName: "output") {
            return refusal
        }
        let marker = output.appendingPathComponent(OutputWriter.markerName)
        guard !FileManager.default.fileExists(atPath: marker.path) else { return nil }
        if let failure = OutputFailure.makeFolders(output.path, displayName: "output") { return failure }
        let location = SourceLocation(file: "output")
        if let failure = OutputWriter.writeFile(
            Array(OutputWriter.markerText.utf8), to: marker.path, location: location)
        {
            return failure.diagnostics[0]
        }
        return nil
    }
}
