import Foundation
import Testing
@testable import BilanBase
@testable import BilanBuild

/// The data checks' warnings (`totals-row`, `empty-filter`, `repeated-category`) fail
/// `--strict` until report.yaml accepts them, by code and figure or file, like the others.
@Suite struct DataChecksAcceptTests {
    static let cases: [(name: String, entry: String)] = [
        ("totals-row-label", "{ code: totals-row, file: content/data/membres.csv, reason: \"kept for the auditors\" }"),
        ("totals-row-sum", "{ code: totals-row, file: content/data/frequentation.csv, reason: \"kept\" }"),
        ("empty-filter-figure", "{ code: empty-filter, figure: membres_individuelles, reason: \"none this year\" }"),
        ("empty-filter-block", "{ code: empty-filter, file: content/sections/020-membres.fr.md, reason: \"later\" }"),
        ("repeated-category", "{ code: repeated-category, file: content/sections/020-membres.fr.md, reason: \"ok\" }"),
    ]

    private func project(_ name: String, accepting entry: String?) throws -> URL {
        let project = try FixtureProjects.copy(overlay: FixtureProjects.invalidCases.appendingPathComponent(name))
        if let entry {
            let report = project.appendingPathComponent("content/report.yaml")
            let text = try String(contentsOf: report, encoding: .utf8) + "accept:\n  - \(entry)\n"
            try text.write(to: report, atomically: true, encoding: .utf8)
        }
        return project
    }

    @Test(arguments: cases.map(\.name))
    func anAcceptedDataWarningNoLongerFailsStrict(_ name: String) throws {
        let entry = try #require(Self.cases.first { $0.name == name }?.entry)
        let plain = try project(name, accepting: nil)
        defer { try? FileManager.default.removeItem(at: plain.deletingLastPathComponent()) }
        let failing = BuildPipeline.run(BuildOptions(projectRoot: plain, strict: true, write: false))
        #expect(failing.diagnostics.count == 1)
        #expect(failing.diagnostics.allSatisfy { !$0.accepted && $0.severity == .warning })
        #expect(failing.failed(strict: true))

        let accepting = try project(name, accepting: entry)
        defer { try? FileManager.default.removeItem(at: accepting.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: accepting, strict: true, write: false))
        #expect(result.diagnostics.count == 1, "\(DiagnosticReport.text(result.diagnostics))")
        #expect(result.diagnostics.allSatisfy { $0.accepted })
        #expect(!result.failed(strict: true))
    }

    @Test func anEntryForAnotherFigureAcceptsNothing() throws {
        let project = try project(
            "empty-filter-figure", accepting: "{ code: empty-filter, figure: membres_total, reason: \"wrong figure\" }")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = BuildPipeline.run(BuildOptions(projectRoot: project, strict: true, write: false))
        #expect(Set(result.diagnostics.map { $0.code }) == Set<DiagnosticCode>([.emptyFilter, .unusedAccept]))
        #expect(!result.diagnostics.contains { $0.accepted })
        #expect(result.failed(strict: true))
    }
}
