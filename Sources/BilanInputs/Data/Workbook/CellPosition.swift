/// The largest row number a spreadsheet holds (Excel and LibreOffice alike).
package let maximumRowNumber = 1_048_576

/// The largest column number a spreadsheet holds: column `XFD`.
package let maximumColumnNumber = 16_384

/// The A1-style reference of a 1-based row and column: `cellReference(row: 7, column: 2)` is `"B7"`.
///
/// Columns run A…Z, AA…AZ, … as spreadsheets letter them. A row or column below 1 gives `"?"`
/// in its place, so that a message never crashes on a bad position.
package func cellReference(row: Int, column: Int) -> String {
    columnLetters(column) + (row >= 1 ? String(row) : "?")
}

/// The letters of a 1-based column: 1 is `A`, 27 is `AA`; `"?"` below 1.
package func columnLetters(_ column: Int) -> String {
    guard column >= 1 else { return "?" }
    var letters: [Character] = []
    var remaining = column
    while remaining > 0 {
        let digit = (remaining - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
        remaining = (remaining - 1) / 26
    }
    return String(letters.reversed())
}

/// A 1-based row and column, parsed from or written as an A1-style reference.
package struct CellPosition: Hashable, Sendable {
    /// The 1-based row.
    package var row: Int
    /// The 1-based column.
    package var column: Int

    /// Makes a position from its row and column.
    package init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `B7` (or `$B$7`); `nil` unless both parts are within a spreadsheet's bounds.
    package init?(reference: some StringProtocol) {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "$") where !sawDigit:
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit,
                UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                sawLetter = true
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                guard column <= maximumColumnNumber else { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9") where sawLetter:
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                guard row <= maximumRowNumber else { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        self.init(row: row, column: column)
    }

    /// The A1-style reference: `B7`.
    package var reference: String { cellReference(row: row, column: column) }
}

/// A rectangle of cells such as `A2:C4`, as merged cells are stored.
package struct CellRange: Hashable, Sendable {
    /// The top-left cell.
    package var first: CellPosition
    /// The bottom-right cell.
    package var last: CellPosition

    /// Makes a range; the corners are put in order.
    package init(first: CellPosition, last: CellPosition) {
        self.first = CellPosition(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellPosition(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// Parses `A2:C4` or a single `B7`; `nil` for anything else.
    package init?(reference: String) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
            let first = CellPosition(reference: parts[0]),
            let last = CellPosition(reference: parts[parts.count - 1])
        else { return nil }
        self.init(first: first, last: last)
    }

    /// How many cells the range covers.
    package var cellCount: Int { (last.row - first.row + 1) * (last.column - first.column + 1) }
}
