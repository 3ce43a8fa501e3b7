import BilanTestSupport
import Foundation
import Testing

/// `bilan export` on a copy of the example report: one self-contained HTML file, and a
/// PDF through Chromium.
@Suite struct ExportCommandTests {
    @Test func singleFileIsSelfContained() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["export", "--single-file", "--root", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        for language in ["fr", "en"] {
            let file = project.appendingPathComponent("output/export/\(language).html")
            let html = try String(contentsOf: file, encoding: .utf8)
            #expect(html.contains("<html lang=\"\(language)\">"))
            #expect(html.contains("<svg"), "charts are inline")
            for match in html.matches(of: try Regex(#"(?i)\b(?:src|href)\s*=\s*"([^"]*)""#)) {
                let value = String(match.output[1].substring ?? "")
                #expect(
                    value.hasPrefix("#") || value.hasPrefix("data:") || value.hasPrefix("https://")
                        || value.hasPrefix("mailto:"),
                    "\(language).html refers to \(value.prefix(80))")
            }
            for match in html.matches(of: try Regex(#"(?i)url\(\s*['"]?([^'")]*)"#)) {
                let value = String(match.output[1].substring ?? "")
                #expect(
                    value.isEmpty || value.hasPrefix("data:") || value.hasPrefix("#"),
                    "\(language).html loads \(value.prefix(80))")
            }
            #expect(!html.contains("<link rel=\"stylesheet\""))
            #expect(!html.contains("<script"))
        }
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("output/.bilan-output").path))
    }

    @Test func singleFileWithOutAndLang() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let out = project.appendingPathComponent("board/rapport.html")
        let run = try BilanBinary.run([
            "export", "--single-file", "--lang", "fr", "--drafts", "--out", out.path, "--root", project.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "bilan: note: rapport.html: the links to the en version are left out: one file has no other page to "
                    + "point to (export each language, or publish the site)\n"))
        #expect(FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
        let neither = try BilanBinary.run(["export", "--root", project.path])
        #expect(neither.status == 2)
    }

    /// What the command line asks and the report cannot give is a bad command line (exit
    /// status 2), said without a project location, and nothing is built or written.
    @Test func languagesTheReportHasNotAreABadCommandLine() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let out = project.appendingPathComponent("board/rapport.html")
        let cases: [(arguments: [String], expected: String)] = [
            (["--out", out.path], "Error: --out names one file: choose its language with --lang (fr, en)"),
            (["--lang", "de"], "Error: language 'de' is not in report.yaml (languages: fr, en)"),
        ]
        for (arguments, expected) in cases {
            let run = try BilanBinary.run(["export", "--single-file", "--root", project.path] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == expected + "\n  See 'bilan export --help' for more information.\n")
        }
        let figures = try BilanBinary.run(["figures", "--root", project.path, "--lang", "de"])
        #expect(figures.status == 2)
        #expect(figures.stderr.hasPrefix("Error: language 'de' is not in report.yaml (languages: fr, en)\n"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
    }

    /// Chromium on the PATH under one of the names bilan looks for (`ChromiumPrinter.names`), or nil.
    static var chromium: URL? {
        ExternalTool.find("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    }

    /// Needs Chromium (scripts/test installs it); reported as skipped, with the reason,
    /// where it is missing.
    @Test(
        .enabled(if: chromium != nil, "needs chromium: scripts/test installs it (apt-get install chromium)"),
        .tags(.externalTool, .heavy))
    func pdfIsPrintedByChromium() throws {
        let found = Self.chromium != nil
        #expect(found, "Chromium is not installed: apt-get install chromium")
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["export", "--pdf", "--lang", "fr", "--root", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = try Data(contentsOf: project.appendingPathComponent("output/export/fr.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(pdf.count > 10_000)
    }

    @Test func pdfWithoutChromiumNamesThePackage() throws {
        let project = try BilanBinary.copy(["content"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(
            ["export", "--pdf", "--root", project.path], environment: ["PATH": "/nonexistent"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("apt-get install chromium"))
    }
}
