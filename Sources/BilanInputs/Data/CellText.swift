import Foundation
import BilanBase

extension CellValue {
    /// The text of a text cell, or nil for any other cell.
    package var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The cell as a message quotes it: control characters (a tab, a line break) shown as
    /// escapes, never printed raw, and long text cut (``printable(_:)``).
    package var printableText: String { printable(text) }
}
