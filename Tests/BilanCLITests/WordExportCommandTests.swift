import BilanTestSupport
import Foundation
import Testing

/// `bilan export --docx` on a copy of the example report, and the document read back as
/// Word's readers read it: python-docx (PyPI) and LibreOffice (Debian), both skipped, with
/// the reason, where missing (`scripts/test` installs them).
@Suite struct WordExportCommandTests {
    /// The Python of the test venv when it has python-docx (`scripts/test` makes it from
    /// `tests/docx/requirements.txt`), or nil.
    static let python: URL? = {
        let python = BilanBinary.packageRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path),
            let run = try? BilanBinary.run(executable: python, ["-c", "import docx"]), run.status == 0
        else { return nil }
        return python
    }()

    static var soffice: URL? { ExternalTool.find("soffice", "libreoffice") }
    static var pdftotext: URL? { ExternalTool.find("pdftotext") }

    /// The example report built as a site (the reference) and exported in French as a
    /// Word document.
    static func exported() throws -> (project: URL, docx: URL, page: String) {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        let build = try BilanBinary.run(["build", "--root", project.path])
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        let docx = project.appendingPathComponent("rapport.docx")
        let run = try BilanBinary.run(["export", "--docx", "--lang", "fr", "--out", docx.path, "--root", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "bilan: note: rapport.docx: the links to the en version are left out: one file has no other page to "
                    + "point to (export each language, or publish the site)\n"))
        return (project, docx, page)
    }

    /// The texts of the page's elements that `pattern` (one group) finds, entities decoded.
    static func texts(_ pattern: String, in html: String) throws -> [String] {
        try html.matches(of: Regex(pattern)).map { match in
            String(match.output[1].substring ?? "").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test func exportsAreByteIdenticalAndGoToOutputExport() throws {
        let project = try BilanBinary.copy(["content"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let first = try BilanBinary.run(["export", "--docx", "--root", project.path])
        #expect(first.status == 0, "\(first.stderr)")
        let fr = project.appendingPathComponent("output/export/fr.docx")
        let en = project.appendingPathComponent("output/export/en.docx")
        let bytes = try Data(contentsOf: fr)
        #expect(bytes.starts(with: Array("PK".utf8)))
        #expect(FileManager.default.fileExists(atPath: en.path))
        let again = try BilanBinary.run(["export", "--docx", "--lang", "fr", "--root", project.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: fr) == bytes)
        let both = try BilanBinary.run(["export", "--docx", "--pdf", "--root", project.path])
        #expect(both.status == 2)
        #expect(both.stderr.contains("choose one of --single-file, --pdf and --docx"))
    }

    /// python-docx reads every part and section as a heading of Word's style, in the
    /// report's order; the tables the page shows, with their headings; and every figure's
    /// formatted value.
    @Test(
        .enabled(
            if: python != nil, "needs python-docx in .venv: scripts/test installs it (tests/docx/requirements.txt)"),
        .tags(.externalTool))
    func pythonDocxReadsHeadingsTablesAndFigures() throws {
        let (project, docx, page) = try Self.exported()
        defer { try? FileManager.default.removeItem(at: project) }
        let reader = BilanBinary.packageRoot.appendingPathComponent("tests/docx/read_docx.py")
        let run = try BilanBinary.run(executable: try #require(Self.python), [reader.path, docx.path])
        #expect(run.status == 0, "\(run.stderr)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let headings = try #require(read["headings"] as? [[String]])
        let tables = try #require(read["tables"] as? [[[String]]])
        let text = try #require(read["text"] as? String)

        #expect(headings.first == ["Title", "Rapport d'activités 2023-2024"])
        // The parts and sections, as the page's table of contents lists them, in order.
        let partsAndSections = try Self.texts(#"<h2 (?:class="part-title" )?id="[^"]*">([^<]*)</h2>"#, in: page)
            .filter { $0 != "Table des matières" }
        let wordHeadings = headings.filter { $0[0] == "Heading 1" || $0[0] == "Heading 2" }
        let top = wordHeadings.map { $0[1] }.filter(partsAndSections.contains)
        #expect(top == partsAndSections)
        #expect(headings.allSatisfy { $0[0] == "Title" || $0[0].hasPrefix("Heading ") })
        // The page's tables, with the same column headings.
        let tableBlocks = try Self.texts(#"(?s)<div class="table-block">(.*?)</table>"#, in: page)
        #expect(tables.count == tableBlocks.count)
        for (table, html) in zip(tables, tableBlocks) {
            #expect(table.first == (try Self.texts(#"<th scope="col"[^>]*>([^<]*)</th>"#, in: html)))
        }
        // Every figure the page shows, as it shows it.
        let figures = try Self.texts(#"<span class="figure">([^<]*)</span>"#, in: page)
        #expect(figures.count > 10)
        for figure in figures { #expect(text.contains(figure), "\(figure)") }
        let core = try #require(read["core"] as? [String: String])
        #expect(core == ["title": "Rapport d'activités 2023-2024", "author": "CLES", "language": "fr-CA"])
    }

    /// LibreOffice opens the document and converts it to PDF without error; the PDF's
    /// text holds every section's title.
    @Test(
        .enabled(
            if: soffice != nil && pdftotext != nil,
            "needs LibreOffice and pdftotext: scripts/test installs them (libreoffice-writer-nogui, poppler-utils)"),
        .tags(.externalTool, .heavy))
    func libreOfficeConvertsItToPDF() throws {
        let (project, docx, page) = try Self.exported()
        defer { try? FileManager.default.removeItem(at: project) }
        let profile = project.appendingPathComponent("lo-profile")
        let convert = try BilanBinary.run(
            executable: try #require(Self.soffice),
            [
                "-env:UserInstallation=file://" + profile.path, "--headless", "--convert-to", "pdf", "--outdir",
                project.path, docx.path,
            ])
        #expect(convert.status == 0, "\(convert.stderr)")
        let pdf = project.appendingPathComponent("rapport.pdf")
        #expect(FileManager.default.fileExists(atPath: pdf.path), "\(convert.stdout)\(convert.stderr)")
        let text = try BilanBinary.run(executable: try #require(Self.pdftotext), [pdf.path, "-"])
        #expect(text.status == 0)
        // pdftotext breaks long lines: compare with spaces and line breaks folded.
        let folded = text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let sections = try Self.texts(#"<h2 id="[^"]*-title">([^<]*)</h2>"#, in: page)
        #expect(sections.count > 20)
        for title in sections {
            let words = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(folded.contains(words), "\(title)")
        }
    }
}
