public import Foundation
public import BilanBase
public import BilanInputs
package import BilanContent
public import BilanRender

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
    /// The render variants to make besides the site's files: `.singleFile` for
    /// `bilan export` (``BuildResult/singleFilePages``), `.sideBySide` for the reviewers'
    /// view of `bilan serve` (each ``RenderedSection`` then holds its HTML for it).
    public var variants: [RenderVariant]
    /// Told once when another build is writing beside the output folder and this one
    /// waits for it to finish (``OutputLock``), for the command line to say so.
    public var waiting: (@Sendable () -> Void)?
    /// In an archive (`bilan build --archive`): the links of each section to the same
    /// section in the years around it (language → slug → links), and the year's own
    /// address under the archive's `base_url`, which replaces report.yaml's.
    public var yearLinks: [String: [String: [YearLink]]] = [:]
    public var archiveBaseURL: String?
    /// The Markdown files' layout (`--markdown`); report.yaml's `markdown:` when nil.
    public var markdownLayout: MarkdownLayout?

    public init(
        projectRoot: URL, output: URL? = nil, drafts: Bool = false, strict: Bool = false, write: Bool = true,
        sourceDateEpoch: Int? = nil, progress: ProgressHandler? = nil, variants: [RenderVariant] = [],
        waiting: (@Sendable () -> Void)? = nil, markdownLayout: MarkdownLayout? = nil
    ) {
        self.projectRoot = projectRoot
        self.output = output
        self.drafts = drafts
        self.strict = strict
        self.write = write
        self.sourceDateEpoch = sourceDateEpoch
        self.progress = progress
        self.variants = variants
        self.waiting = waiting
        self.markdownLayout = markdownLayout
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
    /// What this run of the pipeline computed, rather than took from its cache.
    public var work = BuildWork()
    /// Each language's single-file page, when the build was asked for that variant and
    /// succeeded.
    public var singleFilePages: [String: SingleFilePage] = [:]
    /// Each language's Word document, when the build was asked for the `.word` variant
    /// and succeeded.
    public var wordDocuments: [String: Result<WordDocument, Diagnostic>] = [:]
    /// Every figure formatted in each language (language → name → text), when the build
    /// got as far as assembling the report.
    public var figures: [String: [String: String]] = [:]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning && !$0.accepted }.count }

    /// Whether the build failed: errors, or under `strict`, warnings not accepted.
    public func failed(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }
}

/// What one run of the pipeline computed rather than took from its cache, counted: a
/// full build computes everything, a rebuild after an edit only what the edit touched.
public struct BuildWork: Sendable, Equatable {
    /// Times report.yaml, the interface words and the templates were read (0 or 1).
    public var projectLoads = 0
    /// Section files read and parsed.
    public var sectionsLoaded = 0
    /// Times the data were read and the figures computed (0 or 1).
    public var figureRuns = 0
    /// Sections rendered (Markdown parsed, figures put in, every output and variant).
    public var sectionsRendered = 0

    public init(projectLoads: Int = 0, sectionsLoaded: Int = 0, figureRuns: Int = 0, sectionsRendered: Int = 0) {
        self.projectLoads = projectLoads
        self.sectionsLoaded = sectionsLoaded
        self.figureRuns = figureRuns
        self.sectionsRendered = sectionsRendered
    }
}

/// Which cached results a set of changed project files makes stale.
public enum BuildScope: Equatable, Sendable {
    /// Nothing changed.
    case none
    /// Every stage (the first build, report.yaml, i18n or templates).
    case full
    /// Data and figures, then every section.
    case figures
    /// Every section (the figures kept).
    case allSections
    /// These section files only.
    case sections([String])

