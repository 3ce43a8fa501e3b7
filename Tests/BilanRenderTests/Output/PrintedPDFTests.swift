import Testing
@testable import BilanRender

/// The PDF reader and rewriter on a small PDF written here, laid out as Chromium's Skia
/// writer lays out its files (one cross-reference table, `/Dests` in the catalog).
@Suite struct PrintedPDFTests {
    static func pdf() -> [UInt8] {
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<</Title (x)\n/CreationDate (D:20261203112710+00'00')>>",
            "<</Type /Catalog\n/Pages 3 0 R\n/Dests 6 0 R\n/Outlines 7 0 R\n/Lang (fr)>>",
            "<</Type /Pages\n/Count 2\n/Kids [4 0 R 5 0 R]>>",
            "<</Type /Page\n/Parent 3 0 R>>",
            "<</Type /Page\n/Parent 3 0 R>>",
            "<</mot-equipe [4 0 R /XYZ 0 762 0]\n/financ#C3#A9 [5 0 R /XYZ 0 300 0]>>",
            "<</First 8 0 R>>",
            "<</Title <FEFF00C9007100750069007000650020>\n/First 9 0 R>>",
            "<</Title (Bilan \\(2024\\))>>",
        ]
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let start = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            text += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        text += "trailer\n<</Size \(objects.count + 1)\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n\(start)\n%%EOF\n"
        return Array(text.utf8)
    }

    @Test func readsDestinationPagesAndOutline() throws {
        let pdf = PrintedPDF(bytes: Self.pdf())
        #expect(pdf.destinationPages() == ["mot-equipe": 1, "financé": 2])
        #expect(pdf.pageCount() == 2)
        let outline = try #require(pdf.outline())
        #expect(outline.map(\.title) == ["Équipe ", "Bilan (2024)"])
        #expect(outline.map(\.depth) == [0, 1])
    }

    @Test func stampedRewritesInfoLanguageAndOffsets() throws {
        let stamp = PrintedPDF.Stamp(title: "Rapport", author: "CLES", subject: "2023-2024", language: "fr-CA", date: 0)
        let stamped = try #require(PrintedPDF(bytes: Self.pdf()).stamped(stamp))
        let text = String(decoding: stamped, as: UTF8.self)
        #expect(text.contains("/Author (CLES)"))
        #expect(text.contains("/CreationDate (D:19700101000000+00'00')"))
        #expect(text.contains("/Lang (fr-CA)"))
        #expect(!text.contains("2026"))
        // The rewritten table still finds every object: the same pages and outline.
        let again = PrintedPDF(bytes: stamped)
        #expect(again.destinationPages() == ["mot-equipe": 1, "financé": 2])
        #expect(again.outline()?.count == 2)
        #expect(PrintedPDF(bytes: stamped).stamped(stamp) == stamped, "stamping is idempotent")
    }

    @Test func aPDFItCannotReadGivesNil() {
        #expect(PrintedPDF(bytes: Array("%PDF-1.4\nnot a pdf".utf8)).destinationPages() == nil)
        #expect(
            PrintedPDF(bytes: []).stamped(
                PrintedPDF.Stamp(title: "", author: "", subject: nil, language: "fr", date: 0)) == nil)
    }

    @Test func paperFollowsTheCountry() {
        #expect(PrintedReport.Paper.usual(forLocale: "fr-CA") == .letter)
        #expect(PrintedReport.Paper.usual(forLocale: "en-US") == .letter)
        #expect(PrintedReport.Paper.usual(forLocale: "fr-FR") == .a4)
        #expect(PrintedReport.Paper.usual(forLocale: "de") == .a4)
    }

    @Test func organizationIsACSSStringWithNothingToBreakOut() {
        #expect(PrintedReport.cssString("CLES") == "\"CLES\"")
        #expect(PrintedReport.cssString("A \"B\" </style>") == "\"A \\22 B\\22  \\3c /style\\3e \"")
    }

    @Test func contentsGetPageNumbers() {
        let html = "<nav class=\"toc\"><a href=\"#a\">A</a><a href=\"#b\">B</a></nav><a href=\"#c\">C</a>"
        #expect(PrintedReport.contentsAnchors(html) == ["a", "b"])
        #expect(
            PrintedReport.withPageNumbers(html, ["a": 3])
                == "<nav class=\"toc\"><a href=\"#a\">A</a><span class=\"toc-page\">3</span>"
                + "<a href=\"#b\">B</a><span class=\"toc-page\">00</span></nav><a href=\"#c\">C</a>")
    }
}
