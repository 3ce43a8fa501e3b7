public import BilanBase
import BilanInputs
import BilanRender
public import BilanBuild
import Foundation

/// An HTTP answer, independent of the server: status, headers and a body in memory, or
/// a project file sent in chunks (``file``, then `body` is empty).
public struct PreviewResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// A file larger than ``PreviewSite/inlineLimit``, opened, to send after the headers.
    var file: AssetFile?

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The answer to HEAD: the length of the body that GET sends, which it leaves out.
    var headLength: Int?

    /// A short plain-text answer.
    static func text(_ status: Int, _ message: String, extra: [(name: String, value: String)] = []) -> PreviewResponse {
        PreviewResponse(status: status, headers: common("text/plain; charset=utf-8") + extra, body: Array(message.utf8))
    }

    /// The headers of every answer: its type, never cached, never sniffed.
    static func common(_ type: String) -> [(name: String, value: String)] {
        [("Content-Type", type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
    }

    /// The `Content-Length` sent: the file's size, or the bytes in memory (for HEAD,
    /// those of GET).
    public var contentLength: Int { headLength ?? file?.size ?? body.count }
}

/// The site `bilan serve` shows: the report built in memory (drafts included), rebuilt
/// incrementally, and the answers to requests for it.
///
/// It serves only what the build planned: generated files from memory, and copied
/// project files only when the plan lists them, read from inside the project (a
/// symbolic link that leads out is refused). While the last rebuild failed, every page
/// is the error page listing its diagnostics.
///
/// Rebuilds run on the ``SiteBuilder``'s threads, outside the actor: while one runs
/// (however long), requests are answered from the last build.
public actor PreviewSite {
    public static let sideBySidePath = "_bilan/side-by-side/"
    /// Project files up to this size are read at once; larger ones are sent in chunks.
    public static let inlineLimit = AssetFile.chunkSize

    let builder: SiteBuilder
    private var built: BuiltSite
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
        builder = SiteBuilder(options: options)
        built = builder.initial
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
        let result = built.result
        return Rebuild(
            scope: built.scope, seconds: result.timings.reduce(0) { $0 + $1.seconds },
            errors: result.errorCount, warnings: result.warningCount, succeeded: result.plan != nil,
            diagnostics: result.diagnostics)
    }

    public var diagnostics: [Diagnostic] { built.result.diagnostics }

    /// Whether a file changed since the last build (looked at on the builder's thread).
    public func hasChanges() async -> Bool {
        await builder.perform { !$0.changedFiles().isEmpty }
    }

    /// Rebuilds what changed on disk; nil when nothing changed. The rebuild runs on the
    /// builder's thread: requests that arrive meanwhile are answered from the last build.
    public func update() async -> Rebuild? {
        let start = DispatchTime.now()
        guard let next = await builder.perform({ $0.update() == .none ? nil : BuiltSite($0) }) else { return nil }
        built = next
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
            let message = "Method not allowed: bilan serve answers GET and HEAD only.\n"
            return PreviewResponse.text(405, message, extra: [("Allow", "GET, HEAD")])
        }
        var response = answer(target)
        if method == "HEAD" {
            response.headLength = response.contentLength
            response.body = []
            response.file = nil
        }
        return response
    }

    func answer(_ target: String) -> PreviewResponse {
        guard case .file(let path) = SitePath.resolve(target) else { return notFound() }
        if path == String(Self.sideBySidePath.dropLast()) { return redirect("/" + Self.sideBySidePath) }
        guard let plan = built.result.plan else {
            let projectName = built.config.map { $0.organization.text(in: $0.defaultLanguage.code) } ?? "bilan"
            return page(500, ErrorPage.html(built.result.diagnostics, projectName: projectName))
        }
        if path.hasPrefix(Self.sideBySidePath) {
            return sideBySidePage(String(path.dropFirst(Self.sideBySidePath.count)))
        }
        if path.hasPrefix("_bilan/") { return notFound() }
        if let bytes = plan.files[path] { return file(path, bytes) }
        if let source = plan.copies[path] {
            guard let copied = copiedFile(source) else { return notFound() }
            guard copied.size > Self.inlineLimit else {
                guard let bytes = copied.readAll() else { return notFound() }
                return file(path, bytes)
            }
            var response = PreviewResponse(status: 200, headers: PreviewResponse.common(MediaTypes.type(ofPath: path)))
            response.file = copied
            return response
        }
        if plan.files[path + "/index.html"] != nil { return redirect("/" + path + "/") }
        return notFound()
    }

    func sideBySidePage(_ name: String) -> PreviewResponse {
        guard let config = built.config else { return notFound() }
        if sideBySide?.generation != generation {
            sideBySide = (
                generation,
                SideBySide(
                    config: config, strings: built.strings, sections: built.sections, rendered: built.rendered,
                    basePath: "/" + Self.sideBySidePath, siteRoot: "/", projectRoot: projectRoot)
            )
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

    /// A copied project file, opened only when it stays inside the project once symbolic
    /// links are followed, and only when it is a regular file (never a FIFO or a device,
    /// whose `open` or `read` could wait for ever).
    func copiedFile(_ source: String) -> AssetFile? {
        guard ProjectPaths.normalize(source) == source else { return nil }
        let url = projectRoot.appendingPathComponent(source)
        guard ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: source) == nil else { return nil }
        return AssetFile(path: url.path)
    }

    func file(_ path: String, _ bytes: [UInt8]) -> PreviewResponse {
        let type = MediaTypes.type(ofPath: path)
        if type.hasPrefix("text/html") {
            return page(200, String(decoding: bytes, as: UTF8.self))
        }
        return PreviewResponse(status: 200, headers: PreviewResponse.common(type), body: bytes)
    }

    func page(_ status: Int, _ html: String) -> PreviewResponse {
        let html = ReloadScript.inject(into: html, version: version)
        let headers = PreviewResponse.common("text/html; charset=utf-8")
        return PreviewResponse(status: status, headers: headers, body: Array(html.utf8))
    }

    func redirect(_ location: String) -> PreviewResponse {
        var response = PreviewResponse.text(301, "Moved to \(location)\n")
        response.headers.append(("Location", location))
        return response
    }

    func notFound() -> PreviewResponse { PreviewResponse.text(404, "Not found.\n") }

}
