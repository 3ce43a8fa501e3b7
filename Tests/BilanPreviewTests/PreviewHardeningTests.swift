import BilanBase
import BilanBuild
import BilanTestSupport
import Foundation
import Testing
@testable import BilanPreview

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the site sends for project files and while a rebuild runs, in process.
@Suite struct PreviewSiteFileTests {
    @Test func sendsLargeFilesFromDiskAndSmallOnesFromMemory() async throws {
        let big = (0..<(3 * PreviewSite.inlineLimit + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let site = try SiteUnderTest { project in
            try Data(big).write(to: project.appendingPathComponent("content/assets/video.bin"))
        }
        defer { site.remove() }
        let response = await site.get("/assets/video.bin")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.contentLength == big.count)
        let file = try #require(response.file)
        #expect(file.readAll() == big)
        let head = await site.site.response(method: "HEAD", target: "/assets/video.bin")
        #expect(head.file == nil && head.body.isEmpty && head.contentLength == big.count)
        let logo = await site.get("/assets/logo.svg")
        #expect(logo.file == nil && !logo.body.isEmpty && logo.contentLength == logo.body.count)
    }

    /// A FIFO where the plan lists a file is refused at once: never opened, never read.
    @Test func refusesAFIFOInPlaceOfAFileWithoutWaiting() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        let logo = site.project.appendingPathComponent("content/assets/logo.svg")
        try FileManager.default.removeItem(at: logo)
        #expect(mkfifo(logo.path, 0o600) == 0)
        let response = await site.get("/assets/logo.svg")
        #expect(response.status == 404)
        #expect(AssetFile(path: logo.path) == nil)
        #expect(AssetFile(path: site.project.appendingPathComponent("content").path) == nil, "a folder")
    }

