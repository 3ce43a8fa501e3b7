import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender

/// A section's Markdown as WordprocessingML (``WordSection``), and the markers the
/// document puts in place.
@Suite struct WordSectionTests {
    func word(_ markdown: String, sectionLevel: Int = 1) -> WordSection {
        WordSection(CommonMarkConverter.parse(markdown), sectionLevel: sectionLevel)
    }

    @Test func textFromTheDataNeverForgesAMarkerNorBreaksTheXML() {
        #expect(WordXML.escape("a\u{1}0\u{1} <b> & \"c\"\u{0}\u{FFFE}\tz") == "a0 &lt;b&gt; &amp; &quot;c&quot;\tz")
        let section = word("Un \u{1}0\u{1} texte")
        #expect(!section.xml.contains("\u{1}0\u{1}"))
        #expect(section.references.isEmpty)
    }

    @Test func markersAreReplacedByTheDocumentsValues() {
        let section = word("[site](https://example.org) et [membres](bilan-section:020-membres)")
        #expect(section.references == [.hyperlink("https://example.org"), .section(key: "020-membres")])
        let xml = WordDocumentWriter.replaceMarkers(in: section.xml, with: ["rId9", "_bilan_s2"], language: "fr-CA")
        #expect(xml.contains("<w:hyperlink r:id=\"rId9\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/>"))
        #expect(xml.contains("<w:hyperlink w:anchor=\"_bilan_s2\" w:history=\"1\">"))
        #expect(xml.contains("<w:lang w:val=\"fr-CA\"/>"))
        #expect(!xml.contains("\u{1}"))
    }

    @Test func headingsSitBelowTheSectionsTitle() {
        func heading(_ level: Int, _ text: String) -> String {
            "Heading\(level)\"/></w:pPr><w:r><w:rPr><w:lang w:val=\"\u{1}L\u{1}\"/></w:rPr>"
                + "<w:t xml:space=\"preserve\">\(text)"
        }
        let inPart = word("### Sous-titre\n\n#### Plus bas\n\n## Même niveau", sectionLevel: 2).xml
        #expect(inPart.contains(heading(3, "Sous-titre")))
        #expect(inPart.contains(heading(4, "Plus bas")))
        #expect(inPart.contains(heading(3, "Même niveau")))
        #expect(word("### Sous-titre").xml.contains(heading(2, "Sous-titre")))
    }

    @Test func listsNumberAndNestWithoutRecursion() {
        let section = word("3. trois\n4. quatre\n   - puce\n\n   suite\n")
        #expect(section.references == [.numbering(start: 3)])
        #expect(section.xml.contains("<w:pStyle w:val=\"ListNumber\"/><w:numPr><w:ilvl w:val=\"0\"/>"))
        #expect(
            section.xml.contains("<w:pStyle w:val=\"ListBullet\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/>")
        )
        #expect(section.xml.contains("<w:pStyle w:val=\"ListContinue\"/>"))
        // 20,000 nested quotes: one paragraph, no deep recursion.
        let deep = word(String(repeating: "> ", count: 20_000) + "fond")
        #expect(deep.xml.hasPrefix("<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr>"))
    }
}
