import Foundation

/// The encodings in which ``DataTextDecoder`` reads a data file.
package enum DataTextEncoding: String, Hashable, Sendable {
    /// UTF-8 with no byte-order mark.
    case utf8
    /// UTF-8 after an EF BB BF byte-order mark (as Excel's "CSV UTF-8" writes it).
    case utf8WithBOM
    /// UTF-16 after an FF FE byte-order mark (as Excel's "Unicode text" writes it).
    case utf16LittleEndian
    /// UTF-16 after an FE FF byte-order mark.
    case utf16BigEndian
    /// Windows-1252, the "ANSI" code page of older Excel on Windows in French and English.
    case windows1252

    /// How `bilan data` names it.
    package var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 with BOM"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        case .windows1252: "Windows-1252"
        }
    }
}

/// A place in decoded text.
///
/// Both count from 1. Columns count Unicode scalars; LF, CRLF and a lone CR each end a
/// line, as bilan's other readers count them.
package struct TextPosition: Hashable, Sendable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A data file's text and the encoding it was read in.
package struct DecodedText: Hashable, Sendable {
    /// The text, without any byte-order mark; line ends as written.
    package var text: String
    package var encoding: DataTextEncoding
    /// Where the `legacy-encoding` warning points: the first non-ASCII character of a
    /// Windows-1252 file; nil in the other encodings.
    package var legacyEncodingPosition: TextPosition?

    package init(text: String, encoding: DataTextEncoding, legacyEncodingPosition: TextPosition? = nil) {
        self.text = text
        self.encoding = encoding
        self.legacyEncodingPosition = legacyEncodingPosition
    }
}

/// Why a data file's bytes are not text bilan can read, and where.
///
/// The message says how to save the file again; `line` and `column` count as
/// ``TextPosition`` does, in the text decoded up to the problem.
package struct DecodingFailure: Error, Hashable, Sendable {
    package var message: String
    package var line: Int
    package var column: Int

    package init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ message: String, at position: TextPosition) {
        self.init(message: message, line: position.line, column: position.column)
    }
}

