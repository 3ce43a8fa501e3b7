import Foundation
import Testing

/// `bilan build` with a `base_url`: the sitemap is dated only by `SOURCE_DATE_EPOCH`.
@Suite struct PublishingCommandTests {
    static func project() throws -> URL {
        var files = CommandLineTests.minimalProject
        files["content/report.yaml"] = """
            organization: Test
            period: 2024
            base_url: https://example.org/rapport
            languages:
              fr: { locale: fr-CA, title: Rapport, description: "Le rapport." }
              en: { locale: en-CA, title: Report }
            """
        return try BilanBinary.project(files)
    }

    @Test func sourceDateEpochDatesTheSitemapAndNothingElseDoes() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        let sitemap = project.appendingPathComponent("output/sitemap.xml")

        let undated = try BilanBinary.run(["build", "--root", project.path, "--quiet"])
        #expect(undated.status == 0, "\(undated.stderr)")
        let first = try String(contentsOf: sitemap, encoding: .utf8)
        #expect(first.contains("<loc>https://example.org/rapport/fr/</loc>"))
        #expect(!first.contains("<lastmod>"))
        #expect(try BilanBinary.run(["build", "--root", project.path, "--quiet"]).status == 0)
        #expect(try String(contentsOf: sitemap, encoding: .utf8) == first, "two builds, one sitemap")

        let dated = try BilanBinary.run(
            ["build", "--root", project.path, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1735689600"])
        #expect(dated.status == 0, "\(dated.stderr)")
        let text = try String(contentsOf: sitemap, encoding: .utf8)
        #expect(text.components(separatedBy: "<lastmod>2025-01-01</lastmod>").count - 1 == 3)

        let page = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/rapport/fr/\">"))
        #expect(page.contains("<meta name=\"description\" content=\"Le rapport.\">"))
        let english = try String(contentsOf: project.appendingPathComponent("output/en/index.html"), encoding: .utf8)
        #expect(!english.contains("name=\"description\""), "no description, no tag")
    }

    @Test func aMalformedSourceDateEpochIsSaidAndIgnored() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(
            ["build", "--root", project.path, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("SOURCE_DATE_EPOCH 'yesterday'"))
        let text = try String(contentsOf: project.appendingPathComponent("output/sitemap.xml"), encoding: .utf8)
        #expect(!text.contains("<lastmod>"))
    }
}
