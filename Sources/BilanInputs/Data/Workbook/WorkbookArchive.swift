import Foundation
import ZIPFoundation

/// The zip container of a workbook, read with the limits that keep hostile files harmless.
///
/// bilan reads the zip's central directory itself and hands only the inflating to
/// ZIPFoundation (`Data.decompress`), through a provider that reads the entry's own bytes
/// and no further: ZIPFoundation 0.9.20's archives crash on a damaged zip held in memory
/// (a negative length when an entry points past the end) and, on Linux, inflate for ever
/// when an entry's data ends before its deflate stream does (found by the `workbook` fuzz
/// target). Opening checks the entry count and every entry's path (one that climbs out
/// with `..` or starts at `/` refuses the whole file). Reading a part counts the bytes as
/// the decompressor produces them and stops at the per-part and total limits, whatever
/// sizes the zip declares, then checks the CRC-32. Part names are matched exactly, then
/// ignoring case (as OPC requires).
struct WorkbookArchive {
    /// One file of the zip, as its central directory describes it.
    private struct Entry {
        var path: String
        var method: UInt16
        var flags: UInt16
        var checksum: UInt32
        var compressedSize: Int
        var localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]
    private let entriesByLowercasedPath: [String: Entry]
    private let format: WorkbookFormat
    private let limits: WorkbookLimits
    private var bytesRead = 0

    /// Opens the archive in `bytes`, or says why it cannot be read.
    init(bytes: [UInt8], format: WorkbookFormat, limits: WorkbookLimits) throws(WorkbookError) {
        self.format = format
        self.limits = limits
        self.bytes = bytes
        guard bytes.count >= 22, bytes[0] == 0x50, bytes[1] == 0x4B else { throw .notAWorkbook(format) }
        guard let directory = Self.centralDirectory(bytes) else { throw .notAWorkbook(format) }
        var entries: [String: Entry] = [:]
        var lowercased: [String: Entry] = [:]
        var offset = directory.offset
        var count = 0
        while count < directory.count {
            count += 1
            guard count <= limits.maxEntries else {
                throw WorkbookError(
                    "this workbook holds more than \(limits.maxEntries) files, far more than "
                        + "a spreadsheet needs, so it is damaged or not a real workbook: "
                        + WorkbookError.resaveAdvice(format))
            }
            guard let (entry, next) = Self.directoryEntry(bytes, at: offset) else { throw .notAWorkbook(format) }
            offset = next
            let path = entry.path
            guard Self.isSafe(path) else {
                throw WorkbookError(
                    "this workbook holds a file whose path (\(printable(path))) points outside "
                        + "the workbook, so it is damaged or not a real workbook: " + WorkbookError.resaveAdvice(format)
                )
            }
            if path.hasSuffix("/") { continue }
            if entries[path] == nil { entries[path] = entry }
            if lowercased[path.lowercased()] == nil { lowercased[path.lowercased()] = entry }
        }
        guard count > 0 else { throw .notAWorkbook(format) }
        self.entries = entries
        self.entriesByLowercasedPath = lowercased
    }

    /// Where the central directory starts and how many entries it lists, from the end
    /// record (searched back from the end, past a comment of up to 65,535 bytes).
    private static func centralDirectory(_ bytes: [UInt8]) -> (offset: Int, count: Int)? {
        let lowest = max(0, bytes.count - 22 - 65_535)
        var position = bytes.count - 22
        while position >= lowest {
            if uint32(bytes, position) == 0x0605_4B50 {
                let count = Int(uint16(bytes, position + 10))
                let offset = Int(uint32(bytes, position + 16))
                guard offset < bytes.count else { return nil }
                return (offset, count)
            }
            position -= 1
        }
        return nil
    }

