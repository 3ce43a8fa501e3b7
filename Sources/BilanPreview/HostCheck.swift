/// Which `Host` a request may name, against DNS rebinding: a web page on another site
/// can make a browser send requests to 127.0.0.1 under the page's own host name, so a
/// request is served only when its `Host` is one of the server's own addresses with
/// its port.
///
/// On loopback, the names are `127.0.0.1`, `localhost` and `[::1]` (and the address
/// listened on, when it is another loopback address such as `127.0.0.2`). Listening on
/// another address adds that address; on every address (`0.0.0.0`, `::`), any IP address
/// is accepted, since rebinding needs a host name. The port is the one listened on
/// (80 when the field gives none, as in HTTP). A request without `Host` is refused too.
struct HostCheck: Sendable {
    let names: Set<String>
    let anyAddress: Bool
    let port: UInt16

    /// The check for a server listening on `host` (as given to `--host`) and `port`.
    init(listeningOn host: String, port: UInt16) {
        let host = host.lowercased()
        var names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        names.insert(host.contains(":") ? "[\(host)]" : host)
        self.names = names
        anyAddress = host == "0.0.0.0" || host == "::"
        self.port = port
    }

    /// nil when `host` (the request's `Host` field, nil when it has none) is served,
    /// else the refusal to answer.
    func refusal(for host: String?) -> RequestRefusal? {
        guard let host else {
            return RequestRefusal(status: 400, reason: "Malformed request: a Host header field is required.")
        }
        guard allows(host) else {
            let served = ["127.0.0.1", "localhost", "[::1]"].map { "\($0):\(port)" }.joined(separator: ", ")
            return RequestRefusal(
                status: 421, reason: "bilan serve answers requests for \(served) only, not for this host name.")
        }
        return nil
    }

    func allows(_ field: String) -> Bool {
        let field = field.lowercased()
        let name: Substring
        let portText: Substring?
        if field.hasPrefix("[") {
            guard let close = field.firstIndex(of: "]") else { return false }
            name = field[...close]
            let rest = field[field.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return false }
            portText = rest.isEmpty ? nil : rest.dropFirst()
        } else if let colon = field.firstIndex(of: ":") {
            name = field[..<colon]
            portText = field[field.index(after: colon)...]
        } else {
            name = Substring(field)
            portText = nil
        }
        let given: UInt16?
        if let portText {
            given = portText.utf8.allSatisfy { (0x30...0x39).contains($0) } ? UInt16(portText) : nil
        } else {
            given = 80
        }
        guard given == port else { return false }
        return names.contains(String(name)) || (anyAddress && Self.isAddress(name))
    }

    /// Whether `name` is a literal IPv4 address or a bracketed IPv6 one.
    static func isAddress(_ name: Substring) -> Bool {
        if name.hasPrefix("[") {
            let inside = name.dropFirst().dropLast()
            return name.hasSuffix("]") && inside.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }
    }
}
