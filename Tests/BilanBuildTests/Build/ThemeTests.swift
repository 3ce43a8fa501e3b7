import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// The theme of report.yaml reaches every page: the colours derived from `theme.accent`
/// (links, contents box, rules, the charts' first series, the side-by-side pages), the font
/// stack and whether figures are bold.
@Suite struct ThemeTests {
    static let theme = """
        theme:
          accent: "#1b5e20"
          font: "\\"Atkinson Hyperlegible\\", Arial, sans-serif"
          bold_figures: false

        """

    static func themedProject() throws -> URL {
        let project = try FixtureProjects.copy()
        let yaml = project.appendingPathComponent("content/report.yaml")
        try (try String(contentsOf: yaml, encoding: .utf8) + theme).write(to: yaml, atomically: true, encoding: .utf8)
        return project
    }

    @Test func everyPageTakesTheThemesColoursAndFont() throws {
        let project = try Self.themedProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(!result.diagnostics.contains { $0.code == .lowContrastAccent })
        let style =
            "<style>\n:root { --accent: #1b5e20; --soft: #eff4ef; --rule: #c6d7c7; "
            + "--font: \"Atkinson Hyperlegible\", Arial, sans-serif; }\n.figure { font-weight: inherit; }\n</style>"
        for page in ["index.html", "fr/index.html", "en/index.html"] {
            let html = try String(contentsOf: project.appendingPathComponent("output/\(page)"), encoding: .utf8)
            #expect(html.contains(style), "\(page)")
        }
        let css = try String(contentsOf: project.appendingPathComponent("output/style.css"), encoding: .utf8)
        #expect(css.contains("font-family: var(--font, "))
        // The charts' first series is the accent, in the page and in the chart files.
        let charts = try FileManager.default.contentsOfDirectory(
            atPath: project.appendingPathComponent("output/fr/charts").path)
        #expect(!charts.isEmpty)
        for chart in charts {
            let svg = try String(
                contentsOf: project.appendingPathComponent("output/fr/charts/\(chart)"), encoding: .utf8)
            #expect(svg.contains("#1b5e20"), "\(chart)")
        }

        let build = IncrementalBuild(options: BuildOptions(projectRoot: project, drafts: true))
        let config = try #require(build.config)
        let view = SideBySide(
            config: config, strings: build.strings, sections: build.sections, rendered: build.rendered)
        #expect(view.indexPage().contains(style))
    }

    /// `theme.cover`: the photo on the cover of every page (inlined in the single file, so
    /// the PDF has it too) with its text, and the link previews' image under `base_url`.
    @Test func theCoverPhotoIsOnEveryCoverAndInLinkPreviews() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let yaml = project.appendingPathComponent("content/report.yaml")
        try
            (try String(contentsOf: yaml, encoding: .utf8)
            + "base_url: https://example.org/rapport/\n"
            + "theme: { cover: { image: assets/logo.svg, alt: \"Des membres réunies devant le local\" } }\n")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, variants: [.singleFile]))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        let page = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        #expect(
            page.contains(
                "<img class=\"cover-photo\" src=\"../assets/logo.svg\" alt=\"Des membres réunies devant le local\">"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/rapport/assets/logo.svg\">"))
        let single = try #require(result.singleFilePages["fr"]).html
        #expect(single.contains("<img class=\"cover-photo\" src=\"data:image/svg+xml;base64,"))
    }

    @Test func withoutAThemeThePagesKeepTheStylesheetsColours() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        #expect(BuildPipeline.run(BuildOptions(projectRoot: project)).wrote)
        let html = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        #expect(!html.contains(":root {"))
        let svg = try String(
            contentsOf: project.appendingPathComponent("output/fr/charts/020-membres-1.svg"), encoding: .utf8)
        #expect(svg.contains(ChartPalette.colors[0]))
    }
}
