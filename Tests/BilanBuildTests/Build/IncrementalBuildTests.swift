import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// An incremental rebuild must give exactly what a full build of the same files gives.
@Suite struct IncrementalBuildTests {
    @Test func editingOneSectionRebuildsItAloneAndGivesTheFullBuildsBytes() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        #expect(build.result.plan != nil)
        #expect(build.update() == .none)

        let file = "content/sections/020-membres.fr.md"
        try RebuildChecks.edit(project, file) {
            $0 + "\nUne nouvelle phrase, avec {{ membres_individuelles }} membres.\n"
        }
        #expect(build.update() == .sections([file]))
        #expect(
            String(decoding: build.result.plan!.files["fr/index.html"]!, as: UTF8.self).contains("Une nouvelle phrase"))
        RebuildChecks.expectSameAsFullBuild(build)
    }

    @Test func dataAndFiguresChangesRecomputeTheFigures() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        let csv = project.appendingPathComponent("content/data/membres.csv")
        var lines = try String(contentsOf: csv, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        lines.insert(lines[1], at: 1)
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        #expect(build.update() == .figures)
        RebuildChecks.expectSameAsFullBuild(build)

        try RebuildChecks.edit(project, "content/figures.yaml") { $0 + "\nnouvelle_figure: 42\n" }
        #expect(build.update() == .figures)
        RebuildChecks.expectSameAsFullBuild(build)
    }

    @Test func reportYamlAndTemplatesRebuildEverything() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        try RebuildChecks.edit(project, "content/report.yaml") {
            $0.replacingOccurrences(of: "organization:", with: "organization: Autre #")
        }
        #expect(build.update() == .full)
        RebuildChecks.expectSameAsFullBuild(build)

        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("body { color: black; }\n".utf8).write(to: templates.appendingPathComponent("style.css"))
        #expect(build.update() == .full)
        #expect(build.result.plan?.files["style.css"] == Array("body { color: black; }\n".utf8))
        RebuildChecks.expectSameAsFullBuild(build)
    }

    @Test func addingRemovingBreakingAndFixingSections() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: RebuildChecks.options(project))
        let folder = project.appendingPathComponent("content/sections")

        // A new section (and its links from others) appears.
        try Data("---\ntitle: Nouvelle\n---\nVoir [membres](020-membres.fr.md).\n".utf8)
            .write(to: folder.appendingPathComponent("040-nouvelle.fr.md"))
        #expect(build.update() == .sections(["content/sections/040-nouvelle.fr.md"]))
        RebuildChecks.expectSameAsFullBuild(build)

        // A broken front matter fails the build; fixing it brings the report back.
        let file = "content/sections/010-accueil.en.md"
        let original = try String(contentsOf: project.appendingPathComponent(file), encoding: .utf8)
        try RebuildChecks.edit(project, file) { $0.replacingOccurrences(of: "title:", with: "title: [") }
        build.update()
        #expect(build.result.plan == nil)
        #expect(build.result.diagnostics.contains { $0.location.file == file && $0.code == .yamlSyntax })
        RebuildChecks.expectSameAsFullBuild(build)
        try original.write(to: project.appendingPathComponent(file), atomically: true, encoding: .utf8)
        build.update()
        #expect(build.result.plan != nil)
        RebuildChecks.expectSameAsFullBuild(build)

        // A section removed: its translation is now missing.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("040-nouvelle.fr.md"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("020-membres.en.md"))
        build.update()
        #expect(build.result.diagnostics.contains { $0.code == .missingTranslation })
        RebuildChecks.expectSameAsFullBuild(build)

        // An asset added: every section is rendered again (an image may now resolve).
        try Data("x".utf8).write(to: project.appendingPathComponent("content/assets/nouveau.txt"))
        #expect(build.update() == .allSections)
        RebuildChecks.expectSameAsFullBuild(build)
    }

    @Test func scopesOfChangedPaths() {
        #expect(
            IncrementalBuild.scope(of: ["content/sections/010-a.fr.md"]) == .sections(["content/sections/010-a.fr.md"]))
        #expect(IncrementalBuild.scope(of: ["content/sections/010-a.fr.md", "content/data/x.csv"]) == .figures)
        #expect(IncrementalBuild.scope(of: ["content/figures.yaml"]) == .figures)
        #expect(IncrementalBuild.scope(of: ["content/i18n/fr.yaml"]) == .full)
        #expect(IncrementalBuild.scope(of: ["templates/page.mustache", "content/sections/010-a.fr.md"]) == .full)
        #expect(IncrementalBuild.scope(of: ["content/assets/a.png"]) == .allSections)
    }
}
