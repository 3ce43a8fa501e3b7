import BilanBase
package import BilanInputs

extension ResolvedFigure {
    /// The figure as it stands in a page: in drafts (`traced`), focusable, with its
    /// trace shown on hover or focus.
    package func html(traced: Bool) -> String {
        let value = HTMLEscaping.text(text)
        guard traced else { return "<span class=\"figure\">\(value)</span>" }
        return "<span class=\"figure traced\" tabindex=\"0\">\(value)"
            + "<span class=\"figure-trace\" role=\"tooltip\">\(HTMLEscaping.text(trace))</span></span>"
    }
}
