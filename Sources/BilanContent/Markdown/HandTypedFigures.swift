import BilanBase
import BilanInputs

/// Finds numbers typed by hand in prose, for the `hand-typed-figure` check.
///
/// A number is compared by its digits once group separators are removed and the
/// decimal mark made a point (`25 000` and `25000` are the same; `12,5` in French is
/// `12.5`). Left alone, so the check stays worth reading: numbers under 10, years
/// (1900–2100 written without separators), days of a date (a number next to a month's
/// name: `18 juin`, `June 18`), and digits glued to a word (`H2S`, `COVID-19`).
///
/// A number matches a figure only in the figure's unit (`34,7 %` a percent figure,
/// `25 000 $` or `$25,000` a currency one, a bare number the others), and a number from
/// 10 to 99, which prose is full of, only a figure that its section also uses.
package enum HandTypedFigures {
    /// What a number is written with: a percent sign after it, a currency sign next to
    /// it, or neither.
    package enum Unit: Equatable, Sendable {
        case plain
        case percent
        case currency
    }

    /// A number found in prose.
    package struct Token: Equatable {
        package var written: String
        package var normalized: String
        /// Where it starts in the prose, in UTF-8 bytes.
        package var offset: Int = 0
        package var unit: Unit = .plain

        /// Whether prose is full of numbers like it (a whole number from 10 to 99), so
        /// that it matches only a figure its section uses.
        package var isCommon: Bool { Int(normalized).map { $0 < 100 } ?? false }
    }

    package static let months: Set<String> = [
        "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
        "septembre", "octobre", "novembre", "décembre", "decembre",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// The numbers written in a piece of prose.
    package static func numbers(in text: String, language: String) -> [Token] {
        guard text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return [] }
        // Scanning scalars is several times cheaper than scanning characters, and gives
        // the same tokens when every scalar is a character of its own.
        if isOneCharacterPerScalar(text) { return numbers(in: Array(text.unicodeScalars), language: language) }
        return numbers(in: Array(text), language: language)
    }

    /// Whether no two scalars of `text` form one character: true when each is below
    /// U+0300 (where combining marks begin; `\r` excepted, as `\r\n` is one
    /// character) or a punctuation or currency sign of U+2010–U+205F and U+20A0–U+20BF
    /// (typographic quotes, dashes, the narrow no-break space, €), none of which
    /// joins its neighbours.
    package static func isOneCharacterPerScalar(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 {
                if byte == 13 { return false }
            } else if byte < 0xCC {
                // A two-byte scalar below U+0300 (lead bytes C2–CB).
                _ = utf8.next()
            } else if byte == 0xE2 {
                guard let second = utf8.next(), let third = utf8.next() else { return false }
                let scalar = 0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
                guard
                    (0x2010...0x2027).contains(scalar) || (0x2030...0x205F).contains(scalar)
                        || (0x20A0...0x20BF).contains(scalar)
                else { return false }
            } else {
                return false
            }
        }
        return true
    }

    private static func numbers<Element: ProseElement>(in characters: [Element], language: String) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        // The UTF-8 offset of `measured`, advanced only as far as tokens start.
        var measured = 0
        var measuredOffset = 0
        while index < characters.count {
            guard characters[index].isDigit else {
                index += 1
                continue
            }
            let start = index
            var end = index
            while end < characters.count {
                let character = characters[end]
                if character.isDigit {
                    end += 1
                } else if character.isNumberSeparator, end + 1 < characters.count, characters[end + 1].isDigit {
                    end += 2
                } else {
                    break
                }
            }
            index = end
            let glued =
                start > 0 && (characters[start - 1].isLetter || characters[start - 1].isHyphenOrUnderscore)
                || end < characters.count && characters[end].isLetter
            if glued || isDate(characters, start: start, end: end) { continue }
            let written = Element.text(characters[start..<end])
            if let normalized = normalize(written, language: language), worthChecking(normalized) {
                while measured < start {
                    measuredOffset += characters[measured].utf8Count
                    measured += 1
                }
                tokens.append(
                    Token(
                        written: written, normalized: normalized, offset: measuredOffset,
                        unit: unit(characters, start: start, end: end)))
            }
        }
        return tokens
    }

    /// The unit of the number between `start` and `end`: `%` after it, or a currency sign
    /// after or before it, spaces allowed between.
    private static func unit<Element: ProseElement>(_ characters: [Element], start: Int, end: Int) -> Unit {
        var after = end
        while after < characters.count, characters[after].isSpaceOrNoBreakSpace { after += 1 }
        if after < characters.count {
            if characters[after].isPercentSign { return .percent }
            if characters[after].isCurrencySign { return .currency }
        }
        var before = start - 1
        while before >= 0, characters[before].isSpaceOrNoBreakSpace { before -= 1 }
        return before >= 0 && characters[before].isCurrencySign ? .currency : .plain
    }

    /// Whether the number between `start` and `end` is the day of a date: a month's
    /// name right after it, or right before it.
    private static func isDate<Element: ProseElement>(_ characters: [Element], start: Int, end: Int) -> Bool {
        var after = end
        while after < characters.count, characters[after].isSpaceOrNoBreakSpace { after += 1 }
        let wordStart = after
        while after < characters.count, characters[after].isLetter { after += 1 }
        if isMonth(characters[wordStart..<after]) { return true }
        var before = start - 1
        while before >= 0, characters[before].isSpaceOrNoBreakSpace { before -= 1 }
        let previousEnd = before + 1
        while before >= 0, characters[before].isLetter { before -= 1 }
        return isMonth(characters[(before + 1)..<previousEnd])
    }

    /// Whether letters spell a month's name (3 to 9 letters, so longer and shorter words
    /// are not even made into text).
    private static func isMonth<Element: ProseElement>(_ letters: ArraySlice<Element>) -> Bool {
        (3...9).contains(letters.count) && months.contains(Element.text(letters).lowercased())
    }

    /// The number inside a formatted figure (`25 000 $` → `25000`, currency), or nil.
    package static func number(in formatted: String, language: String) -> Token? {
        numbers(in: formatted, language: language).first
    }

    /// The figure names a section's Markdown refers to (`{{ name }}`, `{{name | …}}`).
    package static func referencedNames(in body: String) -> Set<String> {
        // One pass over the bytes: a generic substring search per `{{` cost more than the
        // rest of the check (callgrind, the example report).
        var names: Set<String> = []
        let bytes = Array(body.utf8)
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0x7B, bytes[index + 1] == 0x7B else {
                index += 1
                continue
            }
            var start = index + 2
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            var end = start
            while end < bytes.count,
                bytes[end] == 0x5F || (bytes[end] >= 0x61 && bytes[end] <= 0x7A)
                    || (bytes[end] >= 0x30 && bytes[end] <= 0x39)
            {
                end += 1
            }
            if end > start { names.insert(String(decoding: bytes[start..<end], as: UTF8.self)) }
            index = max(end, index + 2)
        }
        return names
    }

    private static func normalize(_ written: String, language: String) -> String? {
        let decimalMark: Character = language == "en" ? "." : ","
        var result = ""
        for character in written {
            if character.isNumber {
                result.append(character)
            } else if character == decimalMark {
                result.append(".")
            } else if character == "." || character == "," {
                // a group separator in this language: skipped
            }
        }
        return result.isEmpty ? nil : result
    }

    private static func worthChecking(_ normalized: String) -> Bool {
        if let whole = Int(normalized) {
            if whole < 10 { return false }
            if normalized.count == 4, (1900...2100).contains(whole) { return false }
        }
        return true
    }
}

