/// Who a page is rendered for, which decides how its links and files are written: the
/// link resolver (``OutputLinks``) and the template context both take it, so no variant
/// rewrites finished HTML.
public enum RenderVariant: Hashable, Sendable {
    /// The built site: relative URLs to the other pages and to the copied files.
    case site
    /// One language in one self-contained file (`bilan export`): project files as
    /// `data:` URIs, no links to the other languages, the stylesheet inlined.
    case singleFile
    /// The reviewers' pages of `bilan serve`, served below `siteRoot`: a link to a
    /// section, or to an anchor, leads into the page of the section's own language.
    case sideBySide(siteRoot: String)
    /// One language as a Word document (`bilan export --docx`): the section written as
    /// WordprocessingML (``WordSection``) from its tree, not as HTML.
    case word
}
