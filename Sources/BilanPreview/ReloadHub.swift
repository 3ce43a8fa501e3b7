import Foundation

/// The open event streams of `/_bilan/events` (server-sent events): each rebuild is
/// sent to every page listening, which then reloads.
public actor ReloadHub {
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    public init() {}

    /// How many pages are listening.
    public var count: Int { clients.count }

    /// A new stream that starts with the current version (`event: hello`).
    public func subscribe(version: String) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        clients[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield(Self.event("hello", data: version, retry: 1000))
        return stream
    }

    /// Tells every page that the report was rebuilt.
    public func reload(version: String) {
        for client in clients.values { client.yield(Self.event("reload", data: version)) }
    }

    /// A comment line that keeps idle connections open and finds closed ones.
    public func ping() {
        for client in clients.values { client.yield(Array(": ping\n\n".utf8)) }
    }

    /// Ends every stream (the server is stopping).
    public func finishAll() {
        for client in clients.values { client.finish() }
        clients = [:]
    }

    private func remove(_ id: UUID) { clients[id] = nil }

    static func event(_ name: String, data: String, retry: Int? = nil) -> [UInt8] {
        var text = retry.map { "retry: \($0)\n" } ?? ""
        text += "event: \(name)\ndata: \(data)\n\n"
        return Array(text.utf8)
    }
}
