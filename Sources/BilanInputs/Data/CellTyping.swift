import BilanBase
import Foundation

extension CellValue {
    /// Types one field of a delimited text file.
    ///
    /// A field is a number when ``NumberCell`` reads it in the file's convention —
    /// `[+-]?[0-9]+(\.[0-9]+)?`, or with `decimalComma` `[+-]?[0-9]+([,.][0-9]+)?` with digit
    /// groups of three set apart by a space, U+00A0 or U+202F (`412 350,75`) — read
    /// exactly as a `Decimal`; it is missing when empty or made of spaces only; anything
    /// else is text, kept exactly as written (`08123` is a number, ` 12` is text, and so
    /// is a number of more than 38 significant digits, which no `Decimal` holds exactly).
    /// Dates are typed afterwards, column by column (``DataTable/typingDates(_:)``).
    package init(csvField field: String, decimalComma: Bool) {
        let convention: NumberConvention = decimalComma ? .decimalComma : .decimalPoint
        var bytes = field
        let typed: CellValue? = bytes.withUTF8 { bytes in
            if bytes.allSatisfy({ $0 == ASCIIByte.space }) { return .missing }
            // A decimal-comma file may still write a plain 12.5, as bilan always read it.
            let number =
                NumberCell.parse(bytes, convention: convention)
                ?? (decimalComma ? NumberCell.parse(bytes, convention: .decimalPoint) : nil)
            return number.map(CellValue.number)
        }
        self = typed ?? .text(field)
    }
}
