/// Finds the line and column of byte offsets in UTF-8 text, for the readers that walk
/// a file's bytes.
///
/// Lines and columns count from 1; columns count Unicode scalars, as ``SourceText``
/// does; LF, CRLF and a lone CR each end a line. Offsets asked for in increasing order
/// cost one pass over the text in all; an earlier offset counts again from the top.
package struct PositionCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var column = 1

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The line and column of the byte at `target` (or of the end of the text).
    package mutating func position(of target: Int) -> (line: Int, column: Int) {
        if target < offset {
            offset = 0
            line = 1
            column = 1
        }
        while offset < target {
            let byte = bytes[offset]
            if byte == ASCIIByte.lineFeed {
                if offset == 0 || bytes[offset - 1] != ASCIIByte.carriageReturn { line += 1 }
                column = 1
            } else if byte == ASCIIByte.carriageReturn {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return (line, column)
    }

    /// The location of the byte at `target` in `file`.
    package mutating func location(of target: Int, in file: String) -> SourceLocation {
        let (line, column) = position(of: target)
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// The ASCII bytes the data readers look for.
package enum ASCIIByte {
    package static let tab: UInt8 = 0x09
    package static let lineFeed: UInt8 = 0x0A
    package static let carriageReturn: UInt8 = 0x0D
    package static let space: UInt8 = 0x20
    package static let quote: UInt8 = 0x22
    package static let plus: UInt8 = 0x2B
    package static let comma: UInt8 = 0x2C
    package static let minus: UInt8 = 0x2D
    package static let period: UInt8 = 0x2E
    package static let zero: UInt8 = 0x30
    package static let nine: UInt8 = 0x39
    package static let colon: UInt8 = 0x3A
    package static let semicolon: UInt8 = 0x3B
    package static let backslash: UInt8 = 0x5C

    package static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }
}