/// Turns a data file's bytes into text, in the encodings spreadsheets really export.
///
/// - UTF-8, with or without a byte-order mark (dropped).
/// - UTF-16 with a byte-order mark, little endian (FF FE, Excel's "Unicode text") or big
///   endian (FE FF); the mark is dropped. An unpaired surrogate or an odd number of bytes
///   is a failure.
/// - Windows-1252, when the bytes are not UTF-8, have no byte-order mark, and every byte is
///   defined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90 and 0x9D are not). The caller warns
///   (`legacy-encoding`, with ``legacyEncodingAdvice``) at
///   ``DecodedText/legacyEncodingPosition``.
///
/// Always failures, never guesses:
/// - a NUL character, in any encoding: UTF-16 without a byte-order mark, or not text;
/// - invalid UTF-8 after a UTF-8 byte-order mark, which declares UTF-8;
/// - bytes that are not UTF-8 in a file that also holds valid multi-byte UTF-8 (such as
///   `é` written C3 A9): the file mixes two encodings, and reading it as Windows-1252 would
///   turn its UTF-8 letters into `Ã©` without a word;
/// - a UTF-32 byte-order mark (FF FE 00 00 or 00 00 FE FF).
///
/// A failure is located at the first bad byte (the first NUL, the first byte that is not
/// UTF-8, the unpaired surrogate, the missing last byte).
package enum DataTextDecoder {
    /// The advice of the `legacy-encoding` warning given for a Windows-1252 file.
    package static let legacyEncodingAdvice =
        "this file is in the Windows-1252 encoding (as older Excel saves CSV on Windows); it was read as such: "
        + "to be sure of accented letters, save it again as \"CSV UTF-8\" in Excel or with the character set "
        + "\"Unicode (UTF-8)\" in LibreOffice"

    /// How to save a file again as UTF-8, the end of every failure's message.
    static let saveAgainAdvice =
        "open it in Excel and save it again as \"CSV UTF-8 (Comma delimited)\", or in LibreOffice with the "
        + "character set \"Unicode (UTF-8)\""

    /// Decodes a data file's bytes, or says where and why they cannot be read.
    package static func decode(_ bytes: [UInt8]) -> Result<DecodedText, DecodingFailure> {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// Decodes a data file's bytes, as the `[UInt8]` variant does, without copying them.
    package static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecodedText, DecodingFailure> {
        let count = bytes.count
        let utf32 =
            count >= 4
            && (bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0
                || bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)
        if utf32 {
            return .failure(
                DecodingFailure(
                    "this file is UTF-32 text, which bilan does not read: " + saveAgainAdvice,
                    at: TextPosition(line: 1, column: 1)))
        }
        if count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return UTF16Transcoder(bytes, bigEndian: false).decode()
        }
        if count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return UTF16Transcoder(bytes, bigEndian: true).decode()
        }
        let hasBOM = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let body = UnsafeBufferPointer(rebasing: bytes[(hasBOM ? 3 : 0)...])
        return decodeEightBit(body, hasBOM: hasBOM)
    }

    /// Decodes bytes with no UTF-16 mark: UTF-8, else Windows-1252, else a failure.
    private static func decodeEightBit(
        _ body: UnsafeBufferPointer<UInt8>, hasBOM: Bool
    )
        -> Result<DecodedText, DecodingFailure>
    {
        if let nul = firstNUL(body) {
            let message =
                looksLikeUTF16(body)
                ? "this looks like UTF-16 text without a byte-order mark, which bilan cannot read safely: "
                    + saveAgainAdvice
                : "this file holds a NUL byte, so it is not text (is it a workbook or another binary file?): "
                    + saveAgainAdvice
            return .failure(DecodingFailure(message, at: UTF8Position.of(nul, in: body)))
        }
        if let text = String(validating: body, as: UTF8.self) {
            return .success(DecodedText(text: text, encoding: hasBOM ? .utf8WithBOM : .utf8))
        }
        let scan = UTF8Scan(body)
        let invalid = UTF8Position.of(scan.firstInvalid, in: body)
        if hasBOM {
            return .failure(
                DecodingFailure(
                    "this file starts with the UTF-8 byte-order mark but this byte (\(hex(body[scan.firstInvalid]))) "
                        + "is not UTF-8: " + saveAgainAdvice, at: invalid))
        }
        if let multiByte = scan.firstMultiByte {
            let line = UTF8Position.of(multiByte, in: body).line
            return .failure(
                DecodingFailure(
                    "this byte (\(hex(body[scan.firstInvalid]))) is not UTF-8, yet line \(line) has UTF-8 accented "
                        + "letters: the file mixes two encodings, so bilan cannot tell which letters are right; "
                        + "correct the letters here in a text editor and save the file as UTF-8, or "
                        + saveAgainAdvice, at: invalid))
        }
        if let undefined = Windows1252.firstUndefinedByte(body) {
            let line = UTF8Position.of(undefined, in: body).line
            return .failure(
                DecodingFailure(
                    "this file is not UTF-8 text (this byte, \(hex(body[scan.firstInvalid])), is not UTF-8), nor "
                        + "Windows-1252 text (the byte \(hex(body[undefined])) on line \(line) is not Windows-1252): "
                        + saveAgainAdvice, at: invalid))
        }
        let text = Windows1252.decode(body)
        let position = Windows1252.firstNonASCIIPosition(body)
        return .success(DecodedText(text: text, encoding: .windows1252, legacyEncodingPosition: position))
    }

    /// The offset of the first 0 byte, or nil.
    private static func firstNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty,
            let found = memchr(base, 0, bytes.count)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Whether NUL bytes fall on one side of most byte pairs, as UTF-16 writes ASCII letters.
    private static func looksLikeUTF16(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let pairs = min(bytes.count, 1024) / 2
        guard pairs > 0 else { return false }
        var evenZeros = 0
        var oddZeros = 0
        for pair in 0..<pairs {
            let even = bytes[2 * pair] == 0
            let odd = bytes[2 * pair + 1] == 0
            if even && !odd { evenZeros += 1 }
            if odd && !even { oddZeros += 1 }
        }
        return max(evenZeros, oddZeros) * 2 >= pairs && min(evenZeros, oddZeros) * 10 <= pairs
    }

    /// A byte as a message writes it: `0xE9`.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}

/// Where the UTF-8 of a file stops being valid, found in one pass.
struct UTF8Scan {
    /// The offset of the first byte that does not start a valid sequence (the end when none).
    private(set) var firstInvalid: Int
    /// The offset of the first valid sequence of two to four bytes, or nil.
    private(set) var firstMultiByte: Int?

    /// Scans all of `bytes`: after an invalid byte, the next one is read as a new start.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var invalid: Int?
        var multiByte: Int?
        var index = 0
        while index < bytes.count {
            let length = Self.sequenceLength(bytes, at: index)
            if length == 0 {
                if invalid == nil { invalid = index }
                index += 1
                continue
            }
            if length > 1, multiByte == nil { multiByte = index }
            if invalid != nil, multiByte != nil { break }
            index += length
        }
        firstInvalid = invalid ?? bytes.count
        firstMultiByte = multiByte
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when none starts there.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= lower, second <= upper else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}

/// Counts the line and column of a byte offset in UTF-8 text.
enum UTF8Position {
    /// The position of the byte at `target`: a valid UTF-8 sequence before it is one
    /// column, and so is each byte that starts none (as one character of another encoding).
    static func of(_ target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> TextPosition {
        var counter = LineCounter()
        let end = min(target, bytes.count)
        var index = 0
        while index < end {
            counter.advance(over: UInt32(bytes[index]))
            index += max(1, UTF8Scan.sequenceLength(bytes, at: index))
        }
        return counter.position
    }
}

/// Counts lines and columns over the characters of a text, one at a time.
struct LineCounter {
    private(set) var position = TextPosition(line: 1, column: 1)
    private var afterCarriageReturn = false

    /// Moves past one character (only its value as an ASCII code matters: LF, CR or other).
    mutating func advance(over character: UInt32) {
        if character == 0x0A {
            if !afterCarriageReturn { position.line += 1 }
            position.column = 1
        } else if character == 0x0D {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
        afterCarriageReturn = character == 0x0D
    }
}
