import BilanTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `bilan serve` as a process: what only a real process shows (its descriptor limit).
@Suite(.serialized) struct ServeCommandTests {
    /// Run out of file descriptors (`ulimit -n 64` and a hundred idle connections), the
    /// server says so, keeps listening, and answers the request that waited once the
    /// idle connections close.
    @Test func keepsListeningAfterRunningOutOfFileDescriptors() throws {
        let project = try BilanBinary.copy(["content", "templates"], of: BilanBinary.packageRoot)
        defer { try? FileManager.default.removeItem(at: project) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "ulimit -n 64 && exec \"$0\" serve --root \"$1\" --port 0", BilanBinary.url.path, project.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = ServeLog()
        errors.fileHandleForReading.readabilityHandler = { log.append($0.availableData) }
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            errors.fileHandleForReading.readabilityHandler = nil
        }
        let port = try #require(
            log.wait(for: 60) { text -> UInt16? in
                guard let range = text.range(of: "serving http://127.0.0.1:") else { return nil }
                return UInt16(text[range.upperBound...].prefix { $0.isNumber })
            })

        let idle = try (0..<100).map { _ in try LoopbackSocket(port: port) }
        let waiting = try LoopbackSocket(port: port)
        try waiting.send("GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        #expect(log.wait(for: 20) { $0.contains("cannot accept connections") ? true : nil } == true)
        for socket in idle { socket.close() }
        let answer = waiting.readAll()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer.prefix(200))")
        #expect(log.wait(for: 20) { $0.contains("accepting connections again") ? true : nil } == true)
        let after = try LoopbackSocket(port: port)
        try after.send("GET /style.css HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n\r\n")
        #expect(after.readAll().hasPrefix("HTTP/1.1 200 OK\r\n"))
    }
}

/// What the server wrote on its standard error so far, read as it comes.
final class ServeLog: @unchecked Sendable {
    // Sendable by hand: `text` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var text = ""

    func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }

    /// The first non-nil `found` of the text, looked at until `seconds` have passed.
    func wait<T>(for seconds: Double, _ found: (String) -> T?) -> T? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let value = found(lock.withLock { text }) { return value }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return found(lock.withLock { text })
    }
}

/// A TCP connection to 127.0.0.1, with blocking reads that give up after 30 s.
struct LoopbackSocket {
    enum Failure: Error { case connect, send }

    let descriptor: Int32

    init(port: UInt16) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure.connect }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw Failure.connect
        }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw Failure.send
        }
    }

    /// Everything received until the server closes the connection (or 30 s of silence).
    func readAll() -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while case let count = recv(descriptor, &buffer, buffer.count, 0), count > 0 {
            data.append(contentsOf: buffer[0..<count])
        }
        close()
        return String(decoding: data, as: UTF8.self)
    }

    func close() { Glibc.close(descriptor) }
}
