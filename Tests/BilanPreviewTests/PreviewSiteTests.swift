import BilanBase
import BilanBuild
import BilanTestSupport
import Foundation
import Testing
@testable import BilanPreview

/// A ``PreviewSite`` over a fresh copy of the fixture project, asked directly: no socket,
/// no polling. A rebuild happens when the test calls ``update()``.
struct SiteUnderTest {
    let project: URL
    let site: PreviewSite

    init(prepare: (URL) throws -> Void = { _ in }) throws {
        project = try FixtureProjects.copy()
        try prepare(project)
        site = PreviewSite(options: BuildOptions(projectRoot: project, drafts: true, write: false))
    }

    func get(_ target: String) async -> PreviewResponse { await site.response(method: "GET", target: target) }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let url = project.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try change(text).write(to: url, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
}

extension PreviewResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// What `bilan serve` answers, asked of the site in process. The server's own tests
/// (PreviewServerTests) keep only what needs a socket: raw request targets, methods,
/// the event stream.
@Suite struct PreviewSiteTests {
    static let section = "content/sections/020-membres.fr.md"

    @Test func servesTheReportWithDraftsTracesAndTheReloadScript() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        let page = await site.get("/fr/")
        #expect(page.status == 200)
        #expect(page.header("content-type") == "text/html; charset=utf-8")
        #expect(page.header("cache-control") == "no-store")
        #expect(page.header("x-content-type-options") == "nosniff")
        #expect(page.text.contains("class=\"draft-banner\""))
        #expect(page.text.contains("class=\"figure-trace\""))
        #expect(page.text.contains("new EventSource(\"/_bilan/events\")"))
        #expect(await site.get("/fr/index.html").text == page.text)

        let css = await site.get("/style.css")
        #expect(css.status == 200)
        #expect(css.header("content-type") == "text/css; charset=utf-8")
        #expect(!css.text.contains("EventSource"))
        let logo = await site.get("/assets/logo.svg")
        #expect(logo.status == 200)
        #expect(logo.header("content-type") == "image/svg+xml")
        let folder = await site.get("/fr")
        #expect(folder.status == 301)
        #expect(folder.header("location") == "/fr/")
        let head = await site.site.response(method: "HEAD", target: "/fr/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("content-type") == page.header("content-type"))
        // Nothing was written to the project.
        #expect(!FileManager.default.fileExists(atPath: site.project.appendingPathComponent("output").path))
    }

