import Foundation
import Testing
import Yams

@testable import BilanBase
@testable import BilanInputs

/// The schema reader on its own: what it reports, with which code and where.
@Suite struct YAMLSchemaReaderTests {
    enum Colour: String { case red, blue }

    func root(_ yaml: String) throws -> Node {
        try #require(try YAMLReader(file: "f.yaml").compose(yaml).get())
    }

    func summary(_ schema: YAMLSchemaReader) -> [String] {
        schema.problems.all.map {
            "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code.rawValue) \($0.message)"
        }
    }

    @Test func unknownKeysAtTheirKeyInFileOrder() throws {
        var schema = YAMLSchemaReader(YAMLReader(file: "f.yaml"), code: .invalidConfig)
        let map = schema.map(try root("a: 1\nzz: 2\nb: 3\nyy: 4"), known: ["a", "b"]) { "unknown \($0.key)" }
        #expect(summary(schema) == ["2:1 invalid-config unknown zz", "4:1 invalid-config unknown yy"])
        #expect(map.entries.map(\.key) == ["a", "zz", "b", "yy"])
        #expect(map["b"]?.scalar?.string == "3")
        #expect(map.keyNode("b")?.mark?.line == 3)
        #expect(map["c"] == nil)
    }

    @Test func aNodeThatIsNotAMap() throws {
        var schema = YAMLSchemaReader(YAMLReader(file: "f.yaml"), code: .invalidConfig)
        let lenient = schema.map(try root("[a, b]"), known: []) { _ in "unknown" }
        #expect(!lenient.isMap && lenient.entries.isEmpty && schema.problems.all.isEmpty)
        let list = try #require(try root("x: [a]\n").mapping?.first?.value)
        #expect(schema.map(list, notAMap: "not a map", known: [], unknownKey: { _ in "" }) == nil)
        #expect(summary(schema) == ["1:4 invalid-config not a map"])
    }

    @Test func requiredKeysAtTheMapOrTheGivenNodeOrTheFallback() throws {
        let fence = SourceLocation(file: "s.md", line: 9, column: 1)
        var schema = YAMLSchemaReader(YAMLReader(file: "s.md", lineOffset: 10), code: .invalidBlock, fallback: fence)
        let node = try root("a: 1\nb: 2")
        let map = schema.map(node, known: ["a", "b"]) { _ in "" }
        #expect(schema.required("a", in: map, missing: "no a")?.scalar?.string == "1")
        schema.required("c", in: map, missing: "no c")
        schema.required("d", in: map, missing: "no d", at: map.keyNode("b"))
        schema.fail("nowhere", at: nil)
        #expect(
            summary(schema) == [
                "11:1 invalid-block no c", "12:1 invalid-block no d", "9:1 invalid-block nowhere",
            ])
    }

    @Test func typedValues() throws {
        var schema = YAMLSchemaReader(YAMLReader(file: "f.yaml"), code: .frontMatter)
        let map = schema.map(
            try root("t: ' '\ne: ''\nl: [x]\nc: green\nk: blue\nb: oui\nn: 1.5\ni: 3\ns: [1, 2]\nm: {}"),
            known: ["t", "e", "l", "c", "k", "b", "n", "i", "s", "m"]
        ) { _ in "" }
        #expect(schema.text("t", in: map, .nonEmpty, invalid: "t") == " ")
        #expect(schema.text("t", in: map, .nonBlank, invalid: "blank") == nil)
        #expect(schema.text("e", in: map, invalid: "e") == "")
        #expect(schema.text("e", in: map, .nonEmpty, invalid: "empty") == nil)
        #expect(schema.text("l", in: map, invalid: "list") == nil)
        #expect(schema.text("absent", in: map, invalid: "absent") == nil)
        let colour: Colour? = schema.choice(map["c"]!, code: .invalidFormat) { "no \($0 ?? "…")" }
        #expect(colour == nil)
        #expect(schema.choice(map["k"]!) { _ in "" } == Colour.blue)
        #expect(schema.bool(map["b"]!, invalid: "bool") == nil)
        #expect(schema.int(map["n"]!, invalid: "int") == nil)
        #expect(schema.int(map["i"]!, invalid: "") == 3)
        #expect(schema.list(map["s"]!, invalid: "")?.count == 2)
        #expect(schema.list(map["m"]!, invalid: "not a list") == nil)
        #expect(
            summary(schema) == [
                "1:4 front-matter blank", "2:4 front-matter empty", "3:4 front-matter list",
                "4:4 invalid-format no green",
                "6:4 front-matter bool", "7:4 front-matter int", "10:4 front-matter not a list",
            ])
    }
}
