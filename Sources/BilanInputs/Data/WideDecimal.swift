package import Foundation

/// An exact decimal of any number of digits, `±digits × 10^exponent`: the true sum,
/// difference or product of `Decimal`s, which `Decimal` itself rounds to 38 significant
/// digits without a word.
///
/// Figures and blocks compute through it and come back to `Decimal` with ``decimal``,
/// which refuses a value `Decimal` cannot hold exactly: a result is exact or an error,
/// never silently rounded.
package struct WideDecimal: Sendable, Equatable {
    /// Base 10⁹ digits of the magnitude, least significant first, with no leading zero
    /// limb; empty for zero.
    private var limbs: [UInt32]
    private var exponent: Int
    private var negative: Bool

    private static let base: UInt64 = 1_000_000_000
    private static let powersOfTen: [UInt32] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
    ]

    /// Why ``decimal`` has no `Decimal` for a value.
    package enum Limit: Error, Equatable {
        /// Past `Decimal`'s range: more than about 10¹⁶⁵ (or a `Decimal` NaN operand).
        case tooLarge
        /// More than 38 significant digits, or a digit below 10⁻¹²⁸.
        case tooPrecise
    }

    package static let zero = WideDecimal(limbs: [], exponent: 0, negative: false)

    private init(limbs: [UInt32], exponent: Int, negative: Bool) {
        self.limbs = limbs
        self.exponent = exponent
        self.negative = negative
        while self.limbs.last == 0 { self.limbs.removeLast() }
        if self.limbs.isEmpty { (self.exponent, self.negative) = (0, false) }
    }

    /// The exact value of a `Decimal`; nil for NaN.
    package init?(_ value: Decimal) {
        guard !value.isNaN else { return nil }
        // The significand's integer digits, most significant first (Foundation gives no
        // other public access to them).
        let digits = Array(value.significand.description.utf8)
        var limbs: [UInt32] = []
        limbs.reserveCapacity(digits.count / 9 + 1)
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 9)
            limbs.append(digits[start..<end].reduce(0) { $0 * 10 + UInt32($1 - UInt8(ascii: "0")) })
            end = start
        }
        self.init(limbs: limbs, exponent: value.exponent, negative: value.sign == .minus)
    }

    /// The same value as a `Decimal`, or why `Decimal` cannot hold it exactly.
    package var decimal: Result<Decimal, Limit> {
        var limbs = limbs
        var exponent = exponent
        guard !limbs.isEmpty else { return .success(0) }
        // Trailing zeros go into the exponent.
        let zeroLimbs = limbs.prefix(while: { $0 == 0 }).count
        limbs.removeFirst(zeroLimbs)
        exponent += 9 * zeroLimbs
        while limbs[0] % 10 == 0 {
            Self.divideByTen(&limbs)
            exponent += 1
        }
        var digits = Self.digitCount(limbs)
        // A large exponent is brought into range with zeros, as long as 38 digits allow.
        while exponent > 127, digits < 38 {
            Self.multiply(&limbs, by: 10)
            exponent -= 1
            digits += 1
        }
        guard exponent <= 127 else { return .failure(.tooLarge) }
        guard digits <= 38 else { return .failure(digits + exponent > 165 ? .tooLarge : .tooPrecise) }
        guard exponent >= -128 else { return .failure(.tooPrecise) }
        var significand = UInt128(0)
        for limb in limbs.reversed() { significand = significand * UInt128(Self.base) + UInt128(limb) }
        // Up to 19 digits in each half, as `Decimal` is built from UInt64s.
        let split = UInt128(10_000_000_000_000_000_000 as UInt64)
        let low = UInt64(significand % split)
        let high = UInt64(significand / split)
        var magnitude = Decimal(low)
        if high > 0 { magnitude += Decimal(sign: .plus, exponent: 19, significand: Decimal(high)) }
        return .success(Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: magnitude))
    }

    package static prefix func - (value: WideDecimal) -> WideDecimal {
        WideDecimal(limbs: value.limbs, exponent: value.exponent, negative: !value.negative)
    }

    package static func + (left: WideDecimal, right: WideDecimal) -> WideDecimal {
        if left.limbs.isEmpty { return right }
        if right.limbs.isEmpty { return left }
        let exponent = min(left.exponent, right.exponent)
        let a = left.limbs(atExponent: exponent)
        let b = right.limbs(atExponent: exponent)
        if left.negative == right.negative {
            return WideDecimal(limbs: add(a, b), exponent: exponent, negative: left.negative)
        }
        return compare(a, b) >= 0
            ? WideDecimal(limbs: subtract(a, b), exponent: exponent, negative: left.negative)
            : WideDecimal(limbs: subtract(b, a), exponent: exponent, negative: right.negative)
    }

    package static func - (left: WideDecimal, right: WideDecimal) -> WideDecimal {
        left + -right
    }

    package static func * (left: WideDecimal, right: WideDecimal) -> WideDecimal {
        guard !left.limbs.isEmpty, !right.limbs.isEmpty else { return .zero }
        var product = [UInt64](repeating: 0, count: left.limbs.count + right.limbs.count)
        for (i, a) in left.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in right.limbs.enumerated() {
                let total = product[i + j] + UInt64(a) * UInt64(b) + carry
                product[i + j] = total % base
                carry = total / base
            }
            product[i + right.limbs.count] += carry
        }
        return WideDecimal(
            limbs: product.map { UInt32($0) }, exponent: left.exponent + right.exponent,
            negative: left.negative != right.negative)
    }

    // MARK: Magnitudes

    /// The magnitude's limbs scaled to `target`, an exponent at most this value's.
    private func limbs(atExponent target: Int) -> [UInt32] {
        let shift = exponent - target
        var scaled = [UInt32](repeating: 0, count: shift / 9) + limbs
        Self.multiply(&scaled, by: Self.powersOfTen[shift % 9])
        return scaled
    }

    private static func multiply(_ limbs: inout [UInt32], by factor: UInt32) {
        guard factor != 1 else { return }
        var carry: UInt64 = 0
        for index in limbs.indices {
            let total = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(total % base)
            carry = total / base
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    private static func divideByTen(_ limbs: inout [UInt32]) {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let total = remainder * base + UInt64(limbs[index])
            limbs[index] = UInt32(total / 10)
            remainder = total % 10
        }
        while limbs.last == 0 { limbs.removeLast() }
    }

    private static func digitCount(_ limbs: [UInt32]) -> Int {
        guard let top = limbs.last else { return 0 }
        return 9 * (limbs.count - 1) + (powersOfTen.lastIndex(where: { $0 <= top }) ?? 0) + 1
    }

    private static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let (a, b) = (trimmed(a), trimmed(b))
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    private static func trimmed(_ limbs: [UInt32]) -> ArraySlice<UInt32> {
        var end = limbs.count
        while end > 0, limbs[end - 1] == 0 { end -= 1 }
        return limbs[..<end]
    }

    private static func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var sum: [UInt32] = []
        sum.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<max(a.count, b.count) {
            let total = UInt64(index < a.count ? a[index] : 0) + UInt64(index < b.count ? b[index] : 0) + carry
            sum.append(UInt32(total % base))
            carry = total / base
        }
        if carry > 0 { sum.append(UInt32(carry)) }
        return sum
    }

    /// `a − b`, for `a ≥ b`.
    private static func subtract(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var difference = a
        var borrow: Int64 = 0
        for index in difference.indices {
            var total = Int64(difference[index]) - Int64(index < b.count ? b[index] : 0) - borrow
            borrow = total < 0 ? 1 : 0
            if total < 0 { total += Int64(base) }
            difference[index] = UInt32(total)
        }
        return difference
    }
}

extension Decimal {
    /// The exact `left op right` for `+`, `−` and `×`, or why `Decimal` cannot hold it.
    package static func exactly(
        _ left: Decimal, _ op: (WideDecimal, WideDecimal) -> WideDecimal, _ right: Decimal
    ) -> Result<Decimal, WideDecimal.Limit> {
        guard let a = WideDecimal(left), let b = WideDecimal(right) else { return .failure(.tooLarge) }
        return op(a, b).decimal
    }

    /// The exact sum of `numbers`, or why `Decimal` cannot hold it.
    package static func exactSum(_ numbers: [Decimal]) -> Result<Decimal, WideDecimal.Limit> {
        var sum = WideDecimal.zero
        for number in numbers {
            guard let wide = WideDecimal(number) else { return .failure(.tooLarge) }
            sum = sum + wide
        }
        return sum.decimal
    }
}
