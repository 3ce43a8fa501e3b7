import Yams

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

extension YAMLSchemaReader {
    /// A text readers see, at `node`: one text, or a map of language code to text. With
    /// `languages` (report.yaml's codes), the map must give every one of them and no other
    /// language, each problem at its key; without (archive.yaml, whose years declare the
    /// languages), any codes. `noun` ends the messages for a wrong value (`a text value`).
    /// Nil when it is wrong (reported).
    mutating func localizedText(
        _ node: Node, key: String, noun: String, languages: [String] = [], requiredAt keyNode: Node? = nil
    ) -> LocalizedText? {
        if node.scalar != nil {
            return text(node, .nonEmpty, invalid: "'\(key)' must be \(noun)").map { LocalizedText($0) }
        }
        let map = YAMLMap(node)
        guard map.isMap, !map.entries.isEmpty else {
            let example = (languages.isEmpty ? ["fr", "en"] : languages).map { "\($0): …" }.joined(separator: ", ")
            fail("'\(key)' must be \(noun), or one per language: { \(example) }", at: node)
            return nil
        }
        var texts: [String: String] = [:]
        for entry in map.entries {
            if !languages.isEmpty, !languages.contains(entry.key) {
                fail(
                    "'\(key)' has a text for '\(entry.key)', which is not a language of the report (languages: "
                        + "\(languages.joined(separator: ", ")))", at: entry.keyNode)
                continue
            }
            texts[entry.key] = text(entry.value, .nonEmpty, invalid: "'\(key)' in '\(entry.key)' must be \(noun)")
        }
        let missing = languages.filter { map[$0] == nil }
        if !missing.isEmpty {
            fail(
                "'\(key)' is given per language, so it needs a text for every language of the report: add "
                    + missing.map { "\($0): …" }.joined(separator: ", "), at: keyNode ?? node)
        }
        return LocalizedText(all: nil, byLanguage: texts)
    }
}
