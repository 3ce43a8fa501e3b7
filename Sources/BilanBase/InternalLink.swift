/// The destinations bilan writes into a section's tree for what only the output stage
/// can place: another section, a project file, a chart's SVG. ``OutputLinks`` (Render)
/// turns each into the right relative URL for every output file.
public enum InternalLink: String, Sendable, CaseIterable {
    /// `bilan-section:KEY#fragment`: a section of the same language.
    case section = "bilan-section:"
    /// `bilan-language:LANG/KEY#fragment`: a section that is in this build only in
    /// another language, `LANG`, whose page the link leads to (with `hreflang`).
    case otherLanguage = "bilan-language:"
    /// `bilan-file:content/assets/x.jpg#fragment`: a file of the project.
    case file = "bilan-file:"
    /// `bilan-chart:ID.svg`: a chart drawn by a block, in the Markdown outputs.
    case chart = "bilan-chart:"

    /// The scheme, as it starts a destination.
    public var scheme: String { rawValue }

    /// A destination of this kind for `target` (a key, a path, a chart file name).
    public func destination(_ target: String) -> String { rawValue + target }

    /// What follows this kind's scheme in `destination`, or nil when it is of another kind.
    public func target(of destination: String) -> Substring? {
        destination.hasPrefix(rawValue) ? destination.dropFirst(rawValue.count) : nil
    }
}
