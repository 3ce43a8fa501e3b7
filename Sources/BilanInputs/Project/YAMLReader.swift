import Foundation
public import Yams
public import BilanBase

/// Reads YAML into Yams nodes and turns their marks and errors into bilan locations.
///
/// `lineOffset` is added to every line: front matter starts on the file's second line.
public struct YAMLReader: Sendable {
    public var file: String
    public var lineOffset: Int
    /// Added to every column: a fenced block indented in a list item.
    public var columnOffset: Int

    /// The deepest nesting of lists and maps libyaml reads; deeper is a `too-large` error.
    public static let maximumNesting = 1000

    public init(file: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }

    /// Parses one YAML document; a syntax error is a located `yaml-syntax` diagnostic.
    public func compose(_ text: String) -> Result<Node?, Diagnostic> {
        do {
            // The encoding is given: Yams' default reads the whole environment on every
            // call (YAMS_DEFAULT_ENCODING), which cost more than parsing a front matter.
            return .success(try Yams.compose(yaml: text, .default, .default, .utf8))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: text))
        } catch {
            return .failure(.error(.yamlSyntax, "\(error)", at: SourceLocation(file: file)))
        }
    }

    /// Where a node stands in the file.
    public func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file) }
        return location(mark)
    }

    public func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column + columnOffset)
    }

    private func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case .reader(let problem, let offset, _, _):
            var location = SourceLocation(file: file)
            if let offset {
                let before = text.unicodeScalars.prefix(offset)
                location.line = before.count(where: { $0 == "\n" }) + 1 + lineOffset
                location.column = before.reversed().prefix { $0 != "\n" }.count + 1 + columnOffset
            }
            return .error(.yamlSyntax, "invalid YAML: \(problem)", at: location)
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level") {
                return .error(
                    .tooLarge, "lists and maps nest more than \(Self.maximumNesting) levels deep here",
                    at: location(mark))
            }
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
            return .error(
                .yamlSyntax, "invalid YAML: " + text.joined(separator: ", "), at: location(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                .yamlSyntax,
                "invalid YAML: \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) is written more than once in"
                    + " the same map",
                at: location(context.mark))
        default:
            return .error(.yamlSyntax, "invalid YAML: \(error)", at: SourceLocation(file: file))
        }
    }
}
