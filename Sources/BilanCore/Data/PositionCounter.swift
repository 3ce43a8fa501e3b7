/// Finds the line and column of byte offsets in UTF-8 text, for the readers that walk
/// a file's bytes.
///
/// Lines and columns count from 1; columns count Unicode scalars, as ``SourceText``
/// does; LF, CRLF and a lone CR each end a line. Offsets asked for in increasing order
/// cost one pass over the text in all; an earlier offset counts again from the top.
struct PositionCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var column = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The line and column of the byte at `target` (or of the end of the text).
    mutating func position(of target: Int) -> (line: Int, column: Int) {
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
    mutating func location(of target: Int, in file: String) -> SourceLocation {
        let (line, column) = position(of: target)
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// The ASCII bytes the data readers look for.
enum ASCIIByte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let backslash: UInt8 = 0x5C

    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }
}
