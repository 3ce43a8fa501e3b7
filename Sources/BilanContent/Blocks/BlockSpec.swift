import Foundation
package import Yams
package import BilanBase
package import BilanInputs

/// The three fenced blocks bilan replaces by content drawn from the data.
public enum BlockKind: String, Sendable, CaseIterable {
    case chart
    case table
    case keyfigures

    /// The kind a code block's info string names (its first word), or nil for any other
    /// code block, which stays a code block.
    public init?(info: String) {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        self.init(rawValue: word)
    }
}

extension BlockKind {
    /// The first lines of a block of this kind, quoted in messages.
    package var example: String {
        switch self {
        case .chart: "type: column, data: TABLE, x: COLUMN, y: COLUMN, title: TITLE"
        case .table: "data: TABLE, columns: { COLUMN: Heading }"
        case .keyfigures: "- { figure: NAME, label: label }"
        }
    }
}

/// A value written in a block, with where it was written (for located errors).
package struct Located<Value: Sendable>: Sendable {
    package var value: Value
    package var location: SourceLocation
}

/// How a sort key orders rows: `-mentions` is descending.
package struct SortKey: Sendable {
    package var column: Located<String>
    package var descending: Bool
}

/// A `where:` filter and where it was written.
package struct BlockFilter: Sendable {
    package var filter: FigureExpression.Filter
    package var text: String
    /// Where the filter's text starts (column offsets of its parts count from here).
    package var location: SourceLocation
    /// The `where:` key, where an `empty-filter` warning points.
    package var keyLocation: SourceLocation
}

/// A column of a `table` block: the data column, its heading and how its numbers show.
package struct TableColumnSpec: Sendable {
    package var name: Located<String>
    package var label: String
    /// nil: numbers as `number`, or as written when the column holds years.
    package var display: FigureDisplay?
    /// `format: text`: cells exactly as in the file.
    package var plain: Bool
}

/// A `chart` block as written.
package struct ChartSpec: Sendable {
    package var kind: ChartModel.Kind
    package var data: Located<String>
    package var x: Located<String>
    /// The `x:` key, where a `repeated-category` warning points.
    package var xKey: SourceLocation
    package var y: [Located<String>]
    package var title: String
    package var labels: [String: String]
    package var labelLocations: [Located<String>]
    package var filter: BlockFilter?
    package var sort: [SortKey]
    package var display: FigureDisplay
    package var id: Located<String>?
    package var grouping: BlockGrouping?
    /// For a chart of a figure across the years, which figure and how many years.
    package var history: History? = nil

    /// `history: NAME` and `years: N`: the values of one figure in this year's report and
    /// the earlier years that `previous:` chains, oldest first.
    package struct History: Sendable {
        package static let defaultYears = 5
        package static let maximumYears = 20
        /// The column of the years, as `labels` names it.
        package static let period = "period"
        package var figure: Located<String>
        package var years: Int
        /// No `format:` was given: the chart shows the figure as figures.yaml formats it.
        package var ownDisplay: Bool

        /// The name of the table a history chart reads, which no data file can have.
        package static func table(_ figure: String) -> String { "history:" + figure }
    }
}

/// A `table` block as written: rows from a data table, or given inline.
package struct TableSpec: Sendable {
    package enum Source: Sendable {
        case data(Located<String>, columns: [TableColumnSpec])
        case inline(headers: [String], rows: [[String]])
    }
    package var source: Source
    package var caption: String?
    package var filter: BlockFilter?
    package var sort: [SortKey]
    package var total: [Located<String>]
    package var grouping: BlockGrouping?
}

/// One entry of a `keyfigures` block.
package struct KeyFigureSpec: Sendable {
    package var figure: Located<String>
    package var label: String
}

/// A parsed block.
package enum BlockSpec: Sendable {
    case chart(ChartSpec)
    case table(TableSpec)
    case keyfigures([KeyFigureSpec])
}

