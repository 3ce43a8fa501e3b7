public import Foundation
public import BilanBase
public import BilanInputs
import BilanContent

/// One language's report as a Word document (`.docx`), and what it had to leave out.
public struct WordDocument: Sendable {
    /// The zipped package.
    public var bytes: [UInt8]
    public var notes: [SingleFileExport.Note]
}

/// Writes one language's report as a WordprocessingML package from its sections rendered
/// in the `.word` variant (``WordSection``): a title page, a table of contents field
/// filled with the parts and sections, each part and section under Word's heading
/// styles with a bookmark, the sections' paragraphs, tables, key figures, native charts
/// and pictures, and a footer with the organisation and the page number.
///
/// Every part is written in a fixed order from the sections alone, and zipped with
/// fixed dates (``WordPackage``): the same report gives the same bytes.
package struct WordDocumentWriter {
    package var config: ReportConfig
    package var language: ReportLanguage
    package var strings: InterfaceStrings
    package var sections: [RenderedSection]
    /// Where the pictures are read from.
    package var projectRoot: URL
    /// The period under the title, or nil when the title says it already.
    package var coverPeriod: String?
    /// The photos' copies embedded instead of their originals (project path → bytes):
    /// the 960-pixel copy the single file shows.
    package var pictureCopies: [String: [UInt8]] = [:]

    /// The language tag Word's spell checker reads (`fr-CA`).
    package var languageTag: String { Self.languageTag(language.locale) }

    package static func languageTag(_ locale: String) -> String {
        locale.replacingOccurrences(of: "_", with: "-")
    }

    /// Letter for Canada and the United States, A4 elsewhere (twentieths of a point).
    package var pageSize: (width: Int, height: Int) {
        let region = languageTag.split(separator: "-").last.map(String.init)?.uppercased() ?? ""
        return ["CA", "US"].contains(region) ? (12240, 15840) : (11906, 16838)
    }

    private struct Numbering {
        var relationships: [(id: String, type: String, target: String, external: Bool)] = []
        var media: [String: (id: String, size: (Int, Int))?] = [:]
        var mediaParts: [(name: String, bytes: [UInt8])] = []
        var charts: [String] = []
        var orderedStarts: [Int] = []
        var drawings = 0
        var notes: [SingleFileExport.Note] = []

        mutating func relationship(_ type: String, _ target: String, external: Bool = false) -> String {
            let id = "rId\(relationships.count + 5)"
            relationships.append((id, WordStyles.officeRelationship + type, target, external))
            return id
        }
    }

    package func document() -> Result<WordDocument, Diagnostic> {
        let tag = languageTag
        var numbering = Numbering()
        // Bookmarks: each part's and each section's heading, in report order.
        var bookmarks: [String: String] = [:]
        var body = ""
        body += WordBlocks.paragraph(language.title, style: "Title", language: tag)
        body += WordBlocks.paragraph(organization, style: "Subtitle", language: tag)
        if let coverPeriod { body += WordBlocks.paragraph(coverPeriod, style: "Subtitle", language: tag) }

        // Headings first, so that the table of contents and the links know their bookmarks.
        struct Heading {
            var text: String
            var level: Int
            var bookmark: String
            var id: Int
        }
        var headings: [Heading] = []
        var partHeading: [Int: Heading] = [:]
        var sectionHeading: [Int: Heading] = [:]
        var lastPart: String?
        for (index, rendered) in sections.enumerated() {
            let section = rendered.section
            if let part = section.part, part != lastPart {
                let heading = Heading(text: part, level: 1, bookmark: "_bilan_p\(index + 1)", id: headings.count + 1)
                headings.append(heading)
                partHeading[index] = heading
            }
            lastPart = section.part
            let heading = Heading(
                text: section.title, level: section.part == nil ? 1 : 2, bookmark: "_bilan_s\(index + 1)",
                id: headings.count + 1)
            headings.append(heading)
            sectionHeading[index] = heading
            if bookmarks[section.key] == nil { bookmarks[section.key] = heading.bookmark }
        }

        body += WordBlocks.paragraph(
            strings.text(.contents, language: language.code), style: "TOCHeading", language: tag)
        body += tableOfContents(headings.map { ($0.text, $0.level, $0.bookmark) }, language: tag)
        body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"

        for (index, rendered) in sections.enumerated() {
            if let heading = partHeading[index] {
                body += WordBlocks.paragraph(
                    heading.text, style: "Heading1", language: tag, bookmark: (heading.id, heading.bookmark))
            }
            let heading = sectionHeading[index]!
            body += WordBlocks.paragraph(
                heading.text, style: "Heading\(heading.level)", language: tag, bookmark: (heading.id, heading.bookmark))
            if rendered.section.status == .draft {
                body += WordBlocks.paragraph(
                    strings.text(.draft, language: language.code), style: "DraftBanner", language: tag)
            }
            guard let word = rendered.word else { continue }
            body += resolve(word, bookmarks: bookmarks, numbering: &numbering, section: rendered.section)
        }
        let (width, height) = pageSize
        body +=
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
            + "<w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
            + "w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>"

        var package = WordPackage()
        let pictureTypes = Set(numbering.mediaParts.map { ($0.name as NSString).pathExtension }).sorted()
        package.add(
            "[Content_Types].xml",
            WordStyles.contentTypes(
                charts: numbering.charts.count,
                pictureTypes: pictureTypes.map { ($0, MediaTypes.type(ofPath: "picture." + $0)) }))
        package.add(
            "_rels/.rels",
            WordStyles.relationships([
                ("rId1", WordStyles.officeRelationship + "officeDocument", "word/document.xml", false),
                (
                    "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml", false
                ),
                ("rId3", WordStyles.officeRelationship + "extended-properties", "docProps/app.xml", false),
            ]))
        package.add("docProps/core.xml", coreProperties())
        package.add(
            "docProps/app.xml",
            WordXML.declaration
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>bilan</Application><Company>\(WordXML.escape(organization))</Company>"
                + "</Properties>"
        )
        package.add(
            "word/document.xml",
            WordXML.declaration + "<w:document \(WordStyles.documentNamespaces)><w:body>" + body
                + "</w:body></w:document>")
        package.add(
            "word/_rels/document.xml.rels",
            WordStyles.relationships(
                [
                    ("rId1", WordStyles.officeRelationship + "styles", "styles.xml", false),
                    ("rId2", WordStyles.officeRelationship + "numbering", "numbering.xml", false),
                    ("rId3", WordStyles.officeRelationship + "settings", "settings.xml", false),
                    ("rId4", WordStyles.officeRelationship + "footer", "footer1.xml", false),
                ] + numbering.relationships))
        package.add("word/styles.xml", WordStyles.styles(language: tag))
        package.add("word/numbering.xml", WordStyles.numbering(starts: numbering.orderedStarts))
        package.add("word/settings.xml", WordStyles.settings(language: tag))
        package.add("word/footer1.xml", footer(language: tag))
        for (index, chart) in numbering.charts.enumerated() { package.add("word/charts/chart\(index + 1).xml", chart) }
        for part in numbering.mediaParts { package.add(part.name, bytes: part.bytes) }
        switch package.zipped() {
        case .success(let bytes): return .success(WordDocument(bytes: bytes, notes: numbering.notes))
        case .failure(let error):
            return .failure(
                .error(
                    .outputRefused, "the Word document could not be zipped: \(error)",
                    at: SourceLocation(file: ReportConfigLoader.path)))
        }
    }

    // MARK: - Pieces

    /// A `TOC` field over headings 1 to 3, its result filled with the parts and sections
    /// (linked to their bookmarks); Word adds the page numbers when the table is updated.
    private func tableOfContents(_ entries: [(text: String, level: Int, bookmark: String)], language: String) -> String
    {
        let begin =
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o "
            + "\"1-3\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        guard !entries.isEmpty else { return "<w:p>\(begin)\(end)</w:p>" }
        var xml = ""
        for (index, entry) in entries.enumerated() {
            xml +=
                "<w:p><w:pPr><w:pStyle w:val=\"TOC\(entry.level)\"/></w:pPr>" + (index == 0 ? begin : "")
                + "<w:hyperlink w:anchor=\"\(entry.bookmark)\" w:history=\"1\"><w:r><w:rPr>"
                + "<w:lang w:val=\"\(language)\"/>"
                + "</w:rPr><w:t xml:space=\"preserve\">\(WordXML.escape(entry.text))</w:t></w:r></w:hyperlink>"
                + (index == entries.count - 1 ? end : "") + "</w:p>"
        }
        return xml
    }

    /// The organisation's name in the document's language.
    private var organization: String { config.organization.text(in: language.code) }

    private func coreProperties() -> String {
        WordXML.declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
            + "<dc:title>\(WordXML.escape(language.title))</dc:title>"
            + "<dc:subject>\(WordXML.escape(config.period.text(in: language.code)))</dc:subject>"
            + "<dc:creator>\(WordXML.escape(organization))</dc:creator>"
            + "<dc:language>\(WordXML.escape(languageTag))</dc:language></cp:coreProperties>"
    }

    private func footer(language: String) -> String {
        func text(_ value: String) -> String {
            "<w:r><w:rPr><w:lang w:val=\"\(language)\"/></w:rPr><w:t xml:space=\"preserve\">"
                + "\(WordXML.escape(value))</w:t></w:r>"
        }
        return WordXML.declaration
            + "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\(text(organization + " \u{2014} "))"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE "
            + "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\(text("1"))"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>"
    }

    /// A section's XML with each of its markers in place.
    private func resolve(
        _ word: WordSection, bookmarks: [String: String], numbering: inout Numbering, section: Section
    ) -> String {
        var replacements: [String] = []
        for reference in word.references {
            switch reference {
            case .hyperlink(let url):
                replacements.append(numbering.relationship("hyperlink", url, external: true))
            case .section(let key):
                replacements.append(bookmarks[key] ?? "")
            case .fileLink(let path):
                numbering.notes.append(
                    .init(
                        reference: path,
                        reason: "a Word document cannot carry the files it links to; the link's text is kept"))
                replacements.append("")
            case .numbering(let start):
                numbering.orderedStarts.append(start)
                replacements.append(String(numbering.orderedStarts.count + 1))
            case .chart(let model):
                numbering.charts.append(WordChart.part(model, language: languageTag))
                let id = numbering.relationship("chart", "charts/chart\(numbering.charts.count).xml")
                numbering.drawings += 1
                replacements.append(chartDrawing(model, relationship: id, drawing: numbering.drawings))
            case .image(let path, let alt):
                replacements.append(picture(path, alt: alt, numbering: &numbering))
            }
        }
        return Self.replaceMarkers(in: word.xml, with: replacements, language: languageTag)
    }

    /// `xml` with each marker ``WordSection/marker(_:)`` replaced by its entry, and the
    /// language marker by `language`.
    package static func replaceMarkers(in xml: String, with replacements: [String], language: String) -> String {
        var result = ""
        result.reserveCapacity(xml.utf8.count)
        var pieces = xml.split(separator: "\u{1}", omittingEmptySubsequences: false).makeIterator()
        result += pieces.next() ?? ""
        while let number = pieces.next() {
            if number == "L" {
                result += language
            } else if let index = Int(number), replacements.indices.contains(index) {
                result += replacements[index]
            }
            result += pieces.next() ?? ""
        }
        return result
    }

    private func chartDrawing(_ model: ChartModel, relationship: String, drawing: Int) -> String {
        let width = 5_486_400
        let rows = model.kind == .bar ? model.categories.count * max(model.series.count, 1) : 0
        let height = model.kind == .bar ? min(max(3_200_400, 1_000_000 + rows * 300_000), 7_315_200) : 3_200_400
        return
            "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" "
            + "cy=\"\(height)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"\(drawing)\" "
            + "name=\"\(WordXML.escape(model.id))\" descr=\"\(WordXML.escape(ChartSummary.sentence(for: model)))\" "
            + "title=\"\(WordXML.escape(model.title))\"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
            + "uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart r:id=\"\(relationship)\"/>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    }

    /// The bytes of a project file that is not a photo with a copy (a GIF, an SVG…).
    private func original(_ path: String) -> [UInt8]? {
        let file = projectRoot.appendingPathComponent(path).path
        guard case .success(let opened) = RegularFile.open(file, as: path),
            case .success(let bytes) = opened.readAll(as: path)
        else { return nil }
        return bytes
    }

    /// A picture's drawing, or its alt text when the file cannot go in a Word document.
    private func picture(_ path: String, alt: String, numbering: inout Numbering) -> String {
        let altText = "<w:t xml:space=\"preserve\">\(WordXML.escape(alt))</w:t>"
        if numbering.media[path] == nil {
            numbering.media[path] = .some(nil)
            let ext = (path as NSString).pathExtension.lowercased()
            let normalized = ext == "jpg" ? "jpeg" : ext
            guard ["png", "jpeg", "gif"].contains(normalized) else {
                numbering.notes.append(
                    .init(
                        reference: path,
                        reason: "a .\(ext) picture cannot go in a Word document (PNG, JPEG or GIF can); its alt text "
                            + "stands in its place"))
                return altText
            }
            guard let bytes = pictureCopies[path] ?? original(path), let size = PictureSize.pixels(bytes) else {
                numbering.notes.append(
                    .init(reference: path, reason: "could not be read; its alt text stands in its place"))
                return altText
            }
            let name = "media/image\(numbering.mediaParts.count + 1).\(normalized)"
            numbering.mediaParts.append(("word/" + name, bytes))
            numbering.media[path] = (numbering.relationship("image", name), size)
        }
        guard case .some(.some(let media)) = numbering.media[path] else { return altText }
        numbering.drawings += 1
        // 96 pixels to the inch, and no wider than the text.
        var width = media.size.0 * 9525
        var height = media.size.1 * 9525
        if width > 5_943_600 {
            height = height * 5_943_600 / width
            width = 5_943_600
        }
        let drawing = numbering.drawings
        return
            "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" "
            + "cy=\"\(height)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"\(drawing)\" "
            + "name=\"Picture \(drawing)\" descr=\"\(WordXML.escape(alt))\"/><wp:cNvGraphicFramePr>"
            + "<a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData "
            + "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr>"
            + "<pic:cNvPr id=\"\(drawing)\" name=\"\(WordXML.escape((path as NSString).lastPathComponent))\" "
            + "descr=\"\(WordXML.escape(alt))\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip "
            + "r:embed=\"\(media.id)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
            + "<a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(width)\" cy=\"\(height)\"/></a:xfrm><a:prstGeom prst=\"rect\">"
            + "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    }
}

/// A PNG's, JPEG's or GIF's size in pixels, read from its header.
package enum PictureSize {
    package static func pixels(_ bytes: [UInt8]) -> (Int, Int)? {
        func big(_ at: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 << 8 | Int(bytes[at + $1]) }
        }
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return positive(big(16, 4), big(20, 4))
        }
        if bytes.count >= 10, bytes.starts(with: Array("GIF".utf8)) {
            return positive(Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        }
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 8 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            let length = big(index + 2, 2)
            // Start-of-frame markers (but DHT, JPG and DAC) hold the size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return positive(big(index + 7, 2), big(index + 5, 2))
            }
            index += 2 + length
        }
        return nil
    }

    private static func positive(_ width: Int, _ height: Int) -> (Int, Int)? {
        width > 0 && height > 0 && width < 100_000 && height < 100_000 ? (width, height) : nil
    }
}
