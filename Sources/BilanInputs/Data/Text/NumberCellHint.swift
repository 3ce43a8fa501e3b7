extension NumberCell {
    /// What to write instead of a text cell that looks like a number a spreadsheet formatted
    /// (`42 000,50 $`, `12,5 %`, `$1,200`, `1.234,50`, ` 12`), in the file's own convention;
    /// "" when the cell does not look like one (or already is a number).
    ///
    /// The plain number is computed from the cell when the cell says it unambiguously:
    /// currency signs (`$ € £`), spaces and group separators are dropped, parentheses or a
    /// `−` make it negative, and a percentage becomes its fraction (`12,5 %` → `0,125`).
    /// When a lone separator of the other convention is followed by exactly three digits
    /// (`1.234` in a decimal-comma file), both readings are given. A cell whose groups are
    /// not of three digits (`12 34 $`) gets an example instead. A date (`01.04.2024`), a range
    /// (`2023-2024`) or any letter is not a number: "".
    ///
    /// The hint is a clause, such as "it looks like a number formatted by a spreadsheet;
    /// this file writes numbers as digits only, with a comma before any decimals: write it as
    /// 412350,75", for the caller to put after its own words.
    package static func hint(for text: String, convention: NumberConvention) -> String {
        if isTooPrecise(text, convention: convention) {
            return "it is written as a number, but with more than 38 significant digits, more than bilan computes with "
                + "exactly: round it, or write it in a larger unit such as thousands or millions"
        }
        guard parse(text, convention: convention) == nil, DateCell.shape(of: text) == nil,
            let formatted = FormattedNumber(text)
        else { return "" }
        let mark = convention == .decimalComma ? "," : "."
        let kind = formatted.percent ? "a percentage" : "a number"
        let opening =
            "it looks like \(kind) formatted by a spreadsheet; this file writes numbers as digits only, with a "
            + "\(convention == .decimalComma ? "comma" : "point") before any decimals: write it as "
        let readings = formatted.readings(decimalMark: mark == "," ? "," : ".")
        let fraction = formatted.percent ? "the fraction " : ""
        switch readings.count {
        case 1:
            return opening + fraction + readings[0].written(decimalMark: mark)
        case 2:
            let other = readings[1].ambiguousMark == "," ? "comma" : "point"
            return opening + fraction + readings[0].written(decimalMark: mark) + " if its \(other) separates "
                + "thousands, or as " + readings[1].written(decimalMark: mark) + " if it marks the decimals"
        default:
            return opening + "a plain number, such as 42000\(mark)50 or 0\(mark)125"
        }
    }
}

/// A number as a spreadsheet displays it: signs, currency, percent and separators around
/// and between its digits, read back to the plain number(s) it can be.
struct FormattedNumber {
    /// A plain number: a sign, integer digits and fraction digits.
    struct Reading: Equatable {
        var negative: Bool
        var integer: String
        var fraction: String
        /// For one of two readings of a lone separator: that separator.
        var ambiguousMark: Character?

        /// The number with the given decimal mark: `-1234,5`.
        func written(decimalMark: String) -> String {
            (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : decimalMark + fraction)
        }
    }

    private static let spaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\t"]
    private static let currencies: Set<Unicode.Scalar> = ["$", "€", "£"]
    private static let minusSigns: Set<Unicode.Scalar> = ["-", "\u{2212}"]

    private(set) var percent = false
    private var negative = false
    /// The digits and separators between the decorations: starts and ends with a digit.
    private var body: [Unicode.Scalar]

