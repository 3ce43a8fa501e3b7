public import Foundation
public import BilanBase

/// Last year's project, as `previous:` in report.yaml names it: its figures computed from
/// its own data and figures.yaml, and the year before it when it names one in turn.
///
/// Expressions and text read its figures as `previous.NAME`, and the year before as
/// `previous.previous.NAME`.
public final class PreviousYear: Sendable {
    /// The project's folder, relative to this year's project folder (`../rapport-2023-2024`).
    public let folder: String
    /// Its `period:` (`2023-2024`); empty when its report.yaml could not be read.
    public let period: String
    /// Its figures; nil when the project could not be read (the error is reported, and
    /// a figure read from it has no value without another error).
    public let evaluation: FigureEvaluation?
    /// The year before it, when its report.yaml names one.
    public let before: PreviousYear?

    public init(folder: String, period: String, evaluation: FigureEvaluation?, before: PreviousYear?) {
        self.folder = folder
        self.period = period
        self.evaluation = evaluation
        self.before = before
    }

    /// The prefix of a figure name that reads last year's value.
    public static let prefix = "previous."

    /// `previous.previous.membres` → (2, `membres`); nil for a name without the prefix.
    public static func split(_ name: String) -> (depth: Int, name: String)? {
        var rest = Substring(name)
        var depth = 0
        while rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            depth += 1
        }
        return depth == 0 ? nil : (depth, String(rest))
    }

    /// What `previous.…NAME` is, looked up in this year's chain (`self` is last year).
    public enum Lookup: Sendable {
        case found(ComputedFigure, year: PreviousYear)
        /// The year or figure exists but has no value: its error is reported in its project.
        case alreadyReported
        /// Nothing to read, with the reason, naming the year and the file.
        case missing(String)
    }

    /// The figure `name` (`previous.membres`, `previous.previous.membres`) in the chain
    /// that starts with last year, `self`.
    public func lookup(_ dotted: String) -> Lookup {
        guard let (depth, name) = Self.split(dotted) else { return .missing("'\(dotted)' is not a previous figure") }
        var year = self
        for _ in 1..<depth {
            guard year.evaluation != nil else { return .alreadyReported }
            guard let next = year.before else {
                return .missing(
                    "it reads \(depth) years back, but the report.yaml of \(year.described) names no "
                        + "previous year (previous:)")
            }
            year = next
        }
        guard let evaluation = year.evaluation else { return .alreadyReported }
        if let figure = evaluation[name] { return .found(figure, year: year) }
        if evaluation.isDefined(name) { return .alreadyReported }
        return .missing(
            "\(year.described) has no figure '\(name)' in its \(year.folder)/content/figures.yaml")
    }

    /// `../rapport-2023-2024 (2023-2024)`.
    public var described: String {
        period.isEmpty ? folder : "\(folder) (\(period))"
    }

    /// Where a file of this project is, seen from this year's project folder.
    public func path(of file: String) -> String {
        Self.joined(folder, file)
    }

    /// `folder/file`, with `./` and `folder/../` taken out where the text allows.
    public static func joined(_ folder: String, _ file: String) -> String {
        let path = file.hasPrefix("/") ? file : folder + "/" + file
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}

extension DiagnosticCode {
    /// `previous:` in report.yaml names a folder that is not a bilan project, or a chain
    /// of previous years that comes back to a project already in it.
    public static let invalidPrevious: DiagnosticCode = "invalid-previous"
}
