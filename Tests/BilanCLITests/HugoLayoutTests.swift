import BilanTestSupport
import Foundation
import Testing

/// `bilan build --markdown hugo` copied into a fresh multilingual Hugo site as the guide
/// says (`output/hugo/content/` into the site's `content/`, a `contentDir` per
/// language), built by the real `hugo`; then every link and image of the built site is
/// checked by ``SiteLinks``: each `href` and `src` inside the site is a file, each
/// `#fragment` an id of its page, and each page links its translation.
@Suite struct HugoLayoutTests {
    /// The site's configuration, as the guide gives it; `inSubdir` puts the default
    /// language under `/fr/` too (the links must resolve either way).
    static func config(inSubdir: Bool) -> String {
        """
        baseURL = "https://example.org/"
        title = "bilan"
        defaultContentLanguage = "fr"
        defaultContentLanguageInSubdir = \(inSubdir)
        disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

        [languages.fr]
        contentDir = "content/fr"
        languageName = "Français"
        weight = 1

        [languages.en]
        contentDir = "content/en"
        languageName = "English"
        weight = 2

        """
    }

    /// The same minimal theme as the integration test's.
    static let layouts = HugoIntegrationTests.layouts

    /// Builds `project` with `--markdown hugo`, copies the Hugo layout into a new site
    /// and builds it; the built site's folder, or nil when a step failed (recorded).
    func hugoSite(of project: URL, inSubdir: Bool, in work: URL) throws -> URL? {
        let hugo = try #require(ExternalTool.find("hugo"), "hugo is not installed: run scripts/install-deps hugo")
        let output = work.appendingPathComponent("out")
        let build = try BilanBinary.run([
            "build", "--root", project.path, "--output", output.path, "--markdown", "hugo", "--quiet",
        ])
        #expect(build.status == 0, "\(build.stderr)")
        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: output.appendingPathComponent("fr/sections").path))
        let site = work.appendingPathComponent("site")
        try manager.createDirectory(at: site, withIntermediateDirectories: true)
        try Self.config(inSubdir: inSubdir).write(
            to: site.appendingPathComponent("hugo.toml"), atomically: true, encoding: .utf8)
        for (path, text) in Self.layouts {
            let url = site.appendingPathComponent("layouts/" + path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        // The guide's copy step: cp -R output/hugo/content site/
        try manager.copyItem(
            at: output.appendingPathComponent("hugo/content"), to: site.appendingPathComponent("content"))
        let public_ = work.appendingPathComponent("public")
        let run = try BilanBinary.run(
            executable: hugo, ["--source", site.path, "--destination", public_.path], in: site)
        #expect(run.status == 0, "hugo failed:\n\(run.stdout)\n\(run.stderr)")
        return run.status == 0 ? public_ : nil
    }

    /// The pages of the sections (`<lang>/<slug>/index.html`) of a built site.
    func sectionPages(_ site: URL, _ language: String, inSubdir: Bool, slugs: [String]) throws -> [String: String] {
        let folder = language == "fr" && !inSubdir ? site : site.appendingPathComponent(language)
        var pages: [String: String] = [:]
        for slug in slugs {
            pages[slug] = try String(
                contentsOf: folder.appendingPathComponent("\(slug)/index.html"), encoding: .utf8)
        }
        return pages
    }

    @Test(
        .enabled(if: ExternalTool.find("hugo") != nil, "needs hugo: scripts/test installs it (apt-get install hugo)"),
        .tags(.externalTool), arguments: [false, true])
    func aFixtureWithAnchorsAndAnEnglishOnlySectionBuildsWithEveryLinkResolved(inSubdir: Bool) throws {
        let project = try FixtureProjects.copy(
            overlay: FixtureProjects.sourceFixtures.appendingPathComponent("projects/hugo-links"))
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let work = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        guard let site = try hugoSite(of: project, inSubdir: inSubdir, in: work) else { return }

        let check = try SiteLinks.check(site)
        #expect(check.problems.isEmpty, "\(check.problems.joined(separator: "\n"))")
        #expect(check.links > 20 && check.fragments >= 5 && check.images >= 4, "\(check)")

        let french = try sectionPages(site, "fr", inSubdir: inSubdir, slugs: ["accueil", "membres", "liens"])
        let english = try sectionPages(
            site, "en", inSubdir: inSubdir, slugs: ["accueil", "membres", "liens", "donateurs"])
        let links = try #require(french["liens"])
        // Headings keep bilan's ids; links reach them and the English-only section.
        #expect(links.contains(#"<h3 id="resultats-1">Résultats</h3>"#))
        #expect(links.contains("/membres/#en-chiffres\""))
        #expect(links.contains("/en/donateurs/#thanks\""))
        #expect(links.contains(#"<img src="assets/logo.svg" alt="Logo du groupe">"#))
        // Charts beside their page, drawn at a size.
        #expect(try #require(french["membres"]).contains(#"src="020-membres-1.svg""#))
        // Both languages paired: each French page links its English translation.
        for (slug, page) in french {
            #expect(page.contains(#"hreflang="en""#) && page.contains("/en/\(slug)/\""), "\(slug)")
        }
        for slug in ["accueil", "membres", "liens"] {
            #expect(try #require(english[slug]).contains(#"hreflang="fr""#), "\(slug)")
        }
        // A section without translation has none.
        #expect(try #require(english["donateurs"]).contains("class=\"translation\"") == false)
    }

    @Test(
        .enabled(if: ExternalTool.find("hugo") != nil, "needs hugo: scripts/test installs it (apt-get install hugo)"),
        .tags(.externalTool))
    func theExampleReportBuildsWithEveryLinkResolved() throws {
        let work = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        guard let site = try hugoSite(of: project, inSubdir: true, in: work) else { return }
        let check = try SiteLinks.check(site)
        #expect(check.problems.isEmpty, "\(check.problems.joined(separator: "\n"))")
        #expect(check.links > 50 && check.images > 0, "\(check)")
        let french = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("fr").path)
        let english = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("en").path)
        #expect(Set(french).subtracting(["index.html"]).count > 5)
        #expect(Set(french) == Set(english), "every section in both languages")
    }

    /// `markdown: hugo` in report.yaml chooses the layout; `--markdown` wins over it; any
    /// other value is an error at its line.
    @Test func theLayoutComesFromReportYAMLUnlessTheCommandLineSaysOtherwise() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let yaml = project.appendingPathComponent("content/report.yaml")
        let original = try String(contentsOf: yaml, encoding: .utf8)
        try (original + "markdown: hugo\n").write(to: yaml, atomically: true, encoding: .utf8)
        let manager = FileManager.default
        let output = project.appendingPathComponent("output")
        #expect(try BilanBinary.run(["build", "--root", project.path, "--quiet"]).status == 0)
        #expect(manager.fileExists(atPath: output.appendingPathComponent("hugo/content/fr/membres/index.md").path))
        #expect(!manager.fileExists(atPath: output.appendingPathComponent("fr/report.md").path))
        let chart = try String(
            contentsOf: output.appendingPathComponent("hugo/content/fr/membres/membres-par-type.svg"), encoding: .utf8)
        #expect(chart.contains(#"width="640" height="272""#))
        #expect(try BilanBinary.run(["build", "--root", project.path, "--markdown", "plain", "--quiet"]).status == 0)
        #expect(manager.fileExists(atPath: output.appendingPathComponent("fr/sections/020-membres.md").path))
        #expect(!manager.fileExists(atPath: output.appendingPathComponent("hugo").path))

        try (original + "markdown: gatsby\n").write(to: yaml, atomically: true, encoding: .utf8)
        let refused = try BilanBinary.run(["build", "--root", project.path, "--quiet"])
        #expect(refused.status == 1)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(
            refused.stderr.contains(
                "content/report.yaml:\(line):11: error: markdown must be plain or hugo, not 'gatsby' [invalid-config]"),
            "\(refused.stderr)")
        let badOption = try BilanBinary.run(["build", "--root", project.path, "--markdown", "gatsby"])
        #expect(badOption.status == 2)
    }

    /// The checker itself finds a missing file, a missing id and an empty address, and
    /// passes what resolves.
    @Test func theLinkCheckerFindsWhatDoesNotResolve() throws {
        let root = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = [
            "index.html": ##"<a href="a/">a</a> <a href="a/#here">h</a> <a href="https://example.org/x">x</a>"##,
            "a/index.html": ##"<h2 id="here">H</h2> <img src="../b.svg"> <a href="#gone">g</a> <a href="">e</a>"##
                + #" <a href="/c/">c</a> <img src="pic%20one.png">"#,
            "a/pic one.png": "",
        ]
        for (path, text) in pages {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let check = try SiteLinks.check(root)
        #expect(
            check.problems == [
                #"a/index.html: src="../b.svg" names no file of the site"#,
                ##"a/index.html: href="#gone": a/index.html has no id 'gone'"##,
                "a/index.html: an empty href",
                #"a/index.html: href="/c/" names no file of the site"#,
            ])
        #expect(check.links == 4 && check.images == 2 && check.fragments == 2)
    }
}