    @Test func answersOnlyGetAndHead() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let response = await site.site.response(method: method, target: "/fr/")
            #expect(response.status == 405, "\(method) gave \(response.status)")
            #expect(response.header("allow") == "GET, HEAD")
        }
    }

    @Test func refusesWhatThePlanDoesNotListAndLinksThatLeadOut() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bilan-secret-\(UUID().uuidString).txt")
        try Data("TOP SECRET\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let site = try SiteUnderTest { project in
            try FileManager.default.createSymbolicLink(
                at: project.appendingPathComponent("content/assets/secret.txt"), withDestinationURL: outside)
        }
        defer { site.remove() }
        for target in [
            "/assets/secret.txt", "/content/report.yaml", "/fr/../../content/report.yaml", "/%2e%2e/x", "/fr/sections/",
            "/_bilan/", "/_bilan/anything", "/nothing.html",
        ] {
            let response = await site.get(target)
            #expect(response.status == 404, "\(target) gave \(response.status)")
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(!response.text.contains("TOP SECRET") && !response.text.contains("organization:"))
        }
    }

    @Test func anEditIsServedAfterAnUpdateThatRebuildsOnlyItsSection() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        let before = await site.site.version
        #expect(await site.site.hasChanges() == false)
        #expect(await site.site.update() == nil, "nothing changed: no rebuild")

        try site.edit(Self.section) { $0 + "\nUne phrase de plus.\n" }
        #expect(await site.site.hasChanges())
        let rebuild = try #require(await site.site.update())
        #expect(rebuild.scope == .sections([Self.section]))
        #expect(rebuild.succeeded && rebuild.errors == 0)
        let after = await site.site.version
        #expect(after != before)
        let page = await site.get("/fr/")
        #expect(page.text.contains("Une phrase de plus."))
        // The page carries the version it was served with, which the reload script compares.
        #expect(page.text.contains(after))
        #expect(await site.site.hasChanges() == false)
        #expect(await site.site.update() == nil)
    }

    @Test func aFailedRebuildShowsItsErrorsUntilTheFileIsFixed() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        let original = try String(contentsOf: site.project.appendingPathComponent(Self.section), encoding: .utf8)
        try site.edit(Self.section) {
            $0.replacingOccurrences(of: "title:", with: "title: [<b>broken", options: [], range: $0.range(of: "title:"))
        }
        let rebuild = try #require(await site.site.update())
        #expect(!rebuild.succeeded)
        #expect(rebuild.errors > 0)
        #expect(rebuild.diagnostics.contains { $0.code == .yamlSyntax })
        for target in ["/fr/", "/en/", "/style.css"] {
            let failed = await site.get(target)
            #expect(failed.status == 500, "\(target) gave \(failed.status)")
            #expect(failed.header("content-type") == "text/html; charset=utf-8")
        }
        let failed = await site.get("/fr/")
        #expect(failed.text.contains("class=\"build-failed\""))
        #expect(failed.text.contains("content/sections/020-membres.fr.md:"))
        #expect(failed.text.contains("[yaml-syntax]"))
        #expect(failed.text.contains("EventSource"))
        #expect(!failed.text.contains("<b>broken"))
        // A refused path is still refused while the build is broken.
        #expect(await site.get("/%2e%2e/x").status == 404)

        try original.write(to: site.project.appendingPathComponent(Self.section), atomically: true, encoding: .utf8)
        let fixed = try #require(await site.site.update())
        #expect(fixed.succeeded)
        let back = await site.get("/fr/")
        #expect(back.status == 200)
        #expect(back.text.contains("class=\"draft-banner\""))
    }

    @Test func servesTheLanguagesSideBySide() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        let index = await site.get("/_bilan/side-by-side/")
        #expect(index.status == 200)
        #expect(index.text.contains("href=\"/_bilan/side-by-side/020-membres\""))
        let pair = await site.get("/_bilan/side-by-side/020-membres")
        #expect(pair.status == 200)
        #expect(pair.text.contains("class=\"sbs-column sbs-source\" lang=\"fr\""))
        #expect(pair.text.contains("lang=\"en\""))
        #expect(pair.text.contains("EventSource"))
        #expect(await site.get("/_bilan/side-by-side/all").status == 200)
        #expect(await site.get("/_bilan/side-by-side/999-nothing").status == 404)
        let folder = await site.get("/_bilan/side-by-side")
        #expect(folder.status == 301)
        #expect(folder.header("location") == "/_bilan/side-by-side/")
        // After an edit, the view shows the new text (it is made again for each rebuild).
        try site.edit(Self.section) { $0 + "\nUne phrase de plus.\n" }
        _ = await site.site.update()
        #expect(await site.get("/_bilan/side-by-side/020-membres").text.contains("Une phrase de plus."))
    }

    @Test func theLogLineSaysWhatWasRebuilt() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        try site.edit(Self.section) { $0 + "\nUne phrase de plus.\n" }
        let rebuild = try #require(await site.site.update())
        let line = PreviewServer.describe(rebuild)
        #expect(line.hasPrefix("bilan: rebuilt 020-membres.fr.md in "))
        #expect(line.hasSuffix(" (\(Counted.english(rebuild.warnings, "warning")))"))
    }

    /// The error page counts in both languages, singular and plural right in each.
    @Test func theErrorPageCountsInBothLanguages() {
        let error = Diagnostic.error(.unknownFigure, "unknown figure 'x'", at: SourceLocation(file: "a.md", line: 1))
        #expect(ErrorPage.html([error], projectName: "p").contains("<p>1 error · 1 erreur: fix the file"))
        #expect(ErrorPage.html([error, error], projectName: "p").contains("<p>2 errors · 2 erreurs: fix the file"))
    }
}
