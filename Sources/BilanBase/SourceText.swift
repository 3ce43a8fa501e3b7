public import Foundation

/// Thrown by a stage that cannot go on; carries the located diagnostics that say why.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
}

extension Result where Failure == Diagnostic {
    /// The value, or the diagnostic thrown as a ``DiagnosticError``: how a stage or a
    /// loader uses a reader of one file, which fails with exactly one diagnostic.
    public func orThrow() throws(DiagnosticError) -> Success {
        switch self {
        case .success(let value): value
        case .failure(let diagnostic): throw DiagnosticError(diagnostic)
        }
    }
}

/// Turns a file's bytes into text the way every bilan input is read: UTF-8, with an
/// optional byte-order mark, and a located error for anything else.
public enum SourceText {
    /// The largest input file bilan reads (256 MiB); larger files are `too-large` errors.
    public static let maximumFileSize = 256 * 1024 * 1024

    /// Decodes UTF-8 bytes, dropping a leading BOM. Invalid bytes give an
    /// `invalid-utf8` error at the line and column of the first one, saying how to
    /// re-save the file.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        if let nul = body.firstIndex(of: 0) {
            // Valid UTF-8, but not text: most often UTF-16 saved without its byte-order mark.
            let before = body[..<nul]
            let line = before.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
            let column = nul - ((before.lastIndex(of: 10) ?? (start - 1)) + 1) + 1
            let sample = body.prefix(64)
            let nulCount = sample.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            let message =
                nulCount * 3 >= sample.count
                ? "this looks like UTF-16 text without a byte-order mark (every other byte is NUL), which bilan "
                    + "does not read: save it again as \"UTF-8\" in your text editor"
                : "this file holds a NUL byte, so it is not text: save it again as \"UTF-8\" text"
            return .failure(.error(.invalidUTF8, message, at: SourceLocation(file: file, line: line, column: column)))
        }
        if let text = String(validating: body, as: UTF8.self) {
            return .success(text)
        }
        let (line, column) = firstInvalidPosition(body)
        return .failure(
            .error(
                .invalidUTF8,
                "this file is not UTF-8 text; open it in a text editor or spreadsheet and "
                    + "save it again as \"UTF-8\" (in Excel: \"CSV UTF-8\")",
                at: SourceLocation(file: file, line: line, column: column)))
    }

    /// Reads and decodes a file; a missing or unreadable file is a located error.
    public static func read(_ url: URL, as file: String) -> Result<String, Diagnostic> {
        readBytes(url, as: file).flatMap { decode($0, file: file) }
    }

    /// Reads a file's bytes, refusing files over ``maximumFileSize`` and anything that is
    /// not an ordinary file (see ``RegularFile``).
    public static func readBytes(_ url: URL, as file: String) -> Result<[UInt8], Diagnostic> {
        let opened: RegularFile
        switch RegularFile.open(url.path, as: file) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let file): opened = file
        }
        func tooLarge(_ size: Int) -> Diagnostic {
            .error(
                .tooLarge,
                "this file is \(size / 1_048_576) MiB; bilan reads files of at most "
                    + "\(maximumFileSize / 1_048_576) MiB", at: SourceLocation(file: file))
        }
        if opened.size > maximumFileSize { return .failure(tooLarge(opened.size)) }
        return opened.readAll(as: file).flatMap { bytes in
            bytes.count > maximumFileSize ? .failure(tooLarge(bytes.count)) : .success(bytes)
        }
    }

    /// Text with CRLF and lone CR line ends turned into LF.
    public static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
    }

    private static func firstInvalidPosition(_ bytes: ArraySlice<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column)
            }
            let end = index + length
            if end > bytes.endIndex { return (line, column) }
            if length > 1,
                String(validating: bytes[index..<end], as: UTF8.self) == nil
            {
                return (line, column)
            }
            if byte == 10 {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = end
        }
        return (line, column)
    }
}
