import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

/// An HTTP answer, independent of the server library.
public struct PreviewResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The site `bilan serve` shows: the report built in memory (drafts included), rebuilt
/// incrementally, and the answers to requests for it.
///
/// It serves only what the build planned: generated files from memory, and copied
/// project files only when the plan lists them, read from inside the project (a
/// symbolic link that leads out is refused). While the last rebuild failed, every page
/// is the error page listing its diagnostics.
public actor PreviewSite {
    public static let sideBySidePath = "_bilan/side-by-side/"

    let build: IncrementalBuild
    let projectRoot: URL
    /// Changes with each rebuild; a page compares it with the one it was served with.
    public private(set) var version: String
    private let session = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private var generation = 0
    private var sideBySide: (generation: Int, view: SideBySide)?

    /// Builds the report once. `options.write` is ignored and drafts are shown unless
    /// `options.drafts` is false.
    public init(options: BuildOptions) {
        self.projectRoot = options.projectRoot
        self.build = IncrementalBuild(options: options)
        self.version = "\(session)-0"
    }

    /// What one rebuild did, for the log line.
    public struct Rebuild: Sendable {
        public var scope: IncrementalBuild.Scope
        public var seconds: Double
        public var errors: Int
        public var warnings: Int
        public var succeeded: Bool
        /// The build's diagnostics, sorted.
        public var diagnostics: [Diagnostic]
    }

    /// The first build's outcome, or the last one's.
    public var lastBuild: Rebuild {
        Rebuild(
            scope: build.lastScope, seconds: build.result.timings.reduce(0) { $0 + $1.seconds },
            errors: build.result.errorCount, warnings: build.result.warningCount, succeeded: build.result.plan != nil,
            diagnostics: build.result.diagnostics)
    }

    public var diagnostics: [Diagnostic] { build.result.diagnostics }

    /// Whether a file changed since the last build.
    public func hasChanges() -> Bool { !build.changedFiles().isEmpty }

    /// Rebuilds what changed on disk; nil when nothing changed.
    public func update() -> Rebuild? {
        let start = DispatchTime.now()
        let scope = build.update()
        guard scope != .none else { return nil }
        generation += 1
        version = "\(session)-\(generation)"
        var rebuild = lastBuild
        rebuild.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return rebuild
    }

    // MARK: - Answers

    /// The answer to `method` on the raw (percent-encoded) request target.
    public func response(method: String, target: String) -> PreviewResponse {
        guard method == "GET" || method == "HEAD" else {
            return text(405, "Method not allowed: bilan serve answers GET and HEAD only.\n", extra: [("Allow", "GET, HEAD")])
        }
        var response = answer(target)
        if method == "HEAD" { response.body = [] }
        return response
    }

    func answer(_ target: String) -> PreviewResponse {
        guard case .file(let path) = SitePath.resolve(target) else { return notFound() }
        if path == String(Self.sideBySidePath.dropLast()) { return redirect("/" + Self.sideBySidePath) }
        guard let plan = build.result.plan else {
            return page(500, ErrorPage.html(build.result.diagnostics, projectName: build.config?.organization ?? "bilan"))
        }
        if path.hasPrefix(Self.sideBySidePath) { return sideBySidePage(String(path.dropFirst(Self.sideBySidePath.count))) }
        if path.hasPrefix("_bilan/") { return notFound() }
        if let bytes = plan.files[path] { return file(path, bytes) }
        if let source = plan.copies[path] {
            guard let bytes = copiedFile(source) else { return notFound() }
            return file(path, bytes)
        }
        if plan.files[path + "/index.html"] != nil { return redirect("/" + path + "/") }
        return notFound()
    }

    func sideBySidePage(_ name: String) -> PreviewResponse {
        guard let config = build.config else { return notFound() }
        if sideBySide?.generation != generation {
            sideBySide = (generation, SideBySide(
                config: config, strings: build.strings, sections: build.sections, rendered: build.rendered,
                basePath: "/" + Self.sideBySidePath, siteRoot: "/"))
        }
        let view = sideBySide!.view
        switch name {
        case "index.html": return page(200, view.indexPage())
        case SideBySide.wholeReportName: return page(200, view.wholeReportPage())
        default:
            guard let html = view.page(key: name) else { return notFound() }
            return page(200, html)
        }
    }

    /// A copied project file, read only when it stays inside the project once symbolic
    /// links are followed, and only when it is a regular file.
    func copiedFile(_ source: String) -> [UInt8]? {
        guard ProjectPaths.normalize(source) == source else { return nil }
        let url = projectRoot.appendingPathComponent(source)
        guard ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: source) == nil else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
            let data = try? Data(contentsOf: url)
        else { return nil }
        return [UInt8](data)
    }

    func file(_ path: String, _ bytes: [UInt8]) -> PreviewResponse {
        let type = MediaTypes.type(ofPath: path)
        if type.hasPrefix("text/html") {
            return page(200, String(decoding: bytes, as: UTF8.self))
        }
        return PreviewResponse(status: 200, headers: Self.common(type), body: bytes)
    }

    func page(_ status: Int, _ html: String) -> PreviewResponse {
        let html = ReloadScript.inject(into: html, version: version)
        return PreviewResponse(status: status, headers: Self.common("text/html; charset=utf-8"), body: Array(html.utf8))
    }

    func redirect(_ location: String) -> PreviewResponse {
        var response = text(301, "Moved to \(location)\n")
        response.headers.append(("Location", location))
        return response
    }

    func notFound() -> PreviewResponse { text(404, "Not found.\n") }

    func text(_ status: Int, _ message: String, extra: [(name: String, value: String)] = []) -> PreviewResponse {
        PreviewResponse(status: status, headers: Self.common("text/plain; charset=utf-8") + extra, body: Array(message.utf8))
    }

    static func common(_ type: String) -> [(name: String, value: String)] {
        [("Content-Type", type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
    }
}
