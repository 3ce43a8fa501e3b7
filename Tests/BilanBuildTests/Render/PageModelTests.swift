import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanRender
@testable import BilanBuild

/// The page models: the names templates see are the models' properties, their `Encodable`
/// keys are the same names, the README lists them, and a project's own template written
/// against them renders as it did when the contexts were dictionaries.
@Suite struct PageModelTests {
    /// A model with every optional set and one of each nested value.
    static let full: PageModel = {
        var model = PageModel(
            lang: "fr", rtl: false, organization: "O", period: "P", generator: "bilan", strings: ["draft": "D"],
            figures: ["f": "1"])
        model.accent = "#000"
        model.themeStyle = ":root { --accent: #000; }"
        model.cover = "../assets/cover.jpg"
        model.coverAlt = "A photo"
        model.ogImage = "https://example.org/assets/cover.jpg"
        model.description = "d"
        model.coverPeriod = "P"
        model.canonical = "https://example.org/fr/"
        model.alternates = [AlternateLink(hreflang: "fr", href: "https://example.org/fr/")]
        model.ogLocale = "fr_CA"
        model.ogLocaleAlternates = ["en_CA"]
        model.title = "T"
        model.stylesheet = "../style.css"
        model.logo = "../assets/logo.svg"
        model.inlineStylesheet = "p {}"
        model.languages = [
            LanguageLink(
                code: "en", name: "English", href: "../en/", rtl: false, current: false, title: "t",
                organizationName: "o")
        ]
        model.groups = [
            SectionGroup(
                part: "p", partAnchor: "part-p",
                sections: [
                    SectionModel(
                        anchor: "a", title: "t", html: "<p>", draft: true,
                        translations: [
                            TranslationLink(code: "en", href: "../en/#a", label: "Read in English", rtl: false)
                        ])
                ])
        ]
        return model
    }()

    /// Each model's names, as `Mirror` (what swift-mustache reads) sees them, by type.
    static func names(_ value: Any, into names: inout [String: Set<String>]) {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct else {
            for child in mirror.children { Self.names(child.value, into: &names) }
            return
        }
        let type = "\(mirror.subjectType)"
        guard !type.hasPrefix("Dictionary") else { return }
        for child in mirror.children {
            names[type, default: []].insert(child.label ?? "")
            Self.names(child.value, into: &names)
        }
    }

    /// The keys of a JSON value, by the same nesting, merged across array elements.
    static func keys(_ json: Any, type: String, of types: [String: Set<String>], into keys: inout Set<String>) {
        if let array = json as? [Any] {
            for element in array { Self.keys(element, type: type, of: types, into: &keys) }
        } else if let object = json as? [String: Any] {
            for (key, value) in object {
                keys.insert(key)
                if !(value is [String: String]) { Self.keys(value, type: type, of: types, into: &keys) }
            }
        }
    }

    @Test func theEncodableKeysAreTheTemplateNames() throws {
        var types: [String: Set<String>] = [:]
        Self.names(Self.full, into: &types)
        #expect(
            Set(types.keys) == [
                "PageModel", "AlternateLink", "LanguageLink", "SectionGroup", "SectionModel", "TranslationLink",
            ])
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.full))
        var keys: Set<String> = []
        Self.keys(json, type: "PageModel", of: types, into: &keys)
        #expect(keys == types.values.reduce(into: Set<String>()) { $0.formUnion($1) })
    }

    /// The README's "Templates" paragraph names every variable of every model.
    @Test func theReadmeListsEveryName() throws {
        let readme = try String(contentsOf: SourceTree.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var types: [String: Set<String>] = [:]
        Self.names(Self.full, into: &types)
        for name in types.values.reduce(into: Set<String>(), { $0.formUnion($1) }).sorted() {
            let named = readme.contains("`\(name)`")
            #expect(named, "README.md does not name `\(name)`")
        }
    }

    /// A project's template that uses the names the dictionaries had (and Mustache's
    /// lookup up the context: `title` inside `languages` is the page's).
    @Test func aProjectTemplateSeesTheSameNames() throws {
        let project = try FixtureProjects.copy()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let page = """
            {{lang}}|{{title}}|{{organization}}|{{period}}|{{strings.draft}}|{{figures.membres_total}}|\
            {{^canonical}}no base_url{{/canonical}}|{{^singleFile}}site{{/singleFile}}|{{stylesheet}}
            {{#languages}}[{{code}} {{name}} {{href}} {{current}} {{title}}]{{/languages}}
            {{#groups}}({{#part}}{{part}} #{{partAnchor}}: {{/part}}{{#sections}}<{{anchor}} {{title}}\
            {{#draft}} draft{{/draft}}{{#translations}} {{code}}={{label}}@{{href}}{{/translations}}>\
            {{/sections}}){{/groups}}

            """
        try Data(page.utf8).write(to: templates.appendingPathComponent("page.mustache"))
        try Data("{{#languages}}{{code}}:{{title}}:{{name}}:{{href}};{{/languages}}{{^title}}untitled{{/title}}\n".utf8)
            .write(to: templates.appendingPathComponent("index.mustache"))
        let build = BuildPipeline.run(BuildOptions(projectRoot: project, drafts: true, write: false))
        let french = String(decoding: try #require(build.plan?.files["fr/index.html"]), as: UTF8.self)
        #expect(
            french == """
                fr|Rapport d&#39;activités 2023-2024|Groupe Exemple|2023-2024|Brouillon|286|no \
                base_url|site|../style.css
                [fr Français ../fr/index.html true Rapport d&#39;activités 2023-2024]\
                [en English ../en/index.html false Rapport d&#39;activités 2023-2024]
                (<accueil Mot d&#39;accueil en=Read in English@../en/index.html#accueil>)\
                (Vie associative #part-vie-associative: \
                <membres Membres et militantisme en=Read in English@../en/index.html#membres>\
                <brouillon Perspectives draft en=Read in English@../en/index.html#brouillon>)

                """)
        let chooser = String(decoding: try #require(build.plan?.files["index.html"]), as: UTF8.self)
        #expect(
            chooser == """
                fr:Rapport d&#39;activités 2023-2024:Français:fr/index.html;\
                en:Activity Report 2023-2024:English:en/index.html;untitled

                """)
    }
}
