/// Finds numbers typed by hand in prose, for the `hand-typed-figure` check.
///
/// A number is compared by its digits once group separators are removed and the
/// decimal mark made a point (`25 000` and `25000` are the same; `12,5` in French is
/// `12.5`). Left alone, so the check stays worth reading: numbers under 10, years
/// (1900–2100 written without separators), days of a date (a number next to a month's
/// name: `18 juin`, `June 18`), and digits glued to a word (`H2S`, `COVID-19`).
enum HandTypedFigures {
    struct Token: Equatable {
        var written: String
        var normalized: String
    }

    static let months: Set<String> = [
        "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
        "septembre", "octobre", "novembre", "décembre", "decembre",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// The numbers written in a piece of prose.
    static func numbers(in text: String, language: String) -> [Token] {
        guard text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return [] }
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber else {
                index += 1
                continue
            }
            let start = index
            var end = index
            while end < characters.count {
                let character = characters[end]
                if character.isASCII && character.isNumber {
                    end += 1
                } else if [" ", "\u{00A0}", "\u{202F}", ",", "."].contains(character), end + 1 < characters.count,
                    characters[end + 1].isASCII, characters[end + 1].isNumber
                {
                    end += 2
                } else {
                    break
                }
            }
            index = end
            let glued = start > 0 && (characters[start - 1].isLetter || characters[start - 1] == "-" || characters[start - 1] == "_")
                || end < characters.count && characters[end].isLetter
            if glued || isDate(characters, start: start, end: end) { continue }
            let written = String(characters[start..<end])
            if let normalized = normalize(written, language: language), worthChecking(normalized) {
                tokens.append(Token(written: written, normalized: normalized))
            }
        }
        return tokens
    }

    /// Whether the number between `start` and `end` is the day of a date: a month's
    /// name right after it, or right before it.
    static func isDate(_ characters: [Character], start: Int, end: Int) -> Bool {
        var after = end
        while after < characters.count, characters[after] == " " || characters[after] == "\u{00A0}" { after += 1 }
        var word = ""
        while after < characters.count, characters[after].isLetter {
            word.append(characters[after])
            after += 1
        }
        if months.contains(word.lowercased()) { return true }
        var before = start - 1
        while before >= 0, characters[before] == " " || characters[before] == "\u{00A0}" { before -= 1 }
        var previous = ""
        while before >= 0, characters[before].isLetter {
            previous = String(characters[before]) + previous
            before -= 1
        }
        return months.contains(previous.lowercased())
    }

    /// The number inside a formatted figure (`25 000 $` → `25000`), or nil.
    static func number(in formatted: String, language: String) -> String? {
        numbers(in: formatted, language: language).first?.normalized
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
