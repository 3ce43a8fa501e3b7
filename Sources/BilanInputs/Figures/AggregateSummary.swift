package import Foundation
import BilanBase

extension FigureExpression.Aggregate.Function {
    /// The function applied to a column's numbers (missing cells already left out): the
    /// one definition that figures and the grouped rows of blocks share.
    ///
    /// `sum` and `count` of no numbers are 0; `mean`, `median`, `min` and `max` of none
    /// are nil (figures report it as `empty-aggregate`). `distinct` counts the different
    /// values. A value past the range of exact decimals is NaN (`Decimal.isNaN`).
    package func summary(of numbers: [Decimal]) -> Decimal? {
        switch self {
        case .count: return Decimal(numbers.count)
        case .distinct: return Decimal(Set(numbers).count)
        case .sum: return numbers.reduce(0, +)
        case .mean, .median, .min, .max: break
        }
        guard !numbers.isEmpty else { return nil }
        switch self {
        case .min: return numbers.min()
        case .max: return numbers.max()
        case .median:
            let sorted = numbers.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        default:
            return numbers.reduce(0, +) / Decimal(numbers.count)
        }
    }
}
