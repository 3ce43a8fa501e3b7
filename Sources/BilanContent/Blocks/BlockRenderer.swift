package import Foundation
public import BilanBase
public import BilanInputs

/// What a block may read: one language's view of the data and figures.
public struct BlockContext: Sendable {
    public var language: String
    /// The data tables, as read in this language (`X_fr` columns readable as `X`).
    public var tables: [String: DataTable]
    /// Tables whose file has an error already reported: a block naming one adds none.
    public var unreadableTables: Set<String>
    public var formatter: FigureFormatter
    public var figures: any FigureResolving
    public var traceFigures: Bool
    /// The interface words blocks write (`total`, `chart_data`), overridable in
    /// `content/i18n/<lang>.yaml` like the others.
    public var strings: InterfaceStrings?
    /// The charts' series colours, from the theme.
    public var palette: [String] = ChartPalette.colors

    public init(
        language: String, tables: [String: DataTable], unreadableTables: Set<String>,
        formatter: FigureFormatter, figures: any FigureResolving, traceFigures: Bool,
        strings: InterfaceStrings? = nil
    ) {
        self.language = language
        self.tables = tables
        self.unreadableTables = unreadableTables
        self.formatter = formatter
        self.figures = figures
        self.traceFigures = traceFigures
        self.strings = strings
    }

    /// An interface word in this block's language.
    package func word(_ word: InterfaceWord) -> String {
        (strings ?? .builtin).text(word, language: language)
    }
}

/// A chart drawn for a section: written as `<lang>/charts/<id>.svg` for the Markdown
/// outputs (pages carry it inline).
public struct ChartFile: Sendable, Equatable {
    public var id: String
    public var svg: String
    /// The block's fence, to locate a clash between two charts' ids.
    public var location: SourceLocation
}

