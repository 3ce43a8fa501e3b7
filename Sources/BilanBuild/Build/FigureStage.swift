public import Foundation
public import BilanBase
public import BilanInputs
import BilanContent
import BilanRender

/// The data and figures stages together: loads the tables, reads figures.yaml,
/// computes every figure and checks the `stated` values.
public struct FigureStage: Sendable {
    public var definitions: [FigureDefinition]
    public var resolver: FigureTable
    /// The data tables as read from the files (blocks read them per language).
    public var tables: [String: DataTable]
    /// Tables whose file has an error, already reported.
    public var unreadableTables: Set<String>
    public var diagnostics: [Diagnostic]
    public var count: Int { resolver.evaluation.figures.count }

    public static func run(projectRoot: URL, config: ReportConfig) -> FigureStage {
        run(projectRoot: projectRoot, config: config, chain: [PreviousYears.canonical(projectRoot)])
    }

    /// The stage of one project of a chain of years; `chain` holds the folders of the
    /// later years, this one last, so that a `previous:` coming back to one is a cycle.
    static func run(projectRoot: URL, config: ReportConfig, chain: [String]) -> FigureStage {
        var problems = DiagnosticList()
        let previous = PreviousYears.load(of: projectRoot, config: config, chain: chain, into: &problems)
        // In figures, a column `X_fr` of the default language can also be read as `X`, so
        // a figure has one value in every language.
        let reading = DataLoader(projectFolder: projectRoot, dates: config.dates).read()
        problems.append(contentsOf: reading.diagnostics)
        let (raw, unreadable) = (reading.tables, reading.unreadable)
        // Once per table, not per language: a language's view has the same rows.
        let totalsRows = TotalsRowCheck(languages: config.languages.map(\.code))
        for table in raw.values.sorted(by: { $0.name < $1.name }) {
            problems.append(contentsOf: totalsRows.diagnostics(for: table))
        }
        let tables = raw.mapValues { $0.localized(to: config.defaultLanguage.code) }
        let file = FiguresLoader.load(projectFolder: projectRoot)
        problems.append(contentsOf: file.diagnostics)
        let evaluation = FigureEvaluator(tables: tables, unreadableTables: unreadable, previous: previous)
            .evaluate(file.definitions)
        problems.append(contentsOf: evaluation.diagnostics)
        problems.append(contentsOf: StatedValueCheck.diagnostics(for: evaluation))
        var resolver = FigureTable(evaluation: evaluation, config: config)
        resolver.figuresUnreadable = file.unreadable
        resolver.previous = previous
        return FigureStage(
            definitions: file.definitions, resolver: resolver,
            tables: raw, unreadableTables: unreadable, diagnostics: problems.all)
    }
}

/// The computed figures, formatted for each language of the report: what sections,
/// blocks and templates quote.
public struct FigureTable: FigureResolving {
    public var evaluation: FigureEvaluation
    package var formatters: [String: FigureFormatter]
    /// figures.yaml could not be read (its error is reported): a name is then not
    /// reported again as an unknown figure in every section that uses it.
    public var figuresUnreadable = false
    /// Every figure in its own display, formatted once per language.
    package var formatted: [String: [(name: String, text: String)]] = [:]
    /// Last year's project, whose figures text quotes as `{{ previous.NAME }}`.
    public var previous: PreviousYear?
    /// This year's `period:`, for a figure's history.
    public var period = ""

    public init(evaluation: FigureEvaluation, config: ReportConfig) {
        self.evaluation = evaluation
        self.period = config.defaultPeriod
        self.formatters = Dictionary(
            config.languages.map {
                ($0.code, FigureFormatter(localeIdentifier: $0.locale, currencyCode: config.currency))
            },
            uniquingKeysWith: { first, _ in first })
        for language in config.languages {
            formatted[language.code] = evaluation.figures.map {
                ($0.name, format($0, display: $0.definition.display, language: language.code))
            }
        }
    }

    public func resolve(_ reference: String, language: String) -> Result<ResolvedFigure, FigureReferenceProblem> {
        let parsed: FigureReference
        switch FigureReference.parse(reference) {
        case .failure(let error):
            return .failure(FigureReferenceProblem(code: error.code, message: error.message, offset: error.offset))
        case .success(let value): parsed = value
        }
        if PreviousYear.split(parsed.name) != nil { return resolvePrevious(parsed, language: language) }
        guard let figure = evaluation[parsed.name] else {
            if figuresUnreadable {
                return .failure(
                    FigureReferenceProblem(
                        code: .unknownFigure,
                        message: "figure '\(parsed.name)' has no value: figures.yaml could not be read",
                        alreadyReported: true))
            }
            if evaluation.isDefined(parsed.name) {
                return .failure(
                    FigureReferenceProblem(
                        code: .unknownFigure,
                        message: "figure '\(parsed.name)' has no value: see its error in figures.yaml",
                        alreadyReported: true))
            }
            return .failure(FigureReferenceProblem(code: .unknownFigure, message: unknownMessage(parsed.name)))
        }
        let text = format(figure, display: parsed.display(for: figure.definition), language: language)
        return .success(ResolvedFigure(name: figure.name, text: text, trace: trace(figure)))
    }