/// What the hand-typed scan asks of a character of prose; a `Character`, or a
/// `Unicode.Scalar` when each scalar is a character of its own.
private protocol ProseElement {
    /// An ASCII digit.
    var isDigit: Bool { get }
    var isLetter: Bool { get }
    /// A space, no-break space, narrow no-break space, comma or point.
    var isNumberSeparator: Bool { get }
    /// A space, no-break space or narrow no-break space.
    var isSpaceOrNoBreakSpace: Bool { get }
    var isPercentSign: Bool { get }
    /// `$`, `€`, `£` or `¥`.
    var isCurrencySign: Bool { get }
    var isHyphenOrUnderscore: Bool { get }
    /// Its length in UTF-8.
    var utf8Count: Int { get }
    static func text(_ elements: ArraySlice<Self>) -> String
}

extension Character: ProseElement {
    package var isDigit: Bool { isASCII && isNumber }
    package var isNumberSeparator: Bool { [" ", "\u{00A0}", "\u{202F}", ",", "."].contains(self) }
    package var isSpaceOrNoBreakSpace: Bool { self == " " || self == "\u{00A0}" || self == "\u{202F}" }
    package var isPercentSign: Bool { self == "%" }
    package var isCurrencySign: Bool { ["$", "€", "£", "¥"].contains(self) }
    package var isHyphenOrUnderscore: Bool { self == "-" || self == "_" }
    package var utf8Count: Int { utf8.count }
    package static func text(_ elements: ArraySlice<Character>) -> String { String(elements) }
}

extension Unicode.Scalar: ProseElement {
    package var isDigit: Bool { value >= 48 && value <= 57 }
    package var isLetter: Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return Character(self).isLetter
    }
    package var isNumberSeparator: Bool {
        value == 0x20 || value == 0xA0 || value == 0x202F || value == 0x2C || value == 0x2E
    }
    package var isSpaceOrNoBreakSpace: Bool { value == 0x20 || value == 0xA0 || value == 0x202F }
    package var isPercentSign: Bool { value == 0x25 }
    package var isCurrencySign: Bool { value == 0x24 || value == 0x20AC || value == 0xA3 || value == 0xA5 }
    package var isHyphenOrUnderscore: Bool { value == 0x2D || value == 0x5F }
    package var utf8Count: Int { UTF8.width(self) }
    package static func text(_ elements: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(elements.count * 2)
        for scalar in elements { bytes.append(contentsOf: UTF8.encode(scalar)!) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
