import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// Heading ids and the links to them, in the files a build writes: the fixture case
/// `heading-anchors` (its diagnostics are in its `expected.txt`).
@Suite struct HeadingAnchorTests {
    func build() throws -> (files: [String: String], root: URL) {
        let project = try FixtureProjects.copy(
            overlay: FixtureProjects.invalidCases.appendingPathComponent("heading-anchors"))
        let result = BuildPipeline.run(BuildOptions(projectRoot: project))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        let files = FixtureProjects.contents(of: project.appendingPathComponent("output"))
            .compactMapValues { String(data: $0, encoding: .utf8) }
        return (files, project.deletingLastPathComponent())
    }

    @Test func everyHeadingHasAnIdUniqueInItsPageAndEachLinkReachesIt() throws {
        let (files, root) = try build()
        defer { try? FileManager.default.removeItem(at: root) }
        let page = try #require(files["fr/index.html"])
        // Accents off, duplicates numbered, punctuation dropped; the section's slug first.
        #expect(page.contains(##"<h2 id="resultats--resultats">Résultats</h2>"##))
        #expect(page.contains(##"<h2 id="resultats--resultats-1">Résultats</h2>"##))
        #expect(page.contains(##"<h2 id="resultats--oeuvres-ca-2024">Œuvres &amp; Ça — 2024 !</h2>"##))
        #expect(page.contains(##"<a href="#resultats--resultats-1">les résultats d'automne</a>"##))
        #expect(page.contains(##"<a href="#accueil">l"##))
        #expect(page.contains(##"<a href="#membres--en-chiffres">bilan des membres</a>"##))
        // A section only in English: its English page, marked with its language.
        #expect(page.contains(##"<a href="../en/index.html#donateurs--thanks" hreflang="en">nos donateurs</a>"##))
        #expect(page.contains(##"<a href="../en/index.html#donateurs" hreflang="en">leur page</a>"##))
        let english = try #require(files["en/index.html"])
        #expect(english.contains(##"<h2 id="donateurs--thanks">Thanks</h2>"##))
        #expect(english.contains(##"<a href="#resultats--results-1">the autumn results</a>"##))

        // The Markdown files: the id as an attribute, in the section's file without its
        // section's slug, in report.md with it.
        let section = try #require(files["fr/sections/050-resultats.md"])
        #expect(section.contains("## Résultats {#resultats-1}\n"))
        #expect(section.contains("[les résultats d'automne](050-resultats.md#resultats-1)"))
        #expect(section.contains("](020-membres.md#en-chiffres)"))
        #expect(section.contains("](../../en/sections/060-donateurs.md#thanks)"))
        let report = try #require(files["fr/report.md"])
        #expect(report.contains("## Résultats {#resultats--resultats-1}\n"))
        #expect(report.contains("](#membres--en-chiffres)"))
        #expect(report.contains("](../en/report.md#donateurs--thanks)"))
    }

    @Test func idsAreIdsOfTheHeadingsAsWritten() {
        var anchors = HeadingAnchors()
        #expect(anchors.next(for: "Résultats") == "resultats")
        #expect(anchors.next(for: "Résultats") == "resultats-1")
        #expect(anchors.next(for: "resultats") == "resultats-2")
        #expect(anchors.next(for: "Bilan — 2024 !") == "bilan-2024")
        #expect(anchors.next(for: "Cœur d'Œuvre") == "coeur-doeuvre")
        #expect(anchors.next(for: "Nous sommes {{ membres }}") == "nous-sommes-membres")
        #expect(anchors.next(for: "???") == "heading")
        #expect(anchors.next(for: "") == "heading-1")
        #expect(anchors.ids.count == 8)
        #expect(HeadingAnchors.pageID(sectionSlug: "membres", headingID: "aga") == "membres--aga")
    }
}
