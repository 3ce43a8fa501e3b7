import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

@Suite struct SideBySideTests {
    @Test func showsBothLanguagesAndFlagsMissingAndOutdatedTranslations() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let sections = project.appendingPathComponent("content/sections")
        try FileManager.default.removeItem(at: sections.appendingPathComponent("010-accueil.en.md"))
        let english = sections.appendingPathComponent("020-membres.en.md")
        let text = try String(contentsOf: english, encoding: .utf8)
        let stamped =
            text.contains("translation_of:")
            ? text.replacingOccurrences(
                of: #"translation_of: *[0-9a-f]{8}"#, with: "translation_of: 00000000", options: .regularExpression)
            : text.replacingOccurrences(of: "title:", with: "translation_of: 00000000\ntitle:")
        try stamped.write(to: english, atomically: true, encoding: .utf8)

        let build = IncrementalBuild(options: BuildOptions(projectRoot: project, drafts: true))
        let config = try #require(build.config)
        let view = SideBySide(
            config: config, strings: build.strings, sections: build.sections, rendered: build.rendered)
        #expect(view.keys.contains("010-accueil") && view.keys.contains("020-membres"))

        let index = view.indexPage()
        #expect(index.contains("href=\"/_bilan/side-by-side/020-membres\""))
        #expect(index.contains("sbs-badge-missing"))
        #expect(index.contains("sbs-badge-outdated"))

        let missing = try #require(view.page(key: "010-accueil"))
        #expect(missing.contains("Missing translation: <code>content/sections/010-accueil.en.md</code>"))
        #expect(missing.contains("class=\"sbs-column sbs-source\" lang=\"fr\""))

        let outdated = try #require(view.page(key: "020-membres"))
        #expect(outdated.contains("class=\"sbs-column sbs-outdated\" lang=\"en\""))
        #expect(outdated.contains("Outdated translation: made from version <code>00000000</code>"))
        // Figures are in place, formatted for each language.
        #expect(outdated.contains("class=\"figure"))

        let draft = try #require(view.page(key: "030-brouillon"))
        #expect(draft.contains("class=\"draft-banner\""))
        #expect(view.page(key: "999-rien") == nil)
        let whole = view.wholeReportPage()
        // A link to another section leads to that section in the column's own language
        // (the pages have a <base>, so a bare #anchor would not).
        #expect(whole.contains("<a href=\"/fr/index.html#membres\">nos membres</a>"))
        #expect(!whole.contains("href=\"#"))
        #expect(whole.contains("id=\"010-accueil\"") && whole.contains("id=\"030-brouillon\""))
    }

    /// "Changing a paragraph of a French source makes its English translation outdated,
    /// and the side-by-side page shows which words changed" (escaped: the source is text).
    @Test func anOutdatedTranslationShowsTheWordsThatChangedInItsSource() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let listing = try TranslationsListing.run(projectRoot: project)
        _ = try TranslationsListing.stamp(listing.entries, config: listing.config, projectRoot: project)
        let french = project.appendingPathComponent("content/sections/020-membres.fr.md")
        let text = try String(contentsOf: french, encoding: .utf8)
        try text.replacingOccurrences(of: "membres en tout", with: "membres <b>&</b> amies en tout")
            .write(to: french, atomically: true, encoding: .utf8)

        let build = IncrementalBuild(options: BuildOptions(projectRoot: project, drafts: true))
        let config = try #require(build.config)
        let view = SideBySide(
            config: config, strings: build.strings, sections: build.sections, rendered: build.rendered,
            projectRoot: project)
        let page = try #require(view.page(key: "020-membres"))
        #expect(page.contains("class=\"sbs-column sbs-outdated\" lang=\"en\""))
        #expect(page.contains("<ins><span class=\"sbs-hidden\">[added: </span>&lt;b&gt;&amp;&lt;/b&gt; amies"))
        assertSnapshot(
            page, matches: SourceTree.fixtures.appendingPathComponent("snapshots/side-by-side/020-membres-diff.html"))
        // Without the project, or with no copy kept, no words are shown.
        let without = SideBySide(
            config: config, strings: build.strings, sections: build.sections, rendered: build.rendered)
        #expect(!(without.page(key: "020-membres") ?? "").contains("class=\"sbs-diff\""))
        try FileManager.default.removeItem(at: project.appendingPathComponent(KeptSources.folder))
        #expect(try #require(view.page(key: "020-membres")).contains("Changes unknown: no copy of version"))
    }
}