    /// Reads the decorations of a cell; nil when it is not shaped like a number.
    init?(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        func trim() {
            while let first = scalars.first, Self.spaces.contains(first) { scalars.removeFirst() }
            while let last = scalars.last, Self.spaces.contains(last) { scalars.removeLast() }
        }
        trim()
        var parenthesized = false
        if scalars.first == "(", scalars.last == ")" {
            parenthesized = true
            scalars = scalars.dropFirst().dropLast()
            trim()
        }
        var signed = false
        var currency = false
        while let first = scalars.first {
            if Self.currencies.contains(first), !currency {
                currency = true
            } else if Self.minusSigns.contains(first) || first == "+", !signed, !parenthesized {
                signed = true
                negative = first != "+"
            } else {
                break
            }
            scalars.removeFirst()
            trim()
        }
        while let last = scalars.last {
            if Self.currencies.contains(last), !currency {
                currency = true
            } else if last == "%", !percent {
                percent = true
            } else {
                break
            }
            scalars.removeLast()
            trim()
        }
        negative = negative || parenthesized
        guard let first = scalars.first, let last = scalars.last, Self.isDigit(first), Self.isDigit(last),
            scalars.allSatisfy({ Self.isDigit($0) || Self.spaces.contains($0) || $0 == "," || $0 == "." })
        else { return nil }
        body = Array(scalars)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// The plain numbers the cell can be: one, or two when a lone separator other than the
    /// file's `decimalMark` is either a thousands separator or the decimal mark; none when
    /// its groups are not of three digits.
    func readings(decimalMark: Unicode.Scalar) -> [Reading] {
        // Runs of digits, and the one separator between each two (two in a row: not a number).
        var runs: [String] = [""]
        var separators: [Unicode.Scalar] = []
        for scalar in body {
            if Self.isDigit(scalar) {
                runs[runs.count - 1].unicodeScalars.append(scalar)
            } else {
                guard let last = runs.last, !last.isEmpty else { return [] }
                separators.append(Self.spaces.contains(scalar) ? " " : scalar)
                runs.append("")
            }
        }
        let marks = separators.filter { $0 != " " }
        let hasSpaces = marks.count < separators.count
        let decimal: Unicode.Scalar?
        var alternative: Unicode.Scalar? = nil
        if Set(marks).count == 2 {
            // `1.234,50` or `1,234.50`: the last mark is the decimal one, and appears once.
            guard let lastMark = marks.last, separators.last == lastMark,
                marks.filter({ $0 == lastMark }).count == 1
            else { return [] }
            decimal = lastMark
        } else if let mark = marks.first, marks.count == 1, separators.last == mark {
            decimal = mark
            if !hasSpaces, mark != decimalMark, runs[runs.count - 1].count == 3 { alternative = mark }
        } else {
            decimal = nil
        }
        var readings: [Reading] = []
        if let alternative {
            // A lone mark before three digits: thousands first, then decimals.
            if let reading = reading(runs, separators, decimal: nil) {
                readings.append(with(reading, mark: alternative))
            }
            if let reading = reading(runs, separators, decimal: alternative) {
                readings.append(with(reading, mark: alternative))
            }
            return readings.count == 2 ? readings : []
        }
        return reading(runs, separators, decimal: decimal).map { [$0] } ?? []
    }

    private func with(_ reading: Reading, mark: Unicode.Scalar) -> Reading {
        var copy = reading
        copy.ambiguousMark = Character(mark)
        return copy
    }

    /// The reading where `decimal` (if any) is the last separator and marks the decimals,
    /// and every other separator is one kind of group separator between groups of three.
    private func reading(_ runs: [String], _ separators: [Unicode.Scalar], decimal: Unicode.Scalar?) -> Reading? {
        var integerRuns = runs
        var fraction = ""
        var groupSeparators = separators
        if decimal != nil {
            fraction = integerRuns.removeLast()
            groupSeparators.removeLast()
        }
        guard Set(groupSeparators).count <= 1, let first = integerRuns.first else { return nil }
        if integerRuns.count > 1 {
            guard first.count <= 3, integerRuns.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var reading = Reading(negative: negative, integer: integerRuns.joined(), fraction: fraction)
        if percent { reading = Self.hundredth(of: reading) }
        return reading
    }

    /// A reading divided by 100, exactly, without trailing zeros in the fraction.
    private static func hundredth(of reading: Reading) -> Reading {
        var integer = Array(reading.integer)
        while integer.count < 3 { integer.insert("0", at: 0) }
        var fraction = Array(integer.suffix(2)) + Array(reading.fraction)
        integer.removeLast(2)
        while integer.count > 1, integer.first == "0" { integer.removeFirst() }
        while fraction.last == "0" { fraction.removeLast() }
        return Reading(negative: reading.negative, integer: String(integer), fraction: String(fraction))
    }
}