    /// The scope of a set of changed files (relative to the project).
    public init(changed: [String]) {
        var sectionFiles: [String] = []
        var figures = false
        var allSections = false
        for path in changed {
            let inSections = path.hasPrefix(SectionLoader.folder + "/")
            if path.hasPrefix(TemplateSet.folder + "/") || path == ReportConfigLoader.path
                || path.hasPrefix("content/i18n/")
            {
                self = .full
                return
            } else if path.hasPrefix("content/data/") || path == "content/figures.yaml" {
                figures = true
            } else if inSections, !path.dropFirst(SectionLoader.folder.count + 1).contains("/") {
                sectionFiles.append(path)
            } else {
                allSections = true
            }
        }
        if figures {
            self = .figures
        } else if allSections {
            self = .allSections
        } else {
            self = .sections(sectionFiles.sorted())
        }
    }
}

/// The build as named stages — project, figures, Markdown, render, write — each stage's
/// result memoised on its inputs.
///
/// A full build and `bilan serve`'s rebuild are this one pipeline: ``run(_:)`` is a
/// pipeline with an empty cache, run once; ``IncrementalBuild`` keeps a memoising
/// pipeline and runs it again with the files that changed, which makes stale:
///
/// - a section file: that file, read and rendered again;
/// - `content/data/` or `content/figures.yaml`: the figures, then every section;
/// - `content/report.yaml`, `content/i18n/` or `templates/`: everything;
/// - anything else in `content/` (an image added…): every section, since links and
///   images are resolved against the files present.
///
/// A section is also rendered again when the sections around it change its links (which
/// sections are in the build, their anchors, their headings in report.md). Each section
/// is parsed and rendered for every output and variant at once, on every core, and its
/// Markdown tree let go: no run holds all the trees of a large report.
/// ``BuildResult/work`` counts what a run computed.
public final class BuildPipeline {
    public static let generator = "bilan \(BilanVersion.current)"

    public let options: BuildOptions
    /// Whether results are kept for the next run (`bilan serve`); a one-shot build keeps
    /// nothing, and lets each stage's result go once the next stage has it.
    public let memoises: Bool
    /// What the last run re-ran.
    public private(set) var lastScope: BuildScope = .full
    /// Every section file that loaded in the last run, sorted by path (drafts included);
    /// kept by a memoising pipeline only.
    public private(set) var sections: [Section] = []
    /// The last run's sections, per language in report order; kept by a memoising
    /// pipeline only.
    public private(set) var rendered: [String: [RenderedSection]] = [:]

    /// report.yaml as last read, nil when it failed to load.
    public var config: ReportConfig? { project?.config }
    /// The interface words, when they loaded.
    public var strings: InterfaceStrings? { try? project?.strings.get() }

    // The cache: each stage's last result, valid while its inputs stay the same.
    private var project: ProjectInputs?
    /// Section file name → what loading it gave.
    private var loadedByFile: [String: Result<Section, DiagnosticError>] = [:]
    private var figures: FigureStage?
    /// The section contexts, valid while the figures and ``contextKey(included:all:)`` stay.
    private var contexts: (key: String, byLanguage: [String: SectionContext])?
    /// The links each language's sections were rendered with.
    private var links: [String: OutputLinks] = [:]
    /// Section file → its rendering, valid while its file, context and links stay.
    private var renderedByFile: [String: RenderedSection] = [:]
    /// The photos' resized copies, each made once per content of its file.
    private let photoCopies: PhotoCopies

    /// The project's settings, words and templates, as one stage loads them.
    private struct ProjectInputs {
        var config: ReportConfig
        var strings: Result<InterfaceStrings, DiagnosticError>
        var templates: Result<TemplateSet, DiagnosticError>
    }

    /// The sections of one run, rendered, with what the Markdown stage found.
    private struct MarkdownStage {
        var rendered: [String: [RenderedSection]] = [:]
        var diagnostics: [Diagnostic] = []
        var sectionCount = 0
        /// The project's photos that read, by path.
        var photos: [String: Photo] = [:]
    }

    /// A pipeline with an empty cache.
    public init(options: BuildOptions, memoises: Bool = true) {
        self.options = options
        self.memoises = memoises
        self.photoCopies = PhotoCopies(projectRoot: options.projectRoot)
    }

