import Foundation
import Testing
@testable import BilanInputs

/// Damaged, encrypted and hostile files: each is refused with an exact message, within the limits.
@Suite struct WorkbookHostileInputTests {
    static let small = WorkbookLimits(
        maxPartBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024,
        maxEntries: 100, maxDepth: 128, maxCells: 5_000_000)

    @Test func zipBombPartIsStoppedAtThePartLimit() throws {
        let error = try #require(try WorkbookFixture.error("hostile-bomb.xlsx", limits: Self.small))
        #expect(
            error.message == "the part xl/worksheets/sheet1.xml of this workbook unpacks to more than 1 MiB, "
                + "more than bilan reads: it is damaged or a zip bomb; if it is a real workbook, split its data into "
                + "smaller workbooks")
    }

    @Test func lyingSizesAreNotTrusted() throws {
        // The central directory says 100 bytes; the data inflates to 8 MiB.
        let error = try #require(try WorkbookFixture.error("hostile-lying-size.xlsx", limits: Self.small))
        #expect(
            error.message.hasPrefix(
                "the part xl/worksheets/sheet1.xml of this workbook unpacks to more than 1 MiB"))
    }

    @Test func totalUnpackedSizeIsBounded() throws {
        let limits = WorkbookLimits(
            maxPartBytes: 4 * 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024,
            maxEntries: 100, maxDepth: 128, maxCells: 100)
        let error = try #require(try WorkbookFixture.error("hostile-total.xlsx", limits: limits))
        #expect(
            error.message == "this workbook unpacks to more than 10 MiB, more than bilan reads: it is damaged "
                + "or a zip bomb; if it is a real workbook, split its data into smaller workbooks")
    }

    @Test func tooManyEntries() throws {
        let error = try #require(try WorkbookFixture.error("hostile-many-entries.xlsx", limits: Self.small))
        #expect(
            error.message == "this workbook holds more than 100 files, far more than a spreadsheet needs, "
                + "so it is damaged or not a real workbook: open it in Excel or LibreOffice and save it again")
    }

    @Test(arguments: [("hostile-traversal.xlsx", "../../evil.sh"), ("hostile-absolute.xlsx", "/etc/evil")])
    func pathsThatLeaveTheArchive(file: String, path: String) throws {
        let error = try #require(try WorkbookFixture.error(file))
        #expect(
            error.message == "this workbook holds a file whose path (\(path)) points outside the workbook, "
                + "so it is damaged or not a real workbook: open it in Excel or LibreOffice and save it again")
    }

    @Test func deepNesting() throws {
        let error = try #require(try WorkbookFixture.error("hostile-deep.xlsx"))
        #expect(
            error.message == "this workbook is damaged (xl/worksheets/sheet1.xml: line 1, column 486: elements "
                + "nested more than 128 deep): open it in Excel or LibreOffice and save it again")
        #expect(error.sheet == "Feuil1")
    }

    @Test func hugeRepeatedValue() throws {
        let error = try #require(try WorkbookFixture.error("hostile-repeat.ods"))
        #expect(
            error.message == "this workbook has more than 5,000,000 cells (counting the empty cells before the "
                + "last value of each row), more than bilan reads: split its data into smaller sheets or workbooks, "
                + "or delete the cells far to the right or below your data")
        #expect(error.sheet == "Bombe")
        #expect(error.cell == "A306")
    }

    @Test func cellLimitCountsPadding() throws {
        let limits = WorkbookLimits(
            maxPartBytes: 1 << 20, maxTotalBytes: 1 << 24, maxEntries: 100, maxDepth: 64,
            maxCells: 20)
        let error = try #require(try WorkbookFixture.error("openpyxl-report.xlsx", limits: limits))
        #expect(error.sheet == "Revenus 2024")
        #expect(error.cell == "A5")
    }

    @Test(arguments: WorkbookFormat.allCases)
    func encryptedOrLegacyWorkbook(format: WorkbookFormat) throws {
        let error = try #require(try WorkbookFixture.error("hostile-encrypted.xlsx", format: format))
        #expect(
            error.message == "this workbook is password-protected or in the old .xls format: save it as "
                + "\(format.dottedExtension) without a password")
    }

    @Test func notAZip() {
        let bytes = Array("Source;Montant\nDons;12\n".utf8)
        #expect(
            WorkbookReader.read(bytes, format: .xlsx)
                == .failure(
                    WorkbookError(
                        "this workbook is damaged or not an .xlsx file: open it in Excel or LibreOffice and save it"
                            + " again"
                    )))
        #expect(
            WorkbookReader.read(bytes, format: .ods)
                == .failure(
                    WorkbookError(
                        "this workbook is damaged or not an .ods file: open it in LibreOffice and save it again")))
        #expect(
            WorkbookReader.read([], format: .xlsx)
                == .failure(
                    WorkbookError(
                        "this workbook is damaged or not an .xlsx file: open it in Excel or LibreOffice and save it"
                            + " again"
                    )))
    }

    @Test func truncatedZip() throws {
        let bytes = try WorkbookFixture.bytes("libreoffice-report.xlsx")
        for length in [30, bytes.count / 3, bytes.count / 2, bytes.count - 10] {
            let result = WorkbookReader.read(Array(bytes[..<length]), format: .xlsx)
            #expect(
                result
                    == .failure(
                        WorkbookError(
                            "this workbook is damaged or not an .xlsx file: "
                                + "open it in Excel or LibreOffice and save it again")))
        }
    }

    @Test func corruptedBytesNeverCrash() throws {
        // Flip bytes all over real files: every outcome is a workbook or a message, never a crash.
        for name in ["libreoffice-report.xlsx", "libreoffice-report.ods", "handmade-edges.xlsx"] {
            let original = try WorkbookFixture.bytes(name)
            let format: WorkbookFormat = name.hasSuffix(".ods") ? .ods : .xlsx
            var generator = SplitMix64(seed: 42)
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<4 {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
                if case .failure(let error) = WorkbookReader.read(bytes, format: format) {
                    #expect(!error.message.isEmpty)
                    #expect(!error.message.unicodeScalars.contains { $0.properties.generalCategory == .control })
                }
            }
        }
    }

    @Test func localHeaderPastTheEnd() throws {
        let error = try #require(try WorkbookFixture.error("hostile-bad-offset.xlsx"))
        #expect(
            error.message == "this workbook is damaged (xl/worksheets/sheet1.xml: its data is missing or cut short): "
                + "open it in Excel or LibreOffice and save it again")
    }

    /// A deflate stream cut short by the entry's end: ZIPFoundation's own extraction read
    /// on at the end of the file for ever on Linux (found by the `workbook` fuzz target).
    /// A deflate stream whose last chunk is short: ZIPFoundation told zlib the chunk was a
    /// whole buffer long, and zlib read past it (an AddressSanitizer SEGV under the fuzzer).
    @Test func aShortLastChunkIsReadWithinItsBytes() throws {
        let bytes = try WorkbookFixture.bytes("hostile-short-chunk.xlsx")
        if case .failure(let error) = WorkbookReader.read(bytes, format: .xlsx) {
            #expect(error.message.hasSuffix("save it again"))
        }
    }

    @Test func deflateStreamCutShortIsAnErrorNotAHang() throws {
        let error = try #require(try WorkbookFixture.error("hostile-truncated-deflate.xlsx"))
        #expect(error.message.hasPrefix("this workbook is damaged ("))
        #expect(error.message.hasSuffix("open it in Excel or LibreOffice and save it again"))
    }

    @Test func zipWithoutWorkbook() throws {
        let xlsx = try #require(try WorkbookFixture.error("hostile-no-workbook.xlsx"))
        #expect(
            xlsx.message == "this file is a zip archive but not an .xlsx workbook (it has no xl/workbook.xml): "
                + "open it in Excel or LibreOffice and save it as .xlsx")
        let ods = try #require(try WorkbookFixture.error("hostile-no-workbook.xlsx", format: .ods))
        #expect(
            ods.message == "this file is a zip archive but not an .ods workbook (it has no content.xml): "
                + "open it in LibreOffice and save it as .ods")
    }

    @Test func wrongExtension() throws {
        let odsAsXlsx = try #require(try WorkbookFixture.error("libreoffice-report.ods", format: .xlsx))
        #expect(odsAsXlsx.message == "this file is an .ods workbook with an .xlsx name: rename it to end in .ods")
        let xlsxAsOds = try #require(try WorkbookFixture.error("libreoffice-report.xlsx", format: .ods))
        #expect(xlsxAsOds.message == "this file is an .xlsx workbook with an .ods name: rename it to end in .xlsx")
    }

    @Test func messagesNeverCarryControlCharacters() {
        #expect(printable("a\u{1B}[31mb\u{0}c\u{202E}") == "a\\u{1B}[31mb\\u{0}c\\u{202E}")
        #expect(printable(String(repeating: "x", count: 100)) == String(repeating: "x", count: 80) + "…")
    }
}
