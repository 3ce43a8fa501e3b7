import ArgumentParser
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import BilanPreview
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the report in a browser, rebuilt and reloaded as you edit.",
        discussion: """
            Builds the report in memory with the draft sections (output/ is left alone),
            serves it on 127.0.0.1, watches content/ and templates/, rebuilds what changed
            and reloads the open pages. A failed rebuild shows its errors in the page.
            Reviewers compare the languages at /_bilan/side-by-side/.
            Example: bilan serve --root my-report --port 8080
            """)

    @OptionGroup var project: ProjectOptions
    @Option(
        help: ArgumentHelp(
            "The address to listen on. Anything but loopback lets other machines read your drafts.",
            valueName: "address"))
    var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    var port: UInt16 = 8000

    func run() throws {
        let configuration = PreviewServer.Configuration(
            projectRoot: project.rootURL, host: host, port: port, drafts: true,
            log: { printError($0 + "\n") })
        let started = DispatchTime.now()
        let server: PreviewServer
        do {
            server = try PreviewServer(configuration)
        } catch {
            throw ValidationError("'\(host)' is not an IP address to listen on (for example 127.0.0.1 or ::1)")
        }
        if !configuration.isLoopback {
            printError(
                "bilan: warning: listening on \(host): other machines on the network can read the report and its"
                    + " drafts\n"
            )
        }
        Task {
            let first = await server.site.lastBuild
            report(first.diagnostics, format: .text)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            printError(
                String(
                    format: "bilan: built in %.0f ms (%@, %@)\n", seconds * 1000,
                    Counted.english(first.errors, "error"),
                    Counted.english(first.warnings, "warning")))
            do {
                try await server.start()
            } catch {
                if PreviewServer.isAddressInUse(error) {
                    printError(
                        "bilan: port \(port) on \(host) is already in use: stop the other server, or choose another"
                            + " port with --port\n"
                    )
                } else {
                    printError("bilan: could not listen on \(host):\(port): \(error)\n")
                }
                Foundation.exit(1)
            }
            let url = await server.url
            printError("bilan: serving \(url) (side by side: \(url)_bilan/side-by-side/); press Ctrl-C to stop\n")
        }
        dispatchMain()
    }
}