extension BlockRenderer {
    /// A chart's SVG as its own file, for the Markdown outputs: the page's `width="100%"`
    /// becomes the pixel size of its `viewBox`, since pandoc and other Markdown readers
    /// give an image of width 100% and no height no size at all.
    package static func fileSVG(_ svg: String) -> String {
        let head = svg.prefix(while: { $0 != ">" })
        guard let box = head.range(of: #"viewBox="0 0 "#),
            let boxEnd = head[box.upperBound...].firstIndex(of: "\""),
            let percent = head.range(of: #" width="100%""#)
        else { return svg }
        let size = head[box.upperBound..<boxEnd].split(separator: " ")
        guard size.count == 2 else { return svg }
        return svg.replacingCharacters(in: percent, with: #" width="\#(size[0])" height="\#(size[1])""#)
    }
}

/// A block replaced by generated content: its HTML, its Markdown, and its chart file.
package struct GeneratedBlock: Sendable {
    package var html: String
    package var markdown: String
    package var chart: ChartFile?
    /// What it shows, for the outputs that write neither HTML nor Markdown.
    package var content: GeneratedContent?
}

/// What a generated block shows, as values: the Word document writes its own markup
/// from them (native tables, charts and key figures) instead of reading HTML.
public enum GeneratedContent: Sendable, Equatable {
    case table(TableContent)
    /// A chart, with the table of its values that pages show under it.
    case chart(ChartModel, data: TableContent)
    /// Key figures: each figure's formatted value and its label.
    case keyFigures([KeyFigure])

    /// One key figure as the report shows it.
    public struct KeyFigure: Sendable, Equatable {
        public var value: String
        public var label: String
    }
}

/// Turns a `chart`, `table` or `keyfigures` block into content drawn from the data, or
/// into located diagnostics (unknown table, column or figure, a cell that is not a
/// number, a bad key).
package struct BlockRenderer {
    /// The most categories a chart draws: past that, the data wants summarising first.
    package static let maximumCategories = 500
    /// The most rows a table block shows.
    package static let maximumRows = 5000

    package var context: BlockContext
    package let fence: SourceLocation
    package var problems = DiagnosticList()

    package init(context: BlockContext, fence: SourceLocation) {
        self.context = context
        self.fence = fence
    }

    /// Renders a block's YAML body; `defaultID` names a chart that gives no `id:`.
    package static func render(
        _ kind: BlockKind, yaml: String, reader: YAMLReader, fence: SourceLocation, context: BlockContext,
        defaultID: String
    ) -> (block: GeneratedBlock?, diagnostics: [Diagnostic]) {
        var parser = BlockParser(reader: reader, fence: fence)
        let spec = parser.parse(kind, yaml: yaml)
        guard let spec, !parser.schema.problems.hasErrors else { return (nil, parser.schema.problems.all) }
        var renderer = BlockRenderer(context: context, fence: fence)
        let block: GeneratedBlock?
        switch spec {
        case .chart(let chart): block = renderer.chart(chart, defaultID: defaultID)
        case .table(let table): block = renderer.table(table)
        case .keyfigures(let entries): block = renderer.keyFigures(entries)
        }
        return renderer.problems.hasErrors ? (nil, renderer.problems.all) : (block, renderer.problems.all)
    }

    // MARK: - Table

    package mutating func table(_ spec: TableSpec) -> GeneratedBlock? {
        let content: TableContent
        switch spec.source {
        case .inline(let headers, let rows):
            content = TableContent(
                caption: spec.caption, headers: headers, numeric: headers.map { _ in false }, rows: rows, total: nil)
        case .data(let data, let columns):
            let totals = spec.total
            guard
                let selection = select(
                    data, columns: columns.map(\.name) + totals, filter: spec.filter, sort: spec.sort,
                    grouping: spec.grouping, block: "table")
            else { return nil }
            if selection.rows.count > Self.maximumRows {
                problems.error(
                    .invalidBlock,
                    "this table would show \(selection.rows.count) rows (at most \(Self.maximumRows)): filter it with"
                        + " 'where' or summarise the data",
                    at: data.location)
                return nil
            }
            for name in totals where !columns.contains(where: { $0.name.value == name.value }) {
                problems.error(
                    .invalidBlock, "'total' names '\(name.value)', which is not one of the table's columns",
                    at: name.location)
            }
            for column in columns { warnRawKey(column.name, shown: column.label, as: .tableColumn) }
            let plans = columns.map { column in
                ColumnPlan(
                    selection, column: selection.index[column.name.value]!, display: column.display, plain: column.plain
                )
            }
            var total: [String]?
            if !totals.isEmpty {
                var row = plans.map { _ in "" }
                for (position, column) in columns.enumerated()
                where totals.contains(where: { $0.value == column.name.value }) {
                    let location = totals.first { $0.value == column.name.value }!.location
                    if let overall = selection.overall[plans[position].index] {
                        // Grouped rows: the aggregate over every row, as a pivot table's total.
                        row[position] = plans[position].text(overall, formatter: context.formatter)
                        continue
                    }
                    guard
                        let values = numbers(
                            selection, column: plans[position].index, name: column.name.value, at: location)
                    else { continue }
                    guard case .success(let sum) = Decimal.exactSum(values) else {
                        problems.error(
                            .invalidBlock,
                            "the total of column '\(column.name.value)' needs more digits than exact arithmetic holds "
                                + "(38 significant digits, up to about 10^165)", at: location)
                        continue
                    }
                    row[position] = plans[position].text(.number(sum), formatter: context.formatter)
                }
                if row[0].isEmpty { row[0] = context.word(.total) }
                total = row
            }
            content = TableContent(
                caption: spec.caption, headers: columns.map(\.label), numeric: plans.map(\.numeric),
                rows: selection.rows.map { row in
                    plans.map { $0.text(selection.table.rows[row][$0.index], formatter: context.formatter) }
                },
                total: total)
        }
        return GeneratedBlock(
            html: "<div class=\"table-block\">\n" + content.html() + "\n</div>", markdown: content.markdown(),
            chart: nil, content: .table(content))
    }

    // MARK: - Chart

    package mutating func chart(_ spec: ChartSpec, defaultID: String) -> GeneratedBlock? {
        guard let history = spec.history else { return drawChart(spec, defaultID: defaultID) }
        let values: FigureHistory
        switch context.figures.history(of: history.figure.value, years: history.years) {
        case .failure(let problem):
            if !problem.alreadyReported {
                problems.error(problem.code, "'history': " + problem.message, at: history.figure.location)
            }
            return nil
        case .success(let found): values = found
        }
        var spec = spec
        if history.ownDisplay { spec.display = values.display }
        let period = ChartSpec.History.period
        if spec.labels[period] == nil {
            spec.labels[period] =
                context.language.hasPrefix("fr") ? "Période" : context.language.hasPrefix("en") ? "Period" : nil
        }
        if spec.labels[history.figure.value] == nil { spec.labels[history.figure.value] = spec.title }
        let points = values.points.filter { !$0.period.isEmpty }
        let table = DataTable(
            name: spec.data.value, file: "content/figures.yaml", columns: [period, history.figure.value],
            rows: points.map { [.text($0.period), $0.value.map(CellValue.number) ?? .missing] },
            rowLines: points.map { _ in 0 }, columnLines: [0, 0])
        context.tables[table.name] = table
        defer { context.tables[table.name] = nil }
        return drawChart(spec, defaultID: defaultID)
    }

    /// A chart of rows of a table (a data table, or the years of a figure's history).
    private mutating func drawChart(_ spec: ChartSpec, defaultID: String) -> GeneratedBlock? {
        let named = [spec.x] + spec.y
        for label in spec.labelLocations where !named.contains(where: { $0.value == label.value }) {
            problems.error(
                .invalidBlock, "'labels' names '\(label.value)', which is neither 'x' nor one of 'y'",
                at: label.location)
        }
        if spec.kind == .donut && spec.y.count != 1 {
            problems.error(
                .invalidBlock, "a donut chart draws one column: give 'y' a single column", at: spec.y[1].location)
        }
        if let grouping = spec.grouping, let table = context.tables[spec.data.value],
            let groupIndex = table.columnIndex(grouping.column.value), let xIndex = table.columnIndex(spec.x.value),
            groupIndex != xIndex
        {
            problems.error(
                .invalidBlock,
                "a chart groups its rows by its 'x' column, which names the groups: write 'group: \(spec.x.value)'",
                at: grouping.column.location)
            return nil
        }
        guard
            let selection = select(
                spec.data, columns: named, filter: spec.filter, sort: spec.sort, grouping: spec.grouping,
                block: "chart")
        else { return nil }
        if spec.grouping == nil { warnRepeatedCategory(spec, selection) }
        if selection.rows.count > Self.maximumCategories {
            problems.error(
                .invalidBlock,
                "this chart would draw \(selection.rows.count) categories (at most \(Self.maximumCategories)): filter"
                    + " the rows with 'where' or summarise the data",
                at: spec.data.location)
            return nil
        }
        let xPlan = ColumnPlan(selection, column: selection.index[spec.x.value]!, display: nil, plain: false)
        let categories = selection.rows.map {
            xPlan.text(selection.table.rows[$0][xPlan.index], formatter: context.formatter)
        }
        var series: [ChartModel.Series] = []
        for y in spec.y {
            let column = selection.index[y.value]!
            guard numbers(selection, column: column, name: y.value, at: y.location) != nil else { continue }
            let values = selection.rows.map { selection.table.rows[$0][column].number }
            if spec.kind == .donut || spec.kind == .stacked, values.contains(where: { ($0 ?? 0) < 0 }) {
                problems.error(
                    .invalidBlock,
                    "a \(spec.kind.rawValue) chart cannot show negative values, and '\(y.value)' has some: use a"
                        + " column or bar chart",
                    at: y.location)
                continue
            }
            series.append(ChartModel.Series(label: spec.labels[y.value] ?? y.value, values: values))
        }
        guard !problems.hasErrors else { return nil }
        warnRawKey(spec.x, shown: spec.labels[spec.x.value], as: .categories)
        for y in spec.y { warnRawKey(y, shown: spec.labels[y.value], as: .series) }
        let id = spec.id?.value ?? defaultID
        // Ids inside the SVG must be XML names: never starting with a digit.
        var model = ChartModel(
            kind: spec.kind, id: "chart-" + id, title: spec.title, categories: categories,
            categoryLabel: spec.labels[spec.x.value] ?? spec.x.value, series: series, language: context.language,
            formatter: context.formatter, display: spec.display, totalLabel: context.word(.total))
        model.palette = context.palette
        let svg = ChartRenderer.svg(model)
        let data = TableContent(
            caption: nil, headers: [model.categoryLabel] + series.map(\.label),
            numeric: [false] + series.map { _ in true },
            rows: categories.indices.map { row in
                [categories[row]]
                    + series.map { $0.values[row].map { context.formatter.format($0, as: spec.display) } ?? "" }
            },
            total: nil)
        let html = """
            <figure class="chart" id="chart-\(id)">
            <figcaption id="chart-\(id)-caption" aria-hidden="true">\(HTMLEscaping.text(spec.title))</figcaption>
            <div class="chart-frame chart-wide">
            \(svg)</div>
            <div class="chart-frame chart-narrow">
            \(ChartRenderer.narrowSVG(model))</div>
            <details class="chart-data">
            <summary>\(HTMLEscaping.text(context.word(.chartData)))</summary>
            \(data.html())
            </details>
            </figure>
            """
        let markdown =
            "![\(MarkdownEscaping.inline(spec.title))](\(InternalLink.chart.scheme)\(id).svg)\n\n" + data.markdown()
        return GeneratedBlock(
            html: html, markdown: markdown, chart: ChartFile(id: id, svg: Self.fileSVG(svg), location: fence),
            content: .chart(model, data: data))
    }

    /// Where a column's name would be shown to readers, for the `missing-label` warning.
    package enum LabelPlace {
        case categories, series, tableColumn
    }

    /// Whether a column's name is a key written for a machine, not a heading for readers:
    /// one word (no space) joining words with `_` (`menages_par_annee`) or in camel case
    /// (`menagesParAnnee`). A header that is already text (`Femmes`, `Ménages par année`,
    /// `nombre`) is not one: bilan cannot tell it from a heading the author chose.
    package static func isRawKey(_ name: String) -> Bool {
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else { return false }
        if name.contains("_") { return true }
        var afterLowercase = false
        for character in name {
            if character.isUppercase && afterLowercase { return true }
            afterLowercase = character.isLowercase
        }
        return false
    }

    /// The `missing-label` warning, at the column's name, when the text readers would see
    /// for it (`shown`, nil when no label is given) is its raw key unchanged.
    private mutating func warnRawKey(_ column: Located<String>, shown: String?, as place: LabelPlace) {
        let name = column.value
        guard (shown ?? name) == name, Self.isRawKey(name) else { return }
        let example = Self.labelExample(name)
        let (role, fix) =
            switch place {
            case .categories:
                ("as the name of the chart's categories", "labels: { \(name): \(example) }")
            case .series:
                (
                    "as a series' name in the chart's legend, description and data table",
                    "labels: { \(name): \(example) }"
                )
            case .tableColumn:
                ("as a column heading", "columns: { \(name): \(example) }")
            }
        problems.warning(
            .missingLabel,
            "column '\(name)' has no label, so readers would see its raw name \(role): give it one, e.g. '\(fix)'",
            at: column.location)
    }

    /// A heading made from a key, for the warning's example: `menages_par_annee` → `Menages par annee`.
    package static func labelExample(_ name: String) -> String {
        var words = ""
        var afterLowercase = false
        for character in name {
            if character == "_" || character == "-" {
                if !words.hasSuffix(" ") && !words.isEmpty { words.append(" ") }
                afterLowercase = false
                continue
            }
            if character.isUppercase && afterLowercase { words.append(" ") }
            words.append(contentsOf: words.isEmpty ? String(character).uppercased() : String(character).lowercased())
            afterLowercase = character.isLowercase
        }
        return words.trimmingCharacters(in: .whitespaces)
    }

    /// The `repeated-category` warning of a chart without `group` whose `x` column holds
    /// one value on several of the rows it draws, at the `x:` key.
    private mutating func warnRepeatedCategory(_ spec: ChartSpec, _ selection: Selection) {
        guard let column = selection.index[spec.x.value] else { return }
        var firstRow: [CellValue: Int] = [:]
        var repeated: [(cell: CellValue, first: Int, again: Int)] = []
        for row in selection.rows {
            let cell = selection.table.rows[row][column]
            guard cell != .missing else { continue }
            if let first = firstRow[cell] {
                if !repeated.contains(where: { $0.cell == cell }) { repeated.append((cell, first, row)) }
            } else {
                firstRow[cell] = row
            }
        }
        guard let example = repeated.first else { return }
        let lines = selection.table.rowLines
        let places =
            lines.indices.contains(example.first) && lines.indices.contains(example.again)
            ? " (\(selection.table.file):\(lines[example.first]) and :\(lines[example.again]))" : ""
        let others =
            switch repeated.count {
            case 1: ""
            case 2: ", and 1 other value"
            default: ", and \(repeated.count - 1) other values"
            }
        let value = example.cell.printableText
        problems.warning(
            .repeatedCategory,
            "the chart's x column '\(spec.x.value)' repeats \"\(value)\"\(places)\(others), so the chart draws each "
                + "row as a separate category: add 'group: \(spec.x.value)' to fold the rows of each value into one "
                + "(or aggregate the data)",
            at: spec.xKey)
    }

    // MARK: - Key figures

    /// In Markdown the list is written with `*`, so that it never merges with a `-` list
    /// that cmark writes right before it.
    package mutating func keyFigures(_ entries: [KeyFigureSpec]) -> GeneratedBlock? {
        var html = "<ul class=\"keyfigures\">\n"
        var markdown: [String] = []
        var shown: [GeneratedContent.KeyFigure] = []
        for entry in entries {
            switch context.figures.resolve(entry.figure.value, language: context.language) {
            case .failure(let problem):
                if !problem.alreadyReported { problems.error(problem.code, problem.message, at: entry.figure.location) }
            case .success(let figure):
                html +=
                    "<li><span class=\"keyfigure-value\">\(figure.html(traced: context.traceFigures))</span> "
                    + "<span class=\"keyfigure-label\">\(HTMLEscaping.text(entry.label))</span></li>\n"
                markdown.append("* **\(MarkdownEscaping.inline(figure.text))** \(MarkdownEscaping.inline(entry.label))")
                shown.append(GeneratedContent.KeyFigure(value: figure.text, label: entry.label))
            }
        }
        return GeneratedBlock(
            html: html + "</ul>", markdown: markdown.joined(separator: "\n"), chart: nil, content: .keyFigures(shown))
    }

    // MARK: - Data

    /// The rows of a data table a block shows: named columns checked, filtered, grouped,
    /// sorted.
    package struct Selection {
        /// The table the rows are read from: the data table, or its grouped rows.
        package var table: DataTable
        package var rows: [Int]
        /// Column name → index, for every column the block names.
        package var index: [String: Int]
        /// The columns that hold folded values (never read as years).
        package var aggregated: Set<Int> = []
        /// For each folded column, its aggregate over all the rows (for `total:`).
        package var overall: [Int: CellValue] = [:]
    }

    /// The rows a block of kind `block` (`chart`, `table`) shows, or nil with its errors.
    package mutating func select(
        _ data: Located<String>, columns: [Located<String>], filter: BlockFilter?, sort: [SortKey],
        grouping: BlockGrouping? = nil, block: String = "block"
    ) -> Selection? {
        guard let table = context.tables[data.value] else {
            if !context.unreadableTables.contains(data.value) {
                let known = context.tables.keys.sorted()
                problems.error(
                    .unknownTable,
                    "unknown table '\(data.value)' (no content/data/\(data.value).csv or .json); "
                        + (known.isEmpty
                            ? "there are no data tables" : "the tables are " + known.joined(separator: ", ")),
                    at: data.location)
            }
            return nil
        }
        var named = columns + sort.map(\.column)
        if let grouping { named.append(grouping.column) }
        if let filter {
            named += filter.filter.comparisons.map { comparison in
                var location = filter.location
                location.column = location.column.map { $0 + comparison.column.range.lowerBound }
                return Located(value: comparison.column.text, location: location)
            }
        }
        var index: [String: Int] = [:]
        for name in named {
            if let position = table.columnIndex(name.value) {
                index[name.value] = position
            } else {
                problems.error(
                    .unknownColumn,
                    "table '\(table.name)' (\(table.file)) has no column '\(name.value)'; its columns are "
                        + table.columns.joined(separator: ", "),
                    at: name.location)
            }
        }
        guard !problems.hasErrors else { return nil }
        var rows = Array(table.rows.indices)
        if let filter {
            let typed: FigureExpression.Filter
            switch filter.filter.typedForDates({ index[$0.text].map(table.hasDates) ?? false }) {
            case .failure(let problem):
                var location = filter.location
                location.column = location.column.map { $0 + problem.comparison.range.lowerBound }
                problems.error(.dateComparison, "in 'where': " + problem.message, at: location)
                return nil
            case .success(let resolved): typed = resolved
            }
            rows = rows.filter { row in typed.matches { table.rows[row][index[$0.text]!] } }
            if rows.isEmpty && !table.rows.isEmpty {
                problems.warning(
                    .emptyFilter,
                    "the filter '\(filter.text)' "
                        + EmptyFilterMessage.text(
                            table: table, filter: filter.filter, consequence: ", so the \(block) is empty"),
                    at: filter.keyLocation)
            }
        }
        var selection = Selection(table: table, rows: rows, index: index)
        if let grouping {
            let reading = columns + sort.map(\.column)
            guard let grouped = group(selection, by: grouping, reading: reading) else { return nil }
            selection = grouped
        }
        sortRows(&selection, by: sort)
        return selection
    }

    /// The selected rows folded by `grouping`: every column in `reading` but the group's
    /// is folded, and each name is then read in the grouped rows.
    private mutating func group(
        _ selection: Selection, by grouping: BlockGrouping, reading: [Located<String>]
    ) -> Selection? {
        guard let groupIndex = selection.index[grouping.column.value] else { return nil }
        var folded: [BlockGrouping.Folded] = []
        for name in reading {
            guard let index = selection.index[name.value], index != groupIndex,
                !folded.contains(where: { $0.name == name.value })
            else { continue }
            folded.append(BlockGrouping.Folded(name: name.value, index: index, location: name.location))
        }
        switch grouping.fold(selection.table, rows: selection.rows, groupIndex: groupIndex, columns: folded) {
        case .failure(let error):
            problems.append(error)
            return nil
        case .success(let result):
            var grouped = Selection(table: result.table, rows: Array(result.table.rows.indices), index: [:])
            for (name, index) in selection.index where index == groupIndex { grouped.index[name] = 0 }
            for (position, column) in folded.enumerated() {
                grouped.index[column.name] = position + 1
                grouped.aggregated.insert(position + 1)
                grouped.overall[position + 1] = result.overall[position]
            }
            return grouped
        }
    }

    /// Orders the selected rows by the sort keys; ties keep the table's order.
    private func sortRows(_ selection: inout Selection, by sort: [SortKey]) {
        let table = selection.table
        let index = selection.index
        func cell(_ row: Int, _ column: String) -> CellValue {
            index[column].map { table.rows[row][$0] } ?? .missing
        }
        var rows = selection.rows
        if !sort.isEmpty {
            let locale = context.formatter.locale
            rows.sort { left, right in
                for key in sort {
                    let (a, b) = (cell(left, key.column.value), cell(right, key.column.value))
                    if (a == .missing) != (b == .missing) { return b == .missing }
                    let order = Self.compare(a, b, locale: locale)
                    if order != .orderedSame {
                        return key.descending ? order == .orderedDescending : order == .orderedAscending
                    }
                }
                return left < right
            }
        }
        selection.rows = rows
    }

    /// Numbers, then dates, then text (missing cells are put last by the caller, in either
    /// direction).
    package static func compare(_ left: CellValue, _ right: CellValue, locale: Locale) -> ComparisonResult {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.date(let a), .date(let b)):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.text(let a), .text(let b)), (.error(let a), .error(let b)), (.text(let a), .error(let b)),
            (.error(let a), .text(let b)):
            return a.compare(b, options: [], range: nil, locale: locale)
        case (.number, _): return .orderedAscending
        case (_, .number): return .orderedDescending
        case (.date, _): return .orderedAscending
        case (_, .date): return .orderedDescending
        case (_, .missing), (.missing, _): return .orderedSame
        }
    }

