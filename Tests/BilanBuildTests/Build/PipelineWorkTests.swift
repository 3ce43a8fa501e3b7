import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// One pipeline for a full build and for `serve`: what each rebuild redid, counted, and
/// its bytes those of a full build.
@Suite struct PipelineWorkTests {
    @Test func aFullBuildIsThePipelineWithAnEmptyCache() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let full = BuildPipeline.run(RebuildChecks.options(project))
        #expect(full.work == BuildWork(projectLoads: 1, sectionsLoaded: 6, figureRuns: 1, sectionsRendered: 6))
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        #expect(build.result.work == full.work)
        // A one-shot build keeps nothing for a next run.
        let pipeline = BuildPipeline(options: RebuildChecks.options(project), memoises: false)
        _ = pipeline.run(changed: nil)
        #expect(pipeline.sections.isEmpty && pipeline.rendered.isEmpty)
    }

    @Test func editingOneSectionRendersThatSectionOnly() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        try RebuildChecks.edit(project, "content/sections/020-membres.fr.md") { $0 + "\nUne phrase de plus.\n" }
        #expect(build.update() == .sections(["content/sections/020-membres.fr.md"]))
        #expect(build.result.work == BuildWork(sectionsLoaded: 1, sectionsRendered: 1))
        RebuildChecks.expectSameAsFullBuild(build)
        // The sections served keep their outputs: nothing was emptied.
        let membres = try #require(build.rendered["fr"]?.first { $0.section.key == "020-membres" })
        #expect(membres.output.html.contains("Une phrase de plus."))
        #expect(membres.html(in: .sideBySide(siteRoot: "/"))?.html.contains("Une phrase de plus.") == true)
    }

    @Test func aNewHeadingElsewhereRendersTheLanguageWhoseLinksMoved() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        // Its report.md anchor changes, and 010-accueil.fr.md links to it: the three
        // French sections are rendered again, the English ones are not.
        try RebuildChecks.edit(project, "content/sections/020-membres.fr.md") {
            $0.replacingOccurrences(of: "title: Membres et militantisme", with: "title: Nos membres")
        }
        build.update()
        #expect(build.result.work == BuildWork(sectionsLoaded: 1, sectionsRendered: 3))
        RebuildChecks.expectSameAsFullBuild(build)
    }

    @Test func dataRecomputesTheFiguresAndRendersEverySectionOnce() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        try RebuildChecks.edit(project, "content/figures.yaml") { $0 + "\nnouvelle_figure: 42\n" }
        #expect(build.update() == .figures)
        #expect(build.result.work == BuildWork(figureRuns: 1, sectionsRendered: 6))
        RebuildChecks.expectSameAsFullBuild(build)

        // A data change and a section change at once: the figures, every section, and
        // the changed file read again.
        let csv = project.appendingPathComponent("content/data/membres.csv")
        var lines = try String(contentsOf: csv, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        lines.insert(lines[1], at: 1)
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        try RebuildChecks.edit(project, "content/sections/010-accueil.en.md") { $0 + "\nOne more line.\n" }
        #expect(build.update() == .figures)
        #expect(build.result.work == BuildWork(sectionsLoaded: 1, figureRuns: 1, sectionsRendered: 6))
        RebuildChecks.expectSameAsFullBuild(build)
    }

    @Test func anAssetRendersEverySectionAndTemplatesRunEverything() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        try Data("x".utf8).write(to: project.appendingPathComponent("content/assets/nouveau.txt"))
        #expect(build.update() == .allSections)
        #expect(build.result.work == BuildWork(sectionsRendered: 6))
        RebuildChecks.expectSameAsFullBuild(build)

        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("body { color: black; }\n".utf8).write(to: templates.appendingPathComponent("style.css"))
        #expect(build.update() == .full)
        #expect(build.result.work == BuildWork(projectLoads: 1, sectionsLoaded: 6, figureRuns: 1, sectionsRendered: 6))
        RebuildChecks.expectSameAsFullBuild(build)
    }
}
