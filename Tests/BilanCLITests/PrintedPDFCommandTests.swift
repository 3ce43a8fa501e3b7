import BilanRender
import BilanTestSupport
import Foundation
import Testing

/// `bilan export --pdf` read back with poppler (pdftotext, pdfinfo), as a reader would
/// see it: the contents' page numbers are the pages the sections are on, the outline
/// lists every part and section, no page ends with a heading, two exports are the same
/// bytes, and the paper is report.yaml's.
@Suite(
    .enabled(
        if: ExportCommandTests.chromium != nil && ExternalTool.find("pdftotext") != nil
            && ExternalTool.find("pdfinfo") != nil,
        "needs chromium and poppler-utils: scripts/test installs them (apt-get install chromium poppler-utils)"),
    .tags(.externalTool, .heavy))
struct PrintedPDFCommandTests {
    /// The example report, exported twice in French.
    @Test func exampleReportPrintsAFinishedDocument() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let first = project.appendingPathComponent("first.pdf")
        let second = project.appendingPathComponent("second.pdf")
        for out in [first, second] {
            let run = try BilanBinary.run([
                "export", "--pdf", "--lang", "fr", "--out", out.path, "--root", project.path,
            ])
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try Data(contentsOf: first) == Data(contentsOf: second), "two exports differ")

        let info = try Self.tool("pdfinfo", [first.path])
        #expect(info.contains("(letter)"), "fr-CA prints on letter paper: \(info)")
        #expect(info.contains("Author:          CLES"))
        #expect(info.contains("Title:           Rapport d'activités 2023-2024"))
        #expect(info.contains("Subject:"))
        #expect(info.contains("CreationDate:    Sat Jan  1 00:00:00 2000 UTC"))
        #expect(info.contains("Tagged:          yes"))
        let bytes = try [UInt8](Data(contentsOf: first))
        #expect(String(decoding: bytes, as: UTF8.self).contains("/Lang (fr-CA)"))

        try Self.checkContents(of: first, sections: 18)

        let outline = PrintedPDF(bytes: bytes).outline() ?? []
        let titles = outline.map(\.title)
        for heading in ["Mot de l'équipe", "Financement", "Intervention"] {
            #expect(titles.contains(heading), "the outline lacks \(heading): \(titles)")
        }
        #expect(outline.contains { $0.depth > 0 }, "parts hold their sections in the outline")
    }

    /// The small fixture: `paper: a4`, `print: { section_breaks: true }`, and `SOURCE_DATE_EPOCH`.
    @Test func paperAndSectionBreaksFromReportYAML() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let config = project.appendingPathComponent("content/report.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "\npaper: a4\nprint:\n  section_breaks: true\n").write(
            to: config, atomically: true, encoding: .utf8)
        let out = project.appendingPathComponent("report.pdf")
        let run = try BilanBinary.run(
            ["export", "--pdf", "--lang", "en", "--out", out.path, "--root", project.path],
            environment: ["SOURCE_DATE_EPOCH": "1717200000"])
        #expect(run.status == 0, "\(run.stderr)")
        let info = try Self.tool("pdfinfo", [out.path])
        #expect(info.contains("(A4)"), "\(info)")
        #expect(info.contains("CreationDate:    Sat Jun  1 00:00:00 2024 UTC"), "\(info)")
        try Self.checkContents(of: out, sections: 18)
    }

    @Test func aPaperBilanDoesNotKnowIsALocatedError() throws {
        let project = try BilanBinary.copy(["content"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let config = project.appendingPathComponent("content/report.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "paper: tabloid\n").write(to: config, atomically: true, encoding: .utf8)
        let run = try BilanBinary.run(["export", "--pdf", "--lang", "en", "--root", project.path])
        #expect(run.status == 1)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(
            run.stderr.contains("content/report.yaml:\(line):8: error: paper must be letter or a4 [invalid-config]"),
            "\(run.stderr)")
    }

    /// Every entry of the contents page has a page number, and the page it names starts with
    /// (or holds) that heading; no page's last line of text is a heading.
    static func checkContents(of pdf: URL, sections: Int) throws {
        let info = try tool("pdfinfo", [pdf.path])
        let count =
            Int(
                info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(count > 3)
        let pages = try (1...count).map {
            try tool("pdftotext", ["-layout", "-f", "\($0)", "-l", "\($0)", pdf.path, "-"])
        }
        let contents = try #require(pages.firstIndex { $0.contains("Table des matières") || $0.contains("Contents") })
        var entries: [(title: String, page: Int)] = []
        for line in pages[contents].split(separator: "\n") {
            guard let match = line.wholeMatch(of: #/\s*(.+?)\s{2,}(\d+)\s*/#), let page = Int(match.output.2) else {
                continue
            }
            entries.append((String(match.output.1), page))
        }
        #expect(entries.count >= sections, "the contents list \(entries.count) sections: \(pages[contents])")
        for entry in entries {
            #expect(entry.page > contents + 1 && entry.page <= count, "\(entry.title) → \(entry.page)")
            guard entry.page >= 1, entry.page <= count else { continue }
            #expect(
                collapsed(pages[entry.page - 1]).contains(collapsed(entry.title)),
                "the contents say \(entry.title) is on page \(entry.page)")
        }
        let headings = Set(entries.map { collapsed($0.title) })
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map { collapsed(String($0)) }.filter { !$0.isEmpty }
            // The last line is the footer (organisation, page N / M) except on the cover.
            guard index > 0, lines.count >= 2 else { continue }
            let last = lines[lines.count - 2]
            #expect(!headings.contains(last), "page \(index + 1) ends with the heading \(last)")
        }
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = try #require(ExternalTool.find(name))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
