import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// Nothing lost: a build that fails while writing leaves the previous output as it
/// was; bilan writes and deletes only inside the output folder it made, follows no
/// symbolic link out of it, and refuses to replace a folder it did not make.
@Suite struct OutputSafetyTests {
    /// The valid project, built once, with a folder `outside/` beside it.
    struct BuiltProject {
        let project: URL
        let outside: URL
        var output: URL { project.appendingPathComponent("output") }
        var parent: URL { project.deletingLastPathComponent() }

        init() throws {
            project = try FixtureProjects.copy()
            outside = project.deletingLastPathComponent().appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try "keep me".write(to: outside.appendingPathComponent("precious.txt"), atomically: true, encoding: .utf8)
            let result = BuildPipeline.run(BuildOptions(projectRoot: project))
            #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        }

        func remove() { try? FileManager.default.removeItem(at: parent) }

        /// Every entry of the folder holding the project and `outside/`, with its bytes.
        func everything() -> [String: Data] { FixtureProjects.contents(of: parent) }

        /// What `outside/` holds, by name.
        func outsideContents() throws -> [String: String] {
            var result: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: outside.path) {
                result[name] = try String(contentsOf: outside.appendingPathComponent(name), encoding: .utf8)
            }
            return result
        }

        /// The names beside `output/` that bilan's staging folders would take.
        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.contains(".bilan-") }
        }
    }

    @Test func aWriteThatFailsHalfwayLeavesThePreviousOutput() throws {
        let built = try BuiltProject()
        defer { built.remove() }
        let before = built.everything()
        // Sorted, the two generated files come first and are written; the copy of a
        // file that is not there fails after them.
        var plan = OutputPlan()
        plan.add("a.html", "<p>new</p>")
        plan.add("b/c.html", "<p>new</p>")
        plan.copies["z/gone.svg"] = "content/assets/gone.svg"
        let result = OutputWriter.write(plan, to: built.output, projectRoot: built.project, displayName: "output")
        guard case .failure(let diagnostic) = result else {
            Issue.record("the write should fail")
            return
        }
        #expect(diagnostic.code == .outputFailed)
        #expect(diagnostic.location.file == "output")
        #expect(built.everything() == before)
        #expect(try built.leftovers() == [])
    }

    @Test func aPlannedPathThatClimbsOutIsRefusedBeforeAnythingMoves() throws {
        let built = try BuiltProject()
        defer { built.remove() }
        let before = built.everything()
        for path in ["zz/../../escaped.html", "../escaped.html", "/tmp/escaped.html", "a//b.html", "./a.html"] {
            var plan = OutputPlan()
            plan.add("index.html", "<p>new</p>")
            plan.add(path, "<p>escaped</p>")
            let result = OutputWriter.write(plan, to: built.output, projectRoot: built.project, displayName: "output")
            guard case .failure(let diagnostic) = result else {
                Issue.record("'\(path)' should be refused")
                continue
            }
            #expect(diagnostic.code == .outputFailed)
            #expect(diagnostic.message.contains(path))
        }
        #expect(built.everything() == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped.html"))
        #expect(try built.leftovers() == [])
    }

    @Test func anOutputThatIsALinkToAnotherFolderIsRefused() throws {
        let built = try BuiltProject()
        defer { built.remove() }
        // Even a folder that carries bilan's mark is not replaced through a link.
        try OutputWriter.markerText.write(
            to: built.outside.appendingPathComponent(OutputWriter.markerName), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: built.output)
        try FileManager.default.createSymbolicLink(at: built.output, withDestinationURL: built.outside)
        let outsideBefore = try built.outsideContents()
        let result = BuildPipeline.run(BuildOptions(projectRoot: built.project))
        #expect(!result.wrote)
        #expect(result.diagnostics.map(\.code) == [.outputRefused])
        #expect(try built.outsideContents() == outsideBefore)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: built.output.path) == built.outside.path)
    }

    @Test func aLinkInsideTheOutputIsRemovedButNotItsTarget() throws {
        let built = try BuiltProject()
        defer { built.remove() }
        try FileManager.default.createSymbolicLink(
            at: built.output.appendingPathComponent("linked-folder"), withDestinationURL: built.outside)
        try FileManager.default.createSymbolicLink(
            at: built.output.appendingPathComponent("fr/linked-file.txt"),
            withDestinationURL: built.outside.appendingPathComponent("precious.txt"))
        let result = BuildPipeline.run(BuildOptions(projectRoot: built.project))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(try built.outsideContents() == ["precious.txt": "keep me"])
        #expect(!FileManager.default.fileExists(atPath: built.output.appendingPathComponent("linked-folder").path))
        #expect(try built.leftovers() == [])
    }

    @Test func anOutputThatIsAFileIsRefused() throws {
        let built = try BuiltProject()
        defer { built.remove() }
        let file = built.project.appendingPathComponent("rapport.pdf")
        try "not a folder".write(to: file, atomically: true, encoding: .utf8)
        let result = BuildPipeline.run(BuildOptions(projectRoot: built.project, output: file))
        #expect(!result.wrote)
        #expect(result.diagnostics.map(\.code) == [.outputRefused])
        #expect(try String(contentsOf: file, encoding: .utf8) == "not a folder")
    }

    @Test(arguments: ["content", ".", "content/sections", "hidden-only"])
    func aFolderBilanDidNotMakeIsNeverReplaced(_ name: String) throws {
        let built = try BuiltProject()
        defer { built.remove() }
        let folder = built.project.appendingPathComponent(name)
        if name == "hidden-only" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "x".write(to: folder.appendingPathComponent(".DS_Store"), atomically: true, encoding: .utf8)
        }
        let before = built.everything()
        let result = BuildPipeline.run(BuildOptions(projectRoot: built.project, output: folder))
        #expect(!result.wrote)
        #expect(result.diagnostics.map(\.code) == [.outputRefused])
        #expect(built.everything() == before)
    }
}
