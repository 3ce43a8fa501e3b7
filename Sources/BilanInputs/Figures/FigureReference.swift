import Foundation
public import BilanBase

/// A figure quoted in a section: the inside of `{{ name }}`, or of
/// `{{ name | format }}` and `{{ name | format:decimals }}` to force a display
/// (`integer`, `number:1`, `percent:1`, `currency:2`).
public struct FigureReference: Sendable, Hashable {
    /// A problem in a reference, at an offset in Unicode scalars from the start of the
    /// text given to ``FigureReference/parse(_:)``; the caller adds where that text
    /// starts in the section. `code` is `figure-syntax`, or `invalid-format` for a bad
    /// format or number of decimals.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var code: DiagnosticCode
        public var offset: Int
        public var message: String
    }

    /// The figure's name.
    public var name: String
    /// The display forced after `|`; nil to show the figure as figures.yaml says.
    public var display: FigureDisplay?

    /// The display to show `definition`'s value with: the forced one, or its own.
    public func display(for definition: FigureDefinition) -> FigureDisplay {
        display ?? definition.display
    }

    /// Reads the text between `{{` and `}}`; spaces around the parts are allowed.
    public static func parse(_ inside: String) -> Result<FigureReference, SyntaxError> {
        var scanner = ReferenceScanner(inside)
        return Result { () throws(SyntaxError) in try scanner.reference() }
    }
}

/// Reads a figure reference, character by character.
private struct ReferenceScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    package init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    package mutating func reference() throws(FigureReference.SyntaxError) -> FigureReference {
        skipSpaces()
        let nameStart = index
        let name = take { $0 != "|" && !$0.properties.isWhitespace }
        guard !name.isEmpty else { throw error(.figureSyntax, "expected a figure name", at: nameStart) }
        guard FigureDefinition.isValidName(PreviousYear.split(name)?.name ?? name) else {
            throw error(
                .figureSyntax,
                "'\(name)' is not a figure name: figure names use lowercase letters, digits "
                    + "and '_'", at: nameStart)
        }
        skipSpaces()
        guard index < scalars.count else { return FigureReference(name: name, display: nil) }
        guard scalars[index] == "|" else {
            throw error(.figureSyntax, "expected '|' and a format after the figure name", at: index)
        }
        index += 1
        skipSpaces()
        let formatStart = index
        let word = take { $0.properties.isAlphabetic }
        guard let format = FigureFormat(rawValue: word) else {
            throw error(
                .invalidFormat,
                (word.isEmpty ? "expected a format" : "unknown format '\(word)'") + "; expected "
                    + FigureFormat.allCases.map(\.rawValue).joined(separator: ", "),
                at: formatStart)
        }
        skipSpaces()
        var decimals: Int?
        if index < scalars.count, scalars[index] == ":" {
            let colon = index
            index += 1
            skipSpaces()
            let digitsStart = index
            let digits = take { ("0"..."9").contains($0) }
            guard let count = Int(digits), count <= FigureDisplay.maximumDecimals else {
                throw error(
                    .invalidFormat,
                    "the number of decimals must be a whole number from 0 to "
                        + "\(FigureDisplay.maximumDecimals)", at: digitsStart)
            }
            guard format != .integer else {
                throw error(
                    .invalidFormat, "an integer has no decimals; write 'number:\(count)'",
                    at: colon)
            }
            decimals = count
            skipSpaces()
        }
        guard index == scalars.count else {
            throw error(.figureSyntax, "unexpected '\(scalars[index])' after the format", at: index)
        }
        return FigureReference(name: name, display: FigureDisplay(format: format, decimals: decimals))
    }

    private mutating func skipSpaces() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    private mutating func take(while belongs: (Unicode.Scalar) -> Bool) -> String {
        let start = index
        while index < scalars.count, belongs(scalars[index]) { index += 1 }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private func error(
        _ code: DiagnosticCode, _ message: String, at offset: Int
    )
        -> FigureReference.SyntaxError
    {
        FigureReference.SyntaxError(code: code, offset: offset, message: message)
    }
}
