import Foundation
import BilanBase

extension CellValue {
    /// Types one CSV field.
    ///
    /// A field is a number when it reads `[+-]?[0-9]+(\.[0-9]+)?` (and, when
    /// `decimalComma`, `[+-]?[0-9]+(,[0-9]+)?`), read exactly as a `Decimal`; it is
    /// missing when empty or made of spaces only; anything else is text, kept exactly as
    /// written (`08123` is a number, ` 12` and `1 000` are text, and so is a number of
    /// more than 38 significant digits, which no `Decimal` holds exactly).
    package init(csvField field: String, decimalComma: Bool) {
        let typed =
            field.utf8.withContiguousStorageIfAvailable {
                Self.typedField($0, decimalComma: decimalComma)
            }
            ?? Array(field.utf8).withUnsafeBufferPointer {
                Self.typedField($0, decimalComma: decimalComma)
            }
        self = typed ?? .text(field)
    }

    /// The value of a field that is a number or missing, or nil for text.
    private static func typedField(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool)
        -> CellValue?
    {
        if bytes.allSatisfy({ $0 == ASCIIByte.space }) { return .missing }
        var index = 0
        let negative = bytes[0] == ASCIIByte.minus
        if negative || bytes[0] == ASCIIByte.plus { index += 1 }

        let integerStart = index
        while index < bytes.count, ASCIIByte.isDigit(bytes[index]) { index += 1 }
        let integer = bytes[integerStart..<index]
        guard !integer.isEmpty else { return nil }

        var fraction = bytes[index..<index]
        if index < bytes.count,
            bytes[index] == ASCIIByte.period || (decimalComma && bytes[index] == ASCIIByte.comma)
        {
            index += 1
            let fractionStart = index
            while index < bytes.count, ASCIIByte.isDigit(bytes[index]) { index += 1 }
            fraction = bytes[fractionStart..<index]
            guard !fraction.isEmpty else { return nil }
        }
        guard index == bytes.count,
            let value = Decimal(negative: negative, integer: integer, fraction: fraction)
        else { return nil }
        return .number(value)
    }
}

extension CellValue {
    /// Why a text cell is not a number, when it looks like one that a spreadsheet
    /// formatted (`42 000,50`, `42000,50 $`, `12,5 %`, `$1,200`): a hint for the
    /// `non-numeric-cell` message, or "" when it does not.
    public static func numberFormattingHint(_ text: String) -> String {
        let digits = text.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        let decorations: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", ",", ".", "$", "%", "€", "-", "+", "(", ")"]
        guard digits > 0, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || decorations.contains($0) }) else { return "" }
        return " (it looks like a number formatted by a spreadsheet: write it as a plain number, such as 42000.50 or 0.125, "
            + "without spaces, currency or percent signs)"
    }
}
