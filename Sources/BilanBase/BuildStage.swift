import Foundation
import Synchronization

/// The named stages of a build, in the order they run: what progress, `--timings` and
/// the preview's rebuilds call them.
public enum BuildStage: String, Sendable, CaseIterable, Hashable {
    /// report.yaml, the interface words, the templates and the section files.
    case project
    /// The data tables and the figures computed from them.
    case figures
    /// Each section's Markdown, with its figures, links and blocks.
    case markdown
    /// The pages and Markdown files of the report.
    case render
    /// The output folder.
    case write
}

/// Where a build stands: the stage it is in and, in a stage that counts its pieces
/// (section files read, sections rendered, files written), how many are done.
public struct BuildProgress: Sendable, Equatable {
    public var stage: BuildStage
    public var done: Int
    public var total: Int

    public init(stage: BuildStage, done: Int = 0, total: Int = 0) {
        self.stage = stage
        self.done = done
        self.total = total
    }
}

/// Where a build reports its progress: called from any thread.
public typealias ProgressHandler = @Sendable (BuildProgress) -> Void

/// Counts finished pieces of work from any thread and passes the count on.
package final class ProgressCounter: Sendable {
    private let done = LockedCounter()
    private let stage: BuildStage
    private let total: Int
    private let report: ProgressHandler?

    package init(stage: BuildStage, total: Int, report: ProgressHandler?) {
        self.stage = stage
        self.total = total
        self.report = report
        report?(BuildProgress(stage: stage, done: 0, total: total))
    }

    package func step() {
        guard let report else { return }
        report(BuildProgress(stage: stage, done: done.increment(), total: total))
    }
}

/// An integer that any thread may increment.
private final class LockedCounter: Sendable {
    private let value = Mutex(0)

    func increment() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}

/// Measures how long each stage takes, for `--timings`. Only printed, never written.
package struct StageClock {
    private var last = DispatchTime.now()
    package private(set) var timings: [(stage: BuildStage, seconds: Double)] = []

    package init() {}

    package mutating func lap(_ stage: BuildStage) {
        let now = DispatchTime.now()
        timings.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
