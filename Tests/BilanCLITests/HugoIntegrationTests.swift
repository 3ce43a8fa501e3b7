import BilanTestSupport
import Foundation
import Testing

/// The per-section Markdown (`output/<lang>/sections/*.md`) is meant for Hugo or Jekyll:
/// this builds the example report and feeds it to a real, minimal multilingual Hugo site.
///
/// Needs `hugo` (Debian's package, installed by `scripts/test`). Without it the test is
/// reported as skipped, with the reason.
@Suite struct HugoIntegrationTests {
    /// `hugo` on the PATH, or nil.
    static var hugo: URL? { ExternalTool.find("hugo") }

    static let config = """
        baseURL = "https://example.org/"
        title = "bilan"
        defaultContentLanguage = "fr"
        defaultContentLanguageInSubdir = true
        disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

        [languages.fr]
        contentDir = "content/fr"
        languageName = "Français"
        weight = 1

        [languages.en]
        contentDir = "content/en"
        languageName = "English"
        weight = 2

        # Sections may hold HTML when a report allows it; typographic quotes off so the
        # test compares text as bilan wrote it.
        [markup.goldmark.renderer]
        unsafe = true
        [markup.goldmark.extensions]
        typographer = false

        """

    static let layouts: [String: String] = [
        "_default/baseof.html": """
        <!DOCTYPE html>
        <html lang="{{ .Language.Lang }}">
        <head><meta charset="utf-8"><title>{{ .Title }}</title></head>
        <body>{{ block "main" . }}{{ end }}</body>
        </html>

        """,
        "_default/single.html": """
        {{ define "main" }}<article><h1>{{ .Title }}</h1>
        {{ .Content }}
        {{ range .Translations }}<a class="translation" href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Title \
        }}</a>{{ end }}
        </article>{{ end }}

        """,
        "_default/list.html": """
        {{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end \
        }}</ul>{{ end }}

        """,
    ]

    @Test(
        .enabled(if: hugo != nil, "needs hugo: scripts/test installs it (apt-get install hugo)"),
        .tags(.externalTool))
    func hugoBuildsTheSectionMarkdownInBothLanguages() throws {
        let hugo = try #require(Self.hugo, "hugo is not installed: run scripts/install-deps hugo (Debian package hugo)")

        let work = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("out")
        let build = try BilanBinary.run([
            "build", "--root", BilanBinary.packageRoot.path, "--output", output.path, "--quiet",
        ])
        #expect(build.status == 0, "\(build.stderr)")

        let site = work.appendingPathComponent("site")
        let manager = FileManager.default
        try manager.createDirectory(at: site.appendingPathComponent("content"), withIntermediateDirectories: true)
        try Self.config.write(to: site.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        for (path, text) in Self.layouts {
            let url = site.appendingPathComponent("layouts/" + path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var sectionCount = 0
        for language in ["fr", "en"] {
            let sections = output.appendingPathComponent("\(language)/sections")
            sectionCount = try manager.contentsOfDirectory(atPath: sections.path).filter { $0.hasSuffix(".md") }.count
            #expect(sectionCount > 0)
            try manager.copyItem(at: sections, to: site.appendingPathComponent("content/\(language)/sections"))
        }

        let public_ = work.appendingPathComponent("public")
        let run = try BilanBinary.run(
            executable: hugo, ["--source", site.path, "--destination", public_.path], in: site)
        #expect(run.status == 0, "hugo failed:\n\(run.stdout)\n\(run.stderr)")
        guard run.status == 0 else { return }

        func pages(_ language: String) throws -> [String] {
            let folder = public_.appendingPathComponent("\(language)/sections")
            let names = try manager.contentsOfDirectory(atPath: folder.path)
            return names.compactMap {
                try? String(contentsOf: folder.appendingPathComponent("\($0)/index.html"), encoding: .utf8)
            }
        }
        let french = try pages("fr")
        let english = try pages("en")
        #expect(french.count == sectionCount && english.count == sectionCount)
        let allFrench = french.joined()
        let allEnglish = english.joined()
        // A figure value, as each language writes it, and headings from the sections.
        #expect(allFrench.contains("25\u{00A0}000\u{00A0}$"))
        #expect(allEnglish.contains("$25,000"))
        #expect(allFrench.contains(">Notre mission</h3>"))
        #expect(allEnglish.contains(">Our mission</h3>"))
        #expect(allFrench.contains("<html lang=\"fr\">") && allEnglish.contains("<html lang=\"en\">"))
        // translationKey pairs the two languages: each French page links its English one.
        #expect(french.allSatisfy { $0.contains("class=\"translation\"") && $0.contains("hreflang=\"en\"") })
        #expect(!allFrench.contains("{{"), "no figure is left unresolved")
    }
}
