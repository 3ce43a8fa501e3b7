public import BilanBase
import Foundation

/// The page `bilan serve` shows while the last rebuild failed: a banner listing each
/// diagnostic (`file:line:column: message [code]`), HTML-escaped. It listens for reloads
/// like the report's pages, so fixing the file brings the report back.
public enum ErrorPage {
    public static func html(_ diagnostics: [Diagnostic], projectName: String) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.isEmpty ? diagnostics : errors
        var items = ""
        for diagnostic in shown {
            let location = HTMLEscaping.text(diagnostic.location.description)
            items +=
                "<li><code class=\"where\">\(location)</code>: <span"
                + " class=\"severity\">\(diagnostic.severity.rawValue)</span>: "
                + "\(HTMLEscaping.text(diagnostic.message)) <code"
                + " class=\"code\">[\(HTMLEscaping.text(diagnostic.code.rawValue))]</code></li>\n"
        }
        let count = Counted.english(errors.count, "error") + " · " + Counted.french(errors.count, "erreur")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Build failed — \(HTMLEscaping.text(projectName))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0; color: #1f1a24; }
            .build-failed { background: #9b1c1c; color: #fff; padding: 1rem 1.5rem; }
            .build-failed h1 { margin: 0 0 0.25rem; font-size: 1.4rem; }
            .build-failed p { margin: 0; }
            ul.diagnostics { list-style: none; padding: 0 1.5rem; }
            ul.diagnostics li { padding: 0.6rem 0; border-bottom: 1px solid #ddd; font-size: 1rem; }
            .where { font-weight: 700; }
            .severity { color: #9b1c1c; font-weight: 700; }
            .hint { padding: 0 1.5rem; color: #5b5560; }
            </style>
            </head>
            <body>
            <div class="build-failed" role="alert">
            <h1>The report did not build · Échec de la construction</h1>
            <p>\(count): fix the file and save, the page reloads by itself.</p>
            </div>
            <ul class="diagnostics">
            \(items)</ul>
            <p class="hint">bilan serve is still watching content/ and templates/.</p>
            </body>
            </html>

            """
    }
}

/// The small script `bilan serve` adds to the HTML pages it serves (never to built
/// files): it listens on the event stream and reloads the page after a rebuild.
public enum ReloadScript {
    public static let eventsPath = "/_bilan/events"

    /// `version` is the build the page shows; on connecting, the server sends the
    /// current one, so a rebuild that happened while the page loaded is not missed.
    public static func script(version: String) -> String {
        """
        <script>
        (function () {
          var shown = "\(version)";
          var events = new EventSource("\(eventsPath)");
          function check(event) { if (event.data !== shown) { events.close(); location.reload(); } }
          events.addEventListener("hello", check);
          events.addEventListener("reload", check);
        })();
        </script>

        """
    }

    /// The page with the script put just before `</body>` (at the end without one).
    public static func inject(into html: String, version: String) -> String {
        let script = script(version: version)
        guard let body = html.range(of: "</body>", options: .backwards) else { return html + script }
        var result = html
        result.insert(contentsOf: script, at: body.lowerBound)
        return result
    }
}
