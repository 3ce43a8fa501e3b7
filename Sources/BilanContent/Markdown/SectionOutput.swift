import Foundation

/// One section as each output shows it: its HTML in the page, its Markdown in
/// report.md and in its own file.
public struct SectionOutput: Sendable {
    package var html: String
    /// The section's own file (`sections/KEY.md`): its front matter, then its Markdown.
    package var sectionFile: [UInt8]
    /// Where its Markdown starts in `sectionFile`.
    package var markdownStart: Int
    /// Its Markdown in report.md, when links make it differ from its own file's; nil
    /// when it is the same (then read from `sectionFile`, not held twice).
    package var reportMarkdown: String?
    /// Its page in the Hugo layout (`hugo/content/<lang>/<slug>/index.md`): front
    /// matter, then its Markdown with links as Hugo's `relref`; nil in the plain layout.
    package var hugoPage: [UInt8]?

    package init(
        html: String, sectionFile: [UInt8], markdownStart: Int, reportMarkdown: String?, hugoPage: [UInt8]? = nil
    ) {
        self.html = html
        self.sectionFile = sectionFile
        self.markdownStart = markdownStart
        self.reportMarkdown = reportMarkdown
        self.hugoPage = hugoPage
    }
}
