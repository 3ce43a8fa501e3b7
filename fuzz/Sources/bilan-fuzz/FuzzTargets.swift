import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import MarkupScanner
import Foundation

/// What one fuzz input is fed to. Each case reads the bytes as one kind of bilan input
/// and checks the promises of `PRODUCT.md` that can be checked on any input.
enum FuzzTarget: String, CaseIterable {
    /// A section file: front matter, then Markdown (`SectionLoader.parse`, then rendering).
    case frontmatter
    /// A CSV data file (`TableLoader`, CSV).
    case csv
    /// A JSON data file (`TableLoader`, JSON).
    case json
    /// One figure expression per line, as `f0`, `f1`…, evaluated over the fixture tables.
    case figures
    /// A fenced block's YAML body; the first byte picks chart, table or keyfigures.
    case blocks
    /// A whole build of a small project: a section, a line `=====`, then a CSV.
    case build
    /// A workbook (`TableLoader`, workbooks): the first byte picks `.xlsx` (even) or
    /// `.ods` (odd), the rest is the file.
    case workbook
    /// A section's Markdown body through the whole Markdown stage: parsing, figures,
    /// links, images and blocks (`SectionRenderer`), then every output (page HTML in
    /// each render variant, the section's Markdown file, report.md). The first byte
    /// picks the language (even: fr) and whether raw HTML is allowed (bit 1).
    case markdown

    nonisolated(unsafe) static var selected = FuzzTarget.csv

    func run(_ bytes: [UInt8]) {
        switch self {
        case .frontmatter: Self.frontMatter(bytes)
        case .csv: Self.table(bytes, format: .csv)
        case .json: Self.table(bytes, format: .json)
        case .figures: Self.figures(bytes)
        case .blocks: Self.blocks(bytes)
        case .build: Self.build(bytes)
        case .workbook: Self.workbook(bytes)
        case .markdown: Self.markdown(bytes)
        }
    }

    // MARK: - Targets

    static func frontMatter(_ bytes: [UInt8]) {
        guard case .success(let text) = SourceText.decode(bytes, file: "content/sections/010-a.fr.md") else { return }
        let outcome = Result { () throws(DiagnosticError) in
            try SectionLoader.parse(fileName: "010-a.fr.md", text: text, config: Fixture.shared.config)
        }
        switch outcome {
        case .failure(let error): checkLocated(error.diagnostics)
        case .success(let section):
            let rendered = SectionRenderer.render(section, context: Fixture.shared.context(language: "fr"))
            checkLocated(rendered.diagnostics)
        }
    }

    static func table(_ bytes: [UInt8], format: TableFormat) {
        let file = "content/data/t.\(format.rawValue)"
        switch TableLoader.load(bytes, format: format, name: "t", file: file) {
        case .failure(let diagnostic): checkLocated([diagnostic])
        case .success(let table):
            precondition(table.rows.count == table.rowLines.count, "a row without its line")
            for row in table.rows { precondition(row.count == table.columns.count, "a row of the wrong width") }
            _ = table.localized(to: "fr")
        }
    }

    static func workbook(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let format: TableFormat = first % 2 == 0 ? .xlsx : .ods
        let file = "content/data/t.\(format.rawValue)"
        switch TableLoader.loadFile(Array(bytes.dropFirst()), format: format, name: "t", file: file) {
        case .failure(let diagnostic): checkLocated([diagnostic])
        case .success(.notATable): preconditionFailure("a workbook is always read as tables")
        case .success(.tables(let tables, _, let diagnostics)):
            checkLocated(diagnostics)
            for table in tables {
                precondition(table.rows.count == table.rowLines.count, "a row without its line")
                precondition(table.columnNumbers.count == table.columns.count, "a column without its number")
                for row in table.rows { precondition(row.count == table.columns.count, "a row of the wrong width") }
            }
        }
    }

