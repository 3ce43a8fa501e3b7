import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

@Suite struct ProjectTemplateTests {
    static let starter = SourceTree.packageRoot.appendingPathComponent("starter")

    /// The project shipped inside the binary is exactly the files in starter/ (run
    /// scripts/embed-starter after editing one).
    @Test func embeddedStarterMatchesTheStarterFolder() throws {
        var paths: [String] = []
        let files = try #require(
            FileManager.default.enumerator(at: Self.starter, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in files
        where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(
                url.standardizedFileURL.path.dropFirst(Self.starter.standardizedFileURL.path.count + 1))
            let hidden = relative.split(separator: "/").contains { $0.hasPrefix(".") && $0 != ".gitignore" }
            if !hidden { paths.append(relative) }
        }
        #expect(ProjectTemplate.files.map(\.path) == paths.sorted())
        for file in ProjectTemplate.files {
            let text = try String(contentsOf: Self.starter.appendingPathComponent(file.path), encoding: .utf8)
            #expect(file.text == text, "\(file.path) differs: run scripts/embed-starter")
        }
    }

    /// The new project keeps output/ out of git; a .gitignore already there keeps its lines.
    @Test func gitignoreKeepsTheOutputOut() throws {
        let parent = FixtureProjects.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let fresh = parent.appendingPathComponent("fresh")
        #expect(throws: Never.self) { try ProjectTemplate.create(at: fresh, displayName: "fresh") }
        let written = try String(contentsOf: fresh.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(written.split(separator: "\n").contains("output/"))

        let kept = parent.appendingPathComponent("kept")
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        try "node_modules/".write(to: kept.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        let paths = try ProjectTemplate.create(at: kept, displayName: "kept")
        #expect(paths.contains(".gitignore"))
        let merged = try String(contentsOf: kept.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(merged.hasPrefix("node_modules/\n#") && merged.hasSuffix("\noutput/\n"))

        let ignored = parent.appendingPathComponent("ignored")
        try FileManager.default.createDirectory(at: ignored, withIntermediateDirectories: true)
        try "/output\n".write(to: ignored.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        #expect(try !ProjectTemplate.create(at: ignored, displayName: "ignored").contains(".gitignore"))
        #expect(try String(contentsOf: ignored.appendingPathComponent(".gitignore"), encoding: .utf8) == "/output\n")
    }

    @Test func writesIntoAMissingFolderAndRefusesAFilledOne() throws {
        let parent = FixtureProjects.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("new/report")
        let outcome = Result { () throws(DiagnosticError) in
            try ProjectTemplate.create(at: folder, displayName: "new/report")
        }
        guard case .success(let written) = outcome else {
            Issue.record("a missing folder is created")
            return
        }
        #expect(written == ProjectTemplate.files.map(\.path))
        let again = Result { () throws(DiagnosticError) in
            try ProjectTemplate.create(at: folder, displayName: "new/report")
        }
        guard case .failure(let error) = again else {
            Issue.record("a second init into the same folder must be refused")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.outputRefused])
        #expect(
            error.diagnostics.first?.formatted.hasPrefix("new/report: error: new/report is not empty (content)") == true
        )

        let file = parent.appendingPathComponent("file.txt")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let onFile = Result { () throws(DiagnosticError) in
            try ProjectTemplate.create(at: file, displayName: "file.txt")
        }
        guard case .failure(let fileError) = onFile else {
            Issue.record("a file is refused")
            return
        }
        #expect(fileError.diagnostics.first?.message.contains("is a file") == true)
    }

    /// The new project is a clean build: no error, no warning, with or without drafts.
    @Test func starterBuildsWithoutAnyDiagnostic() throws {
        let folder = FixtureProjects.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try? ProjectTemplate.create(at: folder, displayName: "report")
        let result = BuildPipeline.run(BuildOptions(projectRoot: folder, strict: true, write: false))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.sectionCount == 8)
    }
}
