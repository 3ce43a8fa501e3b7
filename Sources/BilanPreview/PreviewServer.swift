import BilanBase
import BilanInputs
import BilanRender
import BilanBuild
import FlyingSocks
public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `bilan serve`: the report built in memory and served over HTTP, rebuilt when a file
/// of `content/` or `templates/` changes, with open pages reloaded through server-sent
/// events (`/_bilan/events`).
///
/// The HTTP layer is bilan's own, on FlyingSocks' non-blocking sockets (no
/// FoundationNetworking, so the binary links statically): ``RequestHeadReader`` reads
/// each request head within its limits, ``HostCheck`` refuses foreign host names,
/// ``PreviewConnection`` sends the answers. What is served is decided by ``PreviewSite``.
/// At most ``Configuration/maxConnections`` connections are open at once (the next
/// ones are answered 503 and closed); when the process runs out of file descriptors,
/// the server waits and accepts again as soon as some are closed.
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var projectRoot: URL
        /// The address to listen on: loopback unless asked otherwise.
        public var host: String
        /// 0 picks a free port.
        public var port: UInt16
        /// Build with the draft sections (with their banner) and figure traces.
        public var drafts: Bool
        /// How often the project's files are looked at.
        public var pollInterval: Duration
        /// How long the files must stay unchanged before a rebuild (an editor saving
        /// several files, or writing one in steps).
        public var debounce: Duration
        /// The most connections open at once, event streams included.
        public var maxConnections: Int
        /// How long a connection may take to send a request head, or stay idle between
        /// two requests.
        public var headTimeout: Duration
        /// How long one write may wait for a client that does not read.
        public var writeTimeout: Duration
        /// Where the server says what it does (the URL, each rebuild).
        public var log: @Sendable (String) -> Void

        public init(
            projectRoot: URL, host: String = "127.0.0.1", port: UInt16 = 8000, drafts: Bool = true,
            pollInterval: Duration = .milliseconds(300), debounce: Duration = .milliseconds(150),
            maxConnections: Int = 128, headTimeout: Duration = .seconds(10), writeTimeout: Duration = .seconds(30),
            log: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.projectRoot = projectRoot
            self.host = host
            self.port = port
            self.drafts = drafts
            self.pollInterval = pollInterval
            self.debounce = debounce
            self.maxConnections = maxConnections
            self.headTimeout = headTimeout
            self.writeTimeout = writeTimeout
            self.log = log
        }

        /// Whether `host` is a loopback address (only this machine can connect).
        public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.") }
    }

    public let configuration: Configuration
    public let site: PreviewSite
    let hub = ReloadHub()
    let address: ListeningAddress
    let listener = ListenerBox()
    let tasks = TaskBox()
    let executor = PreviewExecutor()

    /// Builds the report once and prepares the server (it listens on ``start()``).
    /// Throws when `configuration.host` is not an IP address.
    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        address = try ListeningAddress(host: configuration.host, port: configuration.port)
        site = PreviewSite(
            options: BuildOptions(projectRoot: configuration.projectRoot, drafts: configuration.drafts, write: false))
    }

    /// Starts listening and watching; returns the port listened on. Throws a
    /// `SocketError` when the address cannot be listened on (a port in use).
    @discardableResult
    public func start() async throws -> UInt16 {
        let socket = try address.listen()
        let port: UInt16
        switch try socket.sockname() {
        case .ip4(_, let bound), .ip6(_, let bound): port = bound
        case .unix: port = configuration.port
        }
        listener.set(socket, port: port)
        let pool = SocketPool.make(maxEvents: 64)
        try await pool.prepare()
        let listening = try AsyncSocket(socket: socket, pool: pool)
        let executor = self.executor
        tasks.add(Task(executorPreference: executor) { try? await pool.run() })
        let accepting = Acceptor(
            listener: listening, maxConnections: configuration.maxConnections,
            limits: ConnectionLimits(headTimeout: configuration.headTimeout, writeTimeout: configuration.writeTimeout),
            hosts: HostCheck(listeningOn: configuration.host, port: port), site: site, hub: hub, log: configuration.log)
        tasks.add(Task(executorPreference: executor) { await accepting.run() })
        tasks.add(Task(executorPreference: executor) { [weak self] in await self?.watch() }, awaited: false)
        tasks.add(
            Task(executorPreference: executor) { [hub] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(10))
                    await hub.ping()
                }
            })
        return port
    }

    /// The port listened on (useful with port 0).
    public var port: UInt16 {
        get async { listener.port ?? configuration.port }
    }

    /// The address to open in a browser.
    public var url: String {
        get async {
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            return "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(await port)/"
        }
    }

    /// Stops watching, ends the event streams and the connections, closes the socket.
    public func stop() async {
        await hub.finishAll()
        await tasks.cancelAndWait()
        listener.close()
    }

    /// Looks at the project's files every `pollInterval`; once a change has settled for
    /// `debounce`, rebuilds and tells the pages.
    func watch() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.pollInterval)
            // Compared with the files the last build read, so no change is missed.
            guard await site.hasChanges() else { continue }
            // Wait until the files stop changing.
            var seen = ProjectSnapshot.take(projectRoot: configuration.projectRoot)
            while !Task.isCancelled {
                try? await Task.sleep(for: configuration.debounce)
                let now = ProjectSnapshot.take(projectRoot: configuration.projectRoot)
                if now == seen { break }
                seen = now
            }
            guard let rebuild = await site.update() else { continue }
            configuration.log(Self.describe(rebuild))
            await hub.reload(version: await site.version)
        }
    }

    /// The log line of a rebuild: what was rebuilt, how long it took, the outcome.
    public static func describe(_ rebuild: PreviewSite.Rebuild) -> String {
        let what: String
        switch rebuild.scope {
        case .none: what = "nothing"
        case .full: what = "everything"
        case .figures: what = "data, figures and sections"
        case .allSections: what = "every section"
        case .sections(let files): what = files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        }
        let time = String(format: "%.1f ms", rebuild.seconds * 1000)
        guard rebuild.succeeded else {
            let errors = rebuild.diagnostics.filter { $0.severity == .error }.map { "  " + $0.formatted }
            let failed = Counted.english(rebuild.errors, "error")
            return (["bilan: rebuilt \(what) in \(time): FAILED, \(failed) (shown in the page)"] + errors)
                .joined(separator: "\n")
        }
        return "bilan: rebuilt \(what) in \(time) (\(Counted.english(rebuild.warnings, "warning")))"
    }
}

/// The server's background tasks, cancelled together on stop.
final class TaskBox: @unchecked Sendable {
    // Sendable by hand: `tasks` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var tasks: [(task: Task<Void, Never>, awaited: Bool)] = []

    /// `awaited`: whether ``cancelAndWait()`` waits for it to end. The watcher is not
    /// waited for: it may be waiting for a rebuild that never ends (a FIFO's `open`).
    func add(_ task: Task<Void, Never>, awaited: Bool = true) {
        lock.withLock { tasks.append((task, awaited)) }
    }

    /// Cancels every task, then waits for the awaited ones to end.
    func cancelAndWait() async {
        let all = lock.withLock {
            defer { tasks = [] }
            return tasks
        }
        for entry in all { entry.task.cancel() }
        for entry in all where entry.awaited { await entry.task.value }
    }
}

extension PreviewServer {
    /// Whether starting failed because another program listens on the port.
    public static func isAddressInUse(_ error: any Error) -> Bool {
        if case .failed(_, let number, _) = error as? SocketError { return number == EADDRINUSE }
        return false
    }
}
