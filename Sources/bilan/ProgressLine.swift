import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation
import Synchronization

/// The progress line of a long `bilan build` on standard error: one line, rewritten in
/// place, shown only when standard error is a terminal, and only once the build has
/// run for a moment (a short build prints nothing), then erased before the summary.
final class ProgressLine: Sendable {
    /// How long a build runs before the line appears, and the least time between two
    /// redraws, in seconds.
    static let delay = 0.3
    static let interval = 0.1

    /// What the line last drew, changed by whichever thread reports progress.
    private struct State {
        var lastDraw: Double = -1
        var lastStage: BuildStage?
        var shown = false
    }

    private let start = DispatchTime.now()
    private let state = Mutex(State())

    /// A progress line when it makes sense: not `--quiet`, standard error a terminal.
    static func make(quiet: Bool) -> ProgressLine? {
        quiet || isatty(STDERR_FILENO) == 0 ? nil : ProgressLine()
    }

    /// The closure for `BuildOptions.progress`.
    var reporter: @Sendable (BuildProgress) -> Void {
        { [self] progress in update(progress) }
    }

    /// What `BuildOptions.progress` calls, from any thread.
    func update(_ progress: BuildProgress) {
        state.withLock { state in
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            // A new stage, or the last piece of one, is always drawn; the rest ten times a second.
            let last = progress.total > 0 && progress.done == progress.total
            let due = last || progress.stage != state.lastStage || elapsed - state.lastDraw >= Self.interval
            guard elapsed >= Self.delay, due else { return }
            state.lastDraw = elapsed
            state.lastStage = progress.stage
            state.shown = true
            printError("\r\u{1B}[K" + Self.text(progress, elapsed: elapsed))
        }
    }

    /// Erases the line, if it was drawn.
    func finish() {
        state.withLock { state in
            if state.shown { printError("\r\u{1B}[K") }
            state.shown = false
        }
    }

    static func text(_ progress: BuildProgress, elapsed: Double) -> String {
        let what: String
        switch progress.stage {
        case .project where progress.total > 0: what = "reading section files \(progress.done)/\(progress.total)"
        case .project: what = "reading the project"
        case .figures: what = "computing the figures"
        case .markdown: what = "rendering sections \(progress.done)/\(progress.total)"
        case .render: what = "assembling the pages"
        case .write: what = "writing \(progress.total) files"
        }
        return String(format: "bilan: %@ (%.1f s)", what, elapsed)
    }
}
