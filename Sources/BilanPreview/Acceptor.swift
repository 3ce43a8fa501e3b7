import FlyingSocks
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The address `bilan serve` listens on, checked when the server is made.
struct ListeningAddress: Sendable {
    let ip4: sockaddr_in?
    let ip6: sockaddr_in6?

    /// `host` is an IPv4 or IPv6 address, or `localhost` (127.0.0.1).
    init(host: String, port: UInt16) throws {
        let host = host == "localhost" ? "127.0.0.1" : host
        if host.contains(":") {
            ip6 = try sockaddr_in6.inet6(ip6: host, port: port)
            ip4 = nil
        } else {
            ip4 = try sockaddr_in.inet(ip4: host, port: port)
            ip6 = nil
        }
    }

    /// A socket bound to the address and listening.
    func listen() throws -> Socket {
        let socket = try Socket(domain: ip6 == nil ? AF_INET : AF_INET6, type: .stream)
        do {
            try socket.setValue(true, for: .localAddressReuse)
            if let ip6 { try socket.bind(to: ip6) } else if let ip4 { try socket.bind(to: ip4) }
            try socket.listen(maxPendingConnection: 128)
            return socket
        } catch {
            try? socket.close()
            throw error
        }
    }
}

/// The listening socket once it exists, and its port, read by ``PreviewServer/port``.
final class ListenerBox: @unchecked Sendable {
    // Sendable by hand: both are only read and written while `lock` is held.
    private let lock = NSLock()
    private var socket: Socket?
    private var bound: UInt16?

    func set(_ socket: Socket, port: UInt16) {
        lock.withLock {
            self.socket = socket
            bound = port
        }
    }

    var port: UInt16? { lock.withLock { bound } }

    func close() {
        let socket = lock.withLock {
            defer { self.socket = nil }
            return self.socket
        }
        try? socket?.close()
    }
}

/// How many connections are open, against the server's bound.
final class ConnectionCount: @unchecked Sendable {
    // Sendable by hand: `open` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var open = 0

    /// Counts one more connection, unless `limit` are already open.
    func take(limit: Int) -> Bool {
        lock.withLock {
            guard open < limit else { return false }
            open += 1
            return true
        }
    }

    func release() { lock.withLock { open -= 1 } }
}

/// Accepts the connections of `bilan serve` and runs each in a task of its own, at most
/// `maxConnections` at once: past that, a connection is answered 503 at once and closed,
/// never left waiting (and past twice that, closed without a word). When `accept` fails
/// for want of file descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM), the server
/// says so once, waits a little and tries again: it never stops listening, and serves
/// the waiting connections once descriptors are free.
struct Acceptor: Sendable {
    let listener: AsyncSocket
    let maxConnections: Int
    let limits: ConnectionLimits
    let hosts: HostCheck
    let site: PreviewSite
    let hub: ReloadHub
    let log: @Sendable (String) -> Void
    let connections = ConnectionCount()
    /// The connections over the bound being answered 503 (at most `maxConnections` too;
    /// past that, closed at once).
    let refusals = ConnectionCount()

    /// Accepts until cancelled; the connections end with it.
    func run() async {
        await withDiscardingTaskGroup { group in
            var starved = false
            while !Task.isCancelled {
                let client: AsyncSocket
                do {
                    client = try await listener.accept()
                } catch let SocketError.failed(_, number, message) where Self.isShortOfResources(number) {
                    if !starved {
                        log("bilan: warning: cannot accept connections (\(message)): waiting for some to close")
                    }
                    starved = true
                    try? await Task.sleep(for: .milliseconds(100))
                    continue
                } catch let SocketError.failed(_, number, _) where Self.isTransient(number) {
                    continue
                } catch {
                    return  // cancelled, or the listening socket closed
                }
                if starved {
                    log("bilan: accepting connections again")
                    starved = false
                }
                guard connections.take(limit: maxConnections) else {
                    guard refusals.take(limit: maxConnections) else {
                        try? client.close()
                        continue
                    }
                    let connection = PreviewConnection(socket: client, limits: limits, reply: reply)
                    group.addTask { [refusals] in
                        await connection.refuse(Self.busy)
                        refusals.release()
                    }
                    continue
                }
                let connection = PreviewConnection(socket: client, limits: limits, reply: reply)
                group.addTask { [connections] in
                    await connection.run()
                    connections.release()
                }
            }
        }
    }

    /// What the server sends for one request head.
    var reply: @Sendable (RequestHead) async -> PreviewReply {
        { [hosts, site, hub] head in
            if let refusal = hosts.refusal(for: head.field("host")) { return .refused(refusal) }
            let path = head.target.prefix { $0 != "?" && $0 != "#" }
            if path == ReloadScript.eventsPath, head.method == "GET" {
                return .events(await hub.subscribe(version: await site.version))
            }
            return .answer(await site.response(method: head.method, target: head.target))
        }
    }

    static let busy = RequestRefusal(
        status: 503, reason: "bilan serve has too many open connections; try again in a moment.")

    static func isShortOfResources(_ number: Int32) -> Bool {
        [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(number)
    }

    /// Errors of one connection that `accept` reports, after which the next can come.
    static func isTransient(_ number: Int32) -> Bool {
        [ECONNABORTED, EINTR, EPROTO, EPERM, ENETDOWN, EHOSTUNREACH, ENETUNREACH].contains(number)
    }
}
