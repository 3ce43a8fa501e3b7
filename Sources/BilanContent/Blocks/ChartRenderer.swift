package import Foundation
import BilanBase
import Synchronization
package import BilanInputs

/// Draws a ``ChartModel`` as an SVG document: a pure, deterministic function of the
/// model, meant to be placed inline in a report page.
///
/// The SVG scales with the page: it has a `viewBox` 640 units wide, `width="100%"` and
/// no height, and its font sizes are in the same units. Text uses a system sans-serif
/// font, which a page stylesheet may override (`.chart { font-family: inherit }`).
/// There are no scripts, no external references and no style sheet; every element has
/// a `chart-…` class so that a page can restyle it.
///
/// - The root has `role="img"`, is named by its `<title>` (the model's title, not
///   drawn: the page shows it as the figure's caption, hidden from screen readers so
///   that the title is read once) and described by its `<desc>` (``ChartSummary``).
/// - Value axes use ``NiceScale`` ticks, with grid lines and labels in the model's
///   language; the axis crosses at 0, so negative values hang below it in `column`,
///   `bar` and `line` charts. `stacked` and `donut` charts draw negative values as 0
///   (the caller reports them as errors).
/// - Missing values (nil) draw nothing: no bar, a break in the line, no slice.
/// - Series colours come from the Okabe–Ito palette, darkened to 3:1 against white and
///   ordered so that neighbours also differ in lightness; lines also differ by dash pattern and marker shape, and areas
///   of the third series on are hatched, so that a chart still reads in greyscale.
/// - Every number in the output is written with at most 2 decimals by a
///   locale-independent routine, so the same model always gives the same bytes.
public enum ChartRenderer {
    /// The width of a chart in SVG user units, for a page, a print or a Markdown image.
    public static let width: Double = 640
    /// The width of a chart laid out for a phone: about one unit a CSS pixel at 360 px,
    /// so that its text stays at its size instead of shrinking.
    public static let narrowWidth: Double = 360

    /// The SVG document for `model`, from `<svg` to `</svg>` (no XML declaration),
    /// `width` units wide.
    public static func svg(_ model: ChartModel, width: Double = ChartRenderer.width) -> String {
        ChartPalette.$current.withValue(model.palette.isEmpty ? ChartPalette.colors : model.palette) {
            var document = SVGDocument(model: model, width: width)
            switch model.kind {
            case .column, .stacked, .line: drawVertical(model, into: &document)
            case .bar: drawHorizontal(model, into: &document)
            case .donut: drawDonut(model, into: &document)
            }
            return document.text
        }
    }

    /// The chart laid out for a phone (``narrowWidth`` units): columns become horizontal
    /// bars, so that every category's label and value has a line of its own; a donut's
    /// legend goes under the ring. Its ids end in `-narrow`, so both layouts may sit in
    /// one page.
    public static func narrowSVG(_ model: ChartModel) -> String {
        var narrow = model
        narrow.id += "-narrow"
        if narrow.kind == .column { narrow.kind = .bar }
        return svg(narrow, width: narrowWidth)
    }

    // MARK: Sizes

    package static let fontSize: Double = 13
    package static let smallFontSize: Double = 12
    package static let lineHeight: Double = 16
    /// The most categories that get a value label on their bar.
    package static let maximumLabelledCategories = 12
    package static let textColor = "#222222"
    package static let gridColor = "#dddddd"
    package static let axisColor = "#666666"
    package static let white = "#ffffff"

    // MARK: Column, stacked and line charts

