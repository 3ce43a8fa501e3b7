import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import BilanTestSupport
import Foundation
import Testing
@testable import BilanPreview

/// Runs blocking socket work on a thread of its own, never on the concurrency pool the
/// server runs on (two cores give a pool of two threads).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// A server on a free loopback port over a fresh copy of the fixture project.
struct RunningServer {
    let project: URL
    let server: PreviewServer
    let http: RawHTTP

    static func start(prepare: (URL) throws -> Void = { _ in }) async throws -> RunningServer {
        let project = try FixtureProjects.copy()
        try prepare(project)
        let server = try PreviewServer(
            PreviewServer.Configuration(
                projectRoot: project, port: 0, pollInterval: .milliseconds(50), debounce: .milliseconds(50)))
        let port = try await server.start()
        return RunningServer(project: project, server: server, http: RawHTTP(port: port))
    }

    func get(_ target: String) async throws -> RawHTTP.Response {
        let http = self.http
        return try await offPool { try http.get(target) }
    }

    func request(_ method: String, _ target: String) async throws -> RawHTTP.Response {
        let http = self.http
        return try await offPool { try http.request(method, target) }
    }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let url = project.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try change(text).write(to: url, atomically: true, encoding: .utf8)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: project.deletingLastPathComponent())
    }
}

@Suite(.serialized) struct PreviewServerTests {
    /// The server sends what the site answers: status, headers and body, HEAD without a
    /// body, a redirect. What is answered is tested in process (PreviewSiteTests).
    @Test func sendsWhatTheSiteAnswers() async throws {
        let running = try await RunningServer.start()
        for target in ["/fr/", "/style.css", "/assets/logo.svg", "/fr", "/nothing"] {
            let sent = try await running.get(target)
            let answer = await running.server.site.response(method: "GET", target: target)
            #expect(sent.status == answer.status, "\(target)")
            for header in answer.headers {
                #expect(sent.headers[header.name.lowercased()] == header.value, "\(target): \(header.name)")
            }
            #expect(sent.body == Data(answer.body), "\(target)")
        }
        let head = try await running.request("HEAD", "/fr/")
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/html; charset=utf-8")
        #expect(head.body.isEmpty)
        // Stopped here, not in a defer that cannot wait: the next test starts clean.
        await running.stop()
    }

    @Test func refusesEveryPathThatClimbsOutAndEveryMethodButGetAndHead() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bilan-secret-\(UUID().uuidString).txt")
        try Data("TOP SECRET\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let running = try await RunningServer.start { project in
            try FileManager.default.createSymbolicLink(
                at: project.appendingPathComponent("content/assets/secret.txt"), withDestinationURL: outside)
        }
        let attempts = [
            "/../content/report.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/fr/..%2f..%2fcontent%2freport.yaml",
            "//etc/passwd", "/fr/index.html%00", "/fr/%00", "/..\\content\\report.yaml",
            "/fr\\..\\..\\content\\report.yaml",
            "/%5c..%5ccontent%5creport.yaml", "/fr/../../content/report.yaml", "/fr/%2E%2E/%2E%2E/content/report.yaml",
            "/content/report.yaml", "/assets/secret.txt", "/assets/", "/fr/sections/", "/etc/passwd",
            "/%2fetc%2fpasswd", "/fr/./index.html", "/_bilan/", "/_bilan/../content/report.yaml", "*",
            "http://127.0.0.1/../content/report.yaml",
        ]
        for target in attempts {
            let response = try await running.get(target)
            #expect(response.status == 404, "\(target) gave \(response.status)")
            #expect(
                !response.text.contains("TOP SECRET") && !response.text.contains("organization:")
                    && !response.text.contains("root:"))
        }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let response = try await running.request(method, "/fr/")
            #expect(response.status == 405, "\(method) gave \(response.status)")
            #expect(response.headers["allow"] == "GET, HEAD")
        }
        // Stopped here, not in a defer that cannot wait: the next test starts clean.
        await running.stop()
    }

    @Test func aChangeSendsAReloadEvent() async throws {
        let running = try await RunningServer.start()
        let http = running.http
        let events = try await offPool { () -> Int32 in
            let fd = try http.connect(timeout: 10)
            try http.send(fd, "GET /_bilan/events HTTP/1.1\r\nHost: \(http.host)\r\n\r\n")
            let hello = String(
                decoding: http.read(fd) { String(decoding: $0, as: UTF8.self).contains("event: hello") }, as: UTF8.self)
            guard hello.contains("text/event-stream") else { throw RawHTTP.Failure.malformed(hello) }
            return fd
        }
        defer { close(events) }
        try running.edit("content/sections/020-membres.fr.md") { $0 + "\nUne phrase de plus.\n" }
        let received = try await offPool {
            String(
                decoding: http.read(events) { String(decoding: $0, as: UTF8.self).contains("event: reload") },
                as: UTF8.self)
        }
        #expect(received.contains("event: reload"))
        let page = try await running.get("/fr/")
        #expect(page.text.contains("Une phrase de plus."))
        // Stopped here, not in a defer that cannot wait: the next test starts clean.
        await running.stop()
    }
}

@Suite struct SitePathTests {
    @Test func resolvesFoldersToTheirIndex() {
        #expect(SitePath.resolve("/") == .file("index.html"))
        #expect(SitePath.resolve("/fr/") == .file("fr/index.html"))
        #expect(SitePath.resolve("/fr/index.html?x=1#top") == .file("fr/index.html"))
        #expect(SitePath.resolve("/assets/photo%20cuisine.jpg") == .file("assets/photo cuisine.jpg"))
    }

    @Test(arguments: [
        "", "fr/index.html", "//etc/passwd", "/../x", "/a/../b", "/./a", "/%2e%2e/x", "/a%2fb", "/a%2Fb", "/a%5cb",
        "/a\\b",
        "/a%00", "/a%0a", "/%zz", "/a//b",
    ])
    func refuses(_ target: String) {
        #expect(SitePath.resolve(target) == .refused)
    }
}
