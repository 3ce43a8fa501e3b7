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
            current hashes. Example: bilan translations --format json
            """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "text for a terminal, or json.")
    var format: OutputFormat = .text
    @Flag(help: "Mark every present translation as up to date with its source.")
    var stamp = false

    func run() throws {
        var listing = try load()
        if stamp {
            let changed = try TranslationsListing.stamp(listing.entries, config: listing.config, projectRoot: project.rootURL)
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
