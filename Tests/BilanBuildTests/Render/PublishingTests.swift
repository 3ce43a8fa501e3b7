import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender

#if canImport(FoundationXML)
import FoundationXML
@testable import BilanBuild
#endif

/// A report with `base_url` is ready for publishing: canonical and `hreflang` links, Open
/// Graph and description in every page's head, and a sitemap. The valid fixture with
/// `projects/published/content/report.yaml` laid over it.
@Suite struct PublishingTests {
    static let published = FixtureFiles.url("projects/published")
    /// 2024-06-30 12:00 UTC.
    static let sourceDateEpoch = 1_719_748_800

    func build(overlay: URL?, sourceDateEpoch: Int? = nil) throws -> (project: URL, files: [String: String]) {
        let project = try FixtureProjects.copy(overlay: overlay)
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, sourceDateEpoch: sourceDateEpoch))
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        let files = FixtureProjects.contents(of: project.appendingPathComponent("output"))
            .mapValues { String(decoding: $0, as: UTF8.self) }
        return (project, files)
    }

    @Test func sitemapListsEveryPageWithItsAlternates() throws {
        let (project, files) = try build(overlay: Self.published)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let alternates = """
                <xhtml:link rel="alternate" hreflang="fr" href="https://example.org/r&amp;d/rapport-2023-2024/fr/"/>
                <xhtml:link rel="alternate" hreflang="en" href="https://example.org/r&amp;d/rapport-2023-2024/en/"/>
                <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/r&amp;d/rapport-2023-2024/"/>
            """
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
              <url>
                <loc>https://example.org/r&amp;d/rapport-2023-2024/</loc>
            \(alternates)
              </url>
              <url>
                <loc>https://example.org/r&amp;d/rapport-2023-2024/fr/</loc>
            \(alternates)
              </url>
              <url>
                <loc>https://example.org/r&amp;d/rapport-2023-2024/en/</loc>
            \(alternates)
              </url>
            </urlset>

            """
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap == expected)
        #expect(!sitemap.contains("lastmod"), "no date without SOURCE_DATE_EPOCH, never the clock")
        #expect(Self.isWellFormedXML(sitemap))
    }

    @Test func sitemapDatesPagesOnlyFromSourceDateEpoch() throws {
        let (project, files) = try build(overlay: Self.published, sourceDateEpoch: Self.sourceDateEpoch)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.components(separatedBy: "<lastmod>2024-06-30</lastmod>").count - 1 == 3)
        #expect(Self.isWellFormedXML(sitemap))
    }

    @Test func everyPageHeadHasCanonicalAlternatesOpenGraphAndDescription() throws {
        let (project, files) = try build(overlay: Self.published)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let base = "https://example.org/r&amp;d/rapport-2023-2024/"
        let alternates = [
            "<link rel=\"alternate\" hreflang=\"fr\" href=\"\(base)fr/\">",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"\(base)en/\">",
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(base)\">",
        ]
        let french = try #require(files["fr/index.html"])
        for line in alternates + [
            "<link rel=\"canonical\" href=\"\(base)fr/\">",
            "<meta name=\"description\" content=\"Ce que le groupe a fait : membres &amp; fonds de solidarité.\">",
            "<meta property=\"og:type\" content=\"website\">",
            "<meta property=\"og:title\" content=\"Rapport d&#39;activités 2023-2024\">",
            "<meta property=\"og:description\" content=\"Ce que le groupe a fait : membres &amp; fonds de"
                + " solidarité.\">",
            "<meta property=\"og:url\" content=\"\(base)fr/\">",
            "<meta property=\"og:locale\" content=\"fr_CA\">",
            "<meta property=\"og:locale:alternate\" content=\"en_CA\">",
        ] {
            #expect(french.contains(line + "\n"), "fr/index.html lacks \(line)")
        }
        let english = try #require(files["en/index.html"])
        for line in alternates + [
            "<link rel=\"canonical\" href=\"\(base)en/\">",
            "<meta name=\"description\" content=\"What the group did: members &amp; solidarity fund.\">",
            "<meta property=\"og:url\" content=\"\(base)en/\">",
            "<meta property=\"og:locale\" content=\"en_CA\">",
            "<meta property=\"og:locale:alternate\" content=\"fr_CA\">",
        ] {
            #expect(english.contains(line + "\n"), "en/index.html lacks \(line)")
        }
        let chooser = try #require(files["index.html"])
        for line in alternates + [
            "<link rel=\"canonical\" href=\"\(base)\">",
            "<meta property=\"og:url\" content=\"\(base)\">",
            "<meta property=\"og:locale\" content=\"fr_CA\">",
            "<meta property=\"og:locale:alternate\" content=\"en_CA\">",
            "<meta name=\"description\" content=\"Ce que le groupe a fait : membres &amp; fonds de solidarité.\">",
        ] {
            #expect(chooser.contains(line + "\n"), "index.html lacks \(line)")
        }
        // Exactly one canonical per page.
        for page in [french, english, chooser] {
            #expect(page.components(separatedBy: "rel=\"canonical\"").count == 2)
        }
    }

    @Test func withoutBaseURLThereIsNoSitemapNorCanonical() throws {
        let (project, files) = try build(overlay: nil)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        #expect(files["sitemap.xml"] == nil)
        for page in ["index.html", "fr/index.html", "en/index.html"] {
            let html = try #require(files[page])
            #expect(!html.contains("rel=\"canonical\""), "\(page)")
            #expect(!html.contains("hreflang=\"x-default\""), "\(page)")
            #expect(!html.contains("og:url"), "\(page)")
        }
    }

    @Test func descriptionMustBeText() throws {
        let text = """
            organization: X
            period: "2024"
            languages:
              fr: { locale: fr-CA, title: Rapport, description: [a, b] }
              en: { locale: en-CA, title: Report, colour: red }
            """
        let outcome = Result { () throws(DiagnosticError) in
            try ReportConfigLoader.parse(text)
        }
        guard case .failure(let error) = outcome else {
            Issue.record("a list as description and an unknown language setting must be refused")
            return
        }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains("language 'fr': 'description' must be a text value"))
        #expect(messages.contains { $0.hasPrefix("unknown setting 'colour' for language 'en'") })
    }

    static func isWellFormedXML(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }
}
