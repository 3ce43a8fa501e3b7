/// What a page template sees: `page.mustache` (a language's report) and `index.mustache`
/// (the language chooser). Each stored property's name is a template variable
/// (`{{organization}}`, `{{#groups}}`): this file declares every name a project's own
/// template can use, and the README's list follows it. Templates render it through
/// ``TemplateContext``; a nil optional is a missing name, as in Mustache.
public struct PageModel: Encodable, Sendable {
    /// The page's language code (`fr`).
    public var lang: String
    /// Whether the page's language is written right to left (`dir="rtl"`).
    public var rtl: Bool
    public var organization: String
    public var period: String
    /// The period under the cover's title, or nil when the title already says it.
    public var coverPeriod: String?
    /// `bilan VERSION`, for `<meta name="generator">`.
    public var generator: String
    /// The interface words in the page's language, by key (`strings.draft`).
    public var strings: [String: String]
    /// Every figure formatted for the page's language, by name (`figures.membres`).
    public var figures: [String: String]
    /// `theme.accent`, when report.yaml sets it.
    public var accent: String?
    /// The cover's photo (`theme.cover`), its URL from the page, and its text.
    public var cover: String?
    public var coverAlt: String?
    /// The absolute URL of the link previews' image (`og:image`): the cover's photo, else
    /// the logo, under `base_url`.
    public var ogImage: String?
    /// The style the theme adds after the stylesheet (colours derived from the accent,
    /// the font stack, figures not bold), for `<style>{{{themeStyle}}}</style>`; nil
    /// when the theme changes nothing. Its values are checked when report.yaml is read.
    public var themeStyle: String?
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
    /// The organisation's name in that language, when report.yaml gives one per language
    /// (`index` only; not `organization`, which Mustache would otherwise find in the page).
    public var organizationName: String? = nil
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
    /// In an archive of several years, links to the same section in the year before and
    /// the year after, when they have it.
    public var years: [YearLink] = []
}

/// A link from a section to the same section of another year of an archive.
public struct YearLink: Encodable, Sendable, Hashable {
    public var href: String
    /// `prev` or `next`.
    public var rel: String
    /// The other year's period and its section's title (`2022-2023 · Nos membres`).
    public var label: String

    public init(href: String, rel: String, label: String) {
        self.href = href
        self.rel = rel
        self.label = label
    }
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

/// A page model as the templates read it: each struct made once into a dictionary of its
/// properties by name (nil optionals left out), arrays and other values as they are.
///
/// swift-mustache can read structs itself, but through a new `Mirror` at every tag and
/// every level it climbs: that doubled the render stage of a 1,000-section report
/// (about 140 ms to 300 ms). One `Mirror` per value, here, gives the same names and the
/// same lookups as a hash table.
package enum TemplateContext {
    package static func value(_ value: Any) -> Any? {
        // The leaves first, without a Mirror (a cast also unwraps a non-nil optional).
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let table as [String: String]: return table
        case let list as [Any]: return list.compactMap { Self.value($0) }
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { Self.value($0.value) }
        case .struct:
            var properties: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let value = Self.value(child.value) { properties[label] = value }
            }
            return properties
        default:
            return value
        }
    }
}
