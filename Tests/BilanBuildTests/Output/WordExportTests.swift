import BilanTestSupport
import Foundation
import Testing
import ZIPFoundation
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// The Word document of `bilan export --docx`, read back: a well-formed package, Word's
/// styles, native charts with the page's numbers, pictures, byte-identical output.
///
/// The fixture is the valid project (parts, a draft, key figures, tables, a column and a
/// donut chart) with `projects/word` laid over it: a section with emphasis, links, nested
/// lists, a quote, code, a PNG picture and a break.
@Suite struct WordExportTests {
    static let overlay = FixtureFiles.url("projects/word")

    /// The parts of a package, by name, in the zip's order.
    static func parts(_ bytes: [UInt8]) throws -> [(name: String, bytes: [UInt8])] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var parts: [(String, [UInt8])] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            parts.append((entry.path, Array(data)))
        }
        return parts
    }

    /// Every start tag of an XML part, through bilan's own XML parser (which throws on
    /// anything not well formed).
    static func startTags(_ bytes: [UInt8]) throws -> [XMLStartTag] {
        var parser = XMLPullParser(bytes: bytes, maxDepth: 256)
        var tags: [XMLStartTag] = []
        while let event = try parser.next() {
            if case .start(let tag) = event { tags.append(tag) }
        }
        return tags
    }

    static func document(drafts: Bool = true) throws -> (project: URL, bytes: [UInt8]) {
        let project = try FixtureProjects.copy(overlay: overlay)
        let build = BuildPipeline.run(
            BuildOptions(projectRoot: project, drafts: drafts, write: false, variants: [.word]))
        #expect(!build.diagnostics.contains { $0.severity == .error }, "\(build.diagnostics)")
        let document = try #require(try build.wordDocuments["fr"]?.get())
        return (project, document.bytes)
    }

    @Test func thePackageIsWellFormedAndConsistent() throws {
        let (project, bytes) = try Self.document()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let parts = try Self.parts(bytes)
        let names = Set(parts.map(\.name))
        #expect(parts.first?.name == "[Content_Types].xml")
        // Every XML part parses.
        var tags: [String: [XMLStartTag]] = [:]
        for part in parts where part.name.hasSuffix(".xml") || part.name.hasSuffix(".rels") {
            tags[part.name] = try Self.startTags(part.bytes)
        }
        // Content types: every part has one, every override names a part.
        let types = try #require(tags["[Content_Types].xml"])
        let defaults = Set(types.filter { $0.localName == "Default" }.compactMap { $0.attribute("Extension") })
        let overrides = Set(types.filter { $0.localName == "Override" }.compactMap { $0.attribute("PartName") })
        for name in names where name != "[Content_Types].xml" {
            let ext = name.split(separator: ".").last.map(String.init) ?? ""
            #expect(overrides.contains("/" + name) || defaults.contains(ext), "\(name) has no content type")
        }
        for override in overrides { #expect(names.contains(String(override.dropFirst())), "\(override) is missing") }
        // Relationships: every internal target exists, every id a part uses is defined.
        for (name, partTags) in tags where name.hasSuffix(".rels") {
            let folder = name.replacingOccurrences(of: "_rels/", with: "").replacingOccurrences(of: ".rels", with: "")
            let base = (folder as NSString).deletingLastPathComponent
            var ids: Set<String> = []
            for relationship in partTags where relationship.localName == "Relationship" {
                let id = try #require(relationship.attribute("Id"))
                #expect(!ids.contains(id), "\(name): \(id) twice")
                ids.insert(id)
                guard relationship.attribute("TargetMode") != "External" else { continue }
                let target = try #require(relationship.attribute("Target"))
                let path = base.isEmpty ? target : base + "/" + target
                #expect(names.contains(path), "\(name): \(target) is not in the package")
            }
            guard let source = tags[folder] else {
                #expect(folder.isEmpty, "\(name) is for no part")
                continue
            }
            for tag in source {
                for attribute in tag.attributes where attribute.name == "r:id" || attribute.name == "r:embed" {
                    #expect(ids.contains(attribute.value), "\(folder): \(attribute.value) is not a relationship")
                }
            }
        }
        let document = try #require(tags["word/document.xml"])
        // The drawings' ids are unique; every chart and picture has its alt text.
        let drawings = document.filter { $0.name == "wp:docPr" }
        #expect(Set(drawings.compactMap { $0.attribute("id") }).count == drawings.count)
        #expect(drawings.count == 3)
        for drawing in drawings { #expect(!(drawing.attribute("descr") ?? "").isEmpty) }
        #expect(names.contains("word/charts/chart1.xml") && names.contains("word/charts/chart2.xml"))
        #expect(names.contains("word/media/image1.png"))
        // The bookmarks the links and the table of contents point at exist.
        let bookmarks = Set(document.filter { $0.name == "w:bookmarkStart" }.compactMap { $0.attribute("w:name") })
        for link in document where link.name == "w:hyperlink" {
            if let anchor = link.attribute("w:anchor") { #expect(bookmarks.contains(anchor), "\(anchor)") }
        }
        // Every paragraph and character style used is defined.
        let styles = try #require(tags["word/styles.xml"])
        let defined = Set(styles.filter { $0.name == "w:style" }.compactMap { $0.attribute("w:styleId") })
        for tag in document where ["w:pStyle", "w:rStyle", "w:tblStyle"].contains(tag.name) {
            #expect(defined.contains(tag.attribute("w:val") ?? ""), "\(tag.attribute("w:val") ?? "")")
        }
        // Core properties: the title, the organisation, the language.
        let core = String(decoding: parts.first { $0.name == "docProps/core.xml" }!.bytes, as: UTF8.self)
        #expect(core.contains("<dc:title>Rapport d'activités 2023-2024</dc:title>"))
        #expect(core.contains("<dc:creator>Groupe Exemple</dc:creator>"))
        #expect(core.contains("<dc:language>fr-CA</dc:language>"))
    }

    @Test func theDocumentUsesWordsStylesAndTheLanguage() throws {
        let (project, bytes) = try Self.document()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let parts = try Self.parts(bytes)
        let xml = String(decoding: parts.first { $0.name == "word/document.xml" }!.bytes, as: UTF8.self)
        let styles = String(decoding: parts.first { $0.name == "word/styles.xml" }!.bytes, as: UTF8.self)
        for (id, name) in [
            ("Title", "Title"), ("Heading1", "heading 1"), ("Heading2", "heading 2"), ("Heading3", "heading 3"),
            ("ListBullet", "List Bullet"), ("ListNumber", "List Number"), ("Caption", "caption"),
            ("TableGrid", "Table Grid"), ("Quote", "Quote"), ("TOCHeading", "TOC Heading"),
        ] {
            #expect(styles.contains("w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"), "\(id)")
        }
        #expect(styles.contains("<w:lang w:val=\"fr-CA\""))
        #expect(xml.contains("<w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText>"))
        // The part is a heading 1, its sections headings 2, their own ### headings 3.
        #expect(xml.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:bookmarkStart"))
        #expect(
            xml.contains(
                "<w:pStyle w:val=\"Heading3\"/></w:pPr><w:r><w:rPr><w:lang w:val=\"fr-CA\"/></w:rPr>"
                    + "<w:t xml:space=\"preserve\">En chiffres"))
        #expect(xml.contains("<w:tblHeader/>"))
        #expect(xml.contains("<w:jc w:val=\"right\"/>"))
        #expect(xml.contains("<w:pStyle w:val=\"DraftBanner\"/>"))
        #expect(xml.contains("Une citation &amp; ses « guillemets »."))
        #expect(!xml.contains("w:val=\"fr\""))
        let rels = String(decoding: parts.first { $0.name == "word/_rels/document.xml.rels" }!.bytes, as: UTF8.self)
        #expect(rels.contains("Target=\"https://example.org/cles?a=1&amp;b=2\" TargetMode=\"External\""))
    }

    /// Each chart part carries the numbers the page's chart was drawn from: its
    /// categories, series and values, which the page shows in the table under the SVG.
    @Test func eachChartCarriesTheNumbersOfTheSVGChart() throws {
        let (project, bytes) = try Self.document()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let site = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true, write: false))
        let page = String(decoding: try #require(site.plan?.files["fr/index.html"]), as: UTF8.self)
        let parts = try Self.parts(bytes)
        let formatter = FigureFormatter(localeIdentifier: "fr-CA")
        for (index, id) in ["chart-020-membres-1", "chart-membres-par-type"].enumerated() {
            let chart = try #require(parts.first { $0.name == "word/charts/chart\(index + 1).xml" })
            // The page's table of the chart's values, in the chart's figure.
            let figure = try #require(page.range(of: "<figure class=\"chart\" id=\"\(id)\">"))
            let end = try #require(page.range(of: "</figure>", range: figure.upperBound..<page.endIndex))
            let table = String(page[figure.upperBound..<end.lowerBound])
            #expect(table.contains("<svg"))
            var cells: [String] = []
            for match in table.matches(of: try Regex(#"<t[hd][^>]*>([^<]*)</t[hd]>"#)) {
                cells.append(String(match.output[1].substring ?? ""))
            }
            // Categories, series names and values from the chart part, in the same order.
            var series: [(name: String, values: [Int: String])] = []
            var categories: [Int: String] = [:]
            var context = ""
            var inValue = false
            var point = 0
            var parser = XMLPullParser(bytes: chart.bytes, maxDepth: 64)
            while let event = try parser.next() {
                switch event {
                case .start(let tag):
                    if ["c:tx", "c:cat", "c:val"].contains(tag.name) { context = tag.name }
                    if tag.name == "c:ser" { series.append(("", [:])) }
                    if tag.name == "c:pt" { point = Int(tag.attribute("idx") ?? "") ?? -1 }
                    inValue = tag.name == "c:v"
                case .end: inValue = false
                case .text(let text) where inValue:
                    switch context {
                    case "c:tx": series[series.count - 1].name += text
                    case "c:cat" where series.count == 1: categories[point, default: ""] += text
                    case "c:val":
                        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                        series[series.count - 1].values[point] = formatter.format(value, as: .default)
                    default: break
                    }
                default: break
                }
            }
            let columns = series.count + 1
            #expect(cells.count == columns * (categories.count + 1), "\(id): \(cells)")
            #expect(Array(cells.dropFirst().prefix(series.count)) == series.map(\.name), "\(id)")
            for row in 0..<categories.count {
                let rowCells = Array(cells[(columns * (row + 1))..<(columns * (row + 2))])
                #expect(rowCells[0] == categories[row], "\(id) row \(row)")
                for (column, one) in series.enumerated() {
                    #expect(rowCells[column + 1] == (one.values[row] ?? ""), "\(id) row \(row) \(one.name)")
                }
            }
        }
    }

    @Test func twoExportsAreByteIdentical() throws {
        let (project, first) = try Self.document()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let again = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true, write: false, variants: [.word]))
        #expect(try again.wordDocuments["fr"]?.get().bytes == first)
    }

    @Test func documentXMLSnapshot() throws {
        let (project, bytes) = try Self.document()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let parts = try Self.parts(bytes)
        let xml = String(decoding: parts.first { $0.name == "word/document.xml" }!.bytes, as: UTF8.self)
        // One element a line, so that a change reads as a diff.
        let lines = xml.replacingOccurrences(of: "><w:p>", with: ">\n<w:p>")
            .replacingOccurrences(of: "><w:tbl>", with: ">\n<w:tbl>")
            .replacingOccurrences(of: "><w:tr>", with: ">\n<w:tr>")
        assertSnapshot(lines + "\n", matches: FixtureFiles.url("snapshots/word/document.fr.xml"))
        let chart = String(decoding: parts.first { $0.name == "word/charts/chart2.xml" }!.bytes, as: UTF8.self)
        assertSnapshot(
            chart.replacingOccurrences(of: "><c:", with: ">\n<c:") + "\n",
            matches: FixtureFiles.url("snapshots/word/chart-donut.fr.xml"))
    }

    /// A picture Word cannot hold (SVG) and a link to a project file leave their text,
    /// and say so; data text that is not XML never breaks a part.
    @Test func whatWordCannotHoldIsNoted() throws {
        let project = try FixtureProjects.copy(overlay: Self.overlay)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try Data("%PDF-1.4 fake".utf8).write(to: project.appendingPathComponent("content/assets/rapport.pdf"))
        try Data(
            """
            ---
            title: "Liens <b> & co"
            ---
            Le [rapport](../assets/rapport.pdf) et ![le logo](../assets/logo.svg).
            """.utf8
        ).write(to: project.appendingPathComponent("content/sections/050-liens.fr.md"))
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false, variants: [.word]))
        let document = try #require(try build.wordDocuments["fr"]?.get())
        let notes = document.notes.map(\.reference)
        #expect(notes.contains("content/assets/rapport.pdf") && notes.contains("content/assets/logo.svg"))
        let parts = try Self.parts(document.bytes)
        for part in parts where part.name.hasSuffix(".xml") { _ = try Self.startTags(part.bytes) }
        let xml = String(decoding: parts.first { $0.name == "word/document.xml" }!.bytes, as: UTF8.self)
        #expect(xml.contains(">le logo</w:t>"))
        #expect(xml.contains(">rapport</w:t>"))
        #expect(xml.contains(">Liens &lt;b&gt; &amp; co</w:t>"))
    }

    @Test func picturesSizesAreReadFromTheirHeaders() {
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + [0, 0, 1, 0, 0, 0, 0, 0x80]
        #expect(PictureSize.pixels(png).map { [$0.0, $0.1] } == [256, 128])
        let gif = Array("GIF89a".utf8) + [0x10, 0x00, 0x08, 0x00]
        #expect(PictureSize.pixels(gif).map { [$0.0, $0.1] } == [16, 8])
        let jpeg: [UInt8] = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0, 0, 0xFF, 0xC0, 0x00, 0x11, 8, 0x00, 0x20, 0x00, 0x40, 3,
        ]
        #expect(PictureSize.pixels(jpeg).map { [$0.0, $0.1] } == [64, 32])
        #expect(PictureSize.pixels(Array("not a picture".utf8)) == nil)
        #expect(PictureSize.pixels([0xFF, 0xD8, 0xFF]) == nil)
    }
}
