import FlyingSocks
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the server sends for one request: an answer, or the event stream of reloads.
enum PreviewReply: Sendable {
    case answer(PreviewResponse)
    case events(AsyncStream<[UInt8]>)
    /// Answered with the reason, and the connection closed.
    case refused(RequestRefusal)
}

/// The time limits of a connection (``PreviewServer/Configuration``).
struct ConnectionLimits: Sendable {
    /// From the end of the last answer (or the connection's start) to the end of the next
    /// request's head: a client that sends its head slowly, or keeps an idle connection,
    /// is closed after this (with 408 when it had sent part of a request).
    var headTimeout: Duration
    /// The longest one write of at most 64 KiB may wait for a client that does not read.
    var writeTimeout: Duration
}

/// One accepted connection: reads request heads (``RequestHeadReader``), asks `reply`
/// and sends the answers, keeping the connection for the next request when the client
/// asks to (HTTP/1.1's default) and the request had no body.
struct PreviewConnection: Sendable {
    let socket: AsyncSocket
    let limits: ConnectionLimits
    let reply: @Sendable (RequestHead) async -> PreviewReply

    /// Serves the connection until it ends, then closes it.
    func run() async {
        defer { try? socket.close() }
        var reader = RequestHeadReader()
        while !Task.isCancelled {
            switch await readHead(&reader) {
            case .incomplete:
                return
            case .refused(let refusal):
                try? await send(refusal)
                return
            case .complete(let head):
                switch await reply(head) {
                case .refused(let refusal):
                    try? await send(refusal)
                    return
                case .events(let stream):
                    try? await sendEvents(stream)
                    return
                case .answer(let response):
                    let keepAlive = head.keepsAlive && !head.hasBody
                    guard (try? await send(response, keepAlive: keepAlive, minorVersion: head.minorVersion)) != nil
                    else { return }
                    guard keepAlive else {
                        if head.hasBody { await closeGently() }
                        return
                    }
                    reader.startNextRequest()
                }
            }
        }
    }

    /// Reads until a head is complete or refused; `.incomplete` when the connection ends
    /// first: closed by the client, or silent for ``ConnectionLimits/headTimeout`` (a
    /// client that had sent part of a request is then answered 408).
    func readHead(_ reader: inout RequestHeadReader) async -> RequestHeadReader.Outcome {
        if reader.hasPendingBytes, case let outcome = reader.read([UInt8]()), outcome != .incomplete { return outcome }
        let deadline = ContinuousClock.now + limits.headTimeout
        let socket = self.socket
        while true {
            let chunk: [UInt8]
            do {
                chunk = try await within(deadline - ContinuousClock.now) { try await socket.read(atMost: 4096) }
            } catch is ConnectionTimeout {
                // The time may have run out on this side (a machine so busy that the
                // connection ran late) with the head already there: what has arrived
                // is read first, and only a head still incomplete is the client's fault.
                let outcome = reader.read(arrivedBytes())
                if outcome != .incomplete { return outcome }
                if reader.hasPendingBytes {
                    try? await send(RequestRefusal(status: 408, reason: "The request took too long to arrive."))
                }
                return .incomplete
            } catch {
                return .incomplete
            }
            let outcome = reader.read(chunk)
            if outcome != .incomplete { return outcome }
        }
    }

    /// The bytes already received, read without waiting (at most the head's limits).
    func arrivedBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        let limit = RequestHeadReader.requestLineLimit + RequestHeadReader.fieldsLimit + 4096
        while bytes.count < limit, let chunk = try? socket.socket.read(atMost: 4096) { bytes += chunk }
        return bytes
    }

    /// Sends an answer: its head, then its body from memory or from its file in chunks.
    func send(_ response: PreviewResponse, keepAlive: Bool, minorVersion: Int) async throws {
        var head = "HTTP/1.1 \(response.status) \(Self.phrase(response.status))\r\n"
        for header in response.headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(response.contentLength)\r\n"
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if minorVersion == 0 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        guard let file = response.file else {
            try await send(head, body: response.body)
            return
        }
        try await write(Data(head.utf8))
        var offset = 0
        while offset < file.size {
            guard let chunk = file.read(at: offset, count: Swift.min(AssetFile.chunkSize, file.size - offset)),
                !chunk.isEmpty
            else { throw SocketError.disconnected }
            try await write(chunk)
            offset += chunk.count
        }
    }

    /// Sends a head and a body from memory, in writes of at most 64 KiB.
    func send(_ head: String, body: [UInt8]) async throws {
        var first = Data(head.utf8)
        let firstPart = Swift.min(body.count, AssetFile.chunkSize)
        first.append(contentsOf: body[0..<firstPart])
        try await write(first)
        var offset = firstPart
        while offset < body.count {
            let end = Swift.min(body.count, offset + AssetFile.chunkSize)
            try await write(Data(body[offset..<end]))
            offset = end
        }
    }

    /// The event stream: sent until the server stops or the client goes away (found at
    /// the next event or ping, whose write fails or times out).
    func sendEvents(_ stream: AsyncStream<[UInt8]>) async throws {
        var head = "HTTP/1.1 200 OK\r\n"
        for header in PreviewResponse.common("text/event-stream; charset=utf-8") {
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        try await write(Data(head.utf8))
        for await event in stream { try await write(Data(event)) }
    }

    func write(_ data: Data) async throws {
        let socket = self.socket
        try await within(limits.writeTimeout) { try await socket.write(data) }
    }

    /// Answers a refused request with its reason; the connection is then closed.
    func send(_ refusal: RequestRefusal) async throws {
        let retry: [(name: String, value: String)] = refusal.status == 503 ? [("Retry-After", "1")] : []
        let response = PreviewResponse.text(refusal.status, refusal.reason + "\n", extra: retry)
        try await send(response, keepAlive: false, minorVersion: 1)
        await closeGently()
    }

    /// Answers the connection with `refusal` before reading anything, and closes it.
    func refuse(_ refusal: RequestRefusal) async {
        defer { try? socket.close() }
        try? await send(refusal)
    }

    /// Before closing a connection the client may still be sending on (the end of an
    /// oversize head, a body): stops writing, then reads and drops what comes for up to
    /// a second and 1 MiB, so that closing does not reset the connection before the
    /// client has read the answer.
    func closeGently() async {
        shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(1)
        let socket = self.socket
        var dropped = 0
        while dropped < 1024 * 1024,
            let chunk = try? await within(deadline - ContinuousClock.now, { try await socket.read(atMost: 4096) })
        {
            dropped += chunk.count
        }
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 414: "URI Too Long"
        case 421: "Misdirected Request"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}

/// A connection's read or write that took longer than its limit.
struct ConnectionTimeout: Error {}

/// Runs `body`, cancelled and ended with ``ConnectionTimeout`` when it takes longer than
/// `limit`.
func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw ConnectionTimeout() }
        return value
    }
}