    static func figures(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let yaml = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16).enumerated()
            .map { "f\($0.offset): \(YAMLEscaping.quoted(String($0.element)))" }
            .joined(separator: "\n")
        let file = FiguresLoader.parse(yaml)
        checkLocated(file.diagnostics)
        let evaluation = FigureEvaluator(tables: Fixture.shared.localizedTables).evaluate(file.definitions)
        checkLocated(evaluation.diagnostics)
        // Formats every computed figure in each language.
        _ = FigureTable(evaluation: evaluation, config: Fixture.shared.config)
    }

    static func blocks(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let kinds = ["chart", "table", "keyfigures"]
        let body = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let text = "---\ntitle: Blocs\n---\n````\(kinds[Int(first) % kinds.count])\n\(body)\n````\n"
        let outcome = Result { () throws(DiagnosticError) in
            try SectionLoader.parse(fileName: "010-a.fr.md", text: text, config: Fixture.shared.config)
        }
        guard case .success(let section) = outcome
        else { return }
        let rendered = SectionRenderer.render(
            section, context: Fixture.shared.context(language: first & 0x80 == 0 ? "fr" : "en"))
        checkLocated(rendered.diagnostics)
        for chart in rendered.charts { checkNoExecutableMarkup(chart.svg, in: "chart \(chart.id)") }
    }

    static func markdown(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let language = first % 2 == 0 ? "fr" : "en"
        let allowRawHTML = first & 2 != 0
        let body = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let text = "---\ntitle: Section\n---\n" + body
        guard
            let section = try? SectionLoader.parse(
                fileName: "010-a.\(language).md", text: text, config: Fixture.shared.config)
        else { return }
        var context = Fixture.shared.context(language: language)
        context.allowRawHTML = allowRawHTML
        let parsed = SectionRenderer.render(section, context: context)
        checkLocated(parsed.diagnostics)
        let links = OutputLinks(
            pageAnchors: ["020-b": "b", section.key: "a"], markdownAnchors: ["020-b": "b", section.key: "a"],
            language: language)
        let sideBySide = RenderVariant.sideBySide(siteRoot: "/")
        let rendered = RenderedSection(parsed, links: links, variants: [.site, sideBySide], allowRawHTML: allowRawHTML)
        if !allowRawHTML {
            checkNoExecutableMarkup(rendered.output.html, in: "the section's page HTML")
            checkNoExecutableMarkup(rendered.html(in: sideBySide)?.html ?? "", in: "the side-by-side HTML")
        }
        for chart in rendered.charts { checkNoExecutableMarkup(chart.svg, in: "chart \(chart.id)") }
        precondition(rendered.output.markdownStart <= rendered.output.sectionFile.count, "a front matter past its file")
    }

    static func build(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "\n=====\n")
        let root = Fixture.scratch.appendingPathComponent("build")
        let manager = FileManager.default
        try? manager.removeItem(at: root)
        try! manager.createDirectory(
            at: root.appendingPathComponent("content/sections"), withIntermediateDirectories: true)
        try! manager.createDirectory(at: root.appendingPathComponent("content/data"), withIntermediateDirectories: true)
        func write(_ text: String, _ path: String) {
            try! Data(text.utf8).write(to: root.appendingPathComponent(path))
        }
        write(Fixture.reportYAML, "content/report.yaml")
        write("lignes: count(t)\n", "content/figures.yaml")
        write(parts[0], "content/sections/010-a.fr.md")
        write(parts.count > 1 ? parts[1] : "a\n1\n", "content/data/t.csv")
        let result = BuildPipeline.run(BuildOptions(projectRoot: root, drafts: bytes.count % 2 == 0, write: false))
        checkLocated(result.diagnostics)
        guard let plan = result.plan else { return }
        for (path, file) in plan.files where path.hasSuffix(".html") || path.hasSuffix(".svg") {
            checkNoExecutableMarkup(String(decoding: file, as: UTF8.self), in: path)
        }
    }

    // MARK: - Promises

    /// Every diagnostic names a file, and a line and column from 1 when it has them.
    static func checkLocated(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            let location = diagnostic.location
            precondition(!location.file.isEmpty, "a diagnostic without a file: \(diagnostic)")
            if let line = location.line { precondition(line >= 1, "line \(line) in \(diagnostic)") }
            if let column = location.column { precondition(column >= 1, "column \(column) in \(diagnostic)") }
            precondition(location.column == nil || location.line != nil, "a column without a line: \(diagnostic)")
        }
    }

    /// Nothing that would run in a browser in generated HTML or SVG (``MarkupScanner``:
    /// `<script>`, `on…` attributes, `javascript:`/`vbscript:`/`data:text/html` URLs).
    static func checkNoExecutableMarkup(_ html: String, in file: String) {
        let problems = MarkupScanner.executableMarkup(html)
        precondition(problems.isEmpty, "\(problems.joined(separator: "; ")) in \(file)")
    }
}

/// The small project the targets share: report.yaml, two tables and a few figures.
struct Fixture: Sendable {
    static let reportYAML = """
        organization: Fuzz
        period: 2023-2024
        languages:
          fr: { locale: fr-CA, title: "Rapport" }
          en: { locale: en-CA, title: "Report" }

        """
    static let scratch: URL = {
        let base =
            FileManager.default.fileExists(atPath: "/dev/shm")
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("bilan-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
    static let shared = Fixture()

    let root: URL
    let config: ReportConfig
    let stage: FigureStage
    let localizedTables: [String: DataTable]

    init() {
        root = Self.scratch.appendingPathComponent("fixture")
        let files = [
            "content/report.yaml": Self.reportYAML,
            "content/data/membres.csv":
                "type,libelle_fr,libelle_en,nombre\nindividuelle,Membres individuelles,Individual"
                + " members,233\nassociative,Membres associatives,Associative members,53\n",
            "content/data/frequentation.csv":
                "annee,femmes,proches,note_fr,note_en\n2019,12,5,Première,First\n2020,40,,Pandémie,Pandemic\n"
                + "2021,75,18,\"<b>x</b>\",y\n2022,101,25,,\n",
            "content/figures.yaml":
                "membres_total: sum(membres.nombre)\npart: { value: membres_total / 1000, format: percent }\n",
            "content/sections/020-b.fr.md": "---\ntitle: B\n---\nB\n",
            "content/assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try! FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }
        config = try! ReportConfigLoader.load(projectRoot: root)
        stage = FigureStage.run(projectRoot: root, config: config)
        precondition(stage.diagnostics.isEmpty, "the fuzz fixture has problems: \(stage.diagnostics)")
        localizedTables = stage.tables.mapValues { $0.localized(to: "fr") }
    }

    func context(language: String) -> SectionContext {
        let blocks = BlockContext(
            language: language, tables: stage.tables.mapValues { $0.localized(to: language) }, unreadableTables: [],
            formatter: FigureFormatter(localeIdentifier: language == "fr" ? "fr-CA" : "en-CA"),
            figures: stage.resolver, traceFigures: language == "fr")
        return SectionContext(
            projectRoot: root, sectionKeysByFile: ["content/sections/020-b.fr.md": "020-b"],
            anchorsByKey: ["020-b": "b"],
            knownAnchors: ["b"], figures: stage.resolver, allowRawHTML: false, traceFigures: language == "fr",
            blocks: blocks)
    }
}
