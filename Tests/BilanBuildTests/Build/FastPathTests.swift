import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// The faster paths of issue 8 give what the slower ones gave: byte-level scans against
/// the character-level or regex definitions they replace, parallel work in input order,
/// the spliced page against the whole render, unchanged files linked rather than written.
@Suite struct FastPathTests {
    @Test func parallelMapKeepsTheInputOrder() {
        let items = Array(0..<2_000)
        #expect(ParallelMap.map(items) { $0 * 3 } == items.map { $0 * 3 })
        #expect(ParallelMap.map([7]) { $0 + 1 } == [8])
        #expect(ParallelMap.map([Int]()) { $0 }.isEmpty)
    }

    @Test func sectionFileNamesAreReadAsTheRegexReadsThem() throws {
        let regex = try Regex(#"^([0-9]+)-([a-z0-9][a-z0-9_-]*)\.([a-z]{2,3})\.md$"#)
        let names = [
            "010-mot-equipe.fr.md", "7-a.en.md", "010-2020-bilan.fra.md", "010-a_b-c.fr.md", "010-.fr.md",
            "010-A.fr.md", "010-a.f.md", "010-a.fran.md", "-a.fr.md", "010a.fr.md", "010-a.fr.md\n", "010-a.fr.mdx",
            "010-é.fr.md", "010-a.fr.md.md", "010-a.b.fr.md", "0100-_a.fr.md", "010-a.FR.md", "010-a..md",
        ]
        for name in names {
            let expected = name.firstMatch(of: regex).map { match in
                [match.output[1].substring, match.output[2].substring, match.output[3].substring].map { String($0!) }
            }
            let parts = SectionLoader.nameParts(name).map { [String($0.prefix), String($0.slug), String($0.language)] }
            #expect(parts == expected, "\(name.debugDescription)")
        }
    }

    @Test func frontMatterIsFoundOnBytesAsOnLines() {
        func split(_ text: String) -> [String]? {
            guard let found = FrontMatter.split(text) else { return nil }
            guard let found else { return ["unclosed"] }
            return [String(found.yaml), String(found.body), String(found.closingLine)]
        }
        #expect(split("---\ntitle: A\n---\nBody\n") == ["title: A", "Body\n", "2"])
        #expect(split("---  \ntitle: A\nx: 1\n...\t\n") == ["title: A\nx: 1", "", "3"])
        #expect(split("---\n---") == ["", "", "1"])
        #expect(split("---\n---\n") == ["", "", "1"])
        #expect(split("---\ntitle: A\n") == ["unclosed"])
        #expect(split("---") == ["unclosed"])
        #expect(split("...\n---\n") == nil)
        #expect(split("title: A\n---\n") == nil)
        #expect(split("---\n- a\n----\n---\nrest") == ["- a\n----", "rest", "3"])
    }

    @Test func placeholdersAreSplitOnBytesAsOnCharacters() {
        #expect(
            FigurePlaceholders.split("a {{ x }} b {{y}}") == [
                .text("a "), .reference(" x "), .text(" b "), .reference("y"),
            ])
        #expect(FigurePlaceholders.split("{{{ x }}}") == [.reference("{ x "), .text("}")])
        #expect(FigurePlaceholders.split("é{ {{ x") == [.text("é{ "), .unclosed("{{ x")])
        #expect(FigurePlaceholders.split("no braces } {") == [.text("no braces } {")])
    }

    @Test func handTypedNumbersAreTheSameOnScalarsAndCharacters() {
        // The scalar path is taken for ordinary French and English prose …
        #expect(HandTypedFigures.isOneCharacterPerScalar("l’équipe a reçu 25 000 $ « enfin » — 12,5 %"))
        // … the character path for anything a scalar could join.
        #expect(!HandTypedFigures.isOneCharacterPerScalar("e\u{301}quipe 120"))
        #expect(!HandTypedFigures.isOneCharacterPerScalar("a\r\n120"))
        let numbers = { (text: String) in HandTypedFigures.numbers(in: text, language: "fr").map(\.normalized) }
        #expect(numbers("l’équipe a formé 1 250 personnes, le 18 juin, en 2023") == ["1250"])
        #expect(numbers("e\u{301}quipe : 1 250 personnes, le 18 juin") == ["1250"])
        #expect(numbers("COVID-19 et H2S, 12,5 % de 480") == ["12.5", "480"])
    }

    @Test func pageMarkersAreSplicedOnlyWhenEachComesOutOnceInOrder() {
        let markers = ["<bilan-section-html 0>", "<bilan-section-html 1>"]
        let html = ["<p>a</p>", "<p>b</p>"]
        let shell = Array("<main>\(markers[0])|\(markers[1])</main>".utf8)
        #expect(
            ReportAssembler.splice(html, into: shell, markers: markers) == Array("<main><p>a</p>|<p>b</p></main>".utf8))
        // Escaped by the template ({{html}}), repeated, missing or out of order: no splice.
        #expect(
            ReportAssembler.splice(
                html, into: Array("&lt;bilan-section-html 0&gt; \(markers[1])".utf8), markers: markers) == nil)
        #expect(
            ReportAssembler.splice(html, into: Array("\(markers[0])\(markers[0])\(markers[1])".utf8), markers: markers)
                == nil)
        #expect(ReportAssembler.splice(html, into: Array("\(markers[1])\(markers[0])".utf8), markers: markers) == nil)
        #expect(ReportAssembler.splice(html, into: Array(markers[0].utf8), markers: markers) == nil)
    }

    @Test func aPageTemplateThatEscapesTheHTMLStillGetsItEscaped() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{#groups}}{{#sections}}[{{html}}]{{/sections}}{{/groups}}".utf8)
            .write(to: templates.appendingPathComponent("page.mustache"))
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false))
        let page = String(decoding: try #require(build.plan?.files["fr/index.html"]), as: UTF8.self)
        #expect(page.hasPrefix("[&lt;"))
        #expect(!page.contains("bilan-section-html"))
    }

    @Test func anUnchangedFileIsLinkedToThePreviousOutputsAndAChangedOneWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func inode(_ path: String) throws -> UInt64 {
            (try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[
                .systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        var plan = OutputPlan()
        plan.add("same.html", "<p>same</p>")
        plan.add("a/changed.html", "<p>one</p>")
        #expect((try? OutputWriter.write(plan, to: output, projectRoot: folder, displayName: "output").get()) != nil)
        let sameBefore = try inode("same.html")
        let changedBefore = try inode("a/changed.html")
        plan.add("a/changed.html", "<p>two</p>")
        #expect((try? OutputWriter.write(plan, to: output, projectRoot: folder, displayName: "output").get()) != nil)
        #expect(try inode("same.html") == sameBefore)
        #expect(try inode("a/changed.html") != changedBefore)
        #expect(
            try String(contentsOf: output.appendingPathComponent("a/changed.html"), encoding: .utf8) == "<p>two</p>")
        let links =
            try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("same.html").path)[
                .referenceCount] as? NSNumber
        #expect(links?.intValue == 1)
    }
}
