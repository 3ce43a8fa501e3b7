/// Escapes text for HTML, the one way every value from data or front matter enters a page.
public enum HTMLEscaping {
    /// Text content and attribute values: `&`, `<`, `>`, `"` and `'` escaped.
    public static func text(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else {
            return value
        }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Escapes text for Markdown, so that a value from data or front matter is read as text.
public enum MarkdownEscaping {
    package static let special: Set<Character> = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "!", "{", "}", "&", "~",
    ]
    /// Characters that start a list, a heading underline or a quote only at the start of a line.
    package static let specialFirst: Set<Character> = ["-", "+", "=", ">"]

    /// One line of inline text: Markdown punctuation backslash-escaped, line breaks as spaces.
    public static func inline(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            if character == "\n" || character == "\r" || character == "\r\n" {
                result.append(" ")
            } else {
                if special.contains(character) || (result.isEmpty && specialFirst.contains(character)) {
                    result.append("\\")
                }
                result.append(character)
            }
        }
        if let first = result.first, first.isNumber, result.contains(where: { $0 == "." || $0 == ")" }) {
            // "2023. Un an" would start an ordered list.
            let digits = result.prefix { $0.isNumber }
            let rest = result.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")" { result = digits + "\\" + rest }
        }
        return result
    }
}

/// Writes YAML scalars for front matter.
public enum YAMLEscaping {
    /// A double-quoted YAML string: JSON's string escapes are valid YAML.
    public static func quoted(_ value: String) -> String {
        JSONText.string(value)
    }
}
