import Testing

@testable import BilanInputs

@Suite struct DataTextDecoderTests {
    private func decoded(_ bytes: [UInt8]) throws -> DecodedText {
        try DataTextDecoder.decode(bytes).get()
    }

    private func failure(_ bytes: [UInt8]) -> DecodingFailure? {
        if case .failure(let failure) = DataTextDecoder.decode(bytes) { return failure }
        Issue.record("expected a failure")
        return nil
    }

    /// The bytes of UTF-16 text with a byte-order mark, as Excel's "Unicode text" writes it.
    private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    private let advice =
        "open it in Excel and save it again as \"CSV UTF-8 (Comma delimited)\", or in LibreOffice with the "
        + "character set \"Unicode (UTF-8)\""

    @Test func utf8WithoutBOM() throws {
        let text = try decoded(Array("ville;n\nMontréal;12\n".utf8))
        #expect(text == DecodedText(text: "ville;n\nMontréal;12\n", encoding: .utf8))
    }

    @Test func utf8WithBOMDropsIt() throws {
        let text = try decoded([0xEF, 0xBB, 0xBF] + Array("a,é".utf8))
        #expect(text == DecodedText(text: "a,é", encoding: .utf8WithBOM))
    }

    @Test func emptyFiles() throws {
        #expect(try decoded([]) == DecodedText(text: "", encoding: .utf8))
        #expect(try decoded([0xEF, 0xBB, 0xBF]) == DecodedText(text: "", encoding: .utf8WithBOM))
        #expect(try decoded([0xFF, 0xFE]) == DecodedText(text: "", encoding: .utf16LittleEndian))
        #expect(try decoded([0xFE, 0xFF]) == DecodedText(text: "", encoding: .utf16BigEndian))
    }

    @Test func utf16LittleEndianAsExcelWritesIt() throws {
        let text = "ville\tpopulation\r\nMontréal\t1 762 949\r\nQuébec 😀\t549 459\r\n"
        let bytes = utf16(text, bigEndian: false)
        #expect(bytes.prefix(6) == [0xFF, 0xFE, 0x76, 0x00, 0x69, 0x00])
        #expect(try decoded(bytes) == DecodedText(text: text, encoding: .utf16LittleEndian))
    }

    @Test func utf16BigEndian() throws {
        let text = "année\tn\n2024\t€12\n"
        #expect(try decoded(utf16(text, bigEndian: true)) == DecodedText(text: text, encoding: .utf16BigEndian))
    }

