package import Foundation
import BilanBase

/// A syntax error in a figure expression: what is wrong and where, as an offset in
/// Unicode scalars from the start of the expression text.
public struct FigureSyntaxError: Error, Sendable, Hashable {
    public var offset: Int
    public var message: String
}

/// One token of a figure expression, with the range of text it was read from.
package struct FigureToken: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case number(Decimal)
        /// `2024-12-01`: a date, in a filter.
        case date(DateValue)
        case name(String)
        case text(String)
        case arithmetic(FigureExpression.ArithmeticOperator)
        case comparison(FigureExpression.ComparisonOperator)
        case leftParenthesis
        case rightParenthesis
        case comma
        case dot
        case end
    }

    package var kind: Kind
    package var range: Range<Int>

    /// How an error message names the token: `'+'`, `number 12`, `'membres'`.
    package var description: String {
        switch kind {
        case .number(let value): "number \(value)"
        case .date(let date): "date \(date.iso)"
        case .name(let name): "'\(name)'"
        case .text(let text): "\"\(text)\""
        case .arithmetic(let op): "'\(op.rawValue)'"
        case .comparison(let op): "'\(op.rawValue)'"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .comma: "','"
        case .dot: "'.'"
        case .end: "the end of the expression"
        }
    }
}

/// Splits a figure expression into tokens: numbers (`12`, `12.5`), names (letters,
/// digits and `_`, not starting with a digit), "strings" (with `\"` and `\\`
/// escapes), `+ - * /`, `= != < <= > >=`, parentheses, `,` and `.`.
package enum FigureLexer {
    package static func tokens(in text: String) throws(FigureSyntaxError) -> [FigureToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [FigureToken] = []
        var index = 0

        func token(_ kind: FigureToken.Kind, length: Int) {
            tokens.append(FigureToken(kind: kind, range: index..<index + length))
            index += length
        }
        func next(is scalar: Unicode.Scalar) -> Bool {
            index + 1 < scalars.count && scalars[index + 1] == scalar
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "+": token(.arithmetic(.add), length: 1)
            case "-": token(.arithmetic(.subtract), length: 1)
            case "*": token(.arithmetic(.multiply), length: 1)
            case "/": token(.arithmetic(.divide), length: 1)
            case "(": token(.leftParenthesis, length: 1)
            case ")": token(.rightParenthesis, length: 1)
            case ",": token(.comma, length: 1)
            case ".": token(.dot, length: 1)
            case "=":
                if next(is: "=") {
                    throw FigureSyntaxError(
                        offset: index, message: "write '=' (a single equals sign) to compare")
                }
                token(.comparison(.equal), length: 1)
            case "!":
                guard next(is: "=") else {
                    throw FigureSyntaxError(offset: index, message: "expected '!='")
                }
                token(.comparison(.notEqual), length: 2)
            case "<":
                next(is: "=")
                    ? token(.comparison(.lessOrEqual), length: 2)
                    : token(.comparison(.less), length: 1)
            case ">":
                next(is: "=")
                    ? token(.comparison(.greaterOrEqual), length: 2)
                    : token(.comparison(.greater), length: 1)
            case "\"":
                let (text, length) = try string(in: scalars, from: index)
                token(.text(text), length: length)
            case "0"..."9":
                if let (date, length) = try isoDate(in: scalars, from: index) {
                    token(.date(date), length: length)
                } else {
                    let (value, length) = try number(in: scalars, from: index)
                    token(.number(value), length: length)
                }
            case "'":
                throw FigureSyntaxError(
                    offset: index, message: "write text between double quotes: \"text\"")
            default:
                guard isNameStart(scalar) else {
                    throw FigureSyntaxError(
                        offset: index, message: "unexpected character '\(scalar)'")
                }
                let length = scalars[index...].prefix(while: isNamePart).count
                token(
                    .name(String(String.UnicodeScalarView(scalars[index..<index + length]))),
                    length: length)
            }
        }
        tokens.append(FigureToken(kind: .end, range: index..<index))
        return tokens
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }

    /// An ISO date `YYYY-MM-DD` starting at `start`, and its length; nil when the text
    /// there is not shaped as one (it is then a number), an error when it is shaped as one
    /// but is no real day.
    private static func isoDate(
        in scalars: [Unicode.Scalar], from start: Int
    )
        throws(FigureSyntaxError) -> (DateValue, Int)?
    {
        let length = 10
        guard start + length <= scalars.count else { return nil }
        let text = String(String.UnicodeScalarView(scalars[start..<start + length]))
        guard case .iso = DateCell.shape(of: text),
            start + length == scalars.count || !isNamePart(scalars[start + length])
        else { return nil }
        guard let date = DateCell.value(of: text, order: nil) else {
            throw FigureSyntaxError(offset: start, message: "\(text) is not a date (no such day)")
        }
        return (date, length)
    }

    /// A number `digits[.digits]` starting at `start`, and its length.
    private static func number(
        in scalars: [Unicode.Scalar], from start: Int
    )
        throws(FigureSyntaxError) -> (Decimal, Int)
    {
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        var end = start + scalars[start...].prefix(while: isDigit).count
        if end + 1 < scalars.count, scalars[end] == ".", isDigit(scalars[end + 1]) {
            end += 1
            end += scalars[end...].prefix(while: isDigit).count
        }
        if end < scalars.count, isNameStart(scalars[end]) {
            throw FigureSyntaxError(
                offset: end, message: "unexpected '\(scalars[end])' after a number")
        }
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        guard let value = Decimal(numeral: text) else {
            throw FigureSyntaxError(
                offset: start, message: "number \(text) has more than 38 significant digits")
        }
        return (value, end - start)
    }

    /// A "string" starting at the quote at `start`: its text and its length with quotes.
    private static func string(
        in scalars: [Unicode.Scalar], from start: Int
    )
        throws(FigureSyntaxError) -> (String, Int)
    {
        var text = String.UnicodeScalarView()
        var index = start + 1
        while index < scalars.count {
            switch scalars[index] {
            case "\"":
                return (String(text), index + 1 - start)
            case "\\"
            where index + 1 < scalars.count
                && (scalars[index + 1] == "\"" || scalars[index + 1] == "\\"):
                text.append(scalars[index + 1])
                index += 2
            default:
                text.append(scalars[index])
                index += 1
            }
        }
        throw FigureSyntaxError(offset: start, message: "this string has no closing '\"'")
    }
}
