import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs
import BilanTestSupport

/// What each YAML loader of BilanInputs says about badly shaped maps: unknown keys,
/// missing keys and values of the wrong type, pinned as snapshots so that the schema
/// reader they share keeps every message, code and place.
@Suite struct YAMLSchemaLoadersTests {
    static let snapshots = SourceTree.fixtures.appendingPathComponent("snapshots/yaml-schema")

    /// Each case as its input, then the sorted diagnostics it gives.
    static func transcript(_ cases: [(name: String, yaml: String)], _ read: (String) -> [Diagnostic]) -> String {
        cases.map { name, yaml in
            "## \(name)\n\(yaml)\n--\n" + DiagnosticReport.text(DiagnosticList(read(yaml)).sorted)
        }.joined(separator: "\n")
    }

    static let config = try! ReportConfigLoader.parse(
        "organization: O\nperiod: P\nlanguages:\n  fr: { locale: fr-CA, title: T }\n  en: { locale: en-CA, title: T }\n"
    )

    @Test func reportYAML() {
        let cases: [(name: String, yaml: String)] = [
            (
                "unknown settings",
                "organisation: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\nextra: 1"
            ),
            ("missing everything", "currency: CAD"),
            (
                "texts of the wrong type",
                "organization: [O]\nperiod: ''\nbase_url: ftp://x\ncurrency: cad\nlanguages: {}"
            ),
            (
                "raw html not a bool",
                "organization: O\nperiod: P\nallow_raw_html: oui\nlanguages: { fr: { locale: fr-CA, title: T } }"
            ),
            ("languages not a map", "organization: O\nperiod: P\nlanguages: [fr, en]"),
            (
                "texts per language",
                "organization: { fr: O, de: O }\nperiod: { en: P, fr: [P] }\n"
                    + "languages:\n  fr: { locale: fr-CA, title: T }\n  en: { locale: en-CA, title: T }"
            ),
            (
                "an empty map for a text",
                "organization: O\nperiod: {}\nlanguages: { fr: { locale: fr-CA, title: T } }"
            ),
            (
                "language settings",
                "organization: O\nperiod: P\nlanguages:\n  FR: { locale: '', titre: T, description: [] }\n  en: x"
            ),
            (
                "theme",
                "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\n"
                    + "theme: { accent: red, logo: [a], police: x }"
            ),
            ("theme not a map", "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\ntheme: x"),
            (
                "accept not a list",
                "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\naccept: { code: x }"
            ),
            (
                "accept items",
                "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\n"
                    + "accept:\n  - { code: totals-row }\n  - { code: x, reason: '' }\n  - x\n"
                    + "  - { code: x, reason: r, z: 1 }"
            ),
            (
                "data",
                "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\n"
                    + "data:\n  dates: jour-mois\n  format: x\n  tables:\n"
                    + "    a: { dates: { c: x, d: day-month }, e: 1 }\n"
                    + "    b: month-day\n    c: { dates: [x] }"
            ),
            (
                "data not a map, tables not a map",
                "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\ndata: x"
            ),
            (
                "tables not a map",
                "organization: O\nperiod: P\nlanguages: { fr: { locale: fr-CA, title: T } }\ndata: { tables: x }"
            ),
        ]
        let text = Self.transcript(cases) { yaml in
            switch Result(catching: { () throws(DiagnosticError) in try ReportConfigLoader.parse(yaml) }) {
            case .success: []
            case .failure(let error): error.diagnostics
            }
        }
        assertSnapshot(text, matches: Self.snapshots.appendingPathComponent("report.txt"))
    }

    @Test func frontMatter() {
        let cases: [(name: String, yaml: String)] = [
            ("unknown keys and no title", "titre: T\nweigth: 1"),
            ("blank title", "title: '  '"),
            ("title not text", "title: [T]"),
            (
                "every value wrong",
                "title: T\nstatus: done\nweight: 1.5\ntranslation_of: abc\npart: {}\ndescription: [d]"
            ),
            ("status not a scalar", "title: T\nstatus: [draft]"),
            ("not a map", "- title: T"),
        ]
        let text = Self.transcript(cases) { yaml in
            let text = "---\n\(yaml)\n---\nBody\n"
            let outcome = Result { () throws(DiagnosticError) in
                try SectionLoader.parse(fileName: "010-a.fr.md", text: text, config: Self.config)
            }
            switch outcome {
            case .success: return []
            case .failure(let error): return error.diagnostics
            }
        }
        assertSnapshot(text, matches: Self.snapshots.appendingPathComponent("front-matter.txt"))
    }

    @Test func figuresYAML() {
        let cases: [(name: String, yaml: String)] = [
            ("unknown and missing keys", "a:\n  valeur: 1\n  label: L\n  note: N\nb:\n  value: 1\n  formt: number"),
            ("value not an expression", "a:\n  value: [1]"),
            (
                "format and decimals",
                "a:\n  value: 1\n  format: [x]\n  decimals: x\nb:\n  value: 1\n  format: integer\n  decimals: 1"
            ),
            ("stated", "a:\n  value: 1\n  stated: {}"),
            ("not an expression or a map", "a: [1]\n'Bad': 1"),
            ("not a map", "- a"),
        ]
        let text = Self.transcript(cases) { FiguresLoader.parse($0, file: "content/figures.yaml").diagnostics }
        assertSnapshot(text, matches: Self.snapshots.appendingPathComponent("figures.txt"))
    }

    @Test func interfaceWords() throws {
        let project = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: project) }
        let folder = project.appendingPathComponent("content/i18n")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cases: [(name: String, yaml: String)] = [
            ("unknown words and a word that is not text", "contents: Sommaire\ncontent: x\ndraft: [B]"),
            ("not a map", "- contents"),
            ("empty", ""),
        ]
        let text = Self.transcript(cases) { yaml in
            try? yaml.write(to: folder.appendingPathComponent("fr.yaml"), atomically: true, encoding: .utf8)
            let outcome = Result { () throws(DiagnosticError) in
                try InterfaceStrings.load(projectRoot: project, languages: Self.config.languages)
            }
            switch outcome {
            case .success: return []
            case .failure(let error): return error.diagnostics
            }
        }
        assertSnapshot(text, matches: Self.snapshots.appendingPathComponent("interface.txt"))
    }
}
