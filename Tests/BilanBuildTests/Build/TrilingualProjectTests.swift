import Foundation
import Testing
@testable import BilanBase
@testable import BilanRender
@testable import BilanBuild

/// The `trilingual` fixture project: French, English and Arabic, with the Arabic interface
/// words in `content/i18n/ar.yaml`. A third language is supported end to end: its words
/// are the project's, its pages are right to left, and links to it read in it.
@Suite struct TrilingualProjectTests {
    static let project = FixtureFiles.url("projects/trilingual")
    /// The files compared with `snapshots/trilingual/` (BILAN_RECORD=1 re-records them).
    static let snapshotted = ["index.html", "fr/index.html", "ar/index.html", "ar/report.md"]

    static func build() throws -> (root: URL, result: BuildResult) {
        let folder = FixtureProjects.temporaryFolder()
        let root = folder.appendingPathComponent("project")
        try FileManager.default.copyItem(at: Self.project, to: root)
        return (root, BuildPipeline.run(BuildOptions(projectRoot: root, strict: true)))
    }

    @Test func buildsUnderStrictAsItsSnapshot() throws {
        let (root, result) = try Self.build()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(result.diagnostics.isEmpty, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        for path in Self.snapshotted {
            let actual = try Data(contentsOf: root.appendingPathComponent("output/" + path))
            let snapshot = FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/trilingual/" + path)
            assertSnapshot(actual, matches: snapshot)
        }
    }

    /// Checked by hand rather than only against the snapshot.
    @Test func theArabicPagesAreRightToLeftAndLinksToThemReadInArabic() throws {
        let (root, _) = try Self.build()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        func page(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent("output/" + path), encoding: .utf8)
        }
        let arabic = try page("ar/index.html")
        #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.contains("<h2 id=\"toc-title\">المحتويات</h2>"))
        #expect(arabic.contains("<a class=\"skip-link\" href=\"#main\">انتقل إلى المحتوى</a>"))
        #expect(arabic.contains("<th scope=\"row\">المجموع</th>") || arabic.contains(">المجموع<"))
        // From Arabic, the other languages' links read in theirs, left to right.
        #expect(arabic.contains("lang=\"fr\">Lire en français</a>"))
        let french = try page("fr/index.html")
        #expect(french.contains("<html lang=\"fr\">"))
        #expect(french.contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">اقرأ بالعربية</a>"))
        #expect(french.contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a>"))
        let chooser = try page("index.html")
        #expect(chooser.contains("<li lang=\"ar\" dir=\"rtl\"><a href=\"ar/index.html\" hreflang=\"ar\">"))
        #expect(chooser.contains("<span class=\"language-name\">(العربية)</span>"))
    }

    /// The reviewers' view puts the Arabic column right to left.
    @Test func theSideBySideColumnIsRightToLeft() throws {
        let root = FixtureProjects.temporaryFolder().appendingPathComponent("project")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: Self.project, to: root)
        let build = IncrementalBuild(options: BuildOptions(projectRoot: root, drafts: true))
        let config = try #require(build.config)
        let view = SideBySide(
            config: config, strings: build.strings, sections: build.sections, rendered: build.rendered)
        let html = try #require(view.page(key: "010-accueil"))
        #expect(html.contains("<article class=\"sbs-column sbs-unstamped\" lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<article class=\"sbs-column sbs-source\" lang=\"fr\">"))
    }
}
