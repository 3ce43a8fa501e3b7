import Foundation

/// The `id` of a section's headings: a slug of the heading as written, made unique in
/// the section.
///
/// The slug is close to Hugo's `github-ascii` scheme: lowercase, accents taken off
/// (`Résultats` gives `resultats`, `Ça` gives `ca`, `œ` gives `oe`), ASCII letters,
/// digits, `-` and `_` kept, each space a `-`, anything else dropped; then, unlike it,
/// runs of `-` made one and `-` taken off both ends (`Bilan — 2024` gives `bilan-2024`,
/// not `bilan--2024`); a heading with nothing left is `heading`. A slug
/// already given in the section gets `-1`, `-2`… as GitHub and Hugo number them. The
/// text is the heading's source text, figures as written (`{{ total }}` gives `total`),
/// so an id does not change when the data does.
///
/// In a file that holds one section (its own Markdown file, its Hugo page) the id is
/// the slug; in a page that holds every section of a language (the site's page, the
/// single file, report.md) it follows the section's slug and `--`
/// (``pageID(sectionSlug:headingID:)``), so headings of two sections never clash.
public struct HeadingAnchors: Sendable {
    /// The ids given so far, in order.
    public private(set) var ids: [String] = []
    private var used: Set<String> = []

    public init() {}

    /// The id of the next heading of the section, whose text is `title`.
    public mutating func next(for title: String) -> String {
        let base = Self.slug(title)
        var id = base
        var number = 1
        while used.contains(id) {
            id = "\(base)-\(number)"
            number += 1
        }
        used.insert(id)
        ids.append(id)
        return id
    }

    /// A heading's slug, before it is made unique.
    public static func slug(_ title: String) -> String {
        var result = ""
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": result.unicodeScalars.append(scalar)
            case "A"..."Z": result += String(scalar).lowercased()
            case " ", "\t": result.append("-")
            default:
                if let ligature = Self.ligatures[scalar] { result += ligature }
            }
        }
        let words = result.split(separator: "-", omittingEmptySubsequences: true)
        return words.isEmpty ? "heading" : words.joined(separator: "-")
    }

    /// The letters that folding leaves as they are but that have an ASCII spelling.
    private static let ligatures: [Unicode.Scalar: String] = [
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
    ]

    /// The id of a section's heading in a page that holds every section of its language.
    public static func pageID(sectionSlug: String, headingID: String) -> String {
        sectionSlug + "--" + headingID
    }
}