/// A link checker over a built static site: every `href` and `src` of every HTML file
/// that stays inside the site must name a file of it (a folder by its `index.html`),
/// and every `#fragment` an `id` of the page it names.
struct SiteLinks: CustomStringConvertible {
    var links = 0
    var images = 0
    var fragments = 0
    var problems: [String] = []

    var description: String { "\(links) links, \(images) images, \(fragments) fragments" }

    static func check(_ root: URL) throws -> SiteLinks {
        var result = SiteLinks()
        let manager = FileManager.default
        let files = manager.enumerator(atPath: root.path)?.compactMap { $0 as? String }.sorted() ?? []
        var ids: [String: Set<String>] = [:]
        func pageIDs(_ path: String) -> Set<String> {
            if let known = ids[path] { return known }
            let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
            let found = Set(matches(#"\sid="([^"]*)""#, in: text))
            ids[path] = found
            return found
        }
        for file in files where file.hasSuffix(".html") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let folder = "/" + (file.split(separator: "/").dropLast().joined(separator: "/"))
            for (attribute, value) in attributes(in: text) {
                let reference = value.replacingOccurrences(of: "&amp;", with: "&")
                if reference.isEmpty || reference.hasPrefix("//")
                    || reference.contains(":") && !reference.hasPrefix("#")
                {
                    // A web address, or mailto:/tel:: outside the site.
                    if reference.isEmpty { result.problems.append("\(file): an empty \(attribute)") }
                    continue
                }
                attribute == "src" ? (result.images += 1) : (result.links += 1)
                let (pathPart, fragment) = split(reference)
                let target: String
                if pathPart.isEmpty {
                    target = file
                } else {
                    let decoded = pathPart.removingPercentEncoding ?? pathPart
                    let absolute = decoded.hasPrefix("/") ? decoded : folder + "/" + decoded
                    guard let resolved = resolve(absolute, in: root) else {
                        result.problems.append("\(file): \(attribute)=\"\(value)\" names no file of the site")
                        continue
                    }
                    target = resolved
                }
                guard let fragment else { continue }
                result.fragments += 1
                let id = fragment.removingPercentEncoding ?? fragment
                if !pageIDs(target).contains(id) {
                    result.problems.append("\(file): \(attribute)=\"\(value)\": \(target) has no id '\(id)'")
                }
            }
        }
        return result
    }

    /// The path below the site's root of the file a URL path names (`/a/b/` is
    /// `a/b/index.html`), or nil when there is none.
    static func resolve(_ path: String, in root: URL) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let relative = parts.joined(separator: "/")
        var isFolder: ObjCBool = false
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
        if !isFolder.boolValue { return relative }
        let index = relative.isEmpty ? "index.html" : relative + "/index.html"
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(index).path) ? index : nil
    }

    static func split(_ reference: String) -> (String, String?) {
        let withoutQuery = reference.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let hash = reference.firstIndex(of: "#")
        let path = String(hash.map { reference[..<$0] } ?? Substring(withoutQuery[0]))
        return (path, hash.map { String(reference[reference.index(after: $0)...]) })
    }

    /// Every `href` and `src` attribute of a page, in order.
    static func attributes(in html: String) -> [(String, String)] {
        let regex = try! NSRegularExpression(pattern: #"\s(href|src)="([^"]*)""#)
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).map { match in
            (String(html[Range(match.range(at: 1), in: html)!]), String(html[Range(match.range(at: 2), in: html)!]))
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }
}
