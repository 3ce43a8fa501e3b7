package import Foundation
import BilanBase

extension FigureExpression.Aggregate.Function {
    /// The function applied to a column's numbers (missing cells already left out): the
    /// one definition that figures and the grouped rows of blocks share.
    ///
    /// `sum` and `count` of no numbers are 0; `mean`, `median`, `min` and `max` of none
    /// are nil (figures report it as `empty-aggregate`). `distinct` counts the different
    /// values. Sums are exact: a value `Decimal` cannot hold exactly (past about 10¹⁶⁵,
    /// or more than 38 significant digits) is a ``WideDecimal/Limit``, never rounded.
    package func summary(of numbers: [Decimal]) -> Result<Decimal, WideDecimal.Limit>? {
        switch self {
        case .count: return .success(Decimal(numbers.count))
        case .distinct: return .success(Decimal(Set(numbers).count))
        case .sum: return Decimal.exactSum(numbers)
        case .mean, .median, .min, .max: break
        }
        guard !numbers.isEmpty else { return nil }
        switch self {
        case .min: return numbers.min().map { .success($0) }
        case .max: return numbers.max().map { .success($0) }
        case .median:
            let sorted = numbers.sorted()
            let middle = sorted.count / 2
            guard sorted.count % 2 == 0 else { return .success(sorted[middle]) }
            return Decimal.exactly(sorted[middle - 1], +, sorted[middle]).flatMap(Self.divided(by: 2))
        default:
            return Decimal.exactSum(numbers).flatMap(Self.divided(by: Decimal(numbers.count)))
        }
    }

    /// A quotient (rounded to 38 significant digits, as any decimal quotient must be),
    /// or `tooLarge` when `Decimal` overflows.
    private static func divided(by divisor: Decimal) -> (Decimal) -> Result<Decimal, WideDecimal.Limit> {
        { dividend in
            let quotient = dividend / divisor
            return quotient.isNaN ? .failure(.tooLarge) : .success(quotient)
        }
    }
}
