public import Foundation
public import BilanBase
/// A figure written in a section, as the Markdown stage hands it to be resolved.
public struct ResolvedFigure: Sendable, Equatable {
    /// The figure's name (`fonds_solidarite`).
    public var name: String
    /// The value formatted for the section's language (`25 000 $`).
    public var text: String
    /// Where the value comes from, shown on hover in drafts: name, expression, data files.
    public var trace: String

    public init(name: String, text: String, trace: String) {
        self.name = name
        self.text = text
        self.trace = trace
    }
}

/// What the Markdown and block stages need from the figures stage: the inside of a `{{ … }}` in
/// a language, as formatted text or a problem (code and message) to locate.
public protocol FigureResolving: Sendable {
    func resolve(_ reference: String, language: String) -> Result<ResolvedFigure, FigureReferenceProblem>
    /// Every figure's formatted text in a language, for the `hand-typed-figure` check.
    func formattedValues(language: String) -> [(name: String, text: String)]
    /// A figure's values in this year and the earlier years of the `previous:` chain,
    /// at most `years` of them, oldest first (a `chart` with `history:`).
    func history(of name: String, years: Int) -> Result<FigureHistory, FigureReferenceProblem>
}

extension FigureResolving {
    public func history(of name: String, years: Int) -> Result<FigureHistory, FigureReferenceProblem> {
        .failure(FigureReferenceProblem(code: .unknownFigure, message: "figures have no history here"))
    }
}

/// One figure across the years: its value in each year of the chain that has one, oldest
/// first, and how figures.yaml formats it this year.
public struct FigureHistory: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        /// The year's `period:` (`2023-2024`).
        public var period: String
        /// Nil when that year does not define the figure, or could not compute it.
        public var value: Decimal?

        public init(period: String, value: Decimal?) {
            self.period = period
            self.value = value
        }
    }

    public var points: [Point]
    public var display: FigureDisplay

    public init(points: [Point], display: FigureDisplay) {
        self.points = points
        self.display = display
    }
}

/// Why a `{{ … }}` could not be resolved.
public struct FigureReferenceProblem: Error, Sendable, Equatable {
    public var code: DiagnosticCode
    public var message: String
    /// The figure exists but has no value, for an error already reported in
    /// figures.yaml or the data: the section adds no second error.
    public var alreadyReported: Bool
    /// Where in the reference's text the problem is (in Unicode scalars), when it is a
    /// syntax error; nil for a problem with the figure itself.
    public var offset: Int?

    public init(code: DiagnosticCode, message: String, alreadyReported: Bool = false, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.alreadyReported = alreadyReported
        self.offset = offset
    }
}
