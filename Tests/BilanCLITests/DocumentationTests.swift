import BilanTestSupport
import Foundation
import Testing

/// The README and both guides name every command the binary has and every diagnostic
/// code bilan can give, so that a user who meets one finds it documented.
@Suite struct DocumentationTests {
    static let documents = ["README.md", "docs/guide.fr.md", "docs/guide.en.md"]

    static func text(_ document: String) throws -> String {
        try String(contentsOf: BilanBinary.packageRoot.appendingPathComponent(document), encoding: .utf8)
    }

    /// The codes declared in Sources/BilanBase/Diagnostic.swift, the one place they live.
    static func codes() throws -> [String] {
        let source = try text("Sources/BilanBase/Diagnostic.swift")
        return source.matches(of: /public static let \w+: DiagnosticCode = "([a-z0-9-]+)"/).map { String($0.output.1) }
    }

    @Test(arguments: documents)
    func everyDiagnosticCodeIsDocumented(_ document: String) throws {
        let codes = try Self.codes()
        #expect(codes.count > 50, "the codes are read from Diagnostic.swift")
        let text = try Self.text(document)
        let missing = codes.filter { !text.contains("`\($0)`") }
        #expect(missing.isEmpty, "\(document) does not name \(missing)")
    }

    @Test(arguments: documents)
    func everyCommandIsDocumented(_ document: String) throws {
        let help = try BilanBinary.run(["--help"])
        #expect(help.status == 0)
        let listing = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let commands = listing.matches(of: #/\n  ([a-z][a-z-]*) /#).map { String($0.output.1) }
        #expect(
            commands == ["build", "check", "serve", "export", "figures", "data", "translations", "init", "new-year"])
        let text = try Self.text(document)
        let missing = commands.filter { !text.contains("bilan \($0)") }
        #expect(missing.isEmpty, "\(document) does not show \(missing)")
    }
}