/// Reads the YAML body of a block into a ``BlockSpec``, every problem located in the
/// section file (`invalid-block`, or `yaml-syntax` for YAML that does not parse).
package struct BlockParser {
    /// The most rows a `table` block may give inline.
    package static let maximumInlineRows = 1000

    /// Reads the block's maps; a problem with no better place is reported at the fence line.
    package var schema: YAMLSchemaReader

    package init(reader: YAMLReader, fence: SourceLocation) {
        schema = YAMLSchemaReader(reader, code: .invalidBlock, fallback: fence)
    }

    /// The block, or nil with `schema.problems` saying why.
    package mutating func parse(_ kind: BlockKind, yaml: String) -> BlockSpec? {
        let root: Node
        switch schema.yaml.compose(yaml) {
        case .failure(let diagnostic):
            schema.append(contentsOf: [diagnostic])
            return nil
        case .success(nil):
            schema.fail(
                "this \(kind.rawValue) block is empty: write its settings between the fences, "
                    + "starting at the fence's indentation (\(kind.example))", at: nil)
            return nil
        case .success(let node?):
            root = node
        }
        switch kind {
        case .chart: return chart(root).map(BlockSpec.chart)
        case .table: return table(root).map(BlockSpec.table)
        case .keyfigures: return keyFigures(root).map(BlockSpec.keyfigures)
        }
    }

    // MARK: - Chart

    package mutating func chart(_ root: Node) -> ChartSpec? {
        let keys = [
            "type", "data", "x", "y", "title", "labels", "where", "sort", "format", "decimals", "id", "group",
            "aggregate", "history", "years",
        ]
        guard let map = blockMap(root, "a chart block", known: keys) else { return nil }
        if map["history"] != nil { return historyChart(map, root: root) }
        guard let kind = chartKind(map) else { return nil }
        let data = required(map, "data")
        let x = required(map, "x")
        let title = required(map, "title")
        let y = map["y"].flatMap { names($0, "y") } ?? []
        if map["y"] == nil { schema.fail("a chart needs 'y': the numeric column(s) to draw", at: root) }
        let labels = labelMap(map["labels"])
        let display = display(map)
        let id = chartID(map)
        let grouping = grouping(map)
        guard let data, let x, let title, !y.isEmpty, let display else { return nil }
        return ChartSpec(
            kind: kind, data: data, x: x, xKey: keyLocation(map, "x") ?? x.location, y: y, title: title.value,
            labels: labels.map, labelLocations: labels.keys, filter: filter(in: map),
            sort: sortKeys(map["sort"]), display: display, id: id, grouping: grouping)
    }

    /// The chart's `type:`, or nil (reported).
    private mutating func chartKind(_ map: YAMLMap) -> ChartModel.Kind? {
        guard let type = required(map, "type"), let kind = ChartModel.Kind(rawValue: type.value) else {
            if let node = map["type"], let text = node.string {
                let types = ChartModel.Kind.allCases.map(\.rawValue)
                schema.fail("unknown chart type '\(text)'; the types are \(types.joined(separator: ", "))", at: node)
            }
            return nil
        }
        return kind
    }

    /// The chart's `id:`, when written (a bad one reported).
    private mutating func chartID(_ map: YAMLMap) -> Located<String>? {
        let id = map["id"].flatMap { scalar($0, "id") }
        if let id, !Self.isIdentifier(id.value) {
            schema.fail(
                "'id' must be lower-case letters, digits and '-' (it names charts/\(id.value).svg)", at: map["id"])
        }
        return id
    }

    /// A chart of one figure across the chain of years: `history: membres_total`, with
    /// `years:` (5 by default, from 2 to ``ChartSpec/History/maximumYears``) instead of
    /// `data`, `x` and `y`.
    private mutating func historyChart(_ map: YAMLMap, root: Node) -> ChartSpec? {
        for key in ["data", "x", "y", "where", "sort", "group", "aggregate"] where map[key] != nil {
            schema.fail(
                "a chart of a figure's history draws that figure across the years: it takes no '\(key)'",
                at: map[key])
        }
        guard let figure = required(map, "history") else { return nil }
        if !FigureDefinition.isValidName(figure.value) {
            schema.fail("'history' names a figure of figures.yaml, such as membres_total", at: map["history"])
        }
        var years = ChartSpec.History.defaultYears
        if let node = map["years"] {
            let maximum = ChartSpec.History.maximumYears
            guard let text = node.scalar?.string, let count = Int(text), (2...maximum).contains(count) else {
                schema.fail("'years' is how many years to draw, a whole number from 2 to \(maximum)", at: node)
                return nil
            }
            years = count
        }
        guard let kind = chartKind(map) else { return nil }
        if kind == .donut || kind == .stacked {
            schema.fail("a figure's history is drawn as a column, bar or line chart", at: map["type"])
        }
        let title = required(map, "title")
        let labels = labelMap(map["labels"])
        let display = display(map)
        let id = chartID(map)
        guard let title, let display, FigureDefinition.isValidName(figure.value), kind != .donut, kind != .stacked
        else { return nil }
        let table = Located(value: ChartSpec.History.table(figure.value), location: figure.location)
        return ChartSpec(
            kind: kind, data: table, x: Located(value: ChartSpec.History.period, location: figure.location),
            xKey: figure.location, y: [figure], title: title.value, labels: labels.map,
            labelLocations: labels.keys, filter: nil, sort: [], display: display, id: id, grouping: nil,
            history: ChartSpec.History(
                figure: figure, years: years, ownDisplay: map["format"] == nil && map["decimals"] == nil))
    }

    // MARK: - Table

    package mutating func table(_ root: Node) -> TableSpec? {
        let keys = ["data", "columns", "rows", "sort", "total", "where", "caption", "group", "aggregate"]
        guard let map = blockMap(root, "a table block", known: keys) else { return nil }
        let caption = map["caption"].flatMap { scalar($0, "caption") }?.value
        guard let columnsNode = map["columns"] else {
            schema.fail("a table needs 'columns': the columns to show and their headings", at: root)
            return nil
        }
        if let rowsNode = map["rows"] {
            for key in ["data", "where", "sort", "total", "group", "aggregate"] where map[key] != nil {
                schema.fail("'\(key)' reads a data table; a table with inline 'rows' has none", at: map[key])
            }
            guard let headers = columnsNode.sequence?.compactMap({ scalar($0, "a column heading")?.value }),
                headers.count == columnsNode.sequence?.count
            else {
                schema.fail("with inline 'rows', 'columns' is the list of headings: [Nom, Rôle]", at: columnsNode)
                return nil
            }
            guard let rowNodes = rowsNode.sequence else {
                schema.fail("'rows' is a list of rows, each a list of cells: - [Myriam, Membre]", at: rowsNode)
                return nil
            }
            if rowNodes.count > Self.maximumInlineRows {
                schema.fail(
                    "more than \(Self.maximumInlineRows) inline rows: put them in a data file in content/data/",
                    at: rowsNode)
                return nil
            }
            var rows: [[String]] = []
            for row in rowNodes {
                guard let cells = row.sequence else {
                    schema.fail("each row is a list of cells: - [Myriam, Membre]", at: row)
                    continue
                }
                if cells.count != headers.count {
                    schema.fail(
                        "this row has \(Counted.english(cells.count, "cell")) "
                            + "but there are \(headers.count) columns", at: row)
                }
                rows.append(cells.map { cell in scalar(cell, "a cell")?.value ?? "" })
            }
            return TableSpec(
                source: .inline(headers: headers, rows: rows), caption: caption, filter: nil, sort: [], total: [])
        }
        guard let data = required(map, "data") else { return nil }
        let columns = tableColumns(columnsNode)
        guard !columns.isEmpty else { return nil }
        var total: [Located<String>] = []
        if let node = map["total"] { total = names(node, "total") ?? [] }
        let grouping = grouping(map)
        return TableSpec(
            source: .data(data, columns: columns), caption: caption, filter: filter(in: map),
            sort: sortKeys(map["sort"]), total: total, grouping: grouping)
    }

    /// `columns: { sujet: Sujet, montant: { label: Montant, format: currency } }` or `[sujet, mentions]`.
    package mutating func tableColumns(_ node: Node) -> [TableColumnSpec] {
        if let list = node.sequence {
            return list.compactMap { item in
                scalar(item, "a column name").map {
                    TableColumnSpec(name: $0, label: $0.value, display: nil, plain: false)
                }
            }
        }
        guard node.mapping != nil else {
            schema.fail("'columns' is a map of column: heading ({ sujet: Sujet }) or a list of column names", at: node)
            return []
        }
        var result: [TableColumnSpec] = []
        for entry in YAMLMap(node).entries {
            let name = Located(value: entry.key, location: schema.location(of: entry.keyNode))
            if entry.value.mapping != nil {
                guard let map = blockMap(entry.value, "a column", known: ["label", "format", "decimals"]) else {
                    continue
                }
                let label = map["label"].flatMap { scalar($0, "label") }?.value ?? entry.key
                var plain = false
                var display: FigureDisplay?
                if map["format"]?.string == "text" {
                    plain = true
                } else if map["format"] != nil || map["decimals"] != nil {
                    guard let chosen = self.display(map) else { continue }
                    display = chosen
                }
                result.append(TableColumnSpec(name: name, label: label, display: display, plain: plain))
            } else if let label = scalar(entry.value, "a column heading") {
                result.append(TableColumnSpec(name: name, label: label.value, display: nil, plain: false))
            }
        }
        return result
    }

    // MARK: - Key figures

    package mutating func keyFigures(_ root: Node) -> [KeyFigureSpec]? {
        guard let items = root.sequence, !items.isEmpty else {
            schema.fail("a keyfigures block is a list: - { figure: membres, label: membres individuelles }", at: root)
            return nil
        }
        var result: [KeyFigureSpec] = []
        for item in items {
            guard let map = blockMap(item, "a key figure", known: ["figure", "label"]),
                let figure = required(map, "figure"), let label = required(map, "label")
            else { continue }
            result.append(KeyFigureSpec(figure: figure, label: label.value))
        }
        return schema.problems.hasErrors ? nil : result
    }

    // MARK: - Pieces

    /// The node as a map, each unknown key reported, or nil (reported) when it is not a map.
    package mutating func blockMap(_ node: Node, _ what: String, known: [String]) -> YAMLMap? {
        schema.map(node, notAMap: "\(what) is a map of 'key: value' lines", known: known) {
            "unknown key '\($0.key)' in \(what); the keys are \(known.joined(separator: ", "))"
        }
    }

    /// The single value of a key the map must have, or nil (reported).
    package mutating func required(_ map: YAMLMap, _ key: String) -> Located<String>? {
        schema.required(key, in: map, missing: "'\(key)' is missing").flatMap { scalar($0, "'\(key)'") }
    }

    /// A single value with where it is written, or nil (reported).
    package mutating func scalar(_ node: Node, _ what: String) -> Located<String>? {
        schema.text(node, invalid: "\(what) must be a single value").map {
            Located(value: $0, location: schema.location(of: node))
        }
    }

    /// One name or a list of names.
    package mutating func names(_ node: Node, _ what: String) -> [Located<String>]? {
        if node.scalar != nil { return scalar(node, "'\(what)'").map { [$0] } }
        guard let items = node.sequence, !items.isEmpty else {
            schema.fail("'\(what)' is a column name or a list of them: [femmes, proches]", at: node)
            return nil
        }
        let result = items.compactMap { scalar($0, "each name of '\(what)'") }
        return result.count == items.count ? result : nil
    }

    package mutating func labelMap(_ node: Node?) -> (map: [String: String], keys: [Located<String>]) {
        guard let node else { return ([:], []) }
        guard node.mapping != nil else {
            schema.fail("'labels' is a map of column: label ({ femmes: Femmes })", at: node)
            return ([:], [])
        }
        var map: [String: String] = [:]
        var keys: [Located<String>] = []
        for entry in YAMLMap(node).entries {
            guard let label = scalar(entry.value, "a label") else { continue }
            map[entry.key] = label.value
            keys.append(Located(value: entry.key, location: schema.location(of: entry.keyNode)))
        }
        return (map, keys)
    }

    /// `group:` and `aggregate:` of a map, or nil without `group` or when they are wrong
    /// (reported: the block is then not drawn).
    package mutating func grouping(_ map: YAMLMap) -> BlockGrouping? {
        let aggregateNode = map["aggregate"]
        var function = FigureExpression.Aggregate.Function.sum
        if let aggregateNode {
            let names = BlockGrouping.functions.map(\.rawValue)
            guard let text = scalar(aggregateNode, "'aggregate'") else { return nil }
            guard let chosen = FigureExpression.Aggregate.Function(rawValue: text.value),
                BlockGrouping.functions.contains(chosen)
            else {
                schema.fail(
                    "unknown aggregate '\(text.value)'; the aggregates are \(names.joined(separator: ", "))",
                    at: aggregateNode)
                return nil
            }
            function = chosen
        }
        guard let groupNode = map["group"] else {
            if aggregateNode != nil {
                schema.fail(
                    "'aggregate' folds the rows of each group: add 'group: COLUMN' (the column whose values name "
                        + "the groups), or remove 'aggregate'",
                    at: map.keyNode("aggregate"))
                return nil
            }
            return nil
        }
        guard let column = scalar(groupNode, "'group'") else { return nil }
        return BlockGrouping(column: column, function: function)
    }

    /// Where a key of a map is written.
    package func keyLocation(_ map: YAMLMap, _ key: String) -> SourceLocation? {
        map.keyNode(key).map { schema.location(of: $0) }
    }

    package mutating func filter(in map: YAMLMap) -> BlockFilter? {
        guard let node = map["where"], let text = scalar(node, "'where'") else { return nil }
        do {
            return BlockFilter(
                filter: try FigureParser.parseFilter(text.value), text: text.value, location: text.location,
                keyLocation: keyLocation(map, "where") ?? text.location)
        } catch {
            var location = text.location
            let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            location.column = location.column.map { $0 + error.offset + (quoted ? 1 : 0) }
            schema.fail("in 'where': \(error.message)", at: location)
            return nil
        }
    }

    package mutating func sortKeys(_ node: Node?) -> [SortKey] {
        guard let node, let names = names(node, "sort") else { return [] }
        return names.map { name in
            let descending = name.value.hasPrefix("-")
            var column = name
            if descending { column.value.removeFirst() }
            return SortKey(column: column, descending: descending)
        }
    }

    /// `format:` and `decimals:` of a map; the default is `number`.
    package mutating func display(_ map: YAMLMap) -> FigureDisplay? {
        var format = FigureFormat.number
        if let node = map["format"] {
            let names = FigureFormat.allCases.map(\.rawValue)
            guard let text = node.string else {
                schema.fail(
                    "'format' must be a single value: one of \(names.joined(separator: ", "))", at: node,
                    code: .invalidFormat)
                return nil
            }
            guard let chosen = FigureFormat(rawValue: text) else {
                schema.fail(
                    "unknown format '\(text)'; the formats are \(names.joined(separator: ", "))", at: node,
                    code: .invalidFormat)
                return nil
            }
            format = chosen
        }
        var decimals: Int?
        if let node = map["decimals"] {
            guard let value = FigureDisplay.decimals(written: node.scalar?.string) else {
                schema.fail(
                    "'decimals' is a whole number from 0 to \(FigureDisplay.maximumDecimals)", at: node,
                    code: .invalidFormat)
                return nil
            }
            if format == .integer {
                schema.fail(
                    "an integer has no decimals: use 'format: number' to show decimals", at: node,
                    code: .invalidFormat)
                return nil
            }
            decimals = value
        }
        return FigureDisplay(format: format, decimals: decimals)
    }

    package static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }
}
