import Foundation
import BilanBase
public import BilanInputs
import BilanContent
public import BilanRender

/// The build `bilan serve` keeps in memory: one memoising ``BuildPipeline``, run again
/// on the files that changed since the last look (``ProjectSnapshot``).
///
/// It runs the very stages of a full build — only the cache differs — so its files are
/// byte for byte those of a full build, and ``BuildResult/work`` counts what each rebuild
/// redid. It renders the reviewers' side-by-side variant too. Nothing is written:
/// ``result`` holds the plan.
public final class IncrementalBuild {
    /// What a rebuild re-ran.
    public typealias Scope = BuildScope

    public let options: BuildOptions
    /// The last build's outcome: diagnostics and, when it succeeded, the plan.
    public private(set) var result: BuildResult
    /// What the last rebuild re-ran.
    public var lastScope: Scope { pipeline.lastScope }
    /// report.yaml as last read, nil when it failed to load.
    public var config: ReportConfig? { pipeline.config }
    /// The interface words, when they loaded.
    public var strings: InterfaceStrings? { pipeline.strings }
    /// Every section file that loaded, sorted by path (drafts included).
    public var sections: [Section] { pipeline.sections }
    /// The sections of this build, rendered, per language in report order.
    public var rendered: [String: [RenderedSection]] { pipeline.rendered }

    private let pipeline: BuildPipeline
    private var snapshot = ProjectSnapshot()

    /// Builds the whole report once (in memory: `options.write` is ignored), with the
    /// side-by-side variant for the site served at ``SideBySide/defaultSiteRoot``.
    public init(options: BuildOptions) {
        var options = options
        options.write = false
        let sideBySide = RenderVariant.sideBySide(siteRoot: SideBySide.defaultSiteRoot)
        if !options.variants.contains(sideBySide) { options.variants.append(sideBySide) }
        self.options = options
        pipeline = BuildPipeline(options: options, memoises: true)
        snapshot = ProjectSnapshot.take(projectRoot: options.projectRoot)
        result = pipeline.run(changed: nil)
    }

    /// Looks at the project's files and rebuilds what changed since the last build.
    /// Returns what was re-run (`.none` when no file changed, or when the project could
    /// not be looked at whole: out of file descriptors, folders would look empty).
    @discardableResult
    public func update() -> Scope {
        let newer = ProjectSnapshot.take(projectRoot: options.projectRoot)
        guard newer.isComplete else { return .none }
        let changed = snapshot.changes(to: newer)
        snapshot = newer
        guard !changed.isEmpty else { return .none }
        result = pipeline.run(changed: changed)
        return pipeline.lastScope
    }

    /// The files added, removed or changed since the last build, without rebuilding.
    public func changedFiles() -> [String] {
        let newer = ProjectSnapshot.take(projectRoot: options.projectRoot)
        return newer.isComplete ? snapshot.changes(to: newer) : []
    }

    /// Rebuilds everything from scratch (the snapshot is taken again).
    public func rebuildAll() {
        snapshot = ProjectSnapshot.take(projectRoot: options.projectRoot)
        result = pipeline.run(changed: nil)
    }

    /// Which stages a set of changed files (relative to the project) calls for.
    public static func scope(of changed: [String]) -> Scope {
        BuildScope(changed: changed)
    }
}
