import Foundation
import BilanBase
import BilanInputs
import BilanContent
import BilanRender

/// A build kept in memory that rebuilds only what a change touched, for `bilan serve`.
///
/// It keeps the last results of each stage — the project (report.yaml, interface
/// strings, templates), every section file as loaded, the data and figures, each section
/// as rendered — and, on ``update()``, re-runs only the stages whose inputs changed:
///
/// - a section file changed: that file is read and rendered again;
/// - `content/data/` or `content/figures.yaml` changed: the figures are computed again
///   and every section is rendered again;
/// - `content/report.yaml`, `content/i18n/` or `templates/` changed: everything;
/// - anything else in `content/` (an image added…): every section is rendered again,
///   since links and images are resolved against the files present.
///
/// The report is then assembled again, with the same stage functions as
/// ``BuildPipeline/run(_:)``, so the files are byte for byte those of a full build.
/// Nothing is written: ``result`` holds the plan.
public final class IncrementalBuild {
    /// What the last rebuild re-ran.
    public enum Scope: Equatable, Sendable {
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
    }

    public let options: BuildOptions
    /// The last build's outcome: diagnostics and, when it succeeded, the plan.
    public private(set) var result: BuildResult
    /// What the last rebuild re-ran.
    public private(set) var lastScope: Scope = .full
    /// report.yaml as last read, nil when it failed to load.
    public private(set) var config: ReportConfig?
    /// The interface words, when they loaded.
    public private(set) var strings: InterfaceStrings?
    /// Every section file that loaded, sorted by path (drafts included).
    public private(set) var sections: [Section] = []
    /// The sections of this build, rendered, per language in report order.
    public private(set) var rendered: [String: [RenderedSection]] = [:]

    private var snapshot = ProjectSnapshot()
    private var templates: Result<TemplateSet, DiagnosticError>?
    private var stringsResult: Result<InterfaceStrings, DiagnosticError>?
    private var figures: FigureStage?
    /// Section file name → what loading it gave.
    private var loadedByFile: [String: Result<Section, DiagnosticError>] = [:]
    /// Section file → its rendering, valid while `contextKey` stays the same.
    private var renderedByFile: [String: RenderedSection] = [:]
    private var contexts: [String: SectionContext] = [:]
    private var contextKey: String?

    /// Builds the whole report once (in memory: `options.write` is ignored).
    public init(options: BuildOptions) {
        var options = options
        options.write = false
        self.options = options
        self.result = BuildResult(diagnostics: [], plan: nil, wrote: false, sectionCount: 0, figureCount: 0, timings: [])
        snapshot = ProjectSnapshot.take(projectRoot: options.projectRoot)
        rebuild(scope: .full, changed: [])
    }

    /// Looks at the project's files and rebuilds what changed since the last build.
    /// Returns what was re-run (`.none` when no file changed).
    @discardableResult
    public func update() -> Scope {
        let newer = ProjectSnapshot.take(projectRoot: options.projectRoot)
        let changed = snapshot.changes(to: newer)
        snapshot = newer
        guard !changed.isEmpty else { return .none }
        let scope = Self.scope(of: changed)
        rebuild(scope: scope, changed: changed)
        return scope
    }

    /// The files added, removed or changed since the last build, without rebuilding.
    public func changedFiles() -> [String] {
        snapshot.changes(to: ProjectSnapshot.take(projectRoot: options.projectRoot))
    }

    /// Rebuilds everything from scratch (the snapshot is taken again).
    public func rebuildAll() {
        snapshot = ProjectSnapshot.take(projectRoot: options.projectRoot)
        rebuild(scope: .full, changed: [])
    }

    /// Which stages a set of changed files (relative to the project) calls for.
    public static func scope(of changed: [String]) -> Scope {
        var sectionFiles: [String] = []
        var figures = false
        var allSections = false
        for path in changed {
            if path.hasPrefix(TemplateSet.folder + "/") || path == ReportConfigLoader.path || path.hasPrefix("content/i18n/") {
                return .full
            } else if path.hasPrefix("content/data/") || path == "content/figures.yaml" {
                figures = true
            } else if path.hasPrefix(SectionLoader.folder + "/"), !path.dropFirst(SectionLoader.folder.count + 1).contains("/") {
                sectionFiles.append(path)
            } else {
                allSections = true
            }
        }
        if figures { return .figures }
        if allSections { return .allSections }
        return .sections(sectionFiles.sorted())
    }

    // MARK: - The stages

