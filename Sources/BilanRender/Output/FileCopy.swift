package import BilanBase
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies a project file into the output by streaming it in blocks, never reading it
/// whole into memory, or links the previous output's copy when it holds the same bytes.
package enum FileCopy {
    /// The size of one block read and written.
    static let blockSize = 1 << 20

    /// Copies the ordinary file at `source` (named `file` in diagnostics) to the new file
    /// `destination`; `previous` is the previous output's copy, linked instead when it is
    /// unchanged. nil when done, else why not.
    package static func copy(
        _ source: String, as file: String, to destination: String, previous: String?, location: SourceLocation
    ) -> DiagnosticError? {
        // A project file that cannot be copied fails the write, at the output, saying why.
        func unreadable(_ diagnostic: Diagnostic) -> DiagnosticError {
            DiagnosticError(.error(.outputFailed, "could not copy \(file): \(diagnostic.message)", at: location))
        }
        let input: RegularFile
        switch RegularFile.open(source, as: file) {
        case .failure(let diagnostic): return unreadable(diagnostic)
        case .success(let opened): input = opened
        }
        if let previous, linkUnchanged(input, from: previous, to: destination) { return nil }
        guard lseek(input.descriptor, 0, SEEK_SET) == 0 else {
            return unreadable(.error(.unreadableFile, RegularFile.describe(errno), at: location))
        }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard output >= 0 else { return failure("write", destination, errno, location) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: blockSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input.descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return unreadable(.error(.unreadableFile, RegularFile.describe(errno), at: location))
            }
            if count == 0 { return nil }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { systemWrite(output, $0.baseAddress! + offset, count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return failure("write", destination, errno, location)
                }
                offset += written
            }
        }
    }

    private static func failure(
        _ action: String, _ path: String, _ code: Int32, _ location: SourceLocation
    ) -> DiagnosticError {
        DiagnosticError(OutputFailure.diagnostic(action, path, code, displayName: location.file))
    }

    /// Hard-links `previous` at `destination` when it is a regular file of bilan's output
    /// (not a link, linked nowhere else) with the same bytes as `input`, compared block by
    /// block; false otherwise, or when the link fails.
    private static func linkUnchanged(_ input: RegularFile, from previous: String, to destination: String) -> Bool {
        let descriptor = open(previous, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1,
            Int(status.st_size) == input.size
        else { return false }
        var mine = [UInt8](repeating: 0, count: blockSize)
        var theirs = [UInt8](repeating: 0, count: blockSize)
        while true {
            guard let count = readFully(input.descriptor, into: &mine), readFully(descriptor, into: &theirs) == count
            else { return false }
            if count == 0 { break }
            let difference = mine.withUnsafeBytes { a in
                theirs.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, count) }
            }
            guard difference == 0
            else { return false }
        }
        return link(previous, destination) == 0
    }

    /// Reads until `buffer` is full or the file ends: the count read, nil on an error.
    private static func readFully(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int? {
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, $0.count - total) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}
