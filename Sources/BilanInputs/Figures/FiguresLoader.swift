public import Foundation
import Yams
public import BilanBase

extension DiagnosticCode {
    /// A malformed figure in figures.yaml: a bad name, an unknown or missing key, a
    /// `stated` that is not a number, a file that is not a map of figures.
    public static let invalidFigure: DiagnosticCode = "invalid-figure"
}

/// The figures of `content/figures.yaml` in file order, and the problems found reading
/// them.
public struct FiguresFile: Sendable {
    public var definitions: [FigureDefinition]
    public var diagnostics: [Diagnostic]
    /// The file could not be read as a whole (not UTF-8, not YAML, not a map): its error
    /// is reported once, and the figures the sections name are not reported as unknown.
    public var unreadable: Bool

    public init(definitions: [FigureDefinition] = [], diagnostics: [Diagnostic] = [], unreadable: Bool = false) {
        self.definitions = definitions
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }
}

/// Reads `content/figures.yaml` into ``FigureDefinition``s, parsing each expression.
///
/// A figure is either `name: expression` or a map:
///
///     name:
///       value: expression                         # required
///       format: integer | number | percent | currency
///       decimals: 0…6                             # not with integer
///       stated: 30                                # the number printed in the report
///       label: …                                  # free text, for the author
///       note: …                                   # free text, for the author
///
/// Numbers (`stated`, and numbers in expressions) are read from the YAML text, digit by
/// digit, never through a binary floating-point value. Problems are located at their
/// line and column: `yaml-syntax` for YAML that does not parse, `figure-syntax` at the
/// offending character of an expression, `invalid-format` for a bad `format` or
/// `decimals`, `invalid-figure` for the rest (a bad name, an unknown or missing key, a
/// `stated` that is not a number). A figure with a problem is still defined, so that
/// figures using it are skipped quietly rather than reported as unknown.
public enum FiguresLoader {
    /// Where the figures are, relative to the project folder.
    public static let path = "content/figures.yaml"

    /// Reads the project's figures.yaml; a project without one has no figures.
    public static func load(projectFolder: URL) -> FiguresFile {
        let url = projectFolder.appendingPathComponent(path)
        // Looked at without following a link: a broken link or a loop is reported, not taken for no file.
        guard (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil else { return FiguresFile() }
        switch SourceText.read(url, as: path) {
        case .success(let text): return parse(text, file: path)
        case .failure(let diagnostic): return FiguresFile(diagnostics: [diagnostic], unreadable: true)
        }
    }

    /// Reads figures from the text of a figures.yaml file named `file`.
    public static func parse(_ text: String, file: String = path) -> FiguresFile {
        let text = SourceText.normalizingLineEnds(text)
        let root: Node?
        switch YAMLReader(file: file).compose(text) {
        case .success(let node): root = node
        case .failure(let diagnostic): return FiguresFile(diagnostics: [diagnostic], unreadable: true)
        }
        var reader = FigureReader(
            file: file,
            lines: text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { Array($0.unicodeScalars) })
        switch root {
        case nil:
            break
        case .some(let node) where node.null != nil:
            break
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let definition = reader.definition(key: key, value: value) {
                    reader.definitions.append(definition)
                }
            }
        case .some(let node):
            reader.error(
                .invalidFigure,
                "figures.yaml must map figure names to expressions, "
                    + "as in 'membres: count(membres)'", at: node.mark)
            return FiguresFile(diagnostics: reader.diagnostics, unreadable: true)
        }
        return FiguresFile(definitions: reader.definitions, diagnostics: reader.diagnostics)
    }
}

/// Turns the nodes of figures.yaml into definitions, collecting located problems.
private struct FigureReader {
    package let file: String
    /// The file's lines as Unicode scalars, to follow an expression's characters.
    package let lines: [[Unicode.Scalar]]
    package var definitions: [FigureDefinition] = []
    package var diagnostics: [Diagnostic] = []

    package init(file: String, lines: [[Unicode.Scalar]]) {
        self.file = file
        self.lines = lines
    }

    package mutating func error(_ code: DiagnosticCode, _ message: String, at mark: Mark?) {
        diagnostics.append(.error(code, message, at: location(mark)))
    }