    /// The central directory entry at `offset`, and where the next one starts.
    private static func directoryEntry(_ bytes: [UInt8], at offset: Int) -> (Entry, Int)? {
        guard offset >= 0, offset + 46 <= bytes.count, uint32(bytes, offset) == 0x0201_4B50 else { return nil }
        let nameLength = Int(uint16(bytes, offset + 28))
        let extraLength = Int(uint16(bytes, offset + 30))
        let commentLength = Int(uint16(bytes, offset + 32))
        let nameStart = offset + 46
        let next = nameStart + nameLength + extraLength + commentLength
        guard next <= bytes.count else { return nil }
        let entry = Entry(
            path: String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self),
            method: uint16(bytes, offset + 10), flags: uint16(bytes, offset + 8),
            checksum: uint32(bytes, offset + 16), compressedSize: Int(uint32(bytes, offset + 20)),
            localHeaderOffset: Int(uint32(bytes, offset + 42)))
        return (entry, next)
    }

    /// Where an entry's data is in the file, or nil when its local header is not there
    /// or its data runs past the end.
    private func dataRange(_ entry: Entry) -> Range<Int>? {
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else { return nil }
        let start = header + 30 + Int(Self.uint16(bytes, header + 26)) + Int(Self.uint16(bytes, header + 28))
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= bytes.count else { return nil }
        return start..<end
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// Whether the archive holds a part at `path`.
    func contains(_ path: String) -> Bool {
        entry(path) != nil
    }

    /// The unpacked bytes of the part at `path`, or `nil` if there is none.
    mutating func read(_ path: String) throws(WorkbookError) -> [UInt8]? {
        guard let entry = entry(path) else { return nil }
        guard entry.flags & 1 == 0 else { throw .encryptedOrLegacy(format) }
        guard let range = dataRange(entry) else {
            throw .damaged(format, part: path, "its data is missing or cut short")
        }
        let partLimit = limits.maxPartBytes
        let totalRemaining = limits.maxTotalBytes - bytesRead
        var output: [UInt8] = []
        var overflow: LimitExceeded?
        var checksum: CRC32 = 0
        switch entry.method {
        case 0:
            guard range.count <= partLimit else { overflow = .part; break }
            guard range.count <= totalRemaining else { overflow = .total; break }
            output = Array(bytes[range])
            checksum = Data(output).crc32(checksum: 0)
        case 8:
            let source = bytes
            do {
                checksum = try Data.decompress(
                    size: Int64(range.count), bufferSize: 64 * 1024, skipCRC32: false,
                    provider: { position, size in
                        // Only the entry's own bytes: past them the stream is cut short.
                        let start = range.lowerBound + Int(position)
                        guard start < range.upperBound else { throw LimitExceeded.truncated }
                        var chunk = Data(source[start..<min(range.upperBound, start + size)])
                        // Always `size` bytes: ZIPFoundation hands zlib `bufferSize` bytes
                        // whatever the chunk holds (an out-of-bounds read, found by the
                        // fuzzer); zeros after a stream's end are never read, and a stream
                        // cut short fails on them.
                        if chunk.count < size { chunk.append(contentsOf: repeatElement(0, count: size - chunk.count)) }
                        return chunk
                    },
                    consumer: { chunk in
                        if output.count + chunk.count > partLimit {
                            overflow = .part
                            throw LimitExceeded.part
                        }
                        if output.count + chunk.count > totalRemaining {
                            overflow = .total
                            throw LimitExceeded.total
                        }
                        output.append(contentsOf: chunk)
                    })
            } catch {
                if overflow == nil { throw .damaged(format, part: path, "its compressed data cannot be unpacked") }
            }
        default:
            throw .damaged(format, part: path, "it is compressed in a way bilan does not read")
        }
        switch overflow {
        case .part?:
            throw WorkbookError(
                "the part \(printable(path)) of this workbook unpacks to more than "
                    + "\(Self.mebibytes(limits.maxPartBytes)), more than bilan reads: it is damaged or a zip bomb; "
                    + "if it is a real workbook, split its data into smaller workbooks")
        case .total?:
            throw WorkbookError(
                "this workbook unpacks to more than \(Self.mebibytes(limits.maxTotalBytes)), "
                    + "more than bilan reads: it is damaged or a zip bomb; "
                    + "if it is a real workbook, split its data into smaller workbooks")
        default:
            break
        }
        guard checksum == entry.checksum else {
            throw .damaged(format, part: path, "its checksum does not match its contents")
        }
        bytesRead += output.count
        return output
    }

    private func entry(_ path: String) -> Entry? {
        entries[path] ?? entriesByLowercasedPath[path.lowercased()]
    }

    /// Whether an entry path stays inside the archive: relative, without `..` segments or NULs.
    static func isSafe(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\0") { return false }
        if path.utf8.count >= 2, path.utf8.dropFirst().first == UInt8(ascii: ":") { return false }
        let segments = path.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
        return !segments.contains("..")
    }

    private static func mebibytes(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / (1024 * 1024)) MiB" : "\(bytes) bytes"
    }

    private enum LimitExceeded: Error {
        case part
        case total
        /// The entry's data ended before its deflate stream.
        case truncated
    }
}
