import Foundation
import BilanBase

/// Reads a figure expression into a ``FigureExpression`` by recursive descent over
/// this grammar:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := "-" unary | primary
///     primary    := number | figure | call | "(" expression ")"
///     call       := "count" "(" table filter? ")"
///                 | aggregate "(" table "." column filter? ")"
///                 | "change" "(" expression "," expression ")"
///     aggregate  := "sum" | "mean" | "median" | "min" | "max" | "distinct"
///     filter     := "where" any
///     any        := all ("or" all)*
///     all        := test ("and" test)*
///     test       := "(" any ")" | column comparator literal
///     comparator := "=" | "!=" | "<" | "<=" | ">" | ">="
///     literal    := "-"? number | string | date (2024-12-01)
///
/// A name followed by `(` is a function; any other name is a figure. `where`, `and`
/// and `or` are keywords only inside a call, so they remain usable as names elsewhere.
package struct FigureParser {
    /// The deepest nesting of parentheses, calls and unary minus accepted, so that a
    /// pathological expression is an error rather than a stack overflow.
    package static let maximumNesting = 64

    /// The longest expression accepted, in tokens; it bounds the depth of a chain such
    /// as `a + b + c + …`, which the evaluator walks recursively.
    package static let maximumTokens = 1000

    private var tokens: [FigureToken]
    private var position = 0
    private var nesting = 0

    private init(tokens: [FigureToken]) {
        self.tokens = tokens
    }

    /// A parser over `text`'s tokens: an error when there are none or too many
    /// (`what` names the text in the message: "expression", "filter").
    private init(_ text: String, what: String, hint: String) throws(FigureSyntaxError) {
        let tokens = try FigureLexer.tokens(in: text)
        if tokens.count > Self.maximumTokens {
            throw FigureSyntaxError(
                offset: tokens[Self.maximumTokens].range.lowerBound,
                message: "the \(what) is longer than \(Self.maximumTokens) tokens\(hint)")
        }
        self.init(tokens: tokens)
        if case .end = current.kind {
            throw FigureSyntaxError(offset: 0, message: "the \(what) is empty")
        }
    }

    /// The expression written in `text`, or the first syntax error in it.
    package static func parse(_ text: String) throws(FigureSyntaxError) -> FigureExpression {
        var parser = try FigureParser(text, what: "expression", hint: "; split it into several figures")
        let expression = try parser.expression()
        guard case .end = parser.current.kind else {
            throw parser.unexpected("an operator or the end of the expression")
        }
        return expression
    }

    /// A filter written on its own, as in a block's `where:` (`annee >= 2019 and
    /// type = "individuelle"`), or the first syntax error in it.
    package static func parseFilter(_ text: String) throws(FigureSyntaxError) -> FigureExpression.Filter {
        var parser = try FigureParser(text, what: "filter", hint: "")
        let filter = try parser.anyFilter()
        guard case .end = parser.current.kind else {
            throw parser.unexpected("'and', 'or' or the end of the filter")
        }
        return filter
    }

    // MARK: Arithmetic

    private mutating func expression() throws(FigureSyntaxError) -> FigureExpression {
        var left = try term()
        while case .arithmetic(let op) = current.kind, op == .add || op == .subtract {
            advance()
            let right = try term()
            left = FigureExpression(
                .binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func term() throws(FigureSyntaxError) -> FigureExpression {
        var left = try unary()
        while case .arithmetic(let op) = current.kind, op == .multiply || op == .divide {
            advance()
            let right = try unary()
            left = FigureExpression(
                .binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func unary() throws(FigureSyntaxError) -> FigureExpression {
        guard case .arithmetic(.subtract) = current.kind else { return try primary() }
        let minus = advance()
        try enterNesting(at: minus)
        defer { nesting -= 1 }
        let operand = try unary()
        return FigureExpression(
            .negate(operand), range: minus.range.lowerBound..<operand.range.upperBound)
    }

    private mutating func primary() throws(FigureSyntaxError) -> FigureExpression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return FigureExpression(.number(value), range: token.range)
        case .leftParenthesis:
            advance()
            try enterNesting(at: token)
            defer { nesting -= 1 }
            let inner = try expression()
            let close = try expect(.rightParenthesis, "')'")
            return FigureExpression(
                inner.kind, range: token.range.lowerBound..<close.range.upperBound)
        case .name(let name):
            advance()
            if name == "previous", case .dot = current.kind { return try previousFigure(from: token) }
            guard case .leftParenthesis = current.kind else {
                return FigureExpression(.figure(name), range: token.range)
            }
            try enterNesting(at: token)
            defer { nesting -= 1 }
            return try call(name, at: token)
        default:
            throw unexpected("a number, a figure name or a function")
        }
    }

    /// `previous.membres_total`, `previous.previous.membres_total`: a figure of an earlier
    /// year, read as one name.
    private mutating func previousFigure(from first: FigureToken) throws(FigureSyntaxError) -> FigureExpression {
        var name = "previous"
        var end = first.range.upperBound
        while case .dot = current.kind {
            advance()
            let part = try self.name("a figure name after 'previous.'")
            name += "." + part.text
            end = part.range.upperBound
            if part.text != "previous" { break }
        }
        guard !name.hasSuffix(".previous") else {
            throw FigureSyntaxError(offset: end, message: "expected a figure name after '\(name).'")
        }
        return FigureExpression(.figure(name), range: first.range.lowerBound..<end)
    }

    // MARK: Calls

    private mutating func call(
        _ name: String, at nameToken: FigureToken
    )
        throws(FigureSyntaxError) -> FigureExpression
    {
        if name == "change" {
            advance()
            let new = try expression()
            try expect(.comma, "',' between the new and the old value: change(new, old)")
            let old = try expression()
            let close = try expect(.rightParenthesis, "')'")
            return FigureExpression(
                .change(new: new, old: old),
                range: nameToken.range.lowerBound..<close.range.upperBound)
        }
        guard let function = FigureExpression.Aggregate.Function(rawValue: name) else {
            let known = FigureExpression.Aggregate.Function.allCases.map(\.rawValue)
            throw FigureSyntaxError(
                offset: nameToken.range.lowerBound,
                message: "unknown function '\(name)'; expected "
                    + known.joined(separator: ", ") + " or change")
        }
        advance()
        let table = try self.name("a table name")
        var column: FigureExpression.Name?
        if function == .count {
            if case .dot = current.kind {
                throw FigureSyntaxError(
                    offset: current.range.lowerBound,
                    message: "count counts the rows of a table: write count(\(table.text)), "
                        + "with an optional 'where'")
            }
        } else {
            guard case .dot = current.kind else {
                throw unexpected("'.' and a column: \(name)(\(table.text).column)")
            }
            advance()
            column = try self.name("a column name")
        }
        var filter: FigureExpression.Filter?
        if case .name("where") = current.kind {
            advance()
            filter = try anyFilter()
        }
        let close = try expect(
            .rightParenthesis, filter == nil ? "')' or 'where'" : "')', 'and' or 'or'")
        let aggregate = FigureExpression.Aggregate(
            function: function, table: table, column: column, filter: filter)
        return FigureExpression(
            .aggregate(aggregate), range: nameToken.range.lowerBound..<close.range.upperBound)
    }

    // MARK: Filters

    private mutating func anyFilter() throws(FigureSyntaxError) -> FigureExpression.Filter {
        var parts = [try allFilter()]
        while case .name("or") = current.kind {
            advance()
            parts.append(try allFilter())
        }
        return parts.count == 1 ? parts[0] : .any(parts)
    }

    private mutating func allFilter() throws(FigureSyntaxError) -> FigureExpression.Filter {
        var parts = [try test()]
        while case .name("and") = current.kind {
            advance()
            parts.append(try test())
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private mutating func test() throws(FigureSyntaxError) -> FigureExpression.Filter {
        if case .leftParenthesis = current.kind {
            let open = advance()
            try enterNesting(at: open)
            defer { nesting -= 1 }
            let inner = try anyFilter()
            try expect(.rightParenthesis, "')', 'and' or 'or'")
            return inner
        }
        let column = try name("a column name")
        guard case .comparison(let comparator) = current.kind else {
            throw unexpected("a comparison (= != < <= > >=)")
        }
        advance()
        let value: FigureExpression.Literal
        let end: Int
        switch current.kind {
        case .number(let number):
            value = .number(number)
            end = advance().range.upperBound
        case .text(let text):
            value = .text(text)
            end = advance().range.upperBound
        case .date(let date):
            value = .date(date)
            end = advance().range.upperBound
        case .arithmetic(.subtract):
            advance()
            guard case .number(let number) = current.kind else { throw unexpected("a number") }
            value = .number(-number)
            end = advance().range.upperBound
        case .name(let word):
            throw FigureSyntaxError(
                offset: current.range.lowerBound,
                message: "expected a number or a \"string\", found '\(word)'; "
                    + "write text between double quotes: \"\(word)\"")
        default:
            throw unexpected("a number or a \"string\"")
        }
        return .comparison(
            FigureExpression.Comparison(
                column: column, comparator: comparator, value: value,
                range: column.range.lowerBound..<end))
    }

    // MARK: Tokens

    private var current: FigureToken { tokens[position] }

    /// Moves past the current token and returns it; the final `end` token stays current.
    @discardableResult
    private mutating func advance() -> FigureToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    @discardableResult
    private mutating func expect(
        _ kind: FigureToken.Kind, _ description: String
    )
        throws(FigureSyntaxError) -> FigureToken
    {
        guard current.kind == kind else { throw unexpected(description) }
        return advance()
    }

    private mutating func name(
        _ description: String
    ) throws(FigureSyntaxError)
        -> FigureExpression.Name
    {
        guard case .name(let text) = current.kind else { throw unexpected(description) }
        return FigureExpression.Name(text: text, range: advance().range)
    }

    private mutating func enterNesting(at token: FigureToken) throws(FigureSyntaxError) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw FigureSyntaxError(
                offset: token.range.lowerBound,
                message: "the expression is nested more than \(Self.maximumNesting) levels deep")
        }
    }

    private func unexpected(_ expected: String) -> FigureSyntaxError {
        FigureSyntaxError(
            offset: current.range.lowerBound,
            message: "expected \(expected), found \(current.description)")
    }
}
