import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP client over a plain TCP socket, so that a test can send exactly the
/// request target it means (`/../x`, `%2e%2e`, backslashes…) without a library tidying
/// it first.
struct RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error { case connect, send, malformed(String) }

    let port: UInt16

    /// The `Host` field the server accepts: the loopback address with the port.
    var host: String { "127.0.0.1:\(port)" }

    /// Connects to 127.0.0.1 with a receive timeout: generous, since the server shares two
    /// cores with the rest of the suite (a 50 MB build can hold both for seconds).
    func connect(timeout seconds: Int = 30) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure.connect }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure.connect
        }
        return fd
    }

    func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure.send }
            sent += count
        }
    }

    /// Reads what arrives until `done` says so, the connection closes or the timeout.
    func read(_ fd: Int32, until done: (Data) -> Bool) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(data) {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    /// Sends one request with `method` and the raw `target`, and reads the response.
    func request(_ method: String, _ target: String) throws -> Response {
        let fd = try connect()
        defer { close(fd) }
        try send(fd, "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        let data = read(fd) { data in
            guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return false }
            let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
            let length = Self.headers(head)["content-length"].flatMap(Int.init) ?? 0
            return method == "HEAD" || data.count - end.upperBound >= length
        }
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure.malformed(String(decoding: data, as: UTF8.self))
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure.malformed(head) }
        return Response(status: status, headers: Self.headers(head), body: Data(data[end.upperBound...]))
    }

    func get(_ target: String) throws -> Response { try request("GET", target) }

    static func headers(_ head: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
