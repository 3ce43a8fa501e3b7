import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// The organisation's name and the period given per language in report.yaml reach each
/// language's outputs in that language: the pages (`<title>`, `og:site_name`, the cover,
/// the footer), the chooser, report.md, the PDF's information and footer, the Word
/// document, an archive's landing pages and links between years.
@Suite struct ReportIdentityTests {
    static let identity = """
        organization:
          fr: Banque alimentaire du Grand Exemple
          en: Greater Example Food Bank
        period: { fr: exercice 2023-2024, en: fiscal year 2023-2024 }
        base_url: https://example.org/rapport/
        languages:
          fr: { locale: fr-CA, title: "Rapport d'activités" }
          en: { locale: en-CA, title: "Activity Report" }

        """

    static func project() throws -> URL {
        let project = try FixtureProjects.copy()
        try Data(identity.utf8).write(to: project.appendingPathComponent("content/report.yaml"))
        return project
    }

    static let french = "Banque alimentaire du Grand Exemple"
    static let english = "Greater Example Food Bank"

    @Test func readsOneTextOrOnePerLanguage() throws {
        let config = try ReportConfigLoader.parse(Self.identity)
        #expect(config.organization.isPerLanguage)
        #expect(config.organization.text(in: "fr") == Self.french)
        #expect(config.organization.text(in: "en") == Self.english)
        #expect(config.period.text(in: "en") == "fiscal year 2023-2024")
        #expect(config.defaultPeriod == "exercice 2023-2024")
        let one = try ReportConfigLoader.parse(
            "organization: CLES\nperiod: 2023-2024\nlanguages:\n  fr: { locale: fr-CA, title: T }\n"
                + "  en: { locale: en-CA, title: T }\n")
        #expect(!one.organization.isPerLanguage)
        #expect(one.organization.text(in: "en") == "CLES" && one.period.text(in: "fr") == "2023-2024")
    }

    @Test func eachPageSaysTheNameAndPeriodInItsLanguage() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true, write: false))
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(DiagnosticReport.text(result.diagnostics))")
        let files = try #require(result.plan?.files)
        func text(_ path: String) throws -> String { String(decoding: try #require(files[path]), as: UTF8.self) }
        for (code, own, other) in [("fr", Self.french, Self.english), ("en", Self.english, Self.french)] {
            let page = try text("\(code)/index.html")
            let period = code == "fr" ? "exercice 2023-2024" : "fiscal year 2023-2024"
            #expect(page.contains("— \(own)</title>"), "\(code)")
            #expect(page.contains("<meta property=\"og:site_name\" content=\"\(own)\">"), "\(code)")
            #expect(page.contains("<p class=\"organization\">\(own)</p>"), "\(code)")
            #expect(page.contains("<p class=\"period\">\(period)</p>"), "\(code)")
            #expect(!page.contains(other), "\(code): the other language's name")
            let markdown = try text("\(code)/report.md")
            #expect(markdown.contains("\n\n\(own) · \(period)\n\n"), "\(code)")
            #expect(!markdown.contains(other), "\(code)")
        }
        // The chooser, in the default language, gives each language's link its own name.
        let chooser = try text("index.html")
        #expect(chooser.contains("<title>\(Self.french) — exercice 2023-2024</title>"))
        #expect(chooser.contains("hreflang=\"fr\">\(Self.french) · Rapport d&#39;activités</a>"))
        #expect(chooser.contains("hreflang=\"en\">\(Self.english) · Activity Report</a>"))
    }

    /// A one-text organisation leaves the chooser's links as they were: the title alone.
    @Test func oneTextLeavesTheChooserAsItWas() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, write: false))
        let chooser = String(decoding: try #require(result.plan?.files["index.html"]), as: UTF8.self)
        #expect(chooser.contains("hreflang=\"en\">Activity Report 2023-2024</a>"))
    }

    @Test func thePDFAndTheWordDocumentSayItInTheirLanguage() throws {
        let config = try ReportConfigLoader.parse(Self.identity)
        for (code, own) in [("fr", Self.french), ("en", Self.english)] {
            let settings = ReportExport.printSettings(
                config, language: code,
                options: ReportExport.Options(projectRoot: URL(fileURLWithPath: "/"), format: .pdf))
            #expect(settings.organization == own && settings.stamp.author == own, "\(code)")
        }
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = BuildPipeline.run(
            BuildOptions(projectRoot: project, drafts: true, write: false, variants: [.word]))
        for (code, own, other) in [("fr", Self.french, Self.english), ("en", Self.english, Self.french)] {
            let bytes = try #require(try build.wordDocuments[code]?.get()).bytes
            let parts = Dictionary(
                try WordExportTests.parts(bytes).map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) },
                uniquingKeysWith: { first, _ in first })
            let core = try #require(parts["docProps/core.xml"])
            #expect(core.contains("<dc:creator>\(own)</dc:creator>"), "\(code)")
            #expect(parts["docProps/app.xml"]?.contains("<Company>\(own)</Company>") == true, "\(code)")
            #expect(parts["word/footer1.xml"]?.contains(own) == true, "\(code)")
            #expect(parts["word/document.xml"]?.contains(own) == true, "\(code)")
            #expect(!parts.values.contains { $0.contains(other) }, "\(code): the other language's name")
        }
    }

    /// In an archive, each landing page and each link between years shows the period in
    /// the page's language; the year's folder is named by the default language's period.
    @Test func anArchiveShowsEachYearsPeriodInThePagesLanguage() throws {
        let years = try FixtureProjects.copyYears()
        defer { try? FileManager.default.removeItem(at: years.deletingLastPathComponent()) }
        let yaml = years.appendingPathComponent("2023-2024/content/report.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try Data(
            text.replacingOccurrences(of: "period: 2023-2024", with: "period: { fr: 2023-2024, en: 2023–24 }").utf8
        ).write(to: yaml)
        let result = ArchiveBuild.run(root: years, strict: true, write: false)
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(DiagnosticReport.text(result.diagnostics))")
        let files = try #require(result.plan?.files)
        func page(_ path: String) throws -> String { String(decoding: try #require(files[path]), as: UTF8.self) }
        #expect(try page("en/index.html").contains("<p class=\"archive-period\">2023–24</p>"))
        #expect(try !page("fr/index.html").contains("2023–24"))
        #expect(try page("2024-2025/en/index.html").contains("← 2023–24 · "))
        #expect(try page("2024-2025/fr/index.html").contains("← 2023-2024 · "))
        #expect(files["2023-2024/en/index.html"] != nil)
    }
}
