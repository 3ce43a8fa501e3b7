import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// The site, the single file and the reviewers' view are variants of one rendering, so
/// a project's own page template works in each of them.
@Suite struct RenderVariantTests {
    /// A page template of the project's own, with none of the built-in class names.
    static let template = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><title>{{title}}</title>
        {{#inlineStylesheet}}<style>{{{inlineStylesheet}}}</style>{{/inlineStylesheet}}
        {{^inlineStylesheet}}<link rel="stylesheet" href="{{stylesheet}}">{{/inlineStylesheet}}
        </head><body>
        <div class="my-switch">{{#languages}}<a href="{{href}}" data-lang="{{code}}">{{name}}</a> {{/languages}}</div>
        {{#logo}}<img class="my-logo" src="{{logo}}" alt="">{{/logo}}
        {{#groups}}{{#sections}}<article id="{{anchor}}"><h2>{{title}}</h2>
        {{#translations}}<a class="other" href="{{href}}">{{label}}</a>{{/translations}}
        {{{html}}}</article>
        {{/sections}}{{/groups}}
        {{#singleFile}}<p class="my-note">One file</p>{{/singleFile}}
        </body></html>
        """

    static func project() throws -> URL {
        let project = try FixtureProjects.copy()
        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data(template.utf8).write(to: templates.appendingPathComponent("page.mustache"))
        try Data("theme:\n  logo: assets/logo.svg\n".utf8)
            .write(to: project.appendingPathComponent("content/report.yaml"), append: true)
        return project
    }

    @Test func aProjectTemplateExportsAsOneSelfContainedFile() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false, variants: [.singleFile]))
        let site = String(decoding: try #require(build.plan?.files["fr/index.html"]), as: UTF8.self)
        #expect(site.contains("<a href=\"../en/index.html\" data-lang=\"en\">"))
        #expect(site.contains("class=\"other\" href=\"../en/index.html#"))
        #expect(!site.contains("my-note"))

        let export = try #require(build.singleFilePages["fr"])
        #expect(export.notes.isEmpty, "\(export.notes)")
        let html = export.html
        for reference in SingleFileExportTests.references(html) {
            #expect(
                reference.hasPrefix("#") || reference.hasPrefix("data:"), "the export refers to \(reference.prefix(80))"
            )
        }
        // The template's own language links and translation links are not given to it.
        #expect(!html.contains("data-lang=\"en\"") && !html.contains("class=\"other\""))
        #expect(html.contains("data-lang=\"fr\""))
        #expect(html.contains("<style>/* bilan") || html.contains("<style>"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(html.contains("class=\"my-logo\" src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("<a href=\"#membres\">nos membres</a>"))
        #expect(html.contains("<p class=\"my-note\">One file</p>"))
        // Through `bilan export`'s use case too.
        let outcome = ReportExport.run(ReportExport.Options(projectRoot: project, format: .html, languages: ["en"]))
        #expect(outcome.succeeded)
        let written = try String(contentsOf: try #require(outcome.written.first), encoding: .utf8)
        #expect(written.contains("<html lang=\"en\">") && !written.contains("../"))
    }

    @Test func aProjectTemplateLeavesTheSideBySideViewWhole() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = IncrementalBuild(options: BuildOptions(projectRoot: project, drafts: true))
        let config = try #require(build.config)
        let view = SideBySide(
            config: config, strings: build.strings, sections: build.sections, rendered: build.rendered)
        let whole = view.wholeReportPage()
        #expect(whole.contains("<a href=\"/fr/index.html#membres\">nos membres</a>"))
        #expect(whole.contains("<a href=\"/en/index.html#membres\">our members</a>"))
        #expect(!whole.contains("href=\"#"))
        #expect(whole.contains("class=\"figure"))
        // The site served beside it is the project's template.
        let page = String(decoding: try #require(build.result.plan?.files["en/index.html"]), as: UTF8.self)
        #expect(page.contains("class=\"my-switch\""))
    }
}

extension Data {
    /// Appends these bytes to the file at `url`.
    func write(to url: URL, append: Bool) throws {
        guard append, let handle = try? FileHandle(forWritingTo: url) else { return try write(to: url) }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: self)
    }
}