    /// A rebuild that meets a FIFO (figures.yaml turned into one, whose `open` would wait
    /// for a writer) holds no request: while it runs they are answered from the last
    /// build, and once it has ended on the FIFO's error, with the error page.
    @Test func requestsAreAnsweredWhileARebuildIsBlocked() async throws {
        let site = try SiteUnderTest()
        defer { site.remove() }
        let figures = site.project.appendingPathComponent("content/figures.yaml")
        let text = try Data(contentsOf: figures)
        try FileManager.default.removeItem(at: figures)
        #expect(mkfifo(figures.path, 0o600) == 0)
        let finished = Finished()
        let rebuild = Task {
            let outcome = await site.site.update()
            await finished.set()
            return outcome
        }
        try await Task.sleep(for: .milliseconds(300))
        for target in ["/style.css", "/fr/", "/assets/logo.svg"] {
            let status = await site.get(target).status
            // The error page comes only from a rebuild that has ended (its task may still be
            // between the site's switch and its own last line).
            var ended = await finished.value
            for _ in 0..<500 where status == 500 && !ended {
                try await Task.sleep(for: .milliseconds(10))
                ended = await finished.value
            }
            #expect(status == 200 || (ended && status == 500), "\(target): \(status)")
        }
        // Unblock the rebuild each time it waits on the FIFO for a writer (a build that
        // refuses FIFOs never opens it, and ends by itself).
        let deadline = ContinuousClock.now + .seconds(60)
        while !(await finished.value), ContinuousClock.now < deadline {
            let writer = open(figures.path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 {
                _ = text.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                close(writer)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await finished.value, "the rebuild ended")
        if await finished.value { _ = await rebuild.value }
    }
}

/// Set once a task has ended.
actor Finished {
    private(set) var value = false
    func set() { value = true }
}

extension RunningServer {
    /// A server with small limits, so that tests reach them quickly.
    static func startLimited(
        maxConnections: Int = 4, headTimeout: Duration = .seconds(1)
    ) async throws -> RunningServer {
        let project = try FixtureProjects.copy()
        try Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            .write(to: project.appendingPathComponent("content/assets/big.bin"))
        let server = try PreviewServer(
            PreviewServer.Configuration(
                projectRoot: project, port: 0, pollInterval: .seconds(60), maxConnections: maxConnections,
                headTimeout: headTimeout))
        let port = try await server.start()
        return RunningServer(project: project, server: server, http: RawHTTP(port: port))
    }

    /// Sends `text` as is on a new connection and reads until the server closes it.
    func raw(_ text: String) async throws -> String {
        let http = self.http
        return try await offPool {
            let fd = try http.connect(timeout: 10)
            defer { close(fd) }
            try? http.send(fd, text)
            return String(decoding: http.read(fd) { _ in false }, as: UTF8.self)
        }
    }
}

/// The preview server's limits over real sockets: oversize heads, foreign hosts, too
/// many connections, slow clients, keep-alive and streamed files.
@Suite(.serialized) struct PreviewServerLimitsTests {
    @Test func refusesOversizeHeadsAndKeepsServing() async throws {
        let running = try await RunningServer.startLimited()
        let host = running.http.host
        let target = "/" + String(repeating: "a", count: 9000)
        let longLine = try await running.raw("GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(longLine.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
        #expect(longLine.contains("Connection: close"))
        let megabyte = String(repeating: "h", count: 1 << 20)
        let bigHeader = try await running.raw("GET / HTTP/1.1\r\nHost: \(host)\r\nX-Big: \(megabyte)\r\n\r\n")
        #expect(bigHeader.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        let malformed = try await running.raw("GET  / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(malformed.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(try await running.get("/fr/").status == 200)
        await running.stop()
    }

    @Test func refusesForeignHostNames() async throws {
        let running = try await RunningServer.startLimited()
        let port = running.http.port
        for host in ["evil.example:\(port)", "127.0.0.1:\(port + 1)", "attacker.test"] {
            let answer = try await running.raw("GET /fr/ HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"), "\(host)")
            #expect(!answer.contains("<html"), "\(host)")
        }
        let noHost = try await running.raw("GET /fr/ HTTP/1.1\r\n\r\n")
        #expect(noHost.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        for host in ["localhost:\(port)", "[::1]:\(port)"] {
            let answer = try await running.raw("GET /fr/ HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(host)")
        }
        await running.stop()
    }

    /// Past the bound, a connection is answered 503 at once; once the idle ones time out,
    /// the server answers again.
    @Test func boundsTheConnectionsAndRecoversFromIdleOnes() async throws {
        let running = try await RunningServer.startLimited(maxConnections: 4, headTimeout: .seconds(3))
        let http = running.http
        let idle = try await offPool { try (0..<4).map { _ in try http.connect(timeout: 10) } }
        // Once the server has taken the four (on a loaded machine it may take a while), the
        // next connection is refused.
        var refused = ""
        for _ in 0..<100 {
            refused = try await running.raw("GET /fr/ HTTP/1.1\r\nHost: \(http.host)\r\n\r\n")
            if refused.hasPrefix("HTTP/1.1 503 ") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(refused.contains("Retry-After: 1"))
        // The idle connections are closed by the server after the head timeout.
        let closed = try await offPool { idle.map { http.read($0) { _ in false }.isEmpty } }
        #expect(closed.allSatisfy { $0 })
        for fd in idle { close(fd) }
        #expect(try await running.get("/fr/").status == 200)
        await running.stop()
    }

    /// A client that sends its head slowly gets 408 after the head timeout, and holds
    /// nobody else up meanwhile.
    @Test func aSlowClientTimesOutWithoutHoldingOthers() async throws {
        let running = try await RunningServer.startLimited(headTimeout: .seconds(5))
        let http = running.http
        let slow = try await offPool { () -> Int32 in
            let fd = try http.connect(timeout: 10)
            try http.send(fd, "GET /fr/ HTTP/1.1\r\nHo")
            return fd
        }
        defer { close(slow) }
        #expect(try await running.get("/style.css").status == 200)
        // Answered while the slow client still waits: nothing has been sent to it yet.
        var byte: UInt8 = 0
        #expect(recv(slow, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK)) < 0, "answered while the slow client waits")
        let answer = try await offPool { String(decoding: http.read(slow) { _ in false }, as: UTF8.self) }
        #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        await running.stop()
    }

    @Test func keepsConnectionsAliveAndStreamsLargeFiles() async throws {
        let running = try await RunningServer.startLimited()
        let http = running.http
        let host = http.host
        // Two requests pipelined on one connection, answered in order on it.
        let both = try await running.raw(
            "GET /style.css HTTP/1.1\r\nHost: \(host)\r\n\r\n"
                + "HEAD /fr/ HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        #expect(both.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(both.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3)
        #expect(both.hasSuffix("\r\n\r\n"), "HEAD has no body")
        // A request with a body is answered, then its connection closed.
        let post = try await running.raw("POST /fr/ HTTP/1.1\r\nHost: \(host)\r\nContent-Length: 5\r\n\r\nhello")
        #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") && post.contains("Connection: close"))
        let big = try await running.get("/assets/big.bin")
        let onDisk = try Data(contentsOf: running.project.appendingPathComponent("content/assets/big.bin"))
        #expect(big.status == 200)
        #expect(big.headers["content-length"] == String(onDisk.count))
        #expect(big.body == onDisk)
        await running.stop()
    }
}
