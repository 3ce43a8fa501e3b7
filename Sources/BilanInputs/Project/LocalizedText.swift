/// A text of a settings file that readers see: one text for every language, or one per
/// language code (`organization: { fr: Banque alimentaire du Grand Moncton, en: Greater
/// Moncton Food Bank }` in report.yaml, `title:` in archive.yaml).
public struct LocalizedText: Sendable, Hashable {
    /// The one text, when the file gives one for every language.
    public var all: String?
    /// The text of each language code, when the file gives one per language.
    public var byLanguage: [String: String]

    public init(all: String?, byLanguage: [String: String]) {
        self.all = all
        self.byLanguage = byLanguage
    }

    /// The same text in every language.
    public init(_ text: String) {
        self.init(all: text, byLanguage: [:])
    }

    /// Whether the file gives one text per language.
    public var isPerLanguage: Bool { all == nil }

    /// The text in `language`, or the one text, or the first language's in code order.
    public func text(in language: String) -> String {
        byLanguage[language] ?? all ?? byLanguage.sorted(by: { $0.key < $1.key }).first?.value ?? ""
    }
}

extension LocalizedText: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        self.init(text)
    }
}
