import Foundation
import BilanBase

extension CellValue {
    /// The text of a text cell, or nil for any other cell.
    package var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The cell as a message quotes it: its text with control characters (a tab, a line
    /// break) shown as spaces, trimmed.
    package var printableText: String { Self.printable(text) }

    /// Text as a message quotes it (see ``printableText``).
    package static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            CharacterSet.controlCharacters.contains($0) ? " " : $0
        })).trimmingCharacters(in: .whitespaces)
    }
}
