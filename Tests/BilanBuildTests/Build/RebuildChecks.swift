import Foundation
import Testing

@testable import BilanBuild

/// What the incremental-build suites share: the options of a drafts build that writes
/// nothing, the check that a rebuild gives a full build's bytes, and editing a file.
enum RebuildChecks {
    static func options(_ project: URL) -> BuildOptions {
        BuildOptions(projectRoot: project, drafts: true, write: false)
    }

    /// The incremental build's files, copies, diagnostics and counts equal a full build's.
    static func expectSameAsFullBuild(
        _ build: IncrementalBuild, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let full = BuildPipeline.run(options(build.options.projectRoot))
        #expect(build.result.diagnostics == full.diagnostics, sourceLocation: sourceLocation)
        #expect(build.result.plan?.files == full.plan?.files, sourceLocation: sourceLocation)
        #expect(build.result.plan?.copies == full.plan?.copies, sourceLocation: sourceLocation)
        #expect(build.result.sectionCount == full.sectionCount, sourceLocation: sourceLocation)
        #expect(build.result.chartCount == full.chartCount, sourceLocation: sourceLocation)
    }

    /// Rewrites a project file through `change`.
    static func edit(_ project: URL, _ file: String, _ change: (String) -> String) throws {
        let url = project.appendingPathComponent(file)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }
}
