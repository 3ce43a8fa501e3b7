import Foundation
import BilanBase
public import BilanInputs
import BilanContent

/// `output/sitemap.xml` for a report published at `base_url`: every page, each with its
/// `hreflang` alternates (sitemaps.org 0.9 and Google's `xhtml:link` extension).
///
/// The pages are the language chooser (`base_url`, the `x-default`) and each language's
/// report (`base_url` + `fr/`). Nothing comes from the clock: `<lastmod>` is written only
/// when the build is given a `SOURCE_DATE_EPOCH`.
public struct Sitemap: Sendable {
    public static let path = "sitemap.xml"

    /// The site's root URL, ending with `/`.
    public var baseURL: String
    public var languages: [ReportLanguage]
    /// Seconds since 1970, UTC; dates every page when set.
    public var sourceDateEpoch: Int?

    public init(baseURL: String, languages: [ReportLanguage], sourceDateEpoch: Int? = nil) {
        self.baseURL = baseURL
        self.languages = languages
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// Each language's page, then the chooser as `x-default`: the `hreflang` set every
    /// page and every sitemap entry lists.
    public static func alternates(baseURL: String, languages: [ReportLanguage]) -> [(hreflang: String, href: String)] {
        languages.map { ($0.code, baseURL + $0.code + "/") } + [("x-default", baseURL)]
    }

    /// An Open Graph locale (`fr_CA`) from a CLDR one (`fr-CA`).
    public static func openGraphLocale(_ locale: String) -> String {
        locale.replacingOccurrences(of: "-", with: "_")
    }

    /// The sitemap as XML: the chooser first, then the languages in report.yaml's order.
    public var xml: String {
        Self.document(entries)
    }

    /// The `<url>` entries of the chooser and the languages' pages, for a sitemap that
    /// holds several sites (an archive's years).
    public var entries: String {
        let alternates = Self.alternates(baseURL: baseURL, languages: languages)
        let pages = [baseURL] + languages.map { baseURL + $0.code + "/" }
        var text = ""
        for page in pages {
            text += "  <url>\n"
            text += "    <loc>\(HTMLEscaping.text(page))</loc>\n"
            if let lastModified { text += "    <lastmod>\(lastModified)</lastmod>\n" }
            for alternate in alternates {
                text +=
                    "    <xhtml:link rel=\"alternate\" hreflang=\"\(HTMLEscaping.text(alternate.hreflang))\""
                    + " href=\"\(HTMLEscaping.text(alternate.href))\"/>\n"
            }
            text += "  </url>\n"
        }
        return text
    }

    /// A sitemap of `entries`.
    public static func document(_ entries: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """ + entries + "</urlset>\n"
    }

    /// `SOURCE_DATE_EPOCH` as a W3C date (`2024-06-30`), in UTC.
    package var lastModified: String? {
        guard let sourceDateEpoch else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(sourceDateEpoch)))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
