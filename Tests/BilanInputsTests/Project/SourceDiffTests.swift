import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs
import BilanTestSupport

/// What changed in a translation's source: paragraphs matched, then words.
@Suite struct SourceDiffTests {
    @Test func aChangedParagraphShowsItsWords() {
        let old = "### Titre\n\nLa fête s'est tenue au centre.\n\nUn paragraphe qui reste.\n"
        let new = "### Titre\n\nLa grande fête a eu lieu au centre.\n\nUn paragraphe qui reste.\n\nUn nouveau.\n"
        let changes = SourceDiff.changes(from: old, to: new, firstLine: 4)
        #expect(changes.map(\.kind) == [.changed, .added])
        #expect(changes.map(\.line) == [6, 10])
        #expect(SourceDiff.plain(changes[0].pieces) == "La {+grande +}fête [-s'est tenue-]{+a eu lieu+} au centre.")
        #expect(SourceDiff.plain(changes[1].pieces) == "{+Un nouveau.+}")
        #expect(
            SourceDiff.colored(changes[0].pieces)
                == "La \u{1B}[32;4mgrande \u{1B}[0mfête \u{1B}[31;9ms'est tenue\u{1B}[0m"
                + "\u{1B}[32;4ma eu lieu\u{1B}[0m au centre."
        )
    }

    @Test func aRemovedParagraphIsPlacedBeforeTheNextOne() {
        let changes = SourceDiff.changes(from: "A.\n\nB.\n\nC.\n", to: "A.\n\nC.\n")
        #expect(changes == [ParagraphChange(kind: .removed, line: 3, pieces: [.removed("B.")])])
        #expect(SourceDiff.changes(from: "A.\n", to: "A.\n").isEmpty)
        // Line ends and line breaks inside a paragraph are not changes of words.
        #expect(SourceDiff.changes(from: "un deux\ntrois\n", to: "un deux\r\ntrois\r\n").isEmpty)
    }

    @Test func keptCopiesAreCheckedAgainstTheirHash() throws {
        let root = FixtureProjects.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent(KeptSources.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let body = "Un texte.\n"
        let hash = SHA256.hex(Array(body.utf8)).prefix(8).description
        try body.write(
            to: root.appendingPathComponent(KeptSources.file(key: "010-a", hash: hash)), atomically: true,
            encoding: .utf8)
        #expect(KeptSources.body(key: "010-a", hash: hash, projectRoot: root) == body)
        try "Modifié.\n".write(
            to: root.appendingPathComponent(KeptSources.file(key: "010-a", hash: hash)), atomically: true,
            encoding: .utf8)
        #expect(KeptSources.body(key: "010-a", hash: hash, projectRoot: root) == nil)
        #expect(KeptSources.body(key: "010-b", hash: hash, projectRoot: root) == nil)
    }
}
