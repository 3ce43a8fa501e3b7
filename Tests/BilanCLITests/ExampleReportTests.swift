import Foundation
import Testing

/// The main acceptance test: the CLES report in content/ builds, in both languages,
/// with its figures, and with exactly the one slip the printed report has.
@Suite struct ExampleReportTests {
    @Test func buildsBothLanguagesWithEverySection() throws {
        let output = BilanBinary.temporaryFolder().appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let run = try BilanBinary.run([
            "build", "--root", BilanBinary.packageRoot.path, "--output", output.path, "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let diagnostics = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["stated-mismatch"])
        #expect(diagnostics.first?["file"] as? String == "content/figures.yaml")

        let sections = try FileManager.default.contentsOfDirectory(
            atPath: BilanBinary.packageRoot.appendingPathComponent("content/sections").path)
        let perLanguage = sections.filter { $0.hasSuffix(".fr.md") }.count
        #expect(perLanguage >= 25)
        for language in ["fr", "en"] {
            let html = try String(contentsOf: output.appendingPathComponent("\(language)/index.html"), encoding: .utf8)
            #expect(html.components(separatedBy: "<section id=").count - 1 == perLanguage)
            #expect(html.contains("<html lang=\"\(language)\">"))
            let markdown = try String(
                contentsOf: output.appendingPathComponent("\(language)/report.md"), encoding: .utf8)
            #expect(!markdown.contains("{{"), "every figure is resolved in \(language)/report.md")
            let files = try FileManager.default.contentsOfDirectory(
                atPath: output.appendingPathComponent("\(language)/sections").path)
            #expect(files.count == perLanguage)
        }
        let french = try String(contentsOf: output.appendingPathComponent("fr/report.md"), encoding: .utf8)
        let english = try String(contentsOf: output.appendingPathComponent("en/report.md"), encoding: .utf8)
        #expect(french.contains("25\u{00A0}000\u{00A0}$"))
        #expect(english.contains("$25,000"))
        #expect(french.contains("233") && french.contains("253") && french.contains("709"))
    }

    /// Read as its publisher would print it: no other document referred to, the contact
    /// page at the back, French names marked in the English page, headings in order.
    @Test func readsAsThePublisherWouldPrintIt() throws {
        let output = BilanBinary.temporaryFolder().appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let run = try BilanBinary.run(["build", "--root", BilanBinary.packageRoot.path, "--output", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let french = try String(contentsOf: output.appendingPathComponent("fr/index.html"), encoding: .utf8)
        let english = try String(contentsOf: output.appendingPathComponent("en/index.html"), encoding: .utf8)
        for (html, words) in [
            (french, ["rapport imprimé", "services gratuits", "des proies"]),
            (
                english,
                ["printed report", "ccompaniments", "ssociative member", "active activists", "Mother Christmas"]
            ),
        ] {
            for word in words { #expect(!html.contains(word), "\(word)") }
            #expect(!html.contains("raw HTML omitted"))
            #expect(!html.contains("<h4"), "no heading skips from the section's h2 to an h4")
            #expect(html.contains("info@lacles.org") && html.contains("514") && html.contains("H2S"))
        }
        #expect(english.contains("<span lang=\"fr\">Secrétariat à la condition féminine</span> (Quebec's"))
        #expect(english.contains("<span lang=\"fr\">Un trop grand prix pour les femmes et les filles</span>"))
        let markdown = try String(contentsOf: output.appendingPathComponent("en/report.md"), encoding: .utf8)
        #expect(markdown.contains("<span lang=\"fr\">Chez Doris</span>"))
        // The contact page is the back page.
        let contact = try #require(english.range(of: "Contact us</h2>"))
        #expect(!english[contact.upperBound...].contains("<section id="))
    }
}

/// `bilan figures` on the example report: what a treasurer checks.
@Suite struct ExampleFiguresTests {
    @Test func listsEveryFigureWithBothLanguages() throws {
        let run = try BilanBinary.run(["figures", "--root", BilanBinary.packageRoot.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: figures.map { ($0["name"] as! String, $0) })
        func formatted(_ name: String) -> [String: String]? { byName[name]?["formatted"] as? [String: String] }
        #expect(formatted("membres_individuelles") == ["fr": "233", "en": "233"])
        #expect(formatted("membres_associatives") == ["fr": "53", "en": "53"])
        #expect(formatted("accompagnements_annee") == ["fr": "253", "en": "253"])
        #expect(formatted("femmes_accompagnees_annee") == ["fr": "101", "en": "101"])
        #expect(formatted("participations_formations_militantes") == ["fr": "41", "en": "41"])
        #expect(formatted("seances_formation_militantes") == ["fr": "4", "en": "4"])
        #expect(formatted("fonds_solidarite") == ["fr": "25\u{00A0}000\u{00A0}$", "en": "$25,000"])
        #expect(byName["mentions_medias"]?["status"] as? String == "mismatch")
        #expect(formatted("mentions_medias") == ["fr": "33", "en": "33"])
        #expect(byName["mentions_medias"]?["stated"] as? Int == 30)
        #expect(figures.filter { $0["status"] as? String != "ok" }.count == 1)
        #expect(run.stderr.contains("[stated-mismatch]"))
        // How many rows each aggregate used, out of its table's.
        let rows = byName["membres_individuelles"]?["rows"] as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["aggregate"] as? String == #"sum(membres.nombre where type = "individuelle")"#)
        #expect(rows?.first?["table"] as? String == "membres")
        #expect(rows?.first?["used"] as? Int == 1 && rows?.first?["of"] as? Int == 2)
        #expect((byName["part_militantes_survivantes"]?["rows"] as? [Any])?.isEmpty == true)
    }

    @Test func unknownLanguageIsABadCommandLine() throws {
        let run = try BilanBinary.run(["figures", "--root", BilanBinary.packageRoot.path, "--lang", "de"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("language 'de' is not in report.yaml"))
    }
}
