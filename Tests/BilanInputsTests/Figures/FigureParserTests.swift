import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// The expression language: every construct, precedence, ranges and syntax errors.
@Suite struct FigureParserTests {
    /// The expression as a fully parenthesised S-expression, for exact comparison.
    private func tree(_ text: String) throws -> String {
        render(try FigureParser.parse(text))
    }

    private func render(_ expression: FigureExpression) -> String {
        switch expression.kind {
        case .number(let value): "\(value)"
        case .figure(let name): name
        case .negate(let operand): "(neg \(render(operand)))"
        case .binary(let op, let left, let right): "(\(op.rawValue) \(render(left)) \(render(right)))"
        case .change(let new, let old): "(change \(render(new)) \(render(old)))"
        case .aggregate(let aggregate):
            "(\(aggregate.function.rawValue) \(aggregate.table.text)"
                + (aggregate.column.map { ".\($0.text)" } ?? "")
                + (aggregate.filter.map { " " + render($0) } ?? "") + ")"
        }
    }

    private func render(_ filter: FigureExpression.Filter) -> String {
        switch filter {
        case .comparison(let comparison):
            let value =
                switch comparison.value {
                case .number(let number): "\(number)"
                case .text(let text): "\"\(text)\""
                case .date(let date): "date:\(date.iso)"
                }
            return "(\(comparison.comparator.rawValue) \(comparison.column.text) \(value))"
        case .all(let parts): return "(and " + parts.map(render).joined(separator: " ") + ")"
        case .any(let parts): return "(or " + parts.map(render).joined(separator: " ") + ")"
        }
    }

