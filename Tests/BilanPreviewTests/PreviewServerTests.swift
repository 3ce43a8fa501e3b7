import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
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

/// A copy of BilanCoreTests' valid fixture project in a temporary folder.
func fixtureCopy() throws -> URL {
    let valid = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BilanCoreTests/Fixtures/projects/valid")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-preview-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let project = folder.appendingPathComponent("project")
    try FileManager.default.copyItem(at: valid, to: project)
    return project
}

/// A server on a free loopback port over a fresh copy of the fixture project.
struct RunningServer {
    let project: URL
    let server: PreviewServer
    let http: RawHTTP

    static func start(prepare: (URL) throws -> Void = { _ in }) async throws -> RunningServer {
        let project = try fixtureCopy()
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

    /// Asks for `target` until `condition` holds (rebuilds are asynchronous).
    func waitFor(_ target: String, seconds: Double = 10, _ condition: (RawHTTP.Response) -> Bool) async throws -> RawHTTP.Response {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try await get(target)
        while !condition(last) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            last = try await get(target)
        }
        return last
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
    @Test func servesTheReportWithDraftsTracesAndTheReloadScript() async throws {
        let running = try await RunningServer.start()
        let page = try await running.get("/fr/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["cache-control"] == "no-store")
        #expect(page.text.contains("class=\"draft-banner\""))
        #expect(page.text.contains("class=\"figure-trace\""))
        #expect(page.text.contains("new EventSource(\"/_bilan/events\")"))
        #expect(try await running.get("/fr/index.html").text == page.text)

        let css = try await running.get("/style.css")
        #expect(css.status == 200)
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        #expect(!css.text.contains("EventSource"))
        let logo = try await running.get("/assets/logo.svg")
        #expect(logo.status == 200)
        #expect(logo.headers["content-type"] == "image/svg+xml")
        let folder = try await running.get("/fr")
        #expect(folder.status == 301)
        #expect(folder.headers["location"] == "/fr/")
        let head = try await running.request("HEAD", "/fr/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        // Nothing was written to the project.
        #expect(!FileManager.default.fileExists(atPath: running.project.appendingPathComponent("output").path))
        // Stopped here, not in a defer that cannot wait: the next test starts clean.
        await running.stop()
    }

    @Test func refusesEveryPathThatClimbsOutAndEveryMethodButGetAndHead() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-secret-\(UUID().uuidString).txt")
        try Data("TOP SECRET\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let running = try await RunningServer.start { project in
            try FileManager.default.createSymbolicLink(
                at: project.appendingPathComponent("content/assets/secret.txt"), withDestinationURL: outside)
        }
        let attempts = [
            "/../content/report.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/fr/..%2f..%2fcontent%2freport.yaml",
            "//etc/passwd", "/fr/index.html%00", "/fr/%00", "/..\\content\\report.yaml", "/fr\\..\\..\\content\\report.yaml",
            "/%5c..%5ccontent%5creport.yaml", "/fr/../../content/report.yaml", "/fr/%2E%2E/%2E%2E/content/report.yaml",
            "/content/report.yaml", "/assets/secret.txt", "/assets/", "/fr/sections/", "/etc/passwd",
            "/%2fetc%2fpasswd", "/fr/./index.html", "/_bilan/", "/_bilan/../content/report.yaml", "*",
            "http://127.0.0.1/../content/report.yaml",
        ]
        for target in attempts {
            let response = try await running.get(target)
            #expect(response.status == 404, "\(target) gave \(response.status)")
            #expect(!response.text.contains("TOP SECRET") && !response.text.contains("organization:") && !response.text.contains("root:"))
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
            try http.send(fd, "GET /_bilan/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let hello = String(decoding: http.read(fd) { String(decoding: $0, as: UTF8.self).contains("event: hello") }, as: UTF8.self)
            guard hello.contains("text/event-stream") else { throw RawHTTP.Failure.malformed(hello) }
            return fd
        }
        defer { close(events) }
        try running.edit("content/sections/020-membres.fr.md") { $0 + "\nUne phrase de plus.\n" }
        let received = try await offPool {
            String(decoding: http.read(events) { String(decoding: $0, as: UTF8.self).contains("event: reload") }, as: UTF8.self)
        }
        #expect(received.contains("event: reload"))
        let page = try await running.get("/fr/")
        #expect(page.text.contains("Une phrase de plus."))
        // Stopped here, not in a defer that cannot wait: the next test starts clean.
        await running.stop()
    }

    @Test func aFailedRebuildShowsItsErrorsUntilTheFileIsFixed() async throws {
        let running = try await RunningServer.start()
        let file = "content/sections/020-membres.fr.md"
        let original = try String(contentsOf: running.project.appendingPathComponent(file), encoding: .utf8)
        try running.edit(file) { $0.replacingOccurrences(of: "title:", with: "title: [<b>broken", options: [], range: $0.range(of: "title:")) }
        let failed = try await running.waitFor("/fr/") { $0.status == 500 }
        #expect(failed.status == 500)
        #expect(failed.text.contains("class=\"build-failed\""))
        #expect(failed.text.contains("content/sections/020-membres.fr.md:"))
        #expect(failed.text.contains("[yaml-syntax]"))
        #expect(failed.text.contains("EventSource"))
        #expect(!failed.text.contains("<b>broken"))
        try original.write(to: running.project.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let back = try await running.waitFor("/fr/") { $0.status == 200 }
        #expect(back.status == 200)
        #expect(back.text.contains("class=\"draft-banner\""))
        // Stopped here, not in a defer that cannot wait: the next test starts clean.
        await running.stop()
    }

    @Test func servesTheLanguagesSideBySide() async throws {
        let running = try await RunningServer.start()
        let index = try await running.get("/_bilan/side-by-side/")
        #expect(index.status == 200)
        #expect(index.text.contains("href=\"/_bilan/side-by-side/020-membres\""))
        let pair = try await running.get("/_bilan/side-by-side/020-membres")
        #expect(pair.status == 200)
        #expect(pair.text.contains("class=\"sbs-column sbs-source\" lang=\"fr\""))
        #expect(pair.text.contains("lang=\"en\""))
        #expect(pair.text.contains("EventSource"))
        #expect(try await running.get("/_bilan/side-by-side/all").status == 200)
        #expect(try await running.get("/_bilan/side-by-side/999-nothing").status == 404)
        #expect(try await running.get("/_bilan/side-by-side").status == 301)
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
        "", "fr/index.html", "//etc/passwd", "/../x", "/a/../b", "/./a", "/%2e%2e/x", "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b",
        "/a%00", "/a%0a", "/%zz", "/a//b",
    ])
    func refuses(_ target: String) {
        #expect(SitePath.resolve(target) == .refused)
    }
}
