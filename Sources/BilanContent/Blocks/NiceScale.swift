public import Foundation
import BilanBase
import BilanInputs

/// The value axis of a chart: round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) that
/// cover zero and the data, computed exactly on `Decimal`.
///
/// The ticks run from a multiple of the step at or below `min(0, dataMin)` to a multiple
/// at or above `max(0, dataMax)`, and there are 4 to 7 of them: the smallest nice step
/// that needs at most 7 ticks is chosen, and since consecutive nice steps differ by at
/// most 2.5×, it never needs fewer than 4. All-zero (or no) data gives the scale 0…1.
/// With `integerSteps`, steps below 1 (and 2.5) are not used, for counts shown as whole
/// numbers; a small range may then have fewer than 4 ticks (0, 1, 2).
///
/// Tick values are sums of the exact step, never converted from `Double`: the scale of
/// 0…0.3 is `0, 0.05, 0.1, …, 0.3`, not `0.30000000000000004`.
public struct NiceScale: Sendable, Hashable {
    /// The distance between two ticks: 1, 2, 2.5 or 5 × 10ⁿ.
    public let step: Decimal
    /// The tick values, increasing, evenly spaced by ``step``; at least 2 of them.
    public let ticks: [Decimal]

    /// The lowest tick: the bottom (or left end) of the axis.
    public var lower: Decimal { ticks[0] }
    /// The highest tick: the top (or right end) of the axis.
    public var upper: Decimal { ticks[ticks.count - 1] }

    /// The number of decimals needed to write ``step`` (0 for 5, 1 for 0.5, 3 for 0.025).
    public var stepDecimals: Int { step.scaleDecimalPlaces }

    /// The most ticks a scale has.
    public static let maximumTicks = 7

    /// A scale covering zero and every value; an empty sequence gives 0…1.
    public init(covering values: some Sequence<Decimal>, integerSteps: Bool = false) {
        var low: Decimal = 0
        var high: Decimal = 0
        for value in values {
            if value < low { low = value }
            if value > high { high = value }
        }
        self.init(minimum: low, maximum: high, integerSteps: integerSteps)
    }

    /// A scale covering `min(0, minimum)` to `max(0, maximum)`.
    public init(minimum: Decimal, maximum: Decimal, integerSteps: Bool = false) {
        var low = min(0, minimum, maximum)
        var high = max(0, maximum, minimum)
        if low.isNaN || high.isNaN { (low, high) = (0, 1) }
        if low == high { high = 1 }
        let step = Self.niceStep(low: low, high: high, integerSteps: integerSteps)
        let first = (low / step).scaleFloor * step
        let last = (high / step).scaleCeiling * step
        var ticks: [Decimal] = [first]
        while ticks[ticks.count - 1] < last { ticks.append(ticks[ticks.count - 1] + step) }
        self.step = step
        self.ticks = ticks
    }

    /// The number of ticks a step needs to cover `low…high`.
    package static func tickCount(low: Decimal, high: Decimal, step: Decimal) -> Int {
        let intervals = (high / step).scaleCeiling - (low / step).scaleFloor
        return NSDecimalNumber(decimal: intervals).intValue + 1
    }

    /// The smallest nice step that covers `low…high` in at most ``maximumTicks`` ticks.
    package static func niceStep(low: Decimal, high: Decimal, integerSteps: Bool) -> Decimal {
        let span = high - low
        // A first guess at the power of ten (the only use of Double: it picks where to
        // start looking, never a value that is shown).
        let guess = Int((log10(NSDecimalNumber(decimal: span).doubleValue / 10)).rounded(.down))
        var exponent = integerSteps ? max(0, guess - 1) : guess - 1
        let multipliers: [Decimal] = [1, 2, Decimal(string: "2.5", locale: Locale(identifier: "en_US_POSIX"))!, 5]
        // Step back while even the smallest candidate of this power fits.
        while (!integerSteps || exponent > 0),
            tickCount(low: low, high: high, step: Decimal(sign: .plus, exponent: exponent, significand: 1))
                <= maximumTicks
        {
            exponent -= 1
        }
        while true {
            let power = Decimal(sign: .plus, exponent: exponent, significand: 1)
            for multiplier in multipliers {
                let step = multiplier * power
                if integerSteps && !step.scaleIsWhole { continue }
                if tickCount(low: low, high: high, step: step) <= maximumTicks { return step }
            }
            exponent += 1
        }
    }
}

extension Decimal {
    /// The greatest whole number at or below the value (−1.5 → −2).
    package var scaleFloor: Decimal {
        let (truncated, exact) = magnitudeTruncated
        if self >= 0 { return truncated }
        return exact ? -truncated : -(truncated + 1)
    }

    /// The least whole number at or above the value (1.5 → 2, −1.5 → −1).
    package var scaleCeiling: Decimal {
        let (truncated, exact) = magnitudeTruncated
        if self < 0 { return -truncated }
        return exact ? truncated : truncated + 1
    }

    /// The magnitude without its fraction, and whether there was none.
    private var magnitudeTruncated: (Decimal, Bool) {
        var magnitude = self < 0 ? -self : self
        var truncated = Decimal()
        NSDecimalRound(&truncated, &magnitude, 0, .down)
        return (truncated, truncated == magnitude)
    }

    /// Whether the value has no fractional part.
    package var scaleIsWhole: Bool { magnitudeTruncated.1 }

    /// Whether the value is a whole multiple of `divisor` (0 is a multiple of all).
    package func scaleIsMultiple(of divisor: Int) -> Bool {
        divisor <= 1 ? scaleIsWhole : (self / Decimal(divisor)).scaleIsWhole
    }

    /// The number of decimals needed to write the value exactly (at most 38).
    package var scaleDecimalPlaces: Int {
        var places = 0
        var scaled = self
        while !scaled.scaleIsWhole && places < 38 {
            scaled *= 10
            places += 1
        }
        return places
    }
}
