import BilanTestSupport
import Foundation

/// Runs the `bilan` executable that SwiftPM built next to the tests.
struct BilanBinary {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's own folder, which holds the example report in content/.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A project folder of `Tests/BilanCLITests/Fixtures/`, read from the source tree.
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// A copy of some of a project's folders (`content`, `templates`…) in a new temporary
    /// folder, so a test can run bilan on it without touching the original.
    static func copy(_ folders: [String], of project: URL) throws -> URL {
        let root = temporaryFolder()
        for folder in folders where FileManager.default.fileExists(atPath: project.appendingPathComponent(folder).path)
        {
            try FileManager.default.copyItem(
                at: project.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        return root
    }

    static var url: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("bilan").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("bilan")
    }

    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Run {
        try run(executable: url, arguments, in: folder, environment: environment)
    }

    /// Runs any program (`hugo`) the same way, capturing both outputs.
    static func run(
        executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]
    ) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() -> URL { TemporaryFolder.make("bilan-cli") }

    /// Writes files (relative path → text) into a new temporary project folder.
    static func project(_ files: [String: String]) throws -> URL {
        let root = temporaryFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }
}