    /// The numbers of a column in the selected rows (missing cells skipped), or nil with
    /// a `non-numeric-cell` error naming the first text cell.
    package mutating func numbers(
        _ selection: Selection, column: Int, name: String, at location: SourceLocation
    ) -> [Decimal]? {
        var result: [Decimal] = []
        for row in selection.rows {
            switch selection.table.rows[row][column] {
            case .number(let value): result.append(value)
            case .missing: continue
            case .text, .date, .error:
                problems.error(
                    .nonNumericCell,
                    selection.table.notANumber(row: row, column: column, name: name) ?? "this cell is not a number",
                    at: location)
                return nil
            }
        }
        return result
    }
}

/// How one column's cells are written: numbers in the language's format, right-aligned,
/// except columns of years (and `format: text` columns) (every number a whole number from 1900 to 2100), which are
/// written as they are (`2019`, not `2 019`).
package struct ColumnPlan {
    package var index: Int
    package var display: FigureDisplay?
    package var plain: Bool
    package var numeric: Bool

    package init(_ selection: BlockRenderer.Selection, column: Int, display: FigureDisplay?, plain: Bool) {
        var numbers = 0
        var texts = 0
        // Folded values (sums, counts, means) are never years, whatever their size.
        var yearLike = !selection.aggregated.contains(column)
        for row in selection.rows {
            switch selection.table.rows[row][column] {
            case .number(let value):
                numbers += 1
                if yearLike, !(value >= 1900 && value <= 2100 && value.roundedHalfAwayFromZero(decimals: 0) == value) {
                    yearLike = false
                }
            case .text, .date, .error: texts += 1
            case .missing: break
            }
        }
        self.index = column
        self.plain = plain || (display == nil && numbers > 0 && yearLike)
        // Years read as labels: left-aligned like text.
        self.numeric = numbers > 0 && texts == 0 && !self.plain
        self.display = display
    }

    package func text(_ cell: CellValue, formatter: FigureFormatter) -> String {
        switch cell {
        case .number(let value) where !plain: return formatter.format(value, as: display ?? .default)
        case .date(let date): return formatter.format(date)
        default: return cell.text
        }
    }
}
