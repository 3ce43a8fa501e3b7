public import Foundation

internal import BilanBase
public import BilanInputs

/// A project folder for the data tests, in a fresh temporary folder removed by ``remove()``.
public struct DataProjectFolder {
    public let root: URL

    /// Writes `files` (paths relative to the project folder, and their text).
    public init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("bilan-data-\(UUID().uuidString)", isDirectory: true)
        for (path, text) in files { try write(text, to: path) }
    }

    public func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func link(_ path: String, to destination: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: url.path, withDestinationPath: destination)
    }

    /// Loads the tables, the diagnostics as `file[:line:column] [code]`, and the names
    /// of the tables whose file could not be read.
    public func load() -> (tables: [String: DataTable], problems: [String], unreadable: Set<String>) {
        let reading = DataLoader(projectFolder: root).read()
        let problems = DiagnosticList(reading.diagnostics).sorted
        return (reading.tables, problems.map { "\($0.location) [\($0.code)]" }, reading.unreadable)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
