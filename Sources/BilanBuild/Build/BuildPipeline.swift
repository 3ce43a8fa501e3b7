import Foundation
import BilanBase
import BilanInputs
import BilanContent
import BilanRender

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var projectRoot: URL
    /// The output folder; `output/` in the project when nil.
    public var output: URL?
    public var drafts: Bool
    public var strict: Bool
    /// False for `bilan check`: every check runs, nothing is written.
    public var write: Bool
    /// The build's date in seconds since 1970 (`SOURCE_DATE_EPOCH`, read by the command
    /// line, never here): dates the sitemap's `<lastmod>`; without it there is none.
    public var sourceDateEpoch: Int?
    /// Told where a build stands (each stage as it starts, and each section rendered),
    /// for a progress line; called from any thread. BilanCore never prints: the
    /// command line decides whether and how to show it.
    public var progress: ProgressHandler?

    public init(
        projectRoot: URL, output: URL? = nil, drafts: Bool = false, strict: Bool = false, write: Bool = true,
        sourceDateEpoch: Int? = nil, progress: ProgressHandler? = nil
    ) {
        self.projectRoot = projectRoot
        self.output = output
        self.drafts = drafts
        self.strict = strict
        self.write = write
        self.sourceDateEpoch = sourceDateEpoch
        self.progress = progress
    }

    public var outputURL: URL { output ?? projectRoot.appendingPathComponent("output") }
}

/// What a build did: its diagnostics (sorted, accepted ones marked), the files it
/// planned, whether it wrote them, and how long each stage took.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var plan: OutputPlan?
    public var wrote: Bool
    public var sectionCount: Int
    public var figureCount: Int
    public var chartCount = 0
    public var timings: [(stage: BuildStage, seconds: Double)]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning && !$0.accepted }.count }

    /// Whether the build failed: errors, or under `strict`, warnings not accepted.
    public func failed(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }
}

/// The whole build as named stages: load the project, load data, compute figures, render
/// the sections, assemble the report, check, write.
public enum BuildPipeline {
    public static let generator = "bilan \(BilanVersion.current)"