    private func rebuild(scope: Scope, changed: [String]) {
        lastScope = scope
        var clock = StageClock()
        var problems = DiagnosticList()
        var result = BuildResult(diagnostics: [], plan: nil, wrote: false, sectionCount: 0, figureCount: 0, timings: [])
        defer {
            result.timings = clock.timings
            self.result = result
        }
        let root = options.projectRoot

        // Project: report.yaml, interface strings, templates.
        if scope == .full || config == nil {
            loadedByFile = [:]
            renderedByFile = [:]
            figures = nil
            contextKey = nil
            switch ReportConfigLoader.load(projectRoot: root) {
            case .failure(let error):
                config = nil
                strings = nil
                sections = []
                rendered = [:]
                result.diagnostics = DiagnosticList(error.diagnostics).sorted
                return
            case .success(let loaded): config = loaded
            }
            stringsResult = InterfaceStrings.load(projectRoot: root, languages: config!.languages)
            templates = TemplateSet.load(projectRoot: root)
        }
        guard let config, let stringsResult, let templates else { return }
        strings = try? stringsResult.get()
        if case .failure(let error) = stringsResult { problems.append(contentsOf: error.diagnostics) }
        if case .failure(let error) = templates { problems.append(contentsOf: error.diagnostics) }

        // Sections: only the files that changed are read again.
        for file in changed where file.hasPrefix(SectionLoader.folder + "/") {
            let name = String(file.dropFirst(SectionLoader.folder.count + 1))
            loadedByFile[name] = nil
            renderedByFile[file] = nil
        }
        let names = SectionLoader.fileNames(projectRoot: root)
        var loaded: [Section] = []
        for name in names {
            let outcome = loadedByFile[name] ?? SectionLoader.loadFile(name, projectRoot: root, config: config)
            loadedByFile[name] = outcome
            switch outcome {
            case .success(let section): loaded.append(section)
            case .failure(let error): problems.append(contentsOf: error.diagnostics)
            }
        }
        for name in Array(loadedByFile.keys) where !names.contains(name) { loadedByFile[name] = nil }
        sections = loaded
        let files = Set(names.map { SectionLoader.folder + "/" + $0 })
        problems.append(contentsOf: BuildPipeline.projectChecks(loaded, files: files, config: config, projectRoot: root))
        clock.lap(.project)

        // Data and figures.
        if figures == nil || scope == .figures {
            figures = FigureStage.run(projectRoot: root, config: config)
            contextKey = nil
        }
        let figures = figures!
        problems.append(contentsOf: figures.diagnostics)
        result.figureCount = figures.count
        clock.lap(.figures)

        // Markdown: sections whose file or context changed are rendered again.
        let included = BuildPipeline.includedSections(loaded, drafts: options.drafts)
        let key = Self.contextKey(included: included, all: loaded)
        if scope == .allSections || key != contextKey {
            contexts = BuildPipeline.sectionContexts(
                included: included, all: loaded, figures: figures, config: config, options: options, strings: strings)
            contextKey = key
            renderedByFile = [:]
        }
        var rendered: [String: [RenderedSection]] = [:]
        // The sections to render again (all of them after a data change) use every core.
        let contexts = self.contexts
        let stale = included.filter { renderedByFile[$0.file] == nil }
        for done in ParallelMap.map(stale, { SectionRenderer.render($0, context: contexts[$0.language]!) }) {
            renderedByFile[done.section.file] = done
        }
        for section in included {
            let done = renderedByFile[section.file]!
            problems.append(contentsOf: done.diagnostics)
            rendered[section.language, default: []].append(done)
        }
        let includedFiles = Set(included.map(\.file))
        for file in Array(renderedByFile.keys) where !includedFiles.contains(file) { renderedByFile[file] = nil }
        problems.append(contentsOf: BuildPipeline.duplicateCharts(rendered))
        self.rendered = rendered
        result.sectionCount = included.count
        result.chartCount = rendered.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.charts.count } }
        clock.lap(.markdown)

        // Accepted warnings, the verdict, then the report.
        result.diagnostics = AcceptedWarnings.apply(config.accepted, to: problems.all)
        guard case .success(let templateSet) = templates, case .success(let interface) = stringsResult,
            !result.failed(strict: options.strict)
        else { return }
        result.plan = BuildPipeline.assemble(
            config: config, strings: interface, templates: templateSet, rendered: rendered, figures: figures, options: options)
        clock.lap(.render)
    }

    /// What the section contexts are made of, besides the figures: which sections are in
    /// the build, their files, languages and anchors. When it changes, every section is
    /// rendered again (links between sections depend on it).
    package static func contextKey(included: [Section], all: [Section]) -> String {
        let files = all.map { "\($0.file)=\($0.key)" }.sorted().joined(separator: "\n")
        let anchors = included.map { "\($0.language)/\($0.key)=\($0.slug)" }.sorted().joined(separator: "\n")
        return files + "\n--\n" + anchors
    }
}