    package func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line, column: mark?.column)
    }

    /// The figure `key: value`, or nil when the key is not a valid figure name.
    package mutating func definition(key: Node, value: Node) -> FigureDefinition? {
        guard case .scalar(let keyScalar) = key,
            FigureDefinition.isValidName(keyScalar.string)
        else {
            error(
                .invalidFigure,
                "'\(key.string ?? "…")' is not a valid figure name: use lowercase letters, "
                    + "digits and '_', not starting with a digit", at: key.mark)
            return nil
        }
        let name = keyScalar.string
        let firstProblem = diagnostics.count
        defer {
            for index in firstProblem..<diagnostics.count {
                diagnostics[index] = diagnostics[index].about(figure: name)
            }
        }
        var definition = FigureDefinition(
            name: name, location: location(key.mark), source: "", expression: nil,
            positions: ExpressionPositions(file: file, points: []), display: .default,
            stated: nil)
        switch value {
        case .scalar(let scalar):
            read(expression: scalar, into: &definition)
        case .mapping:
            read(value, named: key, into: &definition)
        default:
            error(
                .invalidFigure,
                "figure '\(name)' must be an expression or a map with 'value'", at: value.mark)
        }
        return definition
    }

    /// The long form of a figure, `name: { value, format, decimals, stated, label, note }`.
    private mutating func read(_ node: Node, named key: Node, into definition: inout FigureDefinition) {
        let name = definition.name
        var schema = YAMLSchemaReader(YAMLReader(file: file), code: .invalidFigure)
        let figure = schema.map(node, known: ["value", "format", "decimals", "stated", "label", "note"]) {
            "unknown key '\($0.keyNode.string ?? "…")' in figure '\(name)'; expected value, "
                + "format, decimals, stated, label or note"
        }
        if let value = schema.required("value", in: figure, missing: "figure '\(name)' has no 'value'", at: key) {
            if let scalar = value.scalar {
                read(expression: scalar, into: &definition)
            } else {
                schema.fail("'value' of figure '\(name)' must be an expression", at: value)
            }
        }
        let format = figure["format"].flatMap { node -> FigureFormat? in
            schema.choice(node, code: .invalidFormat) {
                "unknown format '\($0 ?? "…")' for figure '\(name)'; expected "
                    + FigureFormat.allCases.map(\.rawValue).joined(separator: ", ")
            }
        }
        var decimals: (value: Int, node: Node)?
        if let node = figure["decimals"] {
            if let count = FigureDisplay.decimals(written: node.scalar?.string) {
                decimals = (count, node)
            } else {
                schema.fail(
                    "'decimals' of figure '\(name)' must be a whole number from 0 to "
                        + "\(FigureDisplay.maximumDecimals)", at: node, code: .invalidFormat)
            }
        }
        if let node = figure["stated"], let key = figure.keyNode("stated") {
            if let text = node.scalar?.string, let stated = StatedValue(text: text, location: location(key.mark)) {
                definition.stated = stated
            } else {
                schema.fail(
                    "'stated' of figure '\(name)' must be a number as the report prints "
                        + "it, such as 30 or 12.5, with a margin if the report rounds it: "
                        + "28800 ± 50, or ~28800 for about 28,800", at: node)
            }
        }
        if format == .integer, let decimals {
            schema.fail(
                "figure '\(name)' is an integer and has no decimals; "
                    + "use 'format: number' to show decimals", at: decimals.node, code: .invalidFormat)
        }
        diagnostics.append(contentsOf: schema.problems.all)
        definition.display = FigureDisplay(format: format ?? .number, decimals: decimals?.value)
    }

    private mutating func read(expression scalar: Node.Scalar, into definition: inout FigureDefinition) {
        let text = scalar.string
        definition.positions = positions(of: scalar)
        definition.source = String(text.reversed().drop(while: \.isWhitespace).reversed())
        if definition.source.isEmpty {
            error(.invalidFigure, "figure '\(definition.name)' has no value", at: scalar.mark)
            return
        }
        do {
            definition.expression = try FigureParser.parse(definition.source)
        } catch {
            diagnostics.append(
                .error(
                    .figureSyntax, "figure '\(definition.name)': \(error.message)",
                    at: definition.positions.location(at: error.offset)))
        }
    }

    /// The line and column of each character of a scalar's value, found by following
    /// the value through the file's text from the scalar's start: the opening quote of a
    /// quoted scalar and the indentation of continuation lines are skipped, a line end
    /// stands for the space or line break the value has there, and an escape sequence
    /// in a quoted scalar stands for the character it writes. If the text cannot be
    /// followed, the remaining characters continue on the last line found.
    private func positions(of scalar: Node.Scalar) -> ExpressionPositions {
        typealias Point = ExpressionPositions.Point
        let value = Array(scalar.string.unicodeScalars)
        guard let mark = scalar.mark else {
            return ExpressionPositions(file: file, line: 1, column: 1, length: value.count)
        }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        var line = mark.line
        var column = mark.column
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: column += 1
        case .literal, .folded: (line, column) = (line + 1, 1)
        default: break
        }
        var points: [Point] = []
        var next = Point(line: line, column: column)
        following: for character in value {
            while line <= lines.count {
                let text = lines[line - 1]
                guard column <= text.count else {
                    if character == "\n" || character == " " {
                        points.append(Point(line: line, column: column))
                        (line, column) = (line + 1, 1)
                        next = Point(line: line, column: column)
                        continue following
                    }
                    (line, column) = (line + 1, 1)
                    continue
                }
                let source = text[column - 1]
                if source == character {
                    points.append(Point(line: line, column: column))
                    column += 1
                    next = Point(line: line, column: column)
                    continue following
                }
                guard source == " " || source == "\t" || (quoted && (source == "\\" || source == "'"))
                else { break following }
                column += 1
            }
            break following
        }
        while points.count <= value.count {
            points.append(next)
            next.column += 1
        }
        return ExpressionPositions(file: file, points: points)
    }
}