    public static func run(_ options: BuildOptions) -> BuildResult {
        var clock = StageClock()
        var problems = DiagnosticList()
        var result = BuildResult(diagnostics: [], plan: nil, wrote: false, sectionCount: 0, figureCount: 0, timings: [])
        func finish() -> BuildResult {
            result.timings = clock.timings
            return result
        }

        // Project: report.yaml, interface strings, templates, sections.
        options.progress?(BuildProgress(stage: .project))
        let config: ReportConfig
        switch ReportConfigLoader.load(projectRoot: options.projectRoot) {
        case .failure(let error):
            result.diagnostics = DiagnosticList(error.diagnostics).sorted
            return finish()
        case .success(let loaded): config = loaded
        }
        let strings = InterfaceStrings.load(projectRoot: options.projectRoot, languages: config.languages)
        let templates = TemplateSet.load(projectRoot: options.projectRoot)
        if case .failure(let error) = strings { problems.append(contentsOf: error.diagnostics) }
        if case .failure(let error) = templates { problems.append(contentsOf: error.diagnostics) }
        var loaded = SectionLoader.load(projectRoot: options.projectRoot, config: config, progress: options.progress)
        problems.append(contentsOf: loaded.diagnostics)
        problems.append(contentsOf: projectChecks(loaded.sections, files: loaded.files, config: config, projectRoot: options.projectRoot))
        clock.lap(.project)

        // Data and figures.
        options.progress?(BuildProgress(stage: .figures))
        let figures = FigureStage.run(projectRoot: options.projectRoot, config: config)
        problems.append(contentsOf: figures.diagnostics)
        result.figureCount = figures.count
        clock.lap(.figures)

        // Markdown, per section and language.
        var included = includedSections(loaded.sections, drafts: options.drafts)
        let contexts = sectionContexts(
            included: included, all: loaded.sections, figures: figures, config: config, options: options,
            strings: try? strings.get())
        var rendered: [String: [RenderedSection]] = [:]
        // Sections are independent: rendered on every core, collected in report order.
        let counter = ProgressCounter(stage: .markdown, total: included.count, report: options.progress)
        // Each section is also rendered for every output at once (the anchors of the
        // other sections are known from their files), and its Markdown tree let go: a
        // large report never holds all its trees.
        var linksByLanguage: [String: OutputLinks] = [:]
        for section in included where linksByLanguage[section.language] == nil {
            linksByLanguage[section.language] = ReportAssembler.links(for: included.filter { $0.language == section.language })
        }
        do {
            let renderedInOrder = ParallelMap.map(included) { section in
                defer { counter.step() }
                var rendered = SectionRenderer.render(section, context: contexts[section.language]!)
                rendered.output = ReportAssembler.output(
                    rendered.blocks, rendered.section, linksByLanguage[section.language]!, allowRawHTML: config.allowRawHTML)
                rendered.blocks = []
                rendered.section.body = ""
                return rendered
            }
            for section in renderedInOrder {
                problems.append(contentsOf: section.diagnostics)
                rendered[section.section.language, default: []].append(section)
            }
        }
        result.sectionCount = included.count
        // The section files' text is not needed any more (each rendered section let go of
        // its own copy).
        included = []
        loaded.sections = []
        problems.append(contentsOf: duplicateCharts(rendered))
        result.chartCount = rendered.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.charts.count } }
        clock.lap(.markdown)

        // Accepted warnings, then the verdict.
        result.diagnostics = AcceptedWarnings.apply(config.accepted, to: problems.all)
        guard case .success(let templateSet) = templates, case .success(let interface) = strings,
            !result.failed(strict: options.strict)
        else { return finish() }

        // Assemble and write.
        options.progress?(BuildProgress(stage: .render))
        let plan = assemble(
            config: config, strings: interface, templates: templateSet, rendered: consume rendered, figures: figures, options: options)
        result.plan = plan
        clock.lap(.render)
        guard options.write else { return finish() }
        options.progress?(BuildProgress(stage: .write, total: plan.files.count + plan.copies.count))
        let display = options.output == nil ? "output" : options.outputURL.path
        switch OutputWriter.write(plan, to: options.outputURL, projectRoot: options.projectRoot, displayName: display) {
        case .success: result.wrote = true
        case .failure(let diagnostic):
            result.diagnostics = DiagnosticList(result.diagnostics + [diagnostic]).sorted
        }
        clock.lap(.write)
        return finish()
    }

    // MARK: - Stages shared with IncrementalBuild

    /// The checks over the whole set of sections: duplicate slugs, the theme's logo,
    /// missing and outdated translations.
    package static func projectChecks(_ sections: [Section], files: Set<String>, config: ReportConfig, projectRoot: URL) -> [Diagnostic] {
        var problems = duplicateAnchors(sections)
        problems.append(contentsOf: logoProblems(config, projectRoot: projectRoot))
        let translations = TranslationChecker.entries(sections, config: config)
        problems.append(contentsOf: TranslationChecker.diagnostics(translations, existingFiles: files, config: config))
        return problems
    }

    /// The sections this build shows (drafts only with `drafts`), in report order.
    package static func includedSections(_ sections: [Section], drafts: Bool) -> [Section] {
        sections
            .filter { drafts || $0.status != .draft }
            .sorted { ($0.order, $0.key) < ($1.order, $1.key) }
    }

    /// What each language's sections see of the rest of the report: the other
    /// sections' anchors, the figures, the data for blocks.
    package static func sectionContexts(
        included: [Section], all: [Section], figures: FigureStage, config: ReportConfig, options: BuildOptions,
        strings: InterfaceStrings?
    ) -> [String: SectionContext] {
        var anchorsByLanguage: [String: [String: String]] = [:]
        for section in included { anchorsByLanguage[section.language, default: [:]][section.key] = section.slug }
        let keysByFile = Dictionary(all.map { ($0.file, $0.key) }, uniquingKeysWith: { first, _ in first })
        var contexts: [String: SectionContext] = [:]
        for (language, anchors) in anchorsByLanguage {
            let blocks = BlockContext(
                language: language, tables: figures.tables.mapValues { $0.localized(to: language) },
                unreadableTables: figures.unreadableTables, formatter: figures.resolver.formatter(language: language),
                figures: figures.resolver, traceFigures: options.drafts, strings: strings)
            contexts[language] = SectionContext(
                projectRoot: options.projectRoot, sectionKeysByFile: keysByFile, anchorsByKey: anchors,
                knownAnchors: Set(anchors.values), figures: figures.resolver, allowRawHTML: config.allowRawHTML,
                traceFigures: options.drafts, blocks: blocks)
        }
        return contexts
    }

    /// The pages and Markdown files of the report, and the project files they copy.
    package static func assemble(
        config: ReportConfig, strings: InterfaceStrings, templates: TemplateSet, rendered: consuming [String: [RenderedSection]],
        figures: FigureStage, options: BuildOptions
    ) -> OutputPlan {
        var plan = ReportAssembler(
            config: config, strings: strings, templates: templates, sections: consume rendered, generator: generator,
            sourceDateEpoch: options.sourceDateEpoch,
            figures: Dictionary(uniqueKeysWithValues: config.languages.map { language in
                (language.code, Dictionary(figures.resolver.formattedValues(language: language.code), uniquingKeysWith: { first, _ in first }))
            })
        ).assemble()
        for file in assetFiles(options.projectRoot) { plan.copies[OutputLinks.outputPath(ofProjectFile: file)] = file }
        return plan
    }

    /// Every file below `content/assets/` (relative to the project), copied whole to
    /// `output/assets/`; hidden files and links leading out of the project are skipped.
    package static func assetFiles(_ projectRoot: URL) -> [String] {
        let folder = projectRoot.appendingPathComponent("content/assets")
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var result: [String] = []
        for case let url as URL in files where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let relative = "content/assets/" + String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            if ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: relative) == nil { result.append(relative) }
        }
        return result.sorted()
    }

    /// The theme's logo must be a file inside the project.
    package static func logoProblems(_ config: ReportConfig, projectRoot: URL) -> [Diagnostic] {
        guard let logo = config.logo else { return [] }
        switch ProjectPaths.resolve(logo, writtenIn: "content/report.yaml", projectRoot: projectRoot) {
        case .file: return []
        case .outside: return [.error(.pathOutsideProject, "theme.logo '\(logo)' leads out of the project: put it in content/assets/", at: config.logoLocation ?? SourceLocation(file: ReportConfigLoader.path))]
        default: return [.error(.missingImage, "theme.logo '\(logo)' not found in content/", at: config.logoLocation ?? SourceLocation(file: ReportConfigLoader.path))]
        }
    }

    /// Two charts of one language may not share an id: they would share a file.
    package static func duplicateCharts(_ rendered: [String: [RenderedSection]]) -> [Diagnostic] {
        var problems = DiagnosticList()
        for language in rendered.keys.sorted() {
            var seen: [String: SourceLocation] = [:]
            for chart in rendered[language]!.flatMap(\.charts) {
                if let first = seen[chart.id] {
                    problems.error(.invalidBlock, "another chart already has the id '\(chart.id)' (\(first)): give each chart its own 'id'", at: chart.location)
                } else {
                    seen[chart.id] = chart.location
                }
            }
        }
        return problems.all
    }

    /// Two sections of one language may not share a slug: their anchors would clash.
    package static func duplicateAnchors(_ sections: [Section]) -> [Diagnostic] {
        var seen: [String: Section] = [:]
        var problems = DiagnosticList()
        for section in sections.sorted(by: { $0.file < $1.file }) {
            let id = section.language + "/" + section.slug
            if let first = seen[id], first.key != section.key {
                problems.error(
                    .duplicateSection,
                    "this section's slug '\(section.slug)' is also used by \(first.file); give each section its own slug",
                    at: SourceLocation(file: section.file))
            } else {
                seen[id] = section
            }
        }
        return problems.all
    }
}

/// Marks the warnings that report.yaml accepts; an `accept:` entry that matches nothing
/// is itself reported (`unused-accept`), so stale entries do not pile up.
public enum AcceptedWarnings {
    public static func apply(_ accepted: [AcceptedWarning], to diagnostics: [Diagnostic], reportUnused: Bool = true) -> [Diagnostic] {
        var used = Set<Int>()
        var result = diagnostics.map { diagnostic -> Diagnostic in
            guard diagnostic.severity == .warning else { return diagnostic }
            var diagnostic = diagnostic
            for (index, entry) in accepted.enumerated()
            where entry.code == diagnostic.code
                && (entry.figure == nil || entry.figure == diagnostic.figure)
                && (entry.file == nil || entry.file == diagnostic.location.file)
            {
                diagnostic.accepted = true
                used.insert(index)
            }
            return diagnostic
        }
        for (index, entry) in accepted.enumerated() where reportUnused && !used.contains(index) {
            result.append(
                .warning(.unusedAccept, "this accepted warning (\(entry.code)) matches no warning any more: remove it", at: entry.location))
        }
        return DiagnosticList(result).sorted
    }
}

/// bilan's version, as `bilan --version` prints it.
public enum BilanVersion {
    public static let current = "0.1.0"
}
