import BilanBase
import BilanInputs
import BilanRender
import BilanBuild
import Foundation

/// What the preview shows of one build: copied out of the ``IncrementalBuild`` after
/// each rebuild, so that requests read it while the next rebuild runs.
struct BuiltSite: Sendable {
    var result: BuildResult
    var scope: BuildScope
    var config: ReportConfig?
    var strings: InterfaceStrings?
    var sections: [Section]
    var rendered: [String: [RenderedSection]]

    init(_ build: IncrementalBuild) {
        result = build.result
        scope = build.lastScope
        config = build.config
        strings = build.strings
        sections = build.sections
        rendered = build.rendered
    }
}

/// The preview's ``IncrementalBuild``, run on threads of its own, one job at a time.
///
/// A rebuild reads the project's files; one of them may be slow or never answer (a file
/// on a network share, a FIFO whose `open` waits for a writer). Run on the concurrency
/// pool — two threads on two cores — it would hold one of the threads the requests are
/// answered on; run inside the site's actor, it held every request. Here each job gets a
/// thread of its own, and the requests keep reading the last ``BuiltSite``.
final class SiteBuilder: @unchecked Sendable {
    // Sendable by hand: `build` is only touched by a job, and jobs hold `lock`.
    private let lock = NSLock()
    private let build: IncrementalBuild

    /// Builds the report once, on the calling thread.
    init(options: BuildOptions) {
        build = IncrementalBuild(options: options)
    }

    /// The site as the first build left it.
    var initial: BuiltSite { lock.withLock { BuiltSite(build) } }

    /// Runs `job` on the build from a thread of its own, after the jobs before it.
    func perform<T: Sendable>(_ job: @escaping @Sendable (IncrementalBuild) -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                let value = lock.withLock { job(build) }
                continuation.resume(returning: value)
            }
            thread.name = "bilan-rebuild"
            thread.start()
        }
    }
}