    private static func drawVertical(_ model: ChartModel, into document: inout SVGDocument) {
        let width = document.width
        let count = model.categories.count
        let seriesCount = model.series.count
        let stacked = model.kind == .stacked
        let totals: [Decimal?] = (0..<count).map { index in
            let present = model.series.compactMap { model.plotted($0.value(at: index)) }
            return present.isEmpty ? nil : present.reduce(0, +)
        }
        let plottedValues: [Decimal] =
            stacked
            ? totals.compactMap { $0 }
            : model.series.flatMap { series in (0..<count).compactMap { series.value(at: $0) } }
        let scale = NiceScale(covering: plottedValues, integerSteps: model.display.format == .integer)
        let tickLabels = scale.ticks.map { model.formatter.format($0, as: tickDisplay(for: scale, model.display)) }

        let left = 16 + (tickLabels.map { TextMetrics.width($0, fontSize) }.max() ?? 0)
        let right: Double = 16
        let plotWidth = width - left - right
        let band = plotWidth / Double(max(count, 1))

        var legendHeight: Double = 0
        var legend: [String] = []
        if seriesCount > 1 {
            (legend, legendHeight) = seriesLegend(model, top: 10, left: left, right: width - right)
        }

        // Value labels: one series (or the totals of a stack), few categories, room enough.
        let labelled: [Decimal?] = stacked ? totals : (model.series.first?.values ?? [])
        let valueLabels: [String?] = (0..<count).map { index in
            index < labelled.count ? labelled[index].map(model.formatted) : nil
        }
        let showsValues =
            model.kind != .line && (stacked || seriesCount == 1)
            && count <= maximumLabelledCategories && valueLabels.contains { $0 != nil }
            && valueLabels.allSatisfy { $0.map { TextMetrics.width($0, smallFontSize) <= band - 2 } ?? true }
        let negativeLabels = showsValues && !stacked && labelled.contains { ($0 ?? 0) < 0 }

        let top = 10 + legendHeight + (showsValues ? 18 : 8)
        let plotHeight: Double = 260
        let plotBottom = top + plotHeight
        let (labels, step) = CategoryLabels.fit(model.categories, band: band)
        let labelLines = labels.map(\.count).max() ?? 0
        let labelTop = plotBottom + (negativeLabels ? 22 : 8)
        let height = labelTop + Double(labelLines) * lineHeight + 8

        let y = { (value: Decimal) -> Double in
            plotBottom - plotHeight * ratio(value - scale.lower, scale.upper - scale.lower)
        }
        let bandCenter = { (index: Int) -> Double in left + band * (Double(index) + 0.5) }
        let zero = y(0)

        document.open(height: height)
        document.definePatterns(count: model.kind == .line ? 0 : seriesCount)
        // Grid and tick labels.
        document.add(#"<g class="chart-grid" stroke="\#(gridColor)" stroke-width="1">"#)
        for tick in scale.ticks where tick != 0 {
            document.add(
                #"<line x1="\#(n(left))" y1="\#(n(y(tick)))" x2="\#(n(left + plotWidth))" y2="\#(n(y(tick)))"/>"#,
                indent: 2)
        }
        document.add("</g>")
        document.add(#"<g class="chart-axis-labels" fill="\#(textColor)" text-anchor="end">"#)
        for (tick, label) in zip(scale.ticks, tickLabels) {
            document.add(#"<text x="\#(n(left - 8))" y="\#(n(y(tick) + 4.5))">\#(escape(label))</text>"#, indent: 2)
        }
        document.add("</g>")

        // Marks.
        switch model.kind {
        case .column:
            let group = band * (seriesCount == 1 ? 0.6 : 0.8)
            let bar = group / Double(max(seriesCount, 1))
            for (s, series) in model.series.enumerated() {
                document.add(
                    #"<g class="chart-bars chart-series-\#(s)""#
                        + #" fill="\#(document.fill(s, of: seriesCount))"\#(separator(seriesCount))>"#
                )
                for index in 0..<count {
                    guard let value = series.value(at: index) else { continue }
                    let x = left + band * Double(index) + (band - group) / 2 + bar * Double(s)
                    let top = min(y(value), zero)
                    document.add(
                        #"<rect class="chart-bar" x="\#(n(x))" y="\#(n(top))" width="\#(n(bar))""#
                            + #" height="\#(n(abs(y(value) - zero)))"/>"#,
                        indent: 2)
                }
                document.add("</g>")
            }
        case .stacked:
            let bar = band * 0.6
            for (s, series) in model.series.enumerated() {
                document.add(
                    #"<g class="chart-bars chart-series-\#(s)""#
                        + #" fill="\#(document.fill(s, of: seriesCount))"\#(separator(seriesCount))>"#
                )
                for index in 0..<count {
                    guard let value = model.plotted(series.value(at: index)), value > 0 else { continue }
                    let below = model.series[..<s].reduce(Decimal(0)) { $0 + (model.plotted($1.value(at: index)) ?? 0) }
                    let x = left + band * Double(index) + (band - bar) / 2
                    document.add(
                        #"<rect class="chart-bar" x="\#(n(x))" y="\#(n(y(below + value)))" width="\#(n(bar))""#
                            + #" height="\#(n(y(below) - y(below + value)))"/>"#,
                        indent: 2)
                }
                document.add("</g>")
            }
        case .line:
            // Markers on every point unless they would crowd; a lone point always has one.
            let showsMarkers = band >= 14
            for (s, series) in model.series.enumerated() {
                let points = (0..<count).map { index in series.value(at: index).map { (bandCenter(index), y($0)) } }
                var path = ""
                for (index, point) in points.enumerated() {
                    guard let point else { continue }
                    let continues = index > 0 && points[index - 1] != nil
                    path += (path.isEmpty ? "" : " ") + (continues ? "L" : "M") + n(point.0) + " " + n(point.1)
                }
                let dash = ChartPalette.dash(s).map { #" stroke-dasharray="\#($0)""# } ?? ""
                if !path.isEmpty {
                    document.add(
                        #"<path class="chart-line chart-series-\#(s)" d="\#(path)" fill="none""#
                            + #" stroke="\#(ChartPalette.color(s))" stroke-width="2.5" stroke-linejoin="round""#
                            + #" stroke-linecap="round"\#(dash)/>"#
                    )
                }
                // A point with no neighbour is only visible as a marker.
                let marked = points.enumerated().compactMap { index, point -> (Double, Double)? in
                    guard let point else { return nil }
                    let isolated =
                        (index == 0 || points[index - 1] == nil) && (index == count - 1 || points[index + 1] == nil)
                    return showsMarkers || isolated ? point : nil
                }
                if !marked.isEmpty {
                    document.add(
                        #"<g class="chart-markers chart-series-\#(s)" fill="\#(ChartPalette.color(s))""#
                            + #" stroke="\#(ChartRenderer.white)" stroke-width="1">"#
                    )
                    for point in marked { document.add(ChartPalette.marker(s, x: point.0, y: point.1), indent: 2) }
                    document.add("</g>")
                }
            }
        case .bar, .donut:
            break
        }

        // The zero line, over the marks.
        document.add(
            #"<line class="chart-axis" x1="\#(n(left))" y1="\#(n(zero))" x2="\#(n(left + plotWidth))""#
                + #" y2="\#(n(zero))" stroke="\#(axisColor)" stroke-width="1"/>"#
        )

        if showsValues {
            document.add(
                #"<g class="chart-value-labels" fill="\#(textColor)" font-size="\#(n(smallFontSize))""#
                    + #" text-anchor="middle">"#
            )
            for index in 0..<count {
                guard index < labelled.count, let value = labelled[index], let label = valueLabels[index] else {
                    continue
                }
                let baseline = value < 0 ? y(value) + 14 : y(value) - 5
                document.add(
                    #"<text x="\#(n(bandCenter(index)))" y="\#(n(baseline))">\#(escape(label))</text>"#, indent: 2)
            }
            document.add("</g>")
        }

        if labelLines > 0 {
            document.add(#"<g class="chart-category-labels" fill="\#(textColor)" text-anchor="middle">"#)
            for (index, lines) in labels.enumerated() where index % step == 0 && !lines.isEmpty {
                document.add(
                    multilineText(
                        lines, of: model.categories[index], x: bandCenter(index), firstBaseline: labelTop + 12),
                    indent: 2)
            }
            document.add("</g>")
        }
        document.add(contentsOf: legend)
        document.close()
    }

    // MARK: Bar charts

    private static func drawHorizontal(_ model: ChartModel, into document: inout SVGDocument) {
        let width = document.width
        let count = model.categories.count
        let seriesCount = model.series.count
        let values = model.series.flatMap { series in (0..<count).compactMap { series.value(at: $0) } }

        // Category labels on the left, wrapped when longer than a third of the width (on a
        // phone, nearly half of it and one line more: there is no other room for them).
        let narrow = width < ChartRenderer.width
        let labelLimit = (width * (narrow ? 0.45 : 0.35)).rounded()
        let labels = model.categories.map {
            TextMetrics.wrap(
                $0, width: labelLimit, fontSize: fontSize, maximumLines: narrow ? 4 : 3, truncatingWords: true)
        }
        // 10 % more than the estimate: wide fonts must not be cut at the left edge.
        let labelWidth = (labels.flatMap { $0 }.map { TextMetrics.width($0, fontSize) }.max() ?? 0) * 1.1

        let labelled = model.series.first?.values ?? []
        let valueLabels: [String?] = (0..<count).map { index in
            index < labelled.count ? labelled[index].map(model.formatted) : nil
        }
        let showsValues = seriesCount == 1 && count <= maximumLabelledCategories && valueLabels.contains { $0 != nil }
        let valueWidth =
            showsValues ? (valueLabels.compactMap { $0 }.map { TextMetrics.width($0, smallFontSize) }.max() ?? 0) : 0

        let scale = NiceScale(covering: values, integerSteps: model.display.format == .integer)
        let tickLabels = scale.ticks.map { model.formatter.format($0, as: tickDisplay(for: scale, model.display)) }
        let left = max(20 + labelWidth, 8 + TextMetrics.width(tickLabels[0], fontSize) / 2)
        let right = max(
            16, TextMetrics.width(tickLabels[tickLabels.count - 1], fontSize) / 2 + 6,
            showsValues && values.contains { $0 > 0 } ? valueWidth + 10 : 0)
        let plotWidth = width - left - right
        // The tick labels run along the bottom: when they are too wide for the grid,
        // every k-th is written, 0 always among them.
        let widestTick = (tickLabels.map { TextMetrics.width($0, fontSize) }.max() ?? 0) * 1.1 + 12
        let tickSpacing = plotWidth / Double(scale.ticks.count - 1)
        let tickLabelStep = max(1, Int((widestTick / tickSpacing).rounded(.up)))

        var legendHeight: Double = 0
        var legend: [String] = []
        if seriesCount > 1 {
            (legend, legendHeight) = seriesLegend(model, top: 10, left: left, right: width - right)
        }
        let group: Double = seriesCount <= 1 ? 18 : Double(seriesCount) * 12
        let labelLines = labels.map(\.count).max() ?? 1
        let band = max(group + 12, Double(labelLines) * lineHeight + 8)
        let top = 10 + legendHeight + 6
        let plotHeight = count == 0 ? 60 : band * Double(count)
        let plotBottom = top + plotHeight
        let height = plotBottom + 8 + 13 + 10

        let x = { (value: Decimal) -> Double in
            left + plotWidth * ratio(value - scale.lower, scale.upper - scale.lower)
        }
        let zero = x(0)
        let bandCenter = { (index: Int) -> Double in top + band * (Double(index) + 0.5) }

        document.open(height: height)
        document.definePatterns(count: seriesCount)
        document.add(#"<g class="chart-grid" stroke="\#(gridColor)" stroke-width="1">"#)
        for tick in scale.ticks where tick != 0 {
            document.add(
                #"<line x1="\#(n(x(tick)))" y1="\#(n(top))" x2="\#(n(x(tick)))" y2="\#(n(plotBottom))"/>"#, indent: 2)
        }
        document.add("</g>")
        document.add(#"<g class="chart-axis-labels" fill="\#(textColor)" text-anchor="middle">"#)
        for (tick, label) in zip(scale.ticks, tickLabels) where (tick / scale.step).scaleIsMultiple(of: tickLabelStep) {
            document.add(
                #"<text x="\#(n(x(tick)))" y="\#(n(plotBottom + 8 + 12))">\#(escape(label))</text>"#, indent: 2)
        }
        document.add("</g>")

        let bar = group / Double(max(seriesCount, 1))
        for (s, series) in model.series.enumerated() {
            document.add(
                #"<g class="chart-bars chart-series-\#(s)""#
                    + #" fill="\#(document.fill(s, of: seriesCount))"\#(separator(seriesCount))>"#
            )
            for index in 0..<count {
                guard let value = series.value(at: index) else { continue }
                let barTop = top + band * Double(index) + (band - group) / 2 + bar * Double(s)
                document.add(
                    #"<rect class="chart-bar" x="\#(n(min(x(value), zero)))" y="\#(n(barTop))""#
                        + #" width="\#(n(abs(x(value) - zero)))" height="\#(n(bar))"/>"#,
                    indent: 2)
            }
            document.add("</g>")
        }
        document.add(
            #"<line class="chart-axis" x1="\#(n(zero))" y1="\#(n(top))" x2="\#(n(zero))" y2="\#(n(plotBottom))""#
                + #" stroke="\#(axisColor)" stroke-width="1"/>"#
        )

        if showsValues {
            document.add(#"<g class="chart-value-labels" fill="\#(textColor)" font-size="\#(n(smallFontSize))">"#)
            for index in 0..<count {
                guard index < labelled.count, let value = labelled[index], let label = valueLabels[index] else {
                    continue
                }
                let end = x(value)
                let labelWidth = TextMetrics.width(label, smallFontSize)
                let baseline = bandCenter(index) + 4
                if value >= 0 {
                    document.add(#"<text x="\#(n(end + 5))" y="\#(n(baseline))">\#(escape(label))</text>"#, indent: 2)
                } else if end - left >= labelWidth + 5 {
                    document.add(
                        #"<text x="\#(n(end - 5))" y="\#(n(baseline))" text-anchor="end">\#(escape(label))</text>"#,
                        indent: 2)
                } else {
                    // No room left of the bar: right of the zero line, in the empty half of the band.
                    document.add(#"<text x="\#(n(zero + 5))" y="\#(n(baseline))">\#(escape(label))</text>"#, indent: 2)
                }
            }
            document.add("</g>")
        }

        document.add(#"<g class="chart-category-labels" fill="\#(textColor)" text-anchor="end">"#)
        for (index, lines) in labels.enumerated() where !lines.isEmpty {
            let first = bandCenter(index) - Double(lines.count - 1) * lineHeight / 2 + 4.5
            document.add(
                multilineText(lines, of: model.categories[index], x: left - 10, firstBaseline: first), indent: 2)
        }
        document.add("</g>")
        document.add(contentsOf: legend)
        document.close()
    }

    // MARK: Donut charts

    /// One precision for every share of a donut's legend: whole percents when each share
    /// is one, else one decimal for all (`5,0 %` beside `4,7 %`, never `5 %`).
    package static func sharesDisplay(_ values: [Decimal], total: Decimal) -> FigureDisplay {
        let whole = FigureDisplay(format: .percent, decimals: 0)
        let tenth = FigureDisplay(format: .percent, decimals: 1)
        let allWhole =
            total <= 0
            || values.allSatisfy { value in
                whole.displayedValue(of: value / total) == tenth.displayedValue(of: value / total)
            }
        return allWhole ? whole : tenth
    }

    private static func drawDonut(_ model: ChartModel, into document: inout SVGDocument) {
        let width = document.width
        let count = model.categories.count
        let values = (0..<count).map { model.plotted(model.series.first?.value(at: $0)) }
        let total = values.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
        let words = ChartSummary.Words(french: model.isFrench)

        let outer: Double = 120
        let inner: Double = 72
        // The legend beside the ring, or under it when the chart is too narrow for both.
        let under = width - 16 - (16 + 2 * outer + 40) - 20 < 200
        let centerX: Double = under ? width / 2 : 16 + outer
        let legendLeft = under ? 16 : centerX + outer + 40
        let legendWidth = width - 16 - legendLeft - 20
        var legend: [String] = []
        var legendHeight: Double = 0
        let percent = sharesDisplay(values.compactMap { $0 }, total: total)
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            let share = total > 0 ? model.formatter.format(value / total, as: percent) : nil
            let text = model.categories[index] + words.colon + model.formatted(value) + (share.map { " (\($0))" } ?? "")
            let lines = TextMetrics.wrap(
                text, width: legendWidth, fontSize: fontSize, maximumLines: 3, truncatingWords: true)
            let rowTop = 16 + legendHeight
            legend.append(
                #"<rect class="chart-series-\#(index)" x="\#(n(legendLeft))" y="\#(n(rowTop + 2))" width="12""#
                    + #" height="12" fill="\#(document.fill(index, of: count))"/>"#
            )
            legend.append(multilineText(lines, of: text, x: legendLeft + 20, firstBaseline: rowTop + 12.5))
            legendHeight += Double(max(lines.count, 1)) * lineHeight + 8
        }
        let ringHeight = 2 * outer + 32
        let height = under ? ringHeight + legendHeight + 8 : max(ringHeight, legendHeight + 24)
        let centerY = under ? ringHeight / 2 : height / 2

        document.open(height: height)
        document.definePatterns(count: count)
        if total > 0 {
            document.add(
                #"<g class="chart-slices" stroke="\#(ChartRenderer.white)" stroke-width="1.5" stroke-linejoin="round">"#
            )
            var start: Decimal = 0
            for (index, value) in values.enumerated() {
                guard let value, value > 0 else { continue }
                let from = ratio(start, total)
                start += value
                let to = ratio(start, total)
                let path = donutSlice(
                    centerX: centerX, centerY: centerY, outer: outer, inner: inner, from: from, to: to)
                document.add(
                    #"<path class="chart-slice chart-series-\#(index)" d="\#(path)""#
                        + #" fill="\#(document.fill(index, of: count))"/>"#,
                    indent: 2)
            }
            document.add("</g>")
            let totalText = model.formatted(total)
            // Bold figures are wider than text: about 0.62 em each, inside the hole.
            let totalSize = min(20, ((2 * inner - 20) / (0.62 * Double(max(totalText.count, 1)))).rounded(.down))
            document.add(
                #"<text class="chart-total" x="\#(n(centerX))" y="\#(n(centerY + 2))" text-anchor="middle""#
                    + #" font-size="\#(n(totalSize))" font-weight="600""#
                    + #" fill="\#(textColor)">\#(escape(totalText))</text>"#
            )
            document.add(
                #"<text class="chart-total-label" x="\#(n(centerX))" y="\#(n(centerY + 20))" text-anchor="middle""#
                    + #" fill="\#(textColor)">\#(escape(model.totalLabel))</text>"#
            )
        } else {
            document.add(
                #"<circle class="chart-empty" cx="\#(n(centerX))" cy="\#(n(centerY))" r="\#(n((outer + inner) / 2))""#
                    + #" fill="none" stroke="\#(gridColor)" stroke-width="\#(n(outer - inner))"/>"#
            )
        }
        if !legend.isEmpty {
            let legendTop = under ? ringHeight - 8 : (height - legendHeight) / 2 - 12
            document.add(#"<g class="chart-legend" fill="\#(textColor)" transform="translate(0 \#(n(legendTop)))">"#)
            for line in legend { document.add(line, indent: 2) }
            document.add("</g>")
        }
        document.close()
    }

    /// The path of a ring slice from `from` to `to` (fractions of a turn, clockwise from
    /// the top); a whole turn is drawn as two halves.
    private static func donutSlice(
        centerX: Double, centerY: Double, outer: Double, inner: Double, from: Double, to: Double
    ) -> String {
        func point(_ radius: Double, _ turn: Double) -> String {
            let angle = (turn - 0.25) * 2 * Double.pi
            return n(centerX + radius * cos(angle)) + " " + n(centerY + radius * sin(angle))
        }
        if to - from >= 0.9999 {
            let r = n(outer), q = n(inner)
            return "M\(point(outer, 0)) A\(r) \(r) 0 1 1 \(point(outer, 0.5)) A\(r) \(r) 0 1 1 \(point(outer, 0)) Z "
                + "M\(point(inner, 0)) A\(q) \(q) 0 1 0 \(point(inner, 0.5)) A\(q) \(q) 0 1 0 \(point(inner, 0)) Z"
        }
        let large = to - from > 0.5 ? 1 : 0
        return "M\(point(outer, from)) A\(n(outer)) \(n(outer)) 0 \(large) 1 \(point(outer, to)) "
            + "L\(point(inner, to)) A\(n(inner)) \(n(inner)) 0 \(large) 0 \(point(inner, from)) Z"
    }

    // MARK: Shared pieces

    /// The legend of a chart with several series, in rows above the plot: its elements
    /// and its height.
    private static func seriesLegend(
        _ model: ChartModel, top: Double, left: Double, right: Double
    ) -> ([String], Double) {
        let isLine = model.kind == .line
        let swatch: Double = isLine ? 26 : 12
        let gap: Double = 24
        let available = right - left
        var elements = [#"<g class="chart-legend" fill="\#(textColor)">"#]
        var x = left
        var rowTop = top
        for (s, series) in model.series.enumerated() {
            let maximumText = available - swatch - 6
            let label = TextMetrics.truncate(series.label, width: maximumText, fontSize: fontSize)
            let itemWidth = swatch + 6 + TextMetrics.width(label, fontSize)
            if x > left && x + itemWidth > right {
                x = left
                rowTop += 20
            }
            let middle = rowTop + 8
            if isLine {
                let dash = ChartPalette.dash(s).map { #" stroke-dasharray="\#($0)""# } ?? ""
                elements.append(
                    #"  <line class="chart-series-\#(s)" x1="\#(n(x))" y1="\#(n(middle))" x2="\#(n(x + swatch))""#
                        + #" y2="\#(n(middle))" stroke="\#(ChartPalette.color(s))" stroke-width="2.5"\#(dash)/>"#
                )
                elements.append(
                    "  " + ChartPalette.marker(s, x: x + swatch / 2, y: middle, fill: ChartPalette.color(s)))
            } else {
                elements.append(
                    #"  <rect class="chart-series-\#(s)" x="\#(n(x))" y="\#(n(middle - 6))" width="12" height="12""#
                        + #" fill="\#(SVGDocument.fill(s, of: model.series.count, id: model.id))"/>"#
                )
            }
            elements.append(#"  <text x="\#(n(x + swatch + 6))" y="\#(n(middle + 4.5))">\#(escape(label))</text>"#)
            x += itemWidth + gap
        }
        elements.append("</g>")
        return (elements, rowTop + 16 - top + 12)
    }

    /// The display of tick labels: the model's format with the step's decimals.
    package static func tickDisplay(for scale: NiceScale, _ display: FigureDisplay) -> FigureDisplay {
        let decimals = scale.stepDecimals
        switch display.format {
        case .integer, .number:
            return FigureDisplay(format: .number, decimals: min(decimals, FigureDisplay.maximumDecimals))
        case .percent:
            return FigureDisplay(format: .percent, decimals: min(max(decimals - 2, 0), FigureDisplay.maximumDecimals))
        case .currency:
            return FigureDisplay(
                format: .currency, decimals: decimals == 0 ? 0 : min(max(decimals, 2), FigureDisplay.maximumDecimals))
        }
    }

    /// A white outline between neighbouring bars of several series.
    private static func separator(_ seriesCount: Int) -> String {
        seriesCount > 1 ? #" stroke="\#(ChartRenderer.white)" stroke-width="1""# : ""
    }

    /// A `<text>` of one or more lines, the first line's baseline at `firstBaseline`.
    /// `lines` of `text` (wrapped, and cut with "…" when too long), one `<tspan>` a line.
    /// A cut text keeps its whole words in a `<title>`: the tooltip of a pointer, the name
    /// assistive technology reads.
    private static func multilineText(_ lines: [String], of text: String, x: Double, firstBaseline: Double) -> String {
        let cut = lines.contains { $0.hasSuffix("…") } && !text.hasSuffix("…")
        let title = cut ? "<title>\(escape(text))</title>" : ""
        if lines.count == 1 {
            return #"<text x="\#(n(x))" y="\#(n(firstBaseline))">\#(title)\#(escape(lines[0]))</text>"#
        }
        let spans = lines.enumerated().map { index, line in
            #"<tspan x="\#(n(x))" y="\#(n(firstBaseline + Double(index) * lineHeight))">\#(escape(line))</tspan>"#
        }
        return "<text>" + title + spans.joined() + "</text>"
    }

    /// `part / whole` as a Double in 0…1, for coordinates (0 when `whole` is 0).
    ///
    /// Exact decimal division is slow (it was half the time of drawing a chart), and the
    /// languages of a report draw the same numbers: each quotient is computed once.
    package static func ratio(_ part: Decimal, _ whole: Decimal) -> Double {
        guard whole != 0 else { return 0 }
        return RatioCache.shared.value(part, whole) { NSDecimalNumber(decimal: part / whole).doubleValue }
    }

    /// A coordinate or length: at most 2 decimals, trailing zeros dropped, `.` as the
    /// decimal point whatever the machine's locale, never `-0`.
    package static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded(.toNearestOrAwayFromZero)
        guard abs(hundredths) < 1e15 else { return "0" }
        let total = Int64(hundredths)
        let magnitude = total.magnitude
        var text = (total < 0 ? "-" : "") + String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }

    /// Text for XML content or an attribute: `& < > " '` escaped, characters that XML
    /// 1.0 forbids dropped, line breaks and tabs as spaces.
    package static func escape(_ text: String) -> String {
        var cleaned = ""
        cleaned.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: cleaned.unicodeScalars.append(" ")
            case 0x00..<0x20, 0x7F, 0xFFFE, 0xFFFF: continue
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        return HTMLEscaping.text(cleaned)
    }
}

/// Series colours and second cues that survive colour blindness and greyscale printing.
package enum ChartPalette {
    /// Okabe–Ito hues, darkened where needed so that every one has at least 3:1 against
    /// the white page (WCAG 1.4.11, `ThemeColors.graphicsContrast`), in an order where
    /// neighbours differ in lightness. Adjacent areas are also parted by a white outline.
    package static let colors = ["#0072B2", "#B36B00", "#00664A", "#2B88C8", "#A63F00", "#CC79A7", "#444444"]
    /// Dash patterns of lines, the first one solid.
    package static let dashes: [String?] = [nil, "8 4", "2 3", "10 3 2 3", "4 4", "12 3 2 3 2 3"]

    /// The colours of the chart being drawn: its model's palette, which the renderer
    /// sets around each drawing.
    @TaskLocal package static var current: [String] = colors

    package static func color(_ index: Int) -> String { current[index % current.count] }

    package static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }

    /// Whether areas of the series at `index` (of `count`) are hatched: from the third on.
    package static func isHatched(_ index: Int, of count: Int) -> Bool { count > 2 && index >= 2 }

    /// The hatching angle of the series at `index` (2 and up).
    package static func hatchAngle(_ index: Int) -> Int { [45, -45, 0, 90][(index - 2) % 4] }

    /// A marker of the series' shape at a point: circle, square, triangle, diamond,
    /// triangle pointing down.
    package static func marker(_ index: Int, x: Double, y: Double, fill: String? = nil) -> String {
        let n = ChartRenderer.n
        let paint = fill.map { #" fill="\#($0)" stroke="\#(ChartRenderer.white)" stroke-width="1""# } ?? ""
        switch index % 5 {
        case 0: return #"<circle cx="\#(n(x))" cy="\#(n(y))" r="4"\#(paint)/>"#
        case 1: return #"<rect x="\#(n(x - 3.5))" y="\#(n(y - 3.5))" width="7" height="7"\#(paint)/>"#
        case 2:
            return
                #"<path d="M\#(n(x)) \#(n(y - 5)) L\#(n(x + 4.5)) \#(n(y + 3.5)) L\#(n(x - 4.5)) \#(n(y + 3.5))"#
                + #" Z"\#(paint)/>"#
        case 3:
            return
                #"<path d="M\#(n(x)) \#(n(y - 5)) L\#(n(x + 5)) \#(n(y)) L\#(n(x)) \#(n(y + 5)) L\#(n(x - 5))"#
                + #" \#(n(y)) Z"\#(paint)/>"#
        default:
            return
                #"<path d="M\#(n(x)) \#(n(y + 5)) L\#(n(x + 4.5)) \#(n(y - 3.5)) L\#(n(x - 4.5)) \#(n(y - 3.5))"#
                + #" Z"\#(paint)/>"#
        }
    }
}

/// Estimates and wraps text by its length: a character is about 0.55 em wide.
package enum TextMetrics {
    package static let characterWidth = 0.55

    package static func width(_ text: String, _ fontSize: Double) -> Double {
        Double(text.count) * characterWidth * fontSize
    }

    /// The most characters that fit in `width`.
    package static func capacity(_ width: Double, _ fontSize: Double) -> Int {
        max(1, Int((width / (characterWidth * fontSize)).rounded(.down)))
    }

    /// The text in lines of at most `width`, broken between words; past
    /// `maximumLines`, the last line ends with "…". A word longer than a line is cut
    /// with "…" when `truncatingWords`, else left whole. Empty text gives no line.
    package static func wrap(
        _ text: String, width: Double, fontSize: Double, maximumLines: Int, truncatingWords: Bool
    ) -> [String] {
        let words = text.split { $0 == " " || $0.isNewline || $0 == "\t" }.map(String.init)
        let capacity = capacity(width, fontSize)
        // A word longer than a line may break after its hyphens: "Capitale-" "Nationale".
        let pieces = words.flatMap { word -> [(text: String, spaced: Bool)] in
            guard word.count > capacity else { return [(word, true)] }
            var parts: [(String, Bool)] = []
            var part = ""
            for character in word {
                part.append(character)
                if character == "-" || character == "–", part.count > 1 {
                    parts.append((part, parts.isEmpty))
                    part = ""
                }
            }
            if !part.isEmpty { parts.append((part, parts.isEmpty)) }
            return parts
        }
        var lines: [String] = []
        var current = ""
        for piece in pieces {
            let joined = (piece.spaced ? " " : "") + piece.text
            if current.isEmpty {
                current = piece.text
            } else if current.count + joined.count <= capacity {
                current += joined
            } else {
                lines.append(current)
                current = piece.text
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maximumLines {
            let rest = lines[(maximumLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maximumLines - 1)) + [cut(rest, capacity: capacity, always: true)]
        }
        return truncatingWords ? lines.map { cut($0, capacity: capacity, always: false) } : lines
    }

    /// The text cut to `width` with "…" if longer.
    package static func truncate(_ text: String, width: Double, fontSize: Double) -> String {
        cut(text, capacity: capacity(width, fontSize), always: false)
    }

    private static func cut(_ text: String, capacity: Int, always: Bool) -> String {
        guard text.count > capacity else { return text }
        var kept = String(text.prefix(max(capacity - 1, 1)))
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }
}

/// The labels under a category axis: wrapped to their band, every `step`-th shown when
/// the bands are too narrow.
package enum CategoryLabels {
    /// Below this width a label is not cut: every few labels are shown instead. Once
    /// labels are skipped, they are only cut when even ``thinnedCutWidth`` is too narrow.
    package static let minimumCutWidth: Double = 60
    package static let thinnedCutWidth: Double = 110

    /// Each category's lines and the step between shown labels (1: all of them).
    package static func fit(_ categories: [String], band: Double) -> ([[String]], Int) {
        let fontSize = ChartRenderer.fontSize
        guard !categories.isEmpty else { return ([], 1) }
        var step = 1
        while true {
            let room = band * Double(step) - 12
            let cuts = room >= (step == 1 ? minimumCutWidth : thinnedCutWidth) || step >= categories.count
            let lines = categories.map {
                TextMetrics.wrap($0, width: room, fontSize: fontSize, maximumLines: 3, truncatingWords: cuts)
            }
            let fits = lines.enumerated().allSatisfy { index, lines in
                index % step != 0 || lines.allSatisfy { TextMetrics.width($0, fontSize) <= room + 0.001 }
            }
            if fits || cuts { return (lines, step) }
            step += 1
        }
    }
}

/// An SVG document being written: the root element, the patterns, one element a line.
package struct SVGDocument {
    package let model: ChartModel
    /// The width in user units: ``ChartRenderer/width``, or ``ChartRenderer/narrowWidth``.
    package let width: Double
    private var lines: [String] = []

    package init(model: ChartModel, width: Double = ChartRenderer.width) {
        self.model = model
        self.width = width
    }

    /// The document so far.
    package var text: String { lines.joined(separator: "\n") + "\n" }

    /// Writes the root element, the title and the description.
    package mutating func open(height: Double) {
        let id = ChartRenderer.escape(model.id)
        let n = ChartRenderer.n
        lines.append(
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n(width)) \#(n(height))" width="100%""#
                + #" role="img" aria-labelledby="\#(id)-title" aria-describedby="\#(id)-desc""#
                + #" class="chart"#
                + #" chart-\#(model.kind.rawValue)" font-family="system-ui, sans-serif""#
                + #" font-size="\#(n(ChartRenderer.fontSize))">"#
        )
        add(#"<title id="\#(id)-title">\#(ChartRenderer.escape(model.title))</title>"#)
        add(#"<desc id="\#(id)-desc">\#(ChartRenderer.escape(ChartSummary.sentence(for: model)))</desc>"#)
    }

    package mutating func close() { lines.append("</svg>") }

    /// Adds an element on its own line, inside the root (2 spaces) plus `indent`.
    package mutating func add(_ element: String, indent: Int = 0) {
        lines.append(String(repeating: " ", count: 2 + indent) + element)
    }

    package mutating func add(contentsOf elements: [String]) {
        for element in elements { add(element) }
    }

    /// Defines the hatching patterns of the hatched series among `count`.
    package mutating func definePatterns(count: Int) {
        let hatched = (0..<count).filter { ChartPalette.isHatched($0, of: count) }
        guard !hatched.isEmpty else { return }
        add("<defs>")
        for index in hatched {
            add(
                #"<pattern id="\#(Self.patternID(index, id: model.id))" width="6" height="6""#
                    + #" patternUnits="userSpaceOnUse""#
                    + #" patternTransform="rotate(\#(ChartPalette.hatchAngle(index)))">"#,
                indent: 2)
            add(#"<rect width="6" height="6" fill="\#(ChartPalette.color(index))"/>"#, indent: 4)
            add(
                #"<line x1="3" y1="0" x2="3" y2="6" stroke="\#(ChartRenderer.white)" stroke-width="1.5""#
                    + #" stroke-opacity="0.7"/>"#,
                indent: 4)
            add("</pattern>", indent: 2)
        }
        add("</defs>")
    }

    /// The fill of the series (or slice) at `index` of `count`: its colour or its hatching.
    package func fill(_ index: Int, of count: Int) -> String { Self.fill(index, of: count, id: model.id) }

    package static func fill(_ index: Int, of count: Int, id: String) -> String {
        ChartPalette.isHatched(index, of: count) ? "url(#\(patternID(index, id: id)))" : ChartPalette.color(index)
    }

    package static func patternID(_ index: Int, id: String) -> String {
        ChartRenderer.escape(id) + "-hatch-\(index)"
    }
}

/// The quotients ``ChartRenderer/ratio(_:_:)`` has computed, shared by every chart of a
/// process (a pure function of its operands, so the cache never changes a result); it
/// stops growing at ``limit`` entries.
package final class RatioCache: Sendable {
    package static let shared = RatioCache()
    package static let limit = 65_536

    /// The operands' bytes, so that only the very same representations share a result.
    private struct Operands: Hashable {
        package var bytes: [UInt8]

        package init(_ part: Decimal, _ whole: Decimal) {
            bytes = withUnsafeBytes(of: part) { Array($0) } + withUnsafeBytes(of: whole) { Array($0) }
        }
    }

    private let values = Mutex<[Operands: Double]>([:])

    package func value(_ part: Decimal, _ whole: Decimal, compute: () -> Double) -> Double {
        let key = Operands(part, whole)
        if let known = values.withLock({ $0[key] }) { return known }
        let value = compute()
        values.withLock { values in
            if values.count < Self.limit { values[key] = value }
        }
        return value
    }
}
