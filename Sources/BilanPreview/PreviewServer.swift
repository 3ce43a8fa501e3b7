import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import FlyingFox
import FlyingSocks
import Foundation

/// `bilan serve`: the report built in memory and served over HTTP, rebuilt when a file
/// of `content/` or `templates/` changes, with open pages reloaded through server-sent
/// events (`/_bilan/events`).
///
/// This is the only file that knows the HTTP library (FlyingFox); what is served is
/// decided by ``PreviewSite``.
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
        /// Where the server says what it does (the URL, each rebuild).
        public var log: @Sendable (String) -> Void

        public init(
            projectRoot: URL, host: String = "127.0.0.1", port: UInt16 = 8000, drafts: Bool = true,
            pollInterval: Duration = .milliseconds(300), debounce: Duration = .milliseconds(150),
            log: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.projectRoot = projectRoot
            self.host = host
            self.port = port
            self.drafts = drafts
            self.pollInterval = pollInterval
            self.debounce = debounce
            self.log = log
        }

        /// Whether `host` is a loopback address (only this machine can connect).
        public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.") }
    }

    public let configuration: Configuration
    public let site: PreviewSite
    let hub = ReloadHub()
    let server: HTTPServer
    let tasks = TaskBox()

    /// Builds the report once and prepares the server (it listens on ``start()``).
    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        let address: any SocketAddress =
            host.contains(":")
            ? try sockaddr_in6.inet6(ip6: host, port: configuration.port)
            : try sockaddr_in.inet(ip4: host, port: configuration.port)
        server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled))
        site = PreviewSite(
            options: BuildOptions(projectRoot: configuration.projectRoot, drafts: configuration.drafts, write: false))
    }

    /// Starts listening and watching; returns the port listened on.
    @discardableResult
    public func start() async throws -> UInt16 {
        let site = self.site
        let hub = self.hub
        await server.appendRoute("*") { request in
            await Self.respond(to: request, site: site, hub: hub)
        }
        let server = self.server
        let failure = FailureBox()
        tasks.add(Task {
            do { try await server.run() } catch { failure.error = error }
        })
        // Listening, or the reason it could not (a port in use), whichever comes first.
        let deadline = ContinuousClock.now + .seconds(10)
        while !(await server.isListening) {
            if let error = failure.error { throw error }
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(5))
        }
        tasks.add(Task { [weak self] in await self?.watch() })
        tasks.add(Task { [hub] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                await hub.ping()
            }
        })
        return await port
    }

    /// The port listened on (useful with port 0).
    public var port: UInt16 {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port), .ip6(_, let port): return port
            default: return configuration.port
            }
        }
    }

    /// The address to open in a browser.
    public var url: String {
        get async {
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            return "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(await port)/"
        }
    }

    /// Stops watching, ends the event streams and closes the server.
    public func stop() async {
        tasks.cancelAll()
        await hub.finishAll()
        await server.stop(timeout: 1)
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
            return (["bilan: rebuilt \(what) in \(time): FAILED, \(rebuild.errors) errors (shown in the page)"] + errors)
                .joined(separator: "\n")
        }
        return "bilan: rebuilt \(what) in \(time) (\(rebuild.warnings) warnings)"
    }

    // MARK: - Requests

    static func respond(to request: HTTPRequest, site: PreviewSite, hub: ReloadHub) async -> HTTPResponse {
        let target = request.target.path()
        if target == ReloadScript.eventsPath, request.method == .GET {
            let stream = await hub.subscribe(version: await site.version)
            var headers = HTTPHeaders()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventBytes(stream: stream)))
        }
        let answer = await site.response(method: request.method.rawValue, target: target)
        var headers = HTTPHeaders()
        for header in answer.headers { headers[HTTPHeader(header.name)] = header.value }
        return HTTPResponse(
            statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: headers,
            body: Data(answer.body))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}

/// The bytes of an event stream, as FlyingFox sends a body of unknown length (chunked):
/// each event is written as soon as it is yielded.
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk
            }
            let taken = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}

/// The error that ended the server's task, read by ``PreviewServer/start()``.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// The server's background tasks, cancelled together on stop.
final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []

    func add(_ task: Task<Void, Never>) {
        lock.lock()
        tasks.append(task)
        lock.unlock()
    }

    func cancelAll() {
        lock.lock()
        let all = tasks
        tasks = []
        lock.unlock()
        for task in all { task.cancel() }
    }
}

extension PreviewServer {
    /// Whether starting failed because another program listens on the port.
    public static func isAddressInUse(_ error: any Error) -> Bool {
        if case .failed(_, let number, _) = error as? SocketError { return number == EADDRINUSE }
        return false
    }
}
