/// What a page template sees: `page.mustache` (a language's report) and `index.mustache`
/// (the language chooser). Each stored property's name is a template variable
/// (`{{organization}}`, `{{#groups}}`): this file declares every name a project's own
/// template can use, and the README's list follows it. swift-mustache reads the
/// properties through `Mirror`; a nil optional is a missing name, as in Mustache.
public struct PageModel: Encodable, Sendable {
    /// The page's language code (`fr`).
    public var lang: String
    /// Whether the page's language is written right to left (`dir="rtl"`).
    public var rtl: Bool
    public var organization: String
    public var period: String
    /// `bilan VERSION`, for `<meta name="generator">`.
    public var generator: String
    /// The interface words in the page's language, by key (`strings.draft`).
    public var strings: [String: String]
    /// Every figure formatted for the page's language, by name (`figures.membres`).
    public var figures: [String: String]
    /// `theme.accent`, when report.yaml sets it.
    public var accent: String?
    /// The language's `description`, when set.
    public var description: String?
    /// The page's own address, when report.yaml has a `base_url`.
    public var canonical: String?
    /// Every language's page, when there is a `base_url` (none in the single file).
    public var alternates: [AlternateLink]?
    /// The Open Graph locale of the page's language (`fr_CA`), with a `base_url`.
    public var ogLocale: String?
    /// The other languages' Open Graph locales, with a `base_url`.
    public var ogLocaleAlternates: [String]?
    /// The report's title in the page's language (`page` only).
    public var title: String?
    /// The stylesheet's URL (`page` only; a `data:` URI in the single file).
    public var stylesheet: String?
    /// The logo's URL (`page` only), when `theme.logo` is set and could be read.
    public var logo: String?
    /// Whether the page is the single-file export's.
    public var singleFile: Bool
    /// The stylesheet's text, in the single file only, for a `<style>` element.
    public var inlineStylesheet: String?
    /// The languages: in `page` the switch between pages (only the page's own in the
    /// single file), in `index` the chooser's list.
    public var languages: [LanguageLink]
    /// The sections, in runs of consecutive sections of one `part` (`page` only).
    public var groups: [SectionGroup]?

    /// A page of `organization` in `language`, with what every page's head shows; the
    /// rest is set by the template's caller.
    public init(
        lang: String, rtl: Bool, organization: String, period: String, generator: String,
        strings: [String: String], figures: [String: String]
    ) {
        self.lang = lang
        self.rtl = rtl
        self.organization = organization
        self.period = period
        self.generator = generator
        self.strings = strings
        self.figures = figures
        self.singleFile = false
        self.languages = []
    }
}

/// A `<link rel="alternate" hreflang>` of a page's head.
public struct AlternateLink: Encodable, Sendable {
    public var hreflang: String
    public var href: String
}

/// A link to one language's page, in the language switch or the chooser.
public struct LanguageLink: Encodable, Sendable {
    public var code: String
    /// The language's name in that language (`language_name`).
    public var name: String
    public var href: String
    /// Whether the language is written right to left.
    public var rtl: Bool
    /// Whether it is the page's own language (`page`; always false in `index`).
    public var current: Bool
    /// The report's title in that language (`index` only).
    public var title: String?
}

/// Consecutive sections of one part, or of none.
public struct SectionGroup: Encodable, Sendable {
    /// The part's title, when the sections have one.
    public var part: String?
    /// The id of the part's heading (`part-` and the title's slug), with `part`.
    public var partAnchor: String?
    public var sections: [SectionModel]
}

/// One section of a page.
public struct SectionModel: Encodable, Sendable {
    /// The section's id in the page (its slug).
    public var anchor: String
    public var title: String
    /// The section's rendered HTML, for `{{{html}}}`.
    public var html: String
    /// Whether its status is `draft`.
    public var draft: Bool
    /// Links to its translations' places in the other languages' pages (none in the
    /// single file).
    public var translations: [TranslationLink]
}

/// A link from a section to its translation in another language.
public struct TranslationLink: Encodable, Sendable {
    public var code: String
    public var href: String
    /// `read_in` in the translation's language (`Read in English`).
    public var label: String
    /// Whether the translation's language is written right to left.
    public var rtl: Bool
}
