import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs

@Suite struct SectionLoaderTests {
    let config = try! ReportConfigLoader.parse(
        """
        organization: X
        period: 2024
        languages:
          fr: { locale: fr-CA, title: Rapport }
          en: { locale: en-CA, title: Report }
        """)

    @Test func readsFrontMatterAndBody() throws {
        let section = try SectionLoader.parse(
            fileName: "020-membres.fr.md",
            text: "---\r\ntitle: Membres\r\nstatus: draft\r\npart: Soutien\r\nweight: 5\r\n---\r\nCorps\r\n",
            config: config
        )
        #expect(section.key == "020-membres")
        #expect(section.slug == "membres")
        #expect(section.language == "fr")
        #expect(section.title == "Membres")
        #expect(section.status == .draft)
        #expect(section.part == "Soutien")
        #expect(section.order == 5)
        #expect(section.body == "Corps\n")
        #expect(section.bodyFirstLine == 7)
    }

    @Test func contentHashIsTheFirstEightHexDigitsOfTheBodysSHA256() throws {
        let section = try SectionLoader.parse(fileName: "010-a.fr.md", text: "---\ntitle: A\n---\nabc", config: config)
        // SHA-256("abc") = ba7816bf…
        #expect(section.contentHash == "ba7816bf")
        let crlf = try SectionLoader.parse(
            fileName: "010-a.fr.md", text: "---\r\ntitle: A\r\n---\r\nabc", config: config)
        #expect(crlf.contentHash == "ba7816bf")
    }

    @Test func badNamesAndValuesAreLocated() {
        func codes(_ name: String, _ text: String) -> [String] {
            let outcome = Result { () throws(DiagnosticError) in
                try SectionLoader.parse(fileName: name, text: text, config: config)
            }
            switch outcome {
            case .success: return []
            case .failure(let error): return error.diagnostics.map { "\($0.location.line ?? 0):\($0.code)" }
            }
        }
        #expect(codes("membres.fr.md", "---\ntitle: A\n---\n") == ["0:invalid-section-name"])
        #expect(codes("010-a.de.md", "---\ntitle: A\n---\n") == ["0:unknown-language"])
        #expect(codes("010-a.fr.md", "---\ntitle: A\nstatus: done\n---\n") == ["3:front-matter"])
        #expect(codes("010-a.fr.md", "---\ntitle: A\nweight: heavy\n---\n") == ["3:front-matter"])
        #expect(codes("010-a.fr.md", "---\ntitle: A\ntranslation_of: xyz\n---\n") == ["3:front-matter"])
        #expect(codes("010-a.fr.md", "---\n- a\n- b\n---\n") == ["1:front-matter"])
    }
}
