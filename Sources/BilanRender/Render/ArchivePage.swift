/// A landing page of an archive of several years (`bilan build --archive`): the years in
/// one language, newest first, each with its title, period, logo and key figures; or,
/// without years, the archive's language chooser.
public struct ArchivePage: Encodable, Sendable {
    /// One year of the archive, as a landing page lists it.
    public struct Year: Encodable, Sendable {
        public var title: String
        /// The year's period, when its title does not already say it.
        public var period: String?
        /// The year's report in this language, relative to the landing page.
        public var href: String
        /// The year's logo, relative to the landing page, when it has one.
        public var logo: String?
        public var figures: [Figure]
        /// Whether it has key figures (templates cannot test a list for emptiness).
        public var hasFigures: Bool

        public init(title: String, period: String?, href: String, logo: String?, figures: [Figure]) {
            self.title = title
            self.period = period
            self.href = href
            self.logo = logo
            self.figures = figures
            self.hasFigures = !figures.isEmpty
        }
    }

    /// A key figure of a year: its label and its value formatted in the page's language.
    public struct Figure: Encodable, Sendable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public var lang: String
    public var rtl: Bool
    public var title: String
    public var generator: String
    public var stylesheet: String
    public var canonical: String?
    public var alternates: [AlternateLink]
    public var languages: [LanguageLink]
    public var years: [Year]
    public var hasYears: Bool

    public init(
        lang: String, rtl: Bool, title: String, generator: String, stylesheet: String, canonical: String?,
        alternates: [(hreflang: String, href: String)],
        languages: [(code: String, name: String, href: String, rtl: Bool, current: Bool)], years: [Year]
    ) {
        self.lang = lang
        self.rtl = rtl
        self.title = title
        self.generator = generator
        self.stylesheet = stylesheet
        self.canonical = canonical
        self.alternates = alternates.map { AlternateLink(hreflang: $0.hreflang, href: $0.href) }
        self.languages = languages.map {
            LanguageLink(code: $0.code, name: $0.name, href: $0.href, rtl: $0.rtl, current: $0.current)
        }
        self.years = years
        self.hasYears = !years.isEmpty
    }
}