    private func syntaxError(_ text: String) -> FigureSyntaxError? {
        do {
            _ = try FigureParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Constructs

    @Test func numbersAndNames() throws {
        #expect(try tree("12") == "12")
        #expect(try tree("12.5") == "12.5")
        #expect(try tree("0.125") == "0.125")
        #expect(try tree("membres_2024") == "membres_2024")
        #expect(try tree("  _x  ") == "_x")
    }

    @Test func arithmeticPrecedenceAndAssociativity() throws {
        #expect(try tree("1 + 2 * 3") == "(+ 1 (* 2 3))")
        #expect(try tree("1 * 2 + 3") == "(+ (* 1 2) 3)")
        #expect(try tree("(1 + 2) * 3") == "(* (+ 1 2) 3)")
        #expect(try tree("1 - 2 - 3") == "(- (- 1 2) 3)")
        #expect(try tree("8 / 4 / 2") == "(/ (/ 8 4) 2)")
        #expect(try tree("a / b * c") == "(* (/ a b) c)")
    }

    @Test func unaryMinus() throws {
        #expect(try tree("-2") == "(neg 2)")
        #expect(try tree("-2 * 3") == "(* (neg 2) 3)")
        #expect(try tree("- -a") == "(neg (neg a))")
        #expect(try tree("-(a + b)") == "(neg (+ a b))")
        #expect(try tree("a - -b") == "(- a (neg b))")
    }

    @Test(arguments: ["sum", "mean", "median", "min", "max", "distinct"])
    func columnAggregates(function: String) throws {
        #expect(try tree("\(function)(formations.participantes)") == "(\(function) formations.participantes)")
    }

    @Test func countTakesATable() throws {
        #expect(try tree("count(formations)") == "(count formations)")
        #expect(try tree("count( formations where type = \"x\" )") == "(count formations (= type \"x\"))")
    }

    @Test func change() throws {
        #expect(try tree("change(membres_2024, membres_2023)") == "(change membres_2024 membres_2023)")
        #expect(try tree("change(sum(t.a) + 1, 2 * b)") == "(change (+ (sum t.a) 1) (* 2 b))")
    }

    @Test func functionNamesAndKeywordsAreFigureNamesOutsideCalls() throws {
        #expect(try tree("sum + count") == "(+ sum count)")
        #expect(try tree("where * and - or") == "(- (* where and) or)")
    }

    @Test func unicodeColumnNames() throws {
        #expect(try tree("sum(fréquentation.année)") == "(sum fréquentation.année)")
    }

    // MARK: Filters

    @Test(arguments: FigureExpression.ComparisonOperator.allCases)
    func everyComparisonOperator(comparator: FigureExpression.ComparisonOperator) throws {
        #expect(
            try tree("count(t where a \(comparator.rawValue) 10)")
                == "(count t (\(comparator.rawValue) a 10))")
    }

    @Test func filterValues() throws {
        #expect(
            try tree("sum(membres.nombre where type = \"individuelle\")")
                == "(sum membres.nombre (= type \"individuelle\"))")
        #expect(try tree("count(t where a > -5)") == "(count t (> a -5))")
        #expect(try tree("count(t where a = 2.5)") == "(count t (= a 2.5))")
        #expect(try tree(#"count(t where a = "dit \"oui\" \\ non")"#) == #"(count t (= a "dit "oui" \ non"))"#)
        #expect(try tree("count(t where a = \"\")") == "(count t (= a \"\"))")
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(
            try tree("count(formations where participantes >= 10 and type != \"x\" or annee = 2023)")
                == "(count formations (or (and (>= participantes 10) (!= type \"x\")) (= annee 2023)))")
        #expect(
            try tree("count(t where a = 1 or b = 2 and c = 3)")
                == "(count t (or (= a 1) (and (= b 2) (= c 3))))")
        #expect(
            try tree("count(t where a = 1 and b = 2 and c = 3 or d = 4 or e = 5)")
                == "(count t (or (and (= a 1) (= b 2) (= c 3)) (= d 4) (= e 5)))")
    }

    @Test func parenthesesGroupFilters() throws {
        #expect(
            try tree("count(t where (a = 1 or b = 2) and c = 3)")
                == "(count t (and (or (= a 1) (= b 2)) (= c 3)))")
    }

    // MARK: Ranges

    @Test func everyNodeKeepsItsRange() throws {
        let expression = try FigureParser.parse("1 + sum(t.c where a = \"x\") * -b")
        guard case .binary(.add, let one, let product) = expression.kind,
            case .binary(.multiply, let sum, let negation) = product.kind,
            case .aggregate(let aggregate) = sum.kind,
            case .comparison(let comparison) = aggregate.filter,
            case .negate(let b) = negation.kind
        else {
            Issue.record("unexpected tree")
            return
        }
        #expect(expression.range == 0..<31)
        #expect(one.range == 0..<1)
        #expect(sum.range == 4..<26)
        #expect(aggregate.table.range == 8..<9)
        #expect(aggregate.column?.range == 10..<11)
        #expect(comparison.range == 18..<25)
        #expect(comparison.column.range == 18..<19)
        #expect(product.range == 4..<31)
        #expect(negation.range == 29..<31)
        #expect(b.range == 30..<31)
    }

    @Test func parenthesesWidenTheRange() throws {
        #expect(try FigureParser.parse("2 * (a + b)").kind.isBinary(rightRange: 4..<11))
    }

    @Test func figureReferencesInOrder() throws {
        let references = try FigureParser.parse("b + change(a, sum(t.c) - b) / c").figureReferences
        #expect(references.map(\.text) == ["b", "a", "b", "c"])
        #expect(references.map(\.range.lowerBound) == [0, 11, 25, 30])
    }

    // MARK: Syntax errors

    @Test(arguments: [
        ("", 0, "the expression is empty"),
        ("1 +", 3, "expected a number, a figure name or a function, found the end of the expression"),
        ("(1 + 2", 6, "expected ')', found the end of the expression"),
        ("1 2", 2, "expected an operator or the end of the expression, found number 2"),
        ("a + )", 4, "expected a number, a figure name or a function, found ')'"),
        ("foo(t.c)", 0, "unknown function 'foo'; expected sum, mean, median, min, max, count, distinct or change"),
        ("sum(t)", 5, "expected '.' and a column: sum(t.column), found ')'"),
        ("sum(t.)", 6, "expected a column name, found ')'"),
        ("sum(1)", 4, "expected a table name, found number 1"),
        ("count(t.c)", 7, "count counts the rows of a table: write count(t), with an optional 'where'"),
        ("count(t wher a = 1)", 8, "expected ')' or 'where', found 'wher'"),
        ("sum(t.c where)", 13, "expected a column name, found ')'"),
        ("sum(t.c where a)", 15, "expected a comparison (= != < <= > >=), found ')'"),
        (
            "sum(t.c where a = b)", 18,
            "expected a number or a \"string\", found 'b'; write text between double quotes: \"b\""
        ),
        ("sum(t.c where a = )", 18, "expected a number or a \"string\", found ')'"),
        ("sum(t.c where a = -x)", 19, "expected a number, found 'x'"),
        ("sum(t.c where a == 1)", 16, "write '=' (a single equals sign) to compare"),
        ("sum(t.c where a = 1 b = 2)", 20, "expected ')', 'and' or 'or', found 'b'"),
        ("sum(t.c where (a = 1 or b = 2)", 30, "expected ')', 'and' or 'or', found the end of the expression"),
        ("sum(t.c where a = \"x)", 18, "this string has no closing '\"'"),
        ("change(a)", 8, "expected ',' between the new and the old value: change(new, old), found ')'"),
        ("change(a, b", 11, "expected ')', found the end of the expression"),
        ("a ! b", 2, "expected '!='"),
        ("a $ b", 2, "unexpected character '$'"),
        ("'x'", 0, "write text between double quotes: \"text\""),
        ("12abc", 2, "unexpected 'a' after a number"),
        ("1.", 1, "expected an operator or the end of the expression, found '.'"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        let error = syntaxError(text)
        #expect(error == FigureSyntaxError(offset: offset, message: message))
    }

    @Test func numbersWithMoreThan38DigitsAreRefused() {
        let digits = String(repeating: "9", count: 39)
        #expect(
            syntaxError("1 + \(digits)")
                == FigureSyntaxError(offset: 4, message: "number \(digits) has more than 38 significant digits"))
        #expect(syntaxError(String(repeating: "9", count: 38)) == nil)
    }

    @Test func nestingIsBounded() {
        let depth = FigureParser.maximumNesting
        let fine = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(syntaxError(fine) == nil)
        let deep = String(repeating: "(", count: depth + 1) + "1" + String(repeating: ")", count: depth + 1)
        #expect(syntaxError(deep)?.offset == depth)
        #expect(syntaxError(String(repeating: "-", count: depth + 1) + "1")?.offset == depth)
    }

    @Test func lengthIsBounded() {
        let long = "1" + String(repeating: " + 1", count: FigureParser.maximumTokens / 2)
        #expect(syntaxError(long)?.message.hasPrefix("the expression is longer than") == true)
        let fine = "1" + String(repeating: " + 1", count: FigureParser.maximumTokens / 2 - 1)
        #expect(syntaxError(fine) == nil)
    }
}

extension FigureExpression.Kind {
    /// Whether this is a binary node whose right operand has `range`.
    fileprivate func isBinary(rightRange: Range<Int>) -> Bool {
        guard case .binary(_, _, let right) = self else { return false }
        return right.range == rightRange
    }
}
