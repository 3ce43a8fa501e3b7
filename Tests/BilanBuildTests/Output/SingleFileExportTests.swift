import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

@Suite struct SingleFileExportTests {
    /// Every `src`, `href` and `url()` of an exported page.
    static func references(_ html: String) -> [String] {
        var result: [String] = []
        for match in html.matches(
            of: try! Regex(#"(?i)\b(?:src|href|poster|data|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#))
        {
            let value = (1...3).compactMap { match.output[$0].substring }.first.map(String.init) ?? ""
            result.append(value)
        }
        for match in html.matches(of: try! Regex(#"(?i)url\(\s*['"]?([^'")]*)['"]?\s*\)"#)) {
            result.append(match.output[1].substring.map(String.init) ?? "")
        }
        for match in html.matches(of: try! Regex(#"(?i)@import\s+['"]([^'"]*)"#)) {
            result.append(match.output[1].substring.map(String.init) ?? "")
        }
        return result
    }

    @Test func theExportRefersToNoOtherFileAndLoadsNothing() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        // A section that links to a web site, a project file, and shows an image.
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(
            to: project.appendingPathComponent("content/assets/point.svg"))
        try Data("%PDF-1.4 fake".utf8).write(to: project.appendingPathComponent("content/assets/rapport.pdf"))
        try Data(
            """
            ---
            title: Liens
            ---
            Voir [le site](https://example.org/cles), [le PDF](../assets/rapport.pdf) et
            [les membres](020-membres.fr.md).

            ![Un point](../assets/point.svg)
            """.utf8
        ).write(to: project.appendingPathComponent("content/sections/040-liens.fr.md"))

        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false, variants: [.singleFile]))
        let export = try #require(build.singleFilePages["fr"])
        let html = export.html

        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(html.contains("<style>\n/* bilan") || html.contains("--accent"))
        for reference in Self.references(html) {
            let allowed =
                reference.hasPrefix("#") || reference.hasPrefix("data:") || reference == "https://example.org/cles"
                || reference.isEmpty
            #expect(allowed, "the export refers to \(reference.prefix(80))")
        }
        #expect(html.contains("href=\"https://example.org/cles\""))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("href=\"data:application/pdf;base64,"))
        #expect(html.contains("href=\"#membres\""))
        // The logo of the cover is inlined too.
        #expect(!html.contains("../assets/"))
        // The language switch and the links to the other language's sections go whole
        // (an `<a>` without its `href` would be invalid): nothing left to report.
        #expect(export.notes.isEmpty, "\(export.notes)")
        #expect(!html.contains("class=\"language-switch\"") && !html.contains("class=\"translation-link\""))
        #expect(!html.contains("hreflang"))
    }

    @Test func aFileWhoseNameHasAnApostropheIsInlined() throws {
        // cmark writes `'` in a URL as `&#x27;`: the variant resolves the file before any
        // HTML is written, so l'équipe.pdf becomes a data: URI like any other file.
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try Data("%PDF-1.4 fake".utf8).write(to: project.appendingPathComponent("content/assets/l'équipe.pdf"))
        try Data("---\ntitle: Équipe\n---\nVoir [le PDF](../assets/l'équipe.pdf).\n".utf8)
            .write(to: project.appendingPathComponent("content/sections/040-equipe.fr.md"))
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false, variants: [.singleFile]))
        let export = try #require(build.singleFilePages["fr"])
        #expect(export.html.contains("<a href=\"data:application/pdf;base64,"))
        #expect(!export.html.contains("&#x27;"))
        #expect(export.notes.isEmpty, "\(export.notes)")
    }

    @Test func exportWritesIntoAMarkedOutputFolderOnly() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let outcome = ReportExport.run(ReportExport.Options(projectRoot: project, format: .html, languages: ["fr"]))
        #expect(outcome.succeeded)
        let output = project.appendingPathComponent("output")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".bilan-output").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("export/fr.html").path))
        // A later build may replace output/ (it carries bilan's mark).
        #expect(BuildPipeline.run(BuildOptions(projectRoot: project)).wrote)

        let foreign = project.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(
            at: foreign.appendingPathComponent("output"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("output/notes.txt"))
        #expect(
            ReportExport.prepareOutputFolder(foreign.appendingPathComponent("output"), projectRoot: foreign)?.code
                == .outputRefused)
    }

    @Test func pdfWithoutChromiumSaysHowToGetIt() {
        guard case .failure(let problem) = ChromiumPrinter.find(searchPath: "/nonexistent") else {
            Issue.record("found a Chromium in /nonexistent")
            return
        }
        #expect(problem.message.contains("apt-get install chromium"))
    }
}
