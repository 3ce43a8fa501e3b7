import Foundation
import ZIPFoundation

/// The zip container of a workbook, read with the limits that keep hostile files harmless.
///
/// Opening checks the entry count and every entry's path (one that climbs out with `..` or
/// starts at `/` refuses the whole file). Reading a part counts the bytes as the decompressor
/// produces them and stops at the per-part and total limits, whatever sizes the zip declares,
/// then checks the CRC-32. Part names are matched exactly, then ignoring case (as OPC requires).
struct WorkbookArchive {
    private let archive: Archive
    private let entries: [String: Entry]
    private let entriesByLowercasedPath: [String: Entry]
    private let format: WorkbookFormat
    private let limits: WorkbookLimits
    private var bytesRead = 0

    /// Opens the archive in `bytes`, or says why it cannot be read.
    init(bytes: [UInt8], format: WorkbookFormat, limits: WorkbookLimits) throws(WorkbookError) {
        self.format = format
        self.limits = limits
        guard bytes.count >= 22, bytes[0] == 0x50, bytes[1] == 0x4B else { throw .notAWorkbook(format) }
        guard let archive = Self.openArchive(bytes) else { throw .notAWorkbook(format) }
        var entries: [String: Entry] = [:]
        var lowercased: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw WorkbookError("this workbook holds more than \(limits.maxEntries) files, far more than "
                    + "a spreadsheet needs, so it is damaged or not a real workbook: "
                    + WorkbookError.resaveAdvice(format))
            }
            let path = entry.path
            guard Self.isSafe(path) else {
                throw WorkbookError("this workbook holds a file whose path (\(printable(path))) points outside "
                    + "the workbook, so it is damaged or not a real workbook: " + WorkbookError.resaveAdvice(format))
            }
            if entries[path] == nil { entries[path] = entry }
            if lowercased[path.lowercased()] == nil { lowercased[path.lowercased()] = entry }
        }
        guard count > 0 else { throw .notAWorkbook(format) }
        self.archive = archive
        self.entries = entries
        self.entriesByLowercasedPath = lowercased
    }

    /// Opens `bytes` as a zip archive through a private temporary file, removed at once.
    ///
    /// ZIPFoundation 0.9.20's in-memory archives (`Archive(data:)`) crash when a damaged zip points
    /// past its end (`MemoryFile.readData` computes a negative length); reads from a real file
    /// just come up short and fail cleanly, so the bytes go through a file.
    private static func openArchive(_ bytes: [UInt8]) -> Archive? {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array((directory + "/bilan-workbook-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return buffer.isEmpty }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        close(descriptor)
        guard written else { return nil }
        return try? Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil)
    }

    /// Whether the archive holds a part at `path`.
    func contains(_ path: String) -> Bool {
        entry(path) != nil
    }

    /// The unpacked bytes of the part at `path`, or `nil` if there is none.
    mutating func read(_ path: String) throws(WorkbookError) -> [UInt8]? {
        guard let entry = entry(path) else { return nil }
        guard entry.type == .file else { return nil }
        var output: [UInt8] = []
        let declared = Int(clamping: entry.uncompressedSize)
        output.reserveCapacity(min(declared, limits.maxPartBytes, 64 * 1024 * 1024))
        let partLimit = limits.maxPartBytes
        let totalRemaining = limits.maxTotalBytes - bytesRead
        var overflow: LimitExceeded?
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                if output.count + chunk.count > partLimit {
                    overflow = .part
                    throw LimitExceeded.part
                }
                if output.count + chunk.count > totalRemaining {
                    overflow = .total
                    throw LimitExceeded.total
                }
                output.append(contentsOf: chunk)
            }
        } catch {
            switch overflow {
            case .part?:
                throw WorkbookError("the part \(printable(path)) of this workbook unpacks to more than "
                    + "\(Self.mebibytes(limits.maxPartBytes)), more than bilan reads: it is damaged or a zip bomb; "
                    + "if it is a real workbook, split its data into smaller workbooks")
            case .total?:
                throw WorkbookError("this workbook unpacks to more than \(Self.mebibytes(limits.maxTotalBytes)), "
                    + "more than bilan reads: it is damaged or a zip bomb; "
                    + "if it is a real workbook, split its data into smaller workbooks")
            case nil:
                throw .damaged(format, part: path, "its compressed data cannot be unpacked")
            }
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
    }
}