    @Test func utf16UnpairedSurrogatesAreLocated() {
        // "ab\r\nc" then a lone high surrogate, then "d": line 2, column 2.
        var bytes = utf16("ab\r\nc", bigEndian: false) + [0x3D, 0xD8] + [0x64, 0x00]
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this UTF-16 file holds a broken character here (the unpaired surrogate 0xD83D): "
                        + advice, line: 2, column: 2))
        // A lone low surrogate after a pair (one column) on line 1.
        bytes = utf16("😀x", bigEndian: true) + [0xDC, 0x00]
        #expect(failure(bytes)?.message.contains("0xDC00") == true)
        #expect(failure(bytes).map { [$0.line, $0.column] } == [1, 3])
        // A high surrogate at the very end.
        bytes = utf16("a\nb", bigEndian: false) + [0x00, 0xDB]
        #expect(failure(bytes).map { [$0.line, $0.column] } == [2, 2])
    }

    @Test func utf16OddByteCountIsLocatedAtTheEnd() {
        let bytes = utf16("a\tb\nc", bigEndian: false) + [0x64]
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this UTF-16 file ends in the middle of a character (it has an odd number of bytes), "
                        + "as a file cut short does: " + advice, line: 2, column: 2))
        #expect(failure([0xFF, 0xFE, 0x41]).map { [$0.line, $0.column] } == [1, 1])
    }

    @Test func utf16NULCharacterIsAFailure() {
        let bytes = utf16("a\nbc", bigEndian: false) + [0x00, 0x00]
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this file holds a NUL character, so it is not text: " + advice, line: 2, column: 3))
    }

    @Test func utf32IsRefused() {
        let expected = DecodingFailure(
            message: "this file is UTF-32 text, which bilan does not read: " + advice, line: 1, column: 1)
        #expect(failure([0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]) == expected)
        #expect(failure([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x41]) == expected)
    }

    @Test func windows1252AsOlderExcelWritesIt() throws {
        // "ville;n\r\nMontréal;12\r\n" with é as 0xE9.
        let bytes = Array("ville;n\r\nMontr".utf8) + [0xE9] + Array("al;12\r\n".utf8)
        #expect(
            try decoded(bytes)
                == DecodedText(
                    text: "ville;n\r\nMontréal;12\r\n", encoding: .windows1252,
                    legacyEncodingPosition: TextPosition(line: 2, column: 6)))
    }

    @Test func windows1252HighTableIsExact() throws {
        let defined: [UInt8] = (0x80...0x9F).filter { ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }
        let text = try decoded(Array("x".utf8) + defined + [0xA0, 0xAB, 0xBB, 0xC9, 0xFF]).text
        #expect(text == "x€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u{00A0}«»Éÿ")
        #expect(text.unicodeScalars.count == 1 + 27 + 5)
    }

    @Test func windows1252PositionCountsLineEnds() throws {
        // CR, LF and CRLF each end one line.
        let bytes = Array("a\rb\nc\r\nd;".utf8) + [0x92]
        #expect(try decoded(bytes).legacyEncodingPosition == TextPosition(line: 4, column: 3))
    }

    @Test func undefinedWindows1252ByteIsAFailureAtTheFirstInvalidUTF8Byte() {
        // 0xE9 on line 2 is the first byte that is not UTF-8; 0x81 on line 3 is not Windows-1252.
        let bytes = Array("a\nMontr".utf8) + [0xE9] + Array("al\nx".utf8) + [0x81]
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this file is not UTF-8 text (this byte, 0xE9, is not UTF-8), nor Windows-1252 text "
                        + "(the byte 0x81 on line 3 is not Windows-1252): " + advice, line: 2, column: 6))
    }

    @Test func eachUndefinedByteIsRefused() {
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(failure(Array("ab".utf8) + [byte])?.column == 3)
        }
    }

    @Test func invalidUTF8AtLine3Column5() {
        // Lines 1 and 2 have UTF-8 accents; line 3 has a lone 0xE9 after "abcd".
        let bytes = Array("é;à\nÉcole;2\nabcd".utf8) + [0xE9] + Array("f\n".utf8)
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this byte (0xE9) is not UTF-8, yet line 1 has UTF-8 accented letters: the file mixes "
                        + "two encodings, so bilan cannot tell which letters are right; correct the letters here in a "
                        + "text editor and save the file as UTF-8, or " + advice, line: 3, column: 5))
    }

    @Test func invalidUTF8AfterBOMIsNeverWindows1252() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("a\nbc".utf8) + [0xE9]
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this file starts with the UTF-8 byte-order mark but this byte (0xE9) is not UTF-8: "
                        + advice, line: 2, column: 3))
    }

    @Test func truncatedAndOverlongSequencesAreNotUTF8() throws {
        // An overlong "/" (C0 AF) and an encoded surrogate (ED A0 80) are not UTF-8, and C0 is
        // Windows-1252 "À": such files are read as Windows-1252.
        #expect(try decoded([0x61, 0xC0, 0xAF]).text == "aÀ¯")
        #expect(try decoded([0xED, 0xA0, 0x80]).text == "í\u{00A0}€")
        // A sequence cut by the end of the file.
        #expect(try decoded(Array("ab".utf8) + [0xE2, 0x82]).text == "abâ‚")
    }

    @Test func nulBytesWithoutBOMLookingLikeUTF16() {
        let text = "ville\tn\r\nMontréal\t12\r\n"
        var bytes: [UInt8] = []
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this looks like UTF-16 text without a byte-order mark, which bilan cannot read "
                        + "safely: " + advice, line: 1, column: 2))
        // Big endian: the NUL comes first.
        #expect(failure(Array(bytes.dropFirst()))?.column == 1)
    }

    @Test func nulBytesInBinary() {
        // The start of a zip file (an .xlsx workbook) renamed .csv.
        let bytes: [UInt8] =
            [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]
            + Array("xl/workbook.xml".utf8)
        #expect(
            failure(bytes)
                == DecodingFailure(
                    message: "this file holds a NUL byte, so it is not text (is it a workbook or another binary "
                        + "file?): " + advice, line: 1, column: 6))
        // A NUL after Windows-1252 letters: each is one column.
        #expect(failure(Array("Montr".utf8) + [0xE9, 0x92, 0x41, 0x00]).map { [$0.line, $0.column] } == [1, 9])
        // A NUL in valid UTF-8, after a BOM too.
        #expect(failure([0xEF, 0xBB, 0xBF] + Array("a\nb".utf8) + [0]).map { [$0.line, $0.column] } == [2, 2])
    }

    @Test func legacyEncodingAdviceText() {
        #expect(
            DataTextDecoder.legacyEncodingAdvice
                == "this file is in the Windows-1252 encoding (as older Excel saves CSV on Windows); it was read as "
                + "such: to be sure of accented letters, save it again as \"CSV UTF-8\" in Excel or with the "
                + "character set \"Unicode (UTF-8)\" in LibreOffice")
    }

    @Test func seededRandomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 1252)
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<40, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if Bool.random(using: &generator), bytes.count >= 2 { bytes[0] = 0xFF; bytes[1] = 0xFE }
            switch DataTextDecoder.decode(bytes) {
            case .success(let decoded):
                #expect(decoded.encoding == .windows1252 ? decoded.legacyEncodingPosition != nil : true)
            case .failure(let failure):
                #expect(failure.line >= 1 && failure.column >= 1)
            }
        }
    }
}

/// The shared seeded generator (BilanTestSupport), by the name these tests use.
typealias SeededGenerator = SplitMix64
