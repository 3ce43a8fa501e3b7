import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender
@testable import BilanBuild

/// Photos through the whole build: the resized copies written, the pages' `srcset`,
/// sizes and figures, the Markdown pointing at a copy, the single file's 960-pixel copy,
/// originals only when report.yaml asks, and the same bytes from one build to the next.
@Suite struct PhotoBuildTests {
    /// The valid project with two photos (one turned by its EXIF orientation) shown in a
    /// French section, the first alone in its paragraph with a caption and a credit.
    static func project() throws -> URL {
        let project = try FixtureProjects.copy()
        for name in ["paysage.jpg", "portrait-exif6.jpg"] {
            try FileManager.default.copyItem(
                at: FixtureFiles.url("photos/\(name)"), to: project.appendingPathComponent("content/assets/\(name)"))
        }
        try Data(
            """
            ---
            title: Photos
            ---
            ![Le lac au lever du jour](../assets/paysage.jpg "Le lac & la rive — Photo : <Marie> Tremblay")

            Un portrait ![Portrait d'une membre](../assets/portrait-exif6.jpg) dans le texte.
            """.utf8
        ).write(to: project.appendingPathComponent("content/sections/040-photos.fr.md"))
        return project
    }

    static func files(_ build: BuildResult) throws -> [String: [UInt8]] {
        try #require(build.plan).files
    }

    @Test func thePagesShowResizedCopiesWithTheirSizes() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false))
        #expect(build.errorCount == 0, "\(build.diagnostics.map(\.formatted))")
        let plan = try #require(build.plan)
        for width in [480, 960, 1600] {
            let bytes = try #require(plan.files["assets/paysage-\(width)w.jpg"])
            let header = try ImageCodec.header(bytes, format: .jpeg).get()
            #expect(header.width == width)
            #expect(header.height == (1333 * width + 1000) / 2000)
        }
        // The portrait stands upright: 600 wide, 900 high, from a file 900 by 600.
        let portrait = try #require(plan.files["assets/portrait-exif6-600w.jpg"])
        #expect(try ImageCodec.header(portrait, format: .jpeg).get() == ImageCodec.Header(width: 600, height: 900))
        // The originals are not in the site; the logo and other assets are.
        #expect(plan.copies["assets/paysage.jpg"] == nil && plan.files["assets/paysage.jpg"] == nil)
        #expect(plan.copies["assets/logo.svg"] != nil)

        let page = String(decoding: try #require(plan.files["fr/index.html"]), as: UTF8.self)
        #expect(
            page.contains(
                """
                <figure class="image">
                <img src="../assets/paysage-960w.jpg" srcset="../assets/paysage-480w.jpg 480w, \
                ../assets/paysage-960w.jpg 960w, ../assets/paysage-1600w.jpg 1600w" sizes="\(PhotoHTML.sizes)" \
                width="1600" height="1066" alt="Le lac au lever du jour" />
                <figcaption>Le lac &amp; la rive \
                <small class="credit">Photo : &lt;Marie&gt; Tremblay</small></figcaption>
                </figure>
                """))
        #expect(
            page.contains(
                "<p>Un portrait <img src=\"../assets/portrait-exif6-600w.jpg\" srcset=\""
                    + "../assets/portrait-exif6-480w.jpg 480w, ../assets/portrait-exif6-600w.jpg 600w\""
                    + " sizes=\"\(PhotoHTML.sizes)\" width=\"600\" height=\"900\""
                    + " alt=\"Portrait d&#39;une membre\" /> dans le texte.</p>"))
        // The Markdown files show the widest copy and keep the title as written.
        let section = try #require(plan.files["fr/sections/040-photos.md"])
        let markdown = String(decoding: section, as: UTF8.self)
        #expect(markdown.contains("](../../assets/paysage-1600w.jpg \"Le lac & la rive"))
        let report = String(decoding: try #require(plan.files["fr/report.md"]), as: UTF8.self)
        #expect(report.contains("](../assets/portrait-exif6-600w.jpg)"))
    }

    @Test func twoBuildsWriteTheSameBytes() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try Self.files(BuildPipeline.run(BuildOptions(projectRoot: project, write: false)))
        let second = try Self.files(BuildPipeline.run(BuildOptions(projectRoot: project, write: false)))
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, bytes) in first where path.hasSuffix(".jpg") { #expect(second[path] == bytes, "\(path)") }
        #expect(first == second)
    }

    @Test func theOriginalsAreCopiedWhenReportYAMLAsks() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let yaml = project.appendingPathComponent("content/report.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try Data((text + "\nimages: { originals: true }\n").utf8).write(to: yaml)
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false))
        #expect(build.errorCount == 0, "\(build.diagnostics.map(\.formatted))")
        let plan = try #require(build.plan)
        #expect(plan.copies["assets/paysage.jpg"] == "content/assets/paysage.jpg")
        #expect(plan.files["assets/paysage-960w.jpg"] != nil)
    }

    @Test func theSingleFileShowsThe960PixelCopy() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false, variants: [.singleFile]))
        let html = try #require(build.singleFilePages["fr"]).html
        let copy = try #require(build.plan?.files["assets/paysage-960w.jpg"])
        let uri = "data:image/jpeg;base64," + Data(copy).base64EncodedString()
        #expect(html.contains("<img src=\"\(uri)\" width=\"960\" height=\"640\" alt=\"Le lac au lever du jour\" />"))
        #expect(html.contains("<figcaption>Le lac &amp; la rive"))
        #expect(!html.contains("srcset"))
    }

    @Test func theWordDocumentEmbedsThe960PixelCopy() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, write: false, variants: [.word]))
        let document = try #require(try build.wordDocuments["fr"]?.get())
        let media = try WordExportTests.parts(document.bytes).filter { $0.name.hasPrefix("word/media/") }
        let copy = try #require(build.plan?.files["assets/paysage-960w.jpg"])
        let original = try [UInt8](Data(contentsOf: project.appendingPathComponent("content/assets/paysage.jpg")))
        #expect(media.count == 2)
        #expect(media.contains { $0.bytes == copy })
        #expect(!media.contains { $0.bytes == original })
        // 900 × 600 turned upright by its EXIF orientation: 600 pixels wide, its widest copy.
        let portrait = try #require(build.plan?.files["assets/portrait-exif6-600w.jpg"])
        #expect(media.contains { $0.bytes == portrait })
    }
}
