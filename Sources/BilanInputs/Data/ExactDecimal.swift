package import Foundation
import BilanBase

extension Decimal {
    /// The exact value of a numeral written in ASCII digits,
    /// `integer.fraction × 10^exponent`, built without going through `Double`.
    ///
    /// Nil when it would need more than 38 significant digits or an exponent out of
    /// `Decimal`'s range, the numbers `Decimal` cannot hold exactly.
    package init?(
        negative: Bool, integer: Slice<UnsafeBufferPointer<UInt8>>,
        fraction: Slice<UnsafeBufferPointer<UInt8>>, exponent: Int = 0
    ) {
        let count = integer.count + fraction.count
        func digit(_ position: Int) -> UInt8 {
            let byte =
                position < integer.count
                ? integer[integer.startIndex + position]
                : fraction[fraction.startIndex + position - integer.count]
            return byte - ASCIIByte.zero
        }
        guard let first = (0..<count).first(where: { digit($0) != 0 }),
            let last = (0..<count).last(where: { digit($0) != 0 })
        else {
            self = 0
            return
        }
        let scale = exponent - fraction.count + (count - 1 - last)
        guard last - first < 38, (-128...127).contains(scale) else { return nil }

        // Up to 19 digits fit in one UInt64; the digits before the last 19 go in another.
        let lowStart = Swift.max(first, last - 18)
        var high: UInt64 = 0
        var low: UInt64 = 0
        for position in first...last {
            if position < lowStart {
                high = high * 10 + UInt64(digit(position))
            } else {
                low = low * 10 + UInt64(digit(position))
            }
        }
        var significand = Decimal(low)
        if high > 0 {
            significand += Decimal(sign: .plus, exponent: 19, significand: Decimal(high))
        }
        self.init(sign: negative ? .minus : .plus, exponent: scale, significand: significand)
    }
}
