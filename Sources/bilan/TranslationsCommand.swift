import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each section's languages, content hashes and whether each translation is up to date.",
        discussion: """
            The source of a translation is the default language's section. A translation
            records the source's hash in `translation_of:`; when the source changes later,
            the translation is outdated. After updating translations, --stamp records the
            current hashes and keeps a copy of each source in content/.bilan/translations/;
            --diff KEY then shows which words of the source changed since.
            Example: bilan translations --diff 010-mot-equipe
            """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "text for a terminal, or json.")
    var format: OutputFormat = .text
    @Flag(help: "Mark the present translations of the sections named (of every section when none is) as up to date.")
    var stamp = false
    @Option(
        name: .customLong("diff"),
        help: ArgumentHelp(
            "Show what changed in the section's source since each translation was made, word by word.",
            valueName: "section"))
    var diffKey: String?
    @Flag(
        help: "With --diff: write changes as [-removed-] and {+added+}, not in colour (as when NO_COLOR is set)."
    )
    var noColor = false
    @Argument(
        help: ArgumentHelp(
            "With --stamp: the sections to stamp, by key or slug (010-mot-equipe, mot-equipe).",
            valueName: "section"))
    var sections: [String] = []

    func validate() throws {
        if !sections.isEmpty && !stamp { throw ValidationError("naming sections needs --stamp") }
        if diffKey != nil && (stamp || format == .json) {
            throw ValidationError("--diff shows one section as text: it goes without --stamp and --format json")
        }
        if noColor && diffKey == nil { throw ValidationError("--no-color goes with --diff") }
    }

    func run() throws {
        var listing = try load()
        if let diffKey {
            guard let entry = listing.entries.first(where: { $0.isNamed(diffKey) }) else {
                throw ValidationError(
                    "no section '\(diffKey)' (sections are named by key or slug, as `bilan translations` lists them)")
            }
            let environment = ProcessInfo.processInfo.environment
            let color = !noColor && environment["NO_COLOR"].map(\.isEmpty) != false && isatty(STDOUT_FILENO) == 1
            print(
                KeptSources.report(entry, config: listing.config, projectRoot: project.rootURL, color: color),
                terminator: "")
            return
        }
        if stamp {
            let unknown = TranslationsListing.unknownKeys(sections, in: listing.entries)
            if !unknown.isEmpty {
                throw ValidationError(
                    "no section '\(unknown.joined(separator: "', '"))' (sections are named by key or slug, "
                        + "as `bilan translations` lists them)")
            }
            let changed = try TranslationsListing.stamp(
                listing.entries, config: listing.config, projectRoot: project.rootURL, keys: Set(sections))
            for file in changed { printError("bilan: stamped \(file)\n") }
            listing = try load()
        }
        printError(DiagnosticReport.text(listing.diagnostics))
        print(
            format == .json
                ? TranslationsListing.json(listing.entries, config: listing.config)
                : TranslationsListing.text(listing.entries, config: listing.config), terminator: "")
    }

    func load() throws -> (config: ReportConfig, entries: [TranslationEntry], diagnostics: [Diagnostic]) {
        try reported { () throws(DiagnosticError) in try TranslationsListing.run(projectRoot: project.rootURL) }
    }
}