    public func formattedValues(language: String) -> [(name: String, text: String)] {
        formatted[language]
            ?? evaluation.figures.map { ($0.name, format($0, display: $0.definition.display, language: language)) }
    }

    /// The formatter of a language's locale and the report's currency.
    public func formatter(language: String) -> FigureFormatter {
        formatters[language] ?? FigureFormatter(localeIdentifier: language)
    }

    /// A figure's value formatted for a language (`25 000 $` in fr-CA).
    public func format(_ figure: ComputedFigure, display: FigureDisplay, language: String) -> String {
        formatter(language: language).format(figure.value, as: display)
    }

    /// `{{ previous.NAME }}`: last year's value (or an earlier year's), formatted as this
    /// year formats its own figures.
    private func resolvePrevious(
        _ reference: FigureReference, language: String
    ) -> Result<ResolvedFigure, FigureReferenceProblem> {
        guard let previous else {
            return .failure(
                FigureReferenceProblem(
                    code: .unknownFigure,
                    message: "unknown figure '\(reference.name)': report.yaml names no previous year "
                        + "(previous: ../FOLDER)"))
        }
        switch previous.lookup(reference.name) {
        case .found(let figure, let year):
            let text = format(figure, display: reference.display(for: figure.definition), language: language)
            return .success(ResolvedFigure(name: reference.name, text: text, trace: trace(figure, of: year)))
        case .alreadyReported:
            return .failure(
                FigureReferenceProblem(
                    code: .unknownFigure,
                    message: "figure '\(reference.name)' has no value: see its error in its project",
                    alreadyReported: true))
        case .missing(let reason):
            return .failure(
                FigureReferenceProblem(code: .unknownFigure, message: "unknown figure '\(reference.name)': \(reason)"))
        }
    }

    public func history(of name: String, years: Int) -> Result<FigureHistory, FigureReferenceProblem> {
        guard let figure = evaluation[name] else {
            let problem = resolve(name, language: formatters.keys.sorted().first ?? "")
            if case .failure(let failure) = problem { return .failure(failure) }
            return .failure(FigureReferenceProblem(code: .unknownFigure, message: unknownMessage(name)))
        }
        var points = [FigureHistory.Point(period: period, value: figure.value)]
        var year = previous
        while points.count < years, let earlier = year {
            points.append(FigureHistory.Point(period: earlier.period, value: earlier.evaluation?[name]?.value))
            year = earlier.before
        }
        return .success(FigureHistory(points: points.reversed(), display: figure.definition.display))
    }

    /// An earlier year's figure as a reader of a draft sees it on hover: the year, the
    /// expression and the files, seen from this project.
    package func trace(_ figure: ComputedFigure, of year: PreviousYear) -> String {
        var text = "\(year.period.isEmpty ? year.folder : year.period): \(figure.name) = \(figure.definition.source)"
        text +=
            " · "
            + ([year.path(of: figure.definition.location.file)] + figure.sources.map(year.path(of:)))
            .joined(separator: ", ")
        return text
    }

    /// Name, expression and data files: what a reader of a draft sees on hover.
    package func trace(_ figure: ComputedFigure) -> String {
        var text = "\(figure.name) = \(figure.definition.source)"
        if !figure.sources.isEmpty { text += " · " + figure.sources.joined(separator: ", ") }
        return text
    }

    package func unknownMessage(_ name: String) -> String {
        let names = evaluation.figures.map(\.name)
        let close = names.filter { $0.hasPrefix(name) || name.hasPrefix($0) }.prefix(3)
        let hint = close.isEmpty ? "" : " (did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?)"
        return "unknown figure '\(name)'\(hint): figures are named in content/figures.yaml"
    }
}

/// `bilan figures`: every figure with its expression, value, formatted values and status.
public enum FiguresListing {
    /// The report of the project's figures, in the languages asked (all when empty), and
    /// the diagnostics of the data and figures stages.
    public static func run(
        projectRoot: URL, languages codes: [String]
    ) throws(DiagnosticError) -> (report: FiguresReport, diagnostics: [Diagnostic]) {
        let config = try ReportConfigLoader.load(projectRoot: projectRoot)
        if let problem = config.unknownLanguages(codes) {
            throw DiagnosticError(.error(.unknownLanguage, problem, at: SourceLocation(file: ReportConfigLoader.path)))
        }
        let stage = FigureStage.run(projectRoot: projectRoot, config: config)
        let languages = config.languages.filter { codes.isEmpty || codes.contains($0.code) }
            .map { FiguresReport.Language(code: $0.code, locale: $0.locale) }
        let report = FiguresReport(
            definitions: stage.definitions, evaluation: stage.resolver.evaluation, languages: languages,
            currencyCode: config.currency, previous: stage.resolver.previous)
        return (report, AcceptedWarnings.apply(config.accepted, to: stage.diagnostics, reportUnused: false))
    }
}
