package import BilanContent
import BilanInputs
package import Foundation

/// A chart block as a native Word chart (`word/charts/chartN.xml`, DrawingML's
/// `c:chartSpace`): the categories and every series' values in the chart's own cache, so
/// Word and LibreOffice draw it, and a reader can restyle it or read its numbers; value
/// labels on every bar, point and slice; the series colours of the SVG charts.
///
/// No workbook is embedded: Word shows the chart and its data labels, and says the linked
/// data is unavailable when asked to edit the values.
package enum WordChart {
    /// The chart part for `model`, its text in `language` (`fr-CA`).
    package static func part(_ model: ChartModel, language: String) -> String {
        ChartPalette.$current.withValue(model.palette.isEmpty ? ChartPalette.colors : model.palette) {
            drawnPart(model, language: language)
        }
    }

    private static func drawnPart(_ model: ChartModel, language: String) -> String {
        let count = model.categories.count
        var xml =
            WordXML.declaration
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<c:lang val=\"\(language)\"/><c:roundedCorners val=\"0\"/><c:chart>"
            // The title is the caption above the chart (a paragraph Word lists and reads), not drawn twice.
            + "<c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>"
        let series = model.kind == .donut ? Array(model.series.prefix(1)) : model.series
        let labels = dataLabels(model)
        switch model.kind {
        case .column, .bar, .stacked:
            xml += "<c:barChart><c:barDir val=\"\(model.kind == .bar ? "bar" : "col")\"/>"
            xml += "<c:grouping val=\"\(model.kind == .stacked ? "stacked" : "clustered")\"/><c:varyColors val=\"0\"/>"
            for (index, one) in series.enumerated() {
                xml += seriesStart(one, index: index) + fill(index) + "<c:invertIfNegative val=\"0\"/>" + labels
                xml += values(one, model: model, count: count, index: index) + "</c:ser>"
            }
            xml += "<c:gapWidth val=\"80\"/>"
            if model.kind == .stacked { xml += "<c:overlap val=\"100\"/>" }
            xml += "<c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>"
            xml += axes(model)
        case .line:
            xml += "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>"
            for (index, one) in series.enumerated() {
                let color = color(index)
                xml +=
                    seriesStart(one, index: index)
                    + "<c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill></a:ln>"
                    + "</c:spPr>"
                    + "<c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/><c:spPr><a:solidFill><a:srgbClr "
                    + "val=\"\(color)\"/></a:solidFill></c:spPr></c:marker>" + labels
                xml += values(one, model: model, count: count, index: index) + "<c:smooth val=\"0\"/></c:ser>"
            }
            xml += "<c:marker val=\"1\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:lineChart>"
            xml += axes(model)
        case .donut:
            xml += "<c:doughnutChart><c:varyColors val=\"1\"/>"
            for (index, one) in series.enumerated() {
                xml += seriesStart(one, index: index)
                for point in 0..<count {
                    xml +=
                        "<c:dPt><c:idx val=\"\(point)\"/><c:bubble3D val=\"0\"/>\(fill(point))</c:dPt>"
                }
                xml += labels + values(one, model: model, count: count, index: index) + "</c:ser>"
            }
            xml += "<c:firstSliceAng val=\"0\"/><c:holeSize val=\"55\"/></c:doughnutChart>"
        }
        xml +=
            "</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>"
            + "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
            + "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\"/></a:pPr>"
            + "<a:endParaRPr lang=\"\(language)\"/></a:p></c:txPr></c:chartSpace>"
        return xml
    }

    /// The colour of series (or slice) `index`, the SVG charts' palette as DrawingML writes it.
    package static func color(_ index: Int) -> String {
        String(ChartPalette.color(index).dropFirst())
    }

    /// The value written in a cache: the exact decimal, plainly (`1234.5`).
    package static func number(_ value: Decimal) -> String {
        var value = value
        return NSDecimalString(&value, Locale(identifier: "en_US_POSIX"))
    }

    /// The spreadsheet column of series `index` (`B` for the first).
    private static func column(_ index: Int) -> String {
        var number = index + 2
        var name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    private static func seriesStart(_ series: ChartModel.Series, index: Int) -> String {
        "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/><c:tx><c:strRef>"
            + "<c:f>Sheet1!$\(column(index))$1</c:f>"
            + "<c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(WordXML.escape(series.label))</c:v></c:pt>"
            + "</c:strCache></c:strRef></c:tx>"
    }

    private static func fill(_ index: Int) -> String {
        "<c:spPr><a:solidFill><a:srgbClr val=\"\(color(index))\"/></a:solidFill></c:spPr>"
    }

    /// The categories and values of one series (missing values have no point).
    private static func values(_ series: ChartModel.Series, model: ChartModel, count: Int, index: Int) -> String {
        let last = count + 1
        var xml =
            "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\(last)</c:f><c:strCache><c:ptCount val=\"\(count)\"/>"
        for (point, category) in model.categories.enumerated() {
            xml += "<c:pt idx=\"\(point)\"><c:v>\(WordXML.escape(category))</c:v></c:pt>"
        }
        let letter = column(index)
        xml +=
            "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$\(letter)$2:$\(letter)$\(last)</c:f>"
            + "<c:numCache><c:formatCode>\(WordXML.escape(formatCode(model)))</c:formatCode>"
            + "<c:ptCount val=\"\(count)\"/>"
        for point in 0..<count {
            guard let value = model.plotted(series.value(at: point)) else { continue }
            xml += "<c:pt idx=\"\(point)\"><c:v>\(number(value))</c:v></c:pt>"
        }
        return xml + "</c:numCache></c:numRef></c:val>"
    }

    /// Value labels on every bar, point and slice, in the chart's number format.
    private static func dataLabels(_ model: ChartModel) -> String {
        "<c:dLbls><c:numFmt formatCode=\"\(WordXML.escape(formatCode(model)))\" sourceLinked=\"0\"/>"
            + "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            + "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>"
            + "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
    }

    private static func axes(_ model: ChartModel) -> String {
        let horizontal = model.kind == .bar
        return
            "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"\(horizontal ? "maxMin" : "minMax")\"/>"
            + "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"\(horizontal ? "l" : "b")\"/>"
            + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
            + "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1002\"/>"
            + "<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
            + "<c:noMultiLvlLbl val=\"0\"/></c:catAx>"
            + "<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
            + "<c:delete val=\"0\"/><c:axPos val=\"\(horizontal ? "b" : "l")\"/><c:majorGridlines><c:spPr><a:ln "
            + "w=\"6350\"><a:solidFill><a:srgbClr val=\"DDDDDD\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
            + "<c:numFmt formatCode=\"\(WordXML.escape(formatCode(model)))\" sourceLinked=\"0\"/>"
            + "<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
            + "<c:crossAx val=\"1001\"/><c:crosses val=\"\(horizontal ? "max" : "autoZero")\"/>"
            + "<c:crossBetween val=\"between\"/></c:valAx>"
    }

    /// The number format of the chart's values, as a spreadsheet writes it (Word shows
    /// the separators of the chart's language).
    package static func formatCode(_ model: ChartModel) -> String {
        let display = model.display
        let decimals = display.decimals ?? (display.format == .percent ? 1 : 0)
        let fraction = decimals > 0 ? "." + String(repeating: "0", count: decimals) : ""
        let french = model.language == "fr"
        switch display.format {
        case .integer: return "#,##0"
        case .number: return display.decimals == nil ? "General" : "#,##0" + fraction
        case .percent: return "0" + fraction + (french ? "\\ %" : "%")
        case .currency:
            let symbol = model.formatter.currencyCode == "EUR" ? "€" : "$"
            return french ? "#,##0" + fraction + "\\ \"" + symbol + "\"" : "\"" + symbol + "\"#,##0" + fraction
        }
    }
}
