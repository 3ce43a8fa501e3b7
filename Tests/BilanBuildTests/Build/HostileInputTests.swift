import Foundation
import MarkupScanner
import Testing

@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// Hostile projects that must build, and build safely: byte-order marks and CRLF line
/// ends change nothing; script payloads in every place text enters the output stay
/// text; symbolic links that lead out of the project are never followed.
@Suite struct HostileInputTests {
    static let hostile = FixtureFiles.url("projects/hostile")

    // MARK: - BOM and CRLF

    @Test func bomAndCRLFFilesBuildAsTheSnapshot() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let content = project.appendingPathComponent("content")
        var rewritten = 0
        for case let url as URL in FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)!
        where ["md", "yaml", "csv", "json"].contains(url.pathExtension) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            try (Data([0xEF, 0xBB, 0xBF]) + Data(crlf.utf8)).write(to: url)
            rewritten += 1
        }
        #expect(rewritten >= 10)
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
        #expect(result.errorCount == 0, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        var files = FixtureProjects.contents(of: project.appendingPathComponent("output"))
        files[OutputWriter.markerName] = nil
        let snapshot = FixtureProjects.contents(of: FixtureFiles.url("snapshots/valid"))
        #expect(Set(files.keys) == Set(snapshot.keys))
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            #expect(data == snapshot[path], "\(path) differs from the LF, BOM-less build")
        }
    }

    // MARK: - Script payloads

    /// The payloads of `Fixtures/projects/hostile/xss` in report.yaml, front matter,
    /// section text, links, image alt text, CSV and JSON cells, block labels, titles and
    /// captions: the build succeeds, and no output runs anything.
    @Test func scriptPayloadsStayTextInEveryOutput() throws {
        let project = try FixtureProjects.copy(overlay: Self.hostile.appendingPathComponent("xss"))
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
        #expect(result.errorCount == 0, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        let files = FixtureProjects.contents(of: project.appendingPathComponent("output"))
        var checked: Set<String> = []
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            switch (path as NSString).pathExtension {
            case "html":
                #expect(MarkupScanner.executableMarkup(text) == [], "\(path)")
                checked.insert("html")
            case "svg":
                #expect(MarkupScanner.executableMarkup(text) == [], "\(path)")
                #expect(MarkupScanner.xmlProblems(text) == [], "\(path) is not well-formed")
                checked.insert("svg")
            case "md":
                #expect(Self.unescapedMarkdown(text) == [], "\(path)")
                checked.insert("md")
            case "xml":
                #expect(MarkupScanner.xmlProblems(text) == [], "\(path) is not well-formed")
            default: break
            }
        }
        #expect(checked == ["html", "svg", "md"])

        // The payloads are there, as text.
        let page = String(decoding: try #require(files["fr/index.html"]), as: UTF8.self)
        for escaped in [
            "Groupe &lt;script&gt;alert(&#39;org&#39;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
            "2023&lt;/title&gt;&lt;script&gt;alert(&#39;period&#39;)&lt;/script&gt;",
            "Accueil &lt;script&gt;alert(&#39;section&#39;)&lt;/script&gt;",
            "&lt;/title&gt;&lt;script&gt;alert(&#39;part&#39;)&lt;/script&gt; {{{ x }}}",
            "&lt;script&gt;alert(&#39;kf&#39;)&lt;/script&gt;",
            "&lt;script&gt;alert(&#39;csv&#39;)&lt;/script&gt;",
            "&lt;script&gt;alert(&#39;cell&#39;)&lt;/script&gt;",
            "&quot;&gt;&lt;img src=x onerror=alert(&#39;caption&#39;)&gt;",
        ] {
            #expect(page.contains(escaped), "fr/index.html lacks \(escaped)")
        }
        let markdown = String(decoding: try #require(files["fr/report.md"]), as: UTF8.self)
        #expect(markdown.contains(#"\<script\>alert('csv')\</script\>"#))
        // Every `<img` that reaches the Markdown is escaped (`\<img`), so no site generator runs it.
        let images = markdown.ranges(of: "<img")
        #expect(
            images.allSatisfy {
                $0.lowerBound > markdown.startIndex && markdown[markdown.index(before: $0.lowerBound)] == "\\"
            })
    }

    /// Markdown that a site generator would turn into running markup: an unescaped
    /// `<` before a letter or `/`, or a link or image to a `javascript:` URL.
    static func unescapedMarkdown(_ text: String) -> [String] {
        var problems: [String] = []
        var inFence = false
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Front matter is YAML (Hugo escapes its values), not Markdown.
        var first = 0
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") { first = end + 1 }
        lines = Array(lines[first...])
        for (offset, line) in lines.enumerated() {
            let number = offset + first
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence { continue }
            let characters = Array(line)
            for index in characters.indices where characters[index] == "<" {
                let escaped = index > 0 && characters[index - 1] == "\\"
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if !escaped && (next.isLetter || next == "/" || next == "!") {
                    problems.append("line \(number + 1): raw markup \(String(characters[index...].prefix(30)))")
                }
            }
            let lowered = Array(line.lowercased())
            for index in lowered.indices.dropLast()
            where lowered[index] == "]" && (lowered[index + 1] == "(" || lowered[index + 1] == ":") {
                if index > 0 && lowered[index - 1] == "\\" { continue }
                let target = String(lowered[(index + 2)...]).filter { !$0.isWhitespace && $0 != "<" }
                if ["javascript:", "vbscript:", "data:text"].contains(where: target.hasPrefix) {
                    problems.append("line \(number + 1): a link to \(target.prefix(20))")
                }
            }
        }
        return problems
    }

    // MARK: - Symbolic links out of the project

    /// A folder outside the project with a secret file, and the project beside it.
    struct LinkedProject {
        let project: URL
        let outside: URL
        static let secret = "SECRET-OUTSIDE-THE-PROJECT"

        init() throws {
            project = try FixtureProjects.copy()
            outside = project.deletingLastPathComponent().appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try "annee,n\n2020,\(Self.secret)\n".write(
                to: outside.appendingPathComponent("secret.csv"), atomically: true, encoding: .utf8)
            try "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- \(Self.secret) --></svg>\n"
                .write(to: outside.appendingPathComponent("secret.svg"), atomically: true, encoding: .utf8)
            try "---\ntitle: \(Self.secret)\n---\n\(Self.secret)\n"
                .write(to: outside.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
            try "<p>\(Self.secret)</p>\n".write(
                to: outside.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        }

        func link(_ path: String, to target: URL) throws {
            let url = project.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: url, withDestinationURL: target)
        }

        func write(_ text: String, _ path: String) throws {
            try text.write(to: project.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }

        /// Builds, and checks that the secret is in no output file.
        func build() -> BuildResult {
            let result = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true))
            for (path, data) in FixtureProjects.contents(of: project.appendingPathComponent("output")) {
                #expect(
                    !String(decoding: data, as: UTF8.self).contains(Self.secret),
                    "\(path) holds a file from outside the project")
            }
            return result
        }
    }

    @Test func aDataFileLinkedOutOfTheProjectIsAnError() throws {
        let linked = try LinkedProject()
        defer { linked.remove() }
        try linked.link("content/data/secret.csv", to: linked.outside.appendingPathComponent("secret.csv"))
        let result = linked.build()
        #expect(
            result.diagnostics.map { "\($0.location) [\($0.code)]" } == [
                "content/data/secret.csv [path-outside-project]"
            ])
        #expect(!result.wrote)
    }

    @Test func aSectionLinkedOutOfTheProjectIsAnError() throws {
        let linked = try LinkedProject()
        defer { linked.remove() }
        try linked.link("content/sections/040-secret.fr.md", to: linked.outside.appendingPathComponent("secret.md"))
        let result = linked.build()
        #expect(
            result.diagnostics.contains {
                $0.code == .pathOutsideProject && $0.location.file == "content/sections/040-secret.fr.md"
            })
        #expect(!result.wrote)
    }

    @Test func anImageLinkedOutOfTheProjectIsAnError() throws {
        let linked = try LinkedProject()
        defer { linked.remove() }
        try linked.link("content/assets/secret.svg", to: linked.outside.appendingPathComponent("secret.svg"))
        try linked.write(
            "---\ntitle: Mot d'accueil\n---\n![Secret](../assets/secret.svg)\n", "content/sections/010-accueil.fr.md")
        let result = linked.build()
        #expect(
            result.diagnostics.contains {
                $0.code == .pathOutsideProject && $0.location.file == "content/sections/010-accueil.fr.md"
            })
        #expect(!result.wrote)
    }

    @Test func assetsLinkedOutOfTheProjectAreNotCopied() throws {
        let linked = try LinkedProject()
        defer { linked.remove() }
        try linked.link("content/assets/secret.svg", to: linked.outside.appendingPathComponent("secret.svg"))
        try linked.link("content/assets/dehors", to: linked.outside)
        let result = linked.build()
        #expect(result.errorCount == 0, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.wrote)
        let output = project(linked).appendingPathComponent("output/assets")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("secret.svg").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("dehors").path))
        // The folder outside is as it was.
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: linked.outside.path)) == [
                "secret.csv", "secret.svg", "secret.md", "page.mustache",
            ])
    }

    @Test func aTemplateLinkedOutOfTheProjectIsAnError() throws {
        let linked = try LinkedProject()
        defer { linked.remove() }
        try linked.link("templates/page.mustache", to: linked.outside.appendingPathComponent("page.mustache"))
        let result = linked.build()
        #expect(
            result.diagnostics.contains {
                $0.code == .pathOutsideProject && $0.location.file == "templates/page.mustache"
            })
        #expect(!result.wrote)
    }

    @Test func theDataFolderLinkedOutOfTheProjectIsAnError() throws {
        let linked = try LinkedProject()
        defer { linked.remove() }
        try FileManager.default.removeItem(at: linked.project.appendingPathComponent("content/data"))
        try linked.link("content/data", to: linked.outside)
        let result = linked.build()
        #expect(result.diagnostics.contains { $0.code == .pathOutsideProject && $0.location.file == "content/data" })
        #expect(!result.wrote)
    }

    private func project(_ linked: LinkedProject) -> URL { linked.project }
}
