import Foundation
public import BilanBase

/// How far along a section is; drafts are left out of a build unless `--drafts`.
public enum SectionStatus: String, Sendable, CaseIterable {
    case draft
    case review
    case final
}

/// One section file in one language: `content/sections/NNN-slug.LANG.md`.
public struct Section: Sendable {
    /// The translation key: the file's base name without language (`010-mot-equipe`).
    public var key: String
    /// The anchor of the section in every output (`mot-equipe`).
    public var slug: String
    /// The number in front of the slug, which orders sections without `weight`.
    public var prefix: Int
    public var language: String
    /// The file, relative to the project folder.
    public var file: String
    public var title: String
    public var status: SectionStatus
    public var weight: Int?
    public var part: String?
    /// The source section's hash this translation was made from.
    public var translationOf: String?
    /// Where `translation_of:` stands, for `outdated-translation`.
    public var translationOfLocation: SourceLocation?
    /// The Markdown after the front matter, line ends as LF.
    public var body: String
    /// The file line on which `body` starts.
    public var bodyFirstLine: Int
    /// A one-line summary (front matter `description`), passed on in the section's
    /// Markdown front matter for a website's listings and link previews.
    public var description: String? = nil

    /// The place in the report: `weight`, else the numeric prefix.
    public var order: Int { weight ?? prefix }

    /// The hash that `translation_of` holds: the first 8 hex digits of the SHA-256 of
    /// the body (after the front matter, without BOM, line ends as LF).
    public var contentHash: String { SHA256.hex(Array(body.utf8)).prefix(8).description }
}
