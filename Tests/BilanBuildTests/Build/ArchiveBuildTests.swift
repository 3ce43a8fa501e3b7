import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanRender
@testable import BilanBuild

/// `bilan build --archive` on the three fictional years of `Tests/Fixtures/projects/years`
/// (their `archive.yaml`): every year under its period, landing pages, links between the
/// years, one sitemap, nothing written when a year fails.
@Suite struct ArchiveBuildTests {
    @Test func everyYearUnderItsPeriodWithLandingPages() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let result = ArchiveBuild.run(root: years, strict: true)
        #expect(result.wrote, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.sectionCount == 6)
        var files = FixtureProjects.contents(of: years.appendingPathComponent("output"))
        files[OutputWriter.markerName] = nil
        for year in ["2022-2023", "2023-2024", "2024-2025"] {
            for path in ["index.html", "style.css", "fr/index.html", "en/index.html", "fr/sections/010-membres.md"] {
                #expect(files["\(year)/\(path)"] != nil, "\(year)/\(path)")
            }
            #expect(files["\(year)/sitemap.xml"] == nil, "one sitemap for the whole archive")
        }
        #expect(files["sitemap.xml"] != nil)
        assertSnapshot(
            String(decoding: files["fr/index.html"]!, as: UTF8.self),
            matches: FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/archive/fr-index.html"))
        assertSnapshot(
            String(decoding: files["en/index.html"]!, as: UTF8.self),
            matches: FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/archive/en-index.html"))
        assertSnapshot(
            String(decoding: files["sitemap.xml"]!, as: UTF8.self),
            matches: FixtureProjects.sourceFixtures.appendingPathComponent("snapshots/archive/sitemap.xml"))
    }

    /// Each link between two years, and each link of a landing page, leads to a file of
    /// the archive and, with a fragment, to an element with that id; the middle year links
    /// both ways, the first and last one way.
    @Test func linksBetweenYearsResolve() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        #expect(ArchiveBuild.run(root: years).wrote)
        let output = years.appendingPathComponent("output")
        func page(_ path: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
        let middle = try page("2023-2024/fr/index.html")
        #expect(
            middle.contains(
                "<p class=\"year-link\"><a href=\"../../2022-2023/fr/index.html#membres\" rel=\"prev\">"
                    + "← 2022-2023 · Nos membres</a></p>\n"
                    + "<p class=\"year-link\"><a href=\"../../2024-2025/fr/index.html#membres\" rel=\"next\">"
                    + "2024-2025 · Nos membres →</a></p>"))
        #expect(try page("2022-2023/en/index.html").contains("rel=\"next\">2023-2024 · Our members →</a>"))
        #expect(!(try page("2022-2023/en/index.html").contains("rel=\"prev\"")))
        #expect(!(try page("2024-2025/en/index.html").contains("rel=\"next\"")))
        #expect(
            try page("2024-2025/fr/index.html").contains(
                "<link rel=\"canonical\" href=\"https://example.org/rapports/2024-2025/fr/\">"))

        let pages = FixtureProjects.contents(of: output).keys.filter { $0.hasSuffix(".html") }
        var checked = 0
        for path in pages.sorted() {
            let text = try page(path)
            let folder = URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
            for match in text.matches(of: /(?:href|src)="([^"#:]+\.(?:html|css|svg))(?:#([^"]*))?"/) {
                let target = URL(fileURLWithPath: String(match.1), relativeTo: folder).standardizedFileURL.path
                let file = output.appendingPathComponent(String(target.dropFirst()))
                #expect(FileManager.default.fileExists(atPath: file.path), "\(path): \(match.1)")
                if let fragment = match.2 {
                    let html = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                    #expect(html.contains("id=\"\(fragment)\""), "\(path): \(match.1)#\(fragment)")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test func twoArchiveBuildsAreByteIdentical() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        #expect(ArchiveBuild.run(root: years).wrote)
        let first = FixtureProjects.contents(of: years.appendingPathComponent("output"))
        #expect(ArchiveBuild.run(root: years).wrote)
        #expect(FixtureProjects.contents(of: years.appendingPathComponent("output")) == first)
    }

    /// A year with an error fails the archive with that year's diagnostics, located in its
    /// folder; the archive's last output stays as it was.
    @Test func aYearThatFailsFailsTheArchive() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        #expect(ArchiveBuild.run(root: years).wrote)
        let before = FixtureProjects.contents(of: years.appendingPathComponent("output"))
        let section = years.appendingPathComponent("2023-2024/content/sections/010-membres.en.md")
        try (try String(contentsOf: section, encoding: .utf8) + "\n{{ membres_totl }}\n").write(
            to: section, atomically: true, encoding: .utf8)
        let result = ArchiveBuild.run(root: years)
        #expect(!result.wrote)
        #expect(
            DiagnosticReport.text(result.diagnostics).hasPrefix(
                "2023-2024/content/sections/010-membres.en.md:8:1: error: unknown figure 'membres_totl'"),
            "\(DiagnosticReport.text(result.diagnostics))")
        #expect(FixtureProjects.contents(of: years.appendingPathComponent("output")) == before)
    }

    @Test func listedYearsAndTheirProblems() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let yaml = years.appendingPathComponent("archive.yaml")
        try "title: Rapports\nyears: [2022-2023, 2024-2025]\n".write(to: yaml, atomically: true, encoding: .utf8)
        let result = ArchiveBuild.run(root: years, write: false)
        #expect(result.errorCount == 0, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.plan?.files.keys.contains { $0.hasPrefix("2023-2024/") } == false)
        // Only the years listed are linked: 2022-2023 and 2024-2025 are neighbours.
        let page = String(decoding: result.plan?.files["2022-2023/fr/index.html"] ?? [], as: UTF8.self)
        #expect(page.contains("../../2024-2025/fr/index.html#membres"))

        try "title: Rapports\nyears: [2022-2023, ../ailleurs, brouillons]\nbase_url: example.org\n".write(
            to: yaml, atomically: true, encoding: .utf8)
        #expect(
            DiagnosticReport.text(ArchiveBuild.run(root: years, write: false).diagnostics) == """
                archive.yaml:2:20: error: '../ailleurs' must be a folder inside the archive's folder [invalid-config]
                archive.yaml:3:11: error: base_url must start with https:// or http:// [invalid-config]

                """)
        try "title: Rapports\nyears: [2022-2023, brouillons, 2022-2023]\n".write(
            to: yaml, atomically: true, encoding: .utf8)
        #expect(
            DiagnosticReport.text(ArchiveBuild.run(root: years, write: false).diagnostics)
                == "archive.yaml:2:20: error: 'brouillons' is not a bilan project (it has no content/report.yaml)"
                + " [invalid-config]\narchive.yaml:2:32: error: '2022-2023' and '2022-2023' have the same period"
                + " '2022-2023': each year of an archive is published under its period [invalid-config]\n")
        try FileManager.default.removeItem(at: yaml)
        #expect(
            DiagnosticReport.text(ArchiveBuild.run(root: years, write: false).diagnostics).contains(
                "archive.yaml: error: no archive.yaml: bilan build --archive builds a folder of yearly projects"))
    }

    @Test func periodsBecomeFolderNames() {
        #expect(ArchiveBuild.segment("2023-2024") == "2023-2024")
        #expect(ArchiveBuild.segment("2023–2024") == "2023-2024")
        #expect(ArchiveBuild.segment("Année 2024 / 2025") == "Annee-2024-2025")
    }
}
