public import BilanBase
public import Foundation

/// `bilan export --pdf`: the single-file page printed by Chromium as a finished document.
///
/// The page gets a print stylesheet of its own (``printStyle(_:)``: the paper size, the
/// footer with the organisation and `page N / M`, the table of contents shown, each
/// chart's data table printed after it). Chromium has no `target-counter()`, so the table
/// of contents' page numbers are found by printing: each pass reads the page every
/// section's named destination lands on (``PrintedPDF/destinationPages()``), writes those
/// numbers in the contents and prints again, until the numbers printed are the pages the
/// sections are on (at most ``maximumPasses`` prints; the example converges in two).
/// Last, the PDF's information dictionary and language are written by bilan
/// (``PrintedPDF/stamped(_:)``), so two exports are byte-identical.
public enum PrintedReport {
    /// The paper sizes `paper:` in report.yaml accepts.
    public enum Paper: String, Sendable, CaseIterable {
        case letter
        case a4

        /// Letter where it is the usual paper (a locale of Canada or the United States), A4 elsewhere.
        public static func usual(forLocale locale: String) -> Paper {
            let region = locale.split(whereSeparator: { $0 == "-" || $0 == "_" }).dropFirst().last.map(String.init)
            return ["CA", "US"].contains(region?.uppercased() ?? "") ? .letter : .a4
        }
    }

    public struct Settings: Sendable {
        public var paper: Paper
        /// The organisation's name in the page's language, in the footer.
        public var organization: String
        /// Each section starts on a new page (`print: { section_breaks: true }`), not only each part.
        public var sectionBreaks: Bool
        public var stamp: PrintedPDF.Stamp

        public init(paper: Paper, organization: String, sectionBreaks: Bool = false, stamp: PrintedPDF.Stamp) {
            self.paper = paper
            self.sectionBreaks = sectionBreaks
            self.organization = organization
            self.stamp = stamp
        }
    }

    /// How many times the page may be printed while the contents' page numbers settle.
    public static let maximumPasses = 3

    /// Prints `html` to `target` (written whole, or not at all).
    public static func print(
        html: String, settings: Settings, to target: URL, chromium: URL
    ) -> Result<Void, Diagnostic> {
        let page = preparedPage(html, settings: settings)
        let anchors = contentsAnchors(page)
        var numbers: [String: Int] = [:]
        var printed: [UInt8] = []
        for _ in 0..<maximumPasses {
            switch ChromiumPrinter.printed(html: withPageNumbers(page, numbers), for: target, chromium: chromium) {
            case .failure(let problem): return .failure(problem)
            case .success(let bytes): printed = bytes
            }
            guard let destinations = PrintedPDF(bytes: printed).destinationPages() else { break }
            var found: [String: Int] = [:]
            for anchor in anchors { found[anchor] = destinations[anchor] }
            if found == numbers { break }
            numbers = found
        }
        guard let stamped = PrintedPDF(bytes: printed).stamped(settings.stamp) else {
            return .failure(
                .error(
                    .outputFailed, "bilan could not read the PDF Chromium printed (an unexpected layout)",
                    at: SourceLocation(file: target.path)))
        }
        return OutputWriter.writeWhole(Data(stamped), to: target)
    }

    /// The page with the print stylesheet and the charts' data tables open.
    static func preparedPage(_ html: String, settings: Settings) -> String {
        var page = html.replacingOccurrences(
            of: "<details class=\"chart-data\">", with: "<details class=\"chart-data\" open>")
        if let head = page.range(of: "</head>") {
            page.replaceSubrange(head, with: "<style>\n\(printStyle(settings))</style>\n</head>")
        }
        return page
    }

    /// The anchors the table of contents links to, in order.
    static func contentsAnchors(_ html: String) -> [String] {
        guard let contents = contentsRange(html) else { return [] }
        var anchors: [String] = []
        var rest = html[contents]
        while let link = rest.range(of: "<a href=\"#") {
            let tail = rest[link.upperBound...]
            guard let close = tail.firstIndex(of: "\"") else { break }
            anchors.append(String(tail[..<close]))
            rest = tail[close...]
        }
        return anchors
    }

    private static func contentsRange(_ html: String) -> Range<String.Index>? {
        guard let open = html.range(of: "<nav class=\"toc\""),
            let close = html.range(of: "</nav>", range: open.upperBound..<html.endIndex)
        else { return nil }
        return open.lowerBound..<close.upperBound
    }

    /// The page with each contents entry followed by its page number; before the first
    /// print, a placeholder of the same width.
    static func withPageNumbers(_ html: String, _ numbers: [String: Int]) -> String {
        guard let contents = contentsRange(html) else { return html }
        var section = ""
        var rest = html[contents]
        while let link = rest.range(of: "<a href=\"#") {
            let tail = rest[link.upperBound...]
            guard let close = tail.firstIndex(of: "\""), let end = tail.range(of: "</a>") else { break }
            let anchor = String(tail[..<close])
            let number = numbers[anchor].map(String.init) ?? "00"
            section += rest[..<end.upperBound] + "<span class=\"toc-page\">\(number)</span>"
            rest = tail[end.upperBound...]
        }
        section += rest
        var page = html
        page.replaceSubrange(contents, with: section)
        return page
    }

    /// The stylesheet added to the printed page.
    static func printStyle(_ settings: Settings) -> String {
        let organization = cssString(settings.organization)
        return """
            @page {
              size: \(settings.paper == .letter ? "letter" : "A4");
              @bottom-left { content: \(organization); font: 9pt system-ui, sans-serif; color: #5b5560; }
              @bottom-right {
                content: "page " counter(page) " / " counter(pages); font: 9pt system-ui, sans-serif; color: #5b5560;
              }
            }
            @page :first { @bottom-left { content: none; } @bottom-right { content: none; } }
            @media print {
              .toc { display: block; break-after: page; page-break-after: always; }
              .toc ol { list-style: none; padding-left: 0; }
              .toc ol ol { padding-left: 1.25rem; }
              .toc li { margin: 0.3rem 0; }
              .toc li a { display: inline; }
              .toc-page { float: right; padding-left: 0.75rem; font-variant-numeric: tabular-nums; }
              .toc-part-title { font-weight: 700; }
              h1, h2, h3, h4, figcaption, .chart-data summary { break-after: avoid; page-break-after: avoid; }
              .chart { break-inside: auto; page-break-inside: auto; }
              .chart-frame { break-inside: avoid; page-break-inside: avoid; }
              .chart svg { max-height: 9cm; }
              .chart-data { display: block; }
              .chart-data summary { list-style: none; color: inherit; font-size: 0.9rem; font-weight: 700; }
              .chart-data summary::-webkit-details-marker { display: none; }
              .chart-data table { break-inside: avoid; page-break-inside: avoid; }
            }
            \(settings.sectionBreaks ? sectionBreakStyle : "")
            """
    }

    /// Each section on a new page; a section right after its part's title stays on the title's page.
    static let sectionBreakStyle = """
        @media print {
          .section { break-before: page; page-break-before: always; }
          .part + .section { break-before: auto; page-break-before: auto; }
        }

        """

    /// `text` as a CSS string, quoted, every character outside printable ASCII and
    /// every quote or backslash escaped.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.value >= 0x20, scalar != "\"", scalar != "\\", scalar != "<", scalar != ">" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}
