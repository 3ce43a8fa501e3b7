import Foundation
public import BilanBase

/// Compares each figure's `stated:` value, the number the report prints elsewhere, with
/// its computed value, at the precision the figure is displayed with.
///
/// `stated` is written as displayed, in display units: for a `percent` figure,
/// `stated: 12.5` means 12.5 % (a fraction of 0.125). Both numbers are rounded half
/// away from zero to the figure's ``FigureDisplay/precision`` before they are compared:
/// an `integer` figure of 32.6 agrees with `stated: 33`; a `number` figure without
/// `decimals` (2 at most) of 33.3333 agrees with `stated: 33.33` and not with `33.3`.
public enum StatedValueCheck {
    /// Whether the figure's stated value agrees with its displayed value; nil when it
    /// has no `stated`.
    public static func agrees(_ figure: ComputedFigure) -> Bool? {
        guard let stated = figure.definition.stated else { return nil }
        return agrees(figure.definition.display.displayedValue(of: figure.value), stated, figure.definition.display)
    }

    /// Whether a displayed value agrees with a stated one: within its tolerance, else
    /// equal at the display's precision.
    static func agrees(_ displayed: Decimal, _ stated: StatedValue, _ display: FigureDisplay) -> Bool {
        if let tolerance = stated.tolerance {
            let gap = displayed - stated.value
            return (gap < 0 ? -gap : gap) <= tolerance
        }
        return displayed == stated.value.roundedHalfAwayFromZero(decimals: display.precision)
    }

    /// A `stated-mismatch` warning, at the `stated:` key, for each figure (in file
    /// order) whose stated value differs: `figure 'mentions_medias' computes 33 but the
    /// report states 30`.
    public static func diagnostics(for evaluation: FigureEvaluation) -> [Diagnostic] {
        evaluation.figures.compactMap { figure in
            guard let stated = figure.definition.stated, agrees(figure) == false else {
                return nil
            }
            let display = figure.definition.display
            let displayed = display.displayedValue(of: figure.value)
            let unit = display.format == .percent ? "%" : ""
            var message =
                "figure '\(figure.name)' computes \(displayed)\(unit) but the report states \(stated.text)\(unit)"
            // A fraction where the report prints percent: say how `stated` is written.
            var asPercent = stated
            asPercent.value *= 100
            asPercent.tolerance = stated.tolerance.map { $0 * 100 }
            if display.format == .percent, agrees(displayed, asPercent, display) {
                message += "; 'stated' is written in percent, as the report prints it: stated: \(asPercent.text)"
            }
            return Diagnostic.warning(.statedMismatch, message, at: stated.location).about(figure: figure.name)
        }
    }
}
