import Foundation
package import Yams
package import BilanBase

/// One YAML map as a loader reads it: its entries in file order and its values by key.
///
/// A node that is not a map reads as a map without entries: whether that is a problem is
/// the loader's to say (``YAMLSchemaReader/map(_:notAMap:known:unknownKey:)`` says it).
package struct YAMLMap {
    /// One `key: value` line of the map.
    package struct Entry {
        /// The key's text; empty for a key that is not a scalar.
        package var key: String
        package var keyNode: Node
        package var value: Node
    }

    /// The node the map was read from, where a problem about the whole map points.
    package let node: Node
    package let entries: [Entry]

    package init(_ node: Node) {
        self.node = node
        entries = (node.mapping ?? [:]).map { Entry(key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// Whether the node is a map (possibly an empty one).
    package var isMap: Bool { node.mapping != nil }

    /// The value of a key, or nil when the map does not have it.
    package subscript(key: String) -> Node? { entry(key)?.value }

    /// The node of a key, where a problem about the key rather than its value points.
    package func keyNode(_ key: String) -> Node? { entry(key)?.keyNode }

    private func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
}

/// Reads YAML maps against what a loader knows — the keys it accepts, the keys it
/// requires and the type of each value — and collects every problem as a diagnostic
/// located at the node it is about, with the loader's code.
///
/// The wording of each message is the loader's: this type owns the checks, their order
/// and where each problem points, so report.yaml, front matter, figures.yaml, fenced
/// blocks and interface words are all checked by the same code.
package struct YAMLSchemaReader {
    /// How a scalar's text must look to be accepted as text.
    package enum TextRule {
        /// Any scalar, even an empty one.
        case any
        /// At least one character.
        case nonEmpty
        /// At least one character that is not a space.
        case nonBlank
    }

    package let yaml: YAMLReader
    /// The code of every problem unless a call gives another.
    package let code: DiagnosticCode
    /// Where a problem with no node points; nil: the file itself.
    package let fallback: SourceLocation?
    package private(set) var problems = DiagnosticList()

    package init(_ yaml: YAMLReader, code: DiagnosticCode, fallback: SourceLocation? = nil) {
        self.yaml = yaml
        self.code = code
        self.fallback = fallback
    }

    /// Where a node stands in the file, or the fallback when there is no node.
    package func location(of node: Node?) -> SourceLocation {
        guard let node else { return fallback ?? yaml.location(of: nil) }
        return yaml.location(of: node)
    }

    /// Records a problem about a node (the fallback when nil).
    package mutating func fail(_ message: String, at node: Node?, code: DiagnosticCode? = nil) {
        fail(message, at: location(of: node), code: code)
    }

    /// Records a problem at a location worked out by the loader.
    package mutating func fail(_ message: String, at location: SourceLocation, code: DiagnosticCode? = nil) {
        problems.error(code ?? self.code, message, at: location)
    }

    /// Adds problems found by another reader of the same file.
    package mutating func append(contentsOf diagnostics: [Diagnostic]) {
        problems.append(contentsOf: diagnostics)
    }

    // MARK: - Maps

    /// The node's entries, each key not in `known` reported at the key with
    /// `unknownKey`'s message. A node that is not a map gives an empty map, unreported.
    package mutating func map(_ node: Node, known: [String], unknownKey: (YAMLMap.Entry) -> String) -> YAMLMap {
        let map = YAMLMap(node)
        for entry in map.entries where !known.contains(entry.key) {
            fail(unknownKey(entry), at: entry.keyNode)
        }
        return map
    }

    /// The node as a map whose unknown keys are reported, or nil with `notAMap` reported
    /// at the node when it is not a map.
    package mutating func map(
        _ node: Node, notAMap: String, known: [String], unknownKey: (YAMLMap.Entry) -> String
    ) -> YAMLMap? {
        guard node.mapping != nil else {
            fail(notAMap, at: node)
            return nil
        }
        return map(node, known: known, unknownKey: unknownKey)
    }

    /// The value of a key the map must have, or nil with `missing` reported at `place`
    /// (the map's node when nil).
    @discardableResult
    package mutating func required(_ key: String, in map: YAMLMap, missing: String, at place: Node? = nil) -> Node? {
        guard let value = map[key] else {
            fail(missing, at: place ?? map.node)
            return nil
        }
        return value
    }

    // MARK: - Values

    /// The text of a scalar, or nil with `invalid` reported at the node when it is not a
    /// scalar or `rule` refuses its text.
    package mutating func text(_ node: Node, _ rule: TextRule = .any, invalid: String) -> String? {
        guard let text = node.scalar?.string, Self.accepts(text, rule) else {
            fail(invalid, at: node)
            return nil
        }
        return text
    }

    /// The text of a key's scalar value: nil without a report when the map does not have
    /// the key, nil with `invalid` reported when its value is not text.
    package mutating func text(
        _ key: String, in map: YAMLMap, _ rule: TextRule = .any, invalid: String
    ) -> String? {
        map[key].flatMap { text($0, rule, invalid: invalid) }
    }

    /// One of a set of named values, or nil with `invalid(text)` reported at the node
    /// (the text is nil for a value that is not a scalar).
    package mutating func choice<Value: RawRepresentable<String>>(
        _ node: Node, code: DiagnosticCode? = nil, invalid: (String?) -> String
    ) -> Value? {
        guard let text = node.scalar?.string, let value = Value(rawValue: text) else {
            fail(invalid(node.scalar?.string), at: node, code: code)
            return nil
        }
        return value
    }

    /// `true` or `false`, or nil with `invalid` reported at the node.
    package mutating func bool(_ node: Node, invalid: String) -> Bool? {
        guard let value = node.bool else {
            fail(invalid, at: node)
            return nil
        }
        return value
    }

    /// A whole number, or nil with `invalid` reported at the node.
    package mutating func int(_ node: Node, invalid: String) -> Int? {
        guard let value = node.int else {
            fail(invalid, at: node)
            return nil
        }
        return value
    }

    /// The items of a list, or nil with `invalid` reported at the node.
    package mutating func list(_ node: Node, invalid: String) -> [Node]? {
        guard let items = node.sequence else {
            fail(invalid, at: node)
            return nil
        }
        return Array(items)
    }

    private static func accepts(_ text: String, _ rule: TextRule) -> Bool {
        switch rule {
        case .any: true
        case .nonEmpty: !text.isEmpty
        case .nonBlank: !text.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }
}
