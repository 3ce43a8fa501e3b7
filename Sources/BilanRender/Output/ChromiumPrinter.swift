public import BilanBase
public import Foundation

/// Prints an HTML page to PDF with a headless Chromium (`chromium --headless
/// --print-to-pdf`). The page is the single-file export: it loads nothing, so Chromium
/// reads no other file and makes no request.
public enum ChromiumPrinter {
    /// The names Chromium goes by on Debian, Ubuntu and Google's packages.
    public static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first Chromium found on the search path, or an error saying how to get one.
    public static func find(searchPath: String?) -> Result<URL, Diagnostic> {
        for folder in (searchPath ?? "").split(separator: ":") {
            for name in names {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return .success(url) }
            }
        }
        return .failure(
            .error(
                .outputFailed,
                "--pdf prints through a headless Chromium, and none is installed (looked for"
                    + " \(names.joined(separator: ", ")) on PATH): install it with `apt-get install chromium`"
                    + " (Debian, Ubuntu), or use --single-file and print the page from a browser",
                at: SourceLocation(file: "chromium")))
    }

    /// How long Chromium may take to print a report.
    package static let printTimeout: Double = 120

    /// Prints `html` to `target` (written whole, or not at all), as it is.
    public static func print(html: String, to target: URL, chromium: URL) -> Result<Void, Diagnostic> {
        printed(html: html, for: target, chromium: chromium).flatMap { OutputWriter.writeWhole(Data($0), to: target) }
    }

    /// The PDF Chromium prints from `html`, tagged and with its outline (bookmarks);
    /// `target` names it in messages.
    public static func printed(html: String, for target: URL, chromium: URL) -> Result<[UInt8], Diagnostic> {
        let fileManager = FileManager.default
        let work = fileManager.temporaryDirectory.appendingPathComponent("bilan-pdf-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: work) }
        let location = SourceLocation(file: target.path)
        do {
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            let page = work.appendingPathComponent("report.html")
            let pdf = work.appendingPathComponent("report.pdf")
            try Data(html.utf8).write(to: page)
            let process = Process()
            process.executableURL = chromium
            var arguments = [
                "--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run", "--disable-extensions",
                "--export-tagged-pdf", "--generate-pdf-document-outline",
                "--user-data-dir=" + work.appendingPathComponent("profile").path,
                "--print-to-pdf=" + pdf.path, page.absoluteString,
            ]
            // Chromium refuses to run as root without this; the page it prints is ours.
            if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
            process.arguments = arguments
            // Chromium's messages go to a file: a pipe would wait for every helper process
            // Chromium starts (they inherit it), and a stuck Chromium is stopped.
            let log = work.appendingPathComponent("chromium.log")
            _ = fileManager.createFile(atPath: log.path, contents: nil)
            let errors = try FileHandle(forWritingTo: log)
            defer { try? errors.close() }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            let finished = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in finished.signal() }
            try process.run()
            if finished.wait(timeout: .now() + printTimeout) == .timedOut {
                process.terminate()
                finished.wait()
                return .failure(
                    .error(
                        .outputFailed,
                        "Chromium did not finish printing within \(Int(printTimeout)) seconds: try again, or use"
                            + " --single-file and print the page from a browser",
                        at: location))
            }
            guard process.terminationStatus == 0, let bytes = try? Data(contentsOf: pdf),
                bytes.starts(with: Array("%PDF".utf8))
            else {
                let text = ((try? String(contentsOf: log, encoding: .utf8)) ?? "")
                    .split(separator: "\n").filter { !$0.contains("dbus") }.suffix(5).joined(separator: "\n")
                return .failure(
                    .error(
                        .outputFailed,
                        "Chromium could not print the PDF (status \(process.terminationStatus)); use --single-file"
                            + " and print the page from a browser. Chromium said: \(text)",
                        at: location))
            }
            return .success(Array(bytes))
        } catch {
            return .failure(
                .error(
                    .outputFailed, "could not run Chromium (\(chromium.path)): \(error.localizedDescription)",
                    at: location))
        }
    }
}