    /// A full build: the pipeline with an empty cache, run once.
    public static func run(_ options: BuildOptions) -> BuildResult {
        BuildPipeline(options: options, memoises: false).run(changed: nil)
    }

    /// Runs the stages; those whose inputs are not among `changed` (files relative to the
    /// project) come from the cache. `nil` runs everything, as on the first run.
    public func run(changed: [String]?) -> BuildResult {
        let scope = changed.map { BuildScope(changed: $0) } ?? .full
        lastScope = scope
        invalidate(scope, changed: changed ?? [])
        var clock = StageClock()
        var problems = DiagnosticList()
        var result = BuildResult(diagnostics: [], plan: nil, wrote: false, sectionCount: 0, figureCount: 0, timings: [])
        func finish() -> BuildResult {
            result.timings = clock.timings
            return result
        }
        let root = options.projectRoot

        // Project: report.yaml, interface strings, templates, sections.
        options.progress?(BuildProgress(stage: .project))
        if project == nil {
            loadedByFile = [:]
            figures = nil
            contexts = nil
            renderedByFile = [:]
            do throws(DiagnosticError) {
                let config = try ReportConfigLoader.load(projectRoot: root)
                project = ProjectInputs(
                    config: config,
                    strings: Result { () throws(DiagnosticError) in
                        try InterfaceStrings.load(projectRoot: root, languages: config.languages)
                    },
                    templates: Result { () throws(DiagnosticError) in try TemplateSet.load(projectRoot: root) })
                result.work.projectLoads += 1
            } catch {
                sections = []
                rendered = [:]
                result.diagnostics = DiagnosticList(error.diagnostics).sorted
                return finish()
            }
        }
        guard let project else { return finish() }
        let config = project.config
        switch project.strings {
        case .failure(let error): problems.append(contentsOf: error.diagnostics)
        case .success(let interface):
            problems.append(contentsOf: interface.missingWordWarnings(languages: config.languages, projectRoot: root))
        }
        if case .failure(let error) = project.templates { problems.append(contentsOf: error.diagnostics) }
        let sectionFiles = loadSections(config: config, problems: &problems, work: &result.work)
        clock.lap(.project)

        // Data and figures.
        options.progress?(BuildProgress(stage: .figures))
        let figures: FigureStage
        if let cached = self.figures {
            figures = cached
        } else {
            figures = FigureStage.run(projectRoot: root, config: config)
            result.work.figureRuns += 1
            contexts = nil
            if memoises { self.figures = figures }
        }
        problems.append(contentsOf: figures.diagnostics)
        result.figureCount = figures.count
        clock.lap(.figures)

        // Markdown, per section and language, rendered for every output at once.
        var markdown = renderSections(
            consume sectionFiles, config: config, figures: figures, strings: try? project.strings.get(),
            work: &result.work)
        problems.append(contentsOf: markdown.diagnostics)
        result.sectionCount = markdown.sectionCount
        result.chartCount = markdown.rendered.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.charts.count } }
        let photos = photoStage(markdown.rendered, photos: markdown.photos, config: config)
        problems.append(contentsOf: photos.diagnostics)
        clock.lap(.markdown)

        // Accepted warnings, then the verdict.
        result.diagnostics = AcceptedWarnings.apply(config.accepted, to: problems.all)
        guard case .success(let templates) = project.templates, case .success(let interface) = project.strings,
            !result.failed(strict: options.strict)
        else { return finish() }

        // Assemble and write.
        options.progress?(BuildProgress(stage: .render))
        let figureTexts = Dictionary(
            uniqueKeysWithValues: config.languages.map { language in
                let values = figures.resolver.formattedValues(language: language.code)
                return (language.code, Dictionary(values, uniquingKeysWith: { first, _ in first }))
            })
        result.figures = figureTexts
        var siteConfig = config
        if let base = options.archiveBaseURL { siteConfig.baseURL = base }
        var assembler = ReportAssembler(
            config: siteConfig, strings: interface, templates: templates, sections: markdown.rendered,
            generator: Self.generator, sourceDateEpoch: options.sourceDateEpoch, figures: figureTexts,
            assetFiles: Self.assetFiles(root), variants: options.variants, projectRoot: root,
            markdownLayout: options.markdownLayout ?? config.markdownLayout)
        assembler.yearLinks = options.yearLinks
        assembler.photoFiles = photos.files
        assembler.photosWithoutOriginal = photos.withoutOriginal
        assembler.photoMarkdownCopies = photos.markdownCopies
        assembler.photoSingleFileCopies = photos.singleFileCopies
        let assembly = assembler.assemble()
        markdown.rendered = [:]
        result.plan = assembly.plan
        result.singleFilePages = assembly.singleFilePages
        result.wordDocuments = assembly.wordDocuments
        clock.lap(.render)
        guard options.write else { return finish() }
        options.progress?(BuildProgress(stage: .write, total: assembly.plan.files.count + assembly.plan.copies.count))
        let display = options.output == nil ? "output" : options.outputURL.path
        switch OutputWriter.write(
            assembly.plan, to: options.outputURL, projectRoot: root, displayName: display, waiting: options.waiting)
        {
        case .success: result.wrote = true
        case .failure(let diagnostic):
            result.diagnostics = DiagnosticList(result.diagnostics + [diagnostic]).sorted
        }
        clock.lap(.write)
        return finish()
    }

    // MARK: - The stages

    /// Drops the cached results that `changed` makes stale.
    private func invalidate(_ scope: BuildScope, changed: [String]) {
        switch scope {
        case .full: project = nil
        case .figures: figures = nil
        case .allSections: contexts = nil
        case .none, .sections: break
        }
        for file in changed where file.hasPrefix(SectionLoader.folder + "/") {
            loadedByFile[String(file.dropFirst(SectionLoader.folder.count + 1))] = nil
            renderedByFile[file] = nil
        }
    }

    /// The section files, read on every core when not cached, in name order; with the
    /// checks over the whole set (slugs, logo, translations).
    private func loadSections(
        config: ReportConfig, problems: inout DiagnosticList, work: inout BuildWork
    ) -> [Section] {
        let root = options.projectRoot
        let names: [String]
        switch SectionLoader.fileNames(projectRoot: root) {
        case .success(let listed): names = listed
        case .failure(let diagnostic):
            names = []
            problems.append(diagnostic)
        }
        let stale = names.filter { loadedByFile[$0] == nil }
        let counter = ProgressCounter(stage: .project, total: stale.count, report: options.progress)
        var fresh = ParallelMap.map(stale) { name in
            defer { counter.step() }
            return Result { () throws(DiagnosticError) in
                try SectionLoader.loadFile(name, projectRoot: root, config: config)
            }
        }.makeIterator()
        work.sectionsLoaded += stale.count
        var outcomes: [String: Result<Section, DiagnosticError>] = [:]
        var loaded: [Section] = []
        for name in names {
            guard let outcome = loadedByFile[name] ?? fresh.next() else { continue }
            if memoises { outcomes[name] = outcome }
            switch outcome {
            case .success(let section): loaded.append(section)
            case .failure(let error): problems.append(contentsOf: error.diagnostics)
            }
        }
        loadedByFile = outcomes
        sections = memoises ? loaded : []
        let files = Set(names.map { SectionLoader.folder + "/" + $0 })
        problems.append(contentsOf: Self.projectChecks(loaded, files: files, config: config, projectRoot: root))
        return loaded
    }

    /// The Markdown stage: every section of the build not cached is parsed and rendered
    /// for every output and variant on every core, its tree let go at once.
    private func renderSections(
        _ loaded: consuming [Section], config: ReportConfig, figures: FigureStage, strings: InterfaceStrings?,
        work: inout BuildWork
    ) -> MarkdownStage {
        let included = Self.includedSections(loaded, drafts: options.drafts)
        // A one-shot build has no cached contexts to compare with.
        let key = memoises ? Self.contextKey(included: included, all: loaded) : ""
        let contexts: [String: SectionContext]
        if let cached = self.contexts, cached.key == key {
            contexts = cached.byLanguage
        } else {
            contexts = Self.sectionContexts(
                included: included, all: loaded, figures: figures, config: config, options: options, strings: strings)
            renderedByFile = [:]
            self.contexts = memoises ? (key, contexts) : nil
        }
        _ = consume loaded
        // The anchors of the other sections are known from their files: each section is
        // rendered for every output at once. A language whose anchors moved is redone.
        let inliner =
            options.variants.contains(.singleFile)
            ? AssetInliner(projectRoot: options.projectRoot, photoCopies: photoCopies) : nil
        var links: [String: OutputLinks] = [:]
        for section in included where links[section.language] == nil {
            links[section.language] = ReportAssembler.links(
                for: included.filter { $0.language == section.language }, inliner: inliner)
            links[section.language]?.photos = contexts[section.language]?.photos.readable ?? [:]
            links[section.language]?.figures = true
        }
        renderedByFile = renderedByFile.filter { _, done in
            let language = done.section.language
            guard let now = links[language], let before = self.links[language] else { return false }
            return now.sameAnchors(as: before)
        }
        let variants = options.variants
        let allowRawHTML = config.allowRawHTML
        let hugo = (options.markdownLayout ?? config.markdownLayout) == .hugo
        let stale = included.filter { renderedByFile[$0.file] == nil }
        let counter = ProgressCounter(stage: .markdown, total: stale.count, report: options.progress)
        var fresh = ParallelMap.map(stale) { [links] section -> RenderedSection? in
            defer { counter.step() }
            // Every language of the build has its context and links.
            guard let context = contexts[section.language], let links = links[section.language] else { return nil }
            return RenderedSection(
                SectionRenderer.render(section, context: context), links: links, variants: variants,
                allowRawHTML: allowRawHTML, hugo: hugo)
        }.makeIterator()
        work.sectionsRendered += stale.count
        var stage = MarkdownStage(sectionCount: included.count)
        stage.photos = contexts.values.first?.photos.readable ?? [:]
        var problems = DiagnosticList()
        var kept: [String: RenderedSection] = [:]
        // The fresh renderings come in report order, in the places of the stale sections.
        for section in included {
            guard let done = renderedByFile[section.file] ?? fresh.next() ?? nil else { continue }
            problems.append(contentsOf: done.diagnostics)
            stage.rendered[section.language, default: []].append(done)
            if memoises { kept[section.file] = done }
        }
        renderedByFile = kept
        self.links = memoises ? links : [:]
        rendered = memoises ? stage.rendered : [:]
        problems.append(contentsOf: Self.duplicateCharts(stage.rendered))
        problems.append(contentsOf: Self.anchorProblems(stage.rendered))
        stage.diagnostics = problems.all
        return stage
    }

    /// The photos the sections show, resized (on every core, each photo once): their
    /// copies' files, the photos whose file the site leaves out, and an
    /// `unreadable-image` error at the first place that shows a photo that cannot be.
    private func photoStage(
        _ rendered: [String: [RenderedSection]], photos: [String: Photo], config: ReportConfig
    ) -> (
        files: [String: [UInt8]], withoutOriginal: Set<String>, markdownCopies: [String: String],
        singleFileCopies: [String: String], diagnostics: [Diagnostic]
    ) {
        var shown: [String: SourceLocation] = [:]
        for language in rendered.keys.sorted() {
            for section in rendered[language]! {
                for (path, location) in section.shownPhotos where shown[path].map({ location < $0 }) ?? true {
                    shown[path] = location
                }
            }
        }
        let paths = shown.keys.sorted().filter { photos[$0] != nil }
        let made = ParallelMap.map(paths) { [photoCopies] path in photoCopies.copies(of: photos[path]!) }
        var files: [String: [UInt8]] = [:]
        var markdownCopies: [String: String] = [:]
        var singleFileCopies: [String: String] = [:]
        var problems = DiagnosticList()
        for (path, copies) in zip(paths, made) {
            switch copies {
            case .success(let copies):
                for copy in copies {
                    let file = OutputLinks.outputPath(ofProjectFile: photos[path]!.copyPath(width: copy.width))
                    files[file] = copy.bytes
                    markdownCopies[path] = file
                    if copy.width == photos[path]!.singleFileCopyWidth { singleFileCopies[path] = file }
                }
            case .failure(let error):
                problems.error(
                    .unreadableImage,
                    "image '\(path)' cannot be read: \(error.message); export it again from the original",
                    at: shown[path]!)
            }
        }
        let logo = config.logo.map { "content/" + $0 }
        let withoutOriginal = config.keepOriginalImages ? [] : Set(paths).subtracting(logo.map { [$0] } ?? [])
        return (files, withoutOriginal, markdownCopies, singleFileCopies, problems.all)
    }

    /// What the section contexts are made of, besides the figures: which sections are in
    /// the build, their files, languages and anchors. When it changes, every section is
    /// rendered again (links between sections depend on it).
    package static func contextKey(included: [Section], all: [Section]) -> String {
        let files = all.map { "\($0.file)=\($0.key)" }.sorted().joined(separator: "\n")
        let anchors = included.map { "\($0.language)/\($0.key)=\($0.slug)" }.sorted().joined(separator: "\n")
        return files + "\n--\n" + anchors
    }

    // MARK: - Checks and stage helpers

    /// The checks over the whole set of sections: duplicate slugs, the theme's logo,
    /// missing and outdated translations, split parts.
    package static func projectChecks(
        _ sections: [Section], files: Set<String>, config: ReportConfig, projectRoot: URL
    ) -> [Diagnostic] {
        var problems = duplicateAnchors(sections)
        problems.append(contentsOf: logoProblems(config, projectRoot: projectRoot))
        let translations = TranslationChecker.entries(sections, config: config)
        problems.append(contentsOf: TranslationChecker.diagnostics(translations, existingFiles: files, config: config))
        problems.append(contentsOf: PartCheck.diagnostics(sections))
        if let accent = config.accent, ThemeColors.contrast(accent, ThemeColors.background) < ThemeColors.textContrast {
            let ratio = String(format: "%.2f", ThemeColors.contrast(accent, ThemeColors.background))
            problems.append(
                .warning(
                    .lowContrastAccent,
                    "theme.accent \(accent) has a contrast of \(ratio):1 against the white page, under the 4.5:1 "
                        + "that links need (WCAG 1.4.3)"
                        + (ThemeColors.contrast(accent, ThemeColors.background) < ThemeColors.graphicsContrast
                            ? ", and under the 3:1 of charts, which keep bilan's colours" : "")
                        + ": choose a darker colour",
                    at: config.accentLocation ?? SourceLocation(file: ReportConfigLoader.path)))
        }
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
        let photos = PhotoCatalog.load(projectRoot: options.projectRoot)
        let languageOrder = config.languages.map(\.code)
        for (language, anchors) in anchorsByLanguage {
            let others = languageOrder.filter { $0 != language }.compactMap { other in
                anchorsByLanguage[other].map { (language: other, keys: Set($0.keys)) }
            }
            var blocks = BlockContext(
                language: language, tables: figures.tables.mapValues { $0.localized(to: language) },
                unreadableTables: figures.unreadableTables, formatter: figures.resolver.formatter(language: language),
                figures: figures.resolver, traceFigures: options.drafts, strings: strings)
            blocks.palette = ThemeColors.chartPalette(accent: config.accent, palette: ChartPalette.colors)
            contexts[language] = SectionContext(
                projectRoot: options.projectRoot, sectionKeysByFile: keysByFile, anchorsByKey: anchors,
                knownAnchors: Set(anchors.values), figures: figures.resolver, allowRawHTML: config.allowRawHTML,
                traceFigures: options.drafts, blocks: blocks, otherLanguages: others)
            contexts[language]?.photos = photos
        }
        return contexts
    }

    /// Every file below `content/assets/` (relative to the project), copied whole to
    /// `output/assets/`; hidden files and links leading out of the project are skipped.
    package static func assetFiles(_ projectRoot: URL) -> [String] {
        let folder = projectRoot.appendingPathComponent("content/assets")
        guard
            let files = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var result: [String] = []
        for case let url as URL in files
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let relative =
                "content/assets/"
                + String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            if ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: relative) == nil {
                result.append(relative)
            }
        }
        return result.sorted()
    }

    /// The theme's logo must be a file inside the project.
    package static func logoProblems(_ config: ReportConfig, projectRoot: URL) -> [Diagnostic] {
        [("theme.logo", config.logo, config.logoLocation), ("theme.cover", config.cover, config.coverLocation)]
            .flatMap { setting, file, location -> [Diagnostic] in
                guard let file else { return [] }
                let at = location ?? SourceLocation(file: ReportConfigLoader.path)
                switch ProjectPaths.resolve(file, writtenIn: "content/report.yaml", projectRoot: projectRoot) {
                case .file: return []
                case .outside:
                    return [
                        .error(
                            .pathOutsideProject,
                            "\(setting) '\(file)' leads out of the project: put it in content/assets/",
                            at: at)
                    ]
                default: return [.error(.missingImage, "\(setting) '\(file)' not found in content/", at: at)]
                }
            }
    }

    /// Two charts of one language may not share an id: they would share a file.
    package static func duplicateCharts(_ rendered: [String: [RenderedSection]]) -> [Diagnostic] {
        var problems = DiagnosticList()
        for language in rendered.keys.sorted() {
            var seen: [String: SourceLocation] = [:]
            for chart in rendered[language]!.flatMap(\.charts) {
                if let first = seen[chart.id] {
                    problems.error(
                        .invalidBlock,
                        "another chart already has the id '\(chart.id)' (\(first)): give each chart its own 'id'",
                        at: chart.location)
                } else {
                    seen[chart.id] = chart.location
                }
            }
        }
        return problems.all
    }

    /// Each link to a heading (`#merci`, `010-mot-equipe.fr.md#merci`) checked against the
    /// headings of the section it names, once every section is rendered: a `broken-link`
    /// where the link is written when that section has no such heading.
    package static func anchorProblems(_ rendered: [String: [RenderedSection]]) -> [Diagnostic] {
        var headings: [String: [String: AnchorLink.Headings]] = [:]
        for (language, sections) in rendered {
            for section in sections {
                headings[language, default: [:]][section.section.key] = .init(
                    slug: section.section.slug, ids: section.headingIDs)
            }
        }
        var problems: [Diagnostic] = []
        for language in rendered.keys.sorted() {
            for section in rendered[language]! {
                problems += AnchorLink.problems(
                    section.anchorLinks, in: section.section.key, language: language, headings: headings)
            }
        }
        return problems
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
                    "this section's slug '\(section.slug)' is also used by \(first.file); give each section its own"
                        + " slug",
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
    public static func apply(
        _ accepted: [AcceptedWarning], to diagnostics: [Diagnostic], reportUnused: Bool = true
    ) -> [Diagnostic] {
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
                .warning(
                    .unusedAccept, "this accepted warning (\(entry.code)) matches no warning any more: remove it",
                    at: entry.location))
        }
        return DiagnosticList(result).sorted
    }
}

/// bilan's version, as `bilan --version` prints it.
public enum BilanVersion {
    public static let current = "0.1.0"
}
