import Testing
@testable import BilanPreview

/// The preview's request reader and Host rule, in process: limits, malformed heads,
/// pipelining, and which host names are served.
@Suite struct RequestHeadReaderTests {
    static let simple = "GET /fr/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept:  text/html \r\n\r\n"

    static func read(_ text: String) -> RequestHeadReader.Outcome {
        var reader = RequestHeadReader()
        return reader.read(Array(text.utf8))
    }

    static func status(_ outcome: RequestHeadReader.Outcome) -> Int? {
        if case .refused(let refusal) = outcome { return refusal.status }
        return nil
    }

    @Test func readsAHeadWhateverTheChunks() throws {
        guard case .complete(let head) = Self.read(Self.simple) else {
            Issue.record("not complete")
            return
        }
        #expect(head.method == "GET")
        #expect(head.target == "/fr/?x=1")
        #expect(head.minorVersion == 1)
        #expect(head.field("host") == "127.0.0.1:8000")
        #expect(head.field("accept") == "text/html")
        #expect(head.keepsAlive && !head.hasBody)
        // One byte at a time: incomplete until the last byte, then the same head.
        var reader = RequestHeadReader()
        let bytes = Array(Self.simple.utf8)
        for byte in bytes.dropLast() { #expect(reader.read([byte]) == .incomplete) }
        #expect(reader.read([bytes.last!]) == .complete(head))
        // Bare LF line endings, and empty lines before the request line, are accepted.
        let lax = "\r\n\nGET /fr/?x=1 HTTP/1.1\nHost: 127.0.0.1:8000\nAccept: text/html\n\n"
        #expect(Self.read(lax) == .complete(head))
    }

    @Test func readsPipelinedRequestsOneAfterTheOther() {
        var reader = RequestHeadReader()
        let two = "GET /a HTTP/1.1\r\nHost: localhost:1\r\n\r\nHEAD /b HTTP/1.0\r\nHost: localhost:1\r\n\r\nGET"
        guard case .complete(let first) = reader.read(Array(two.utf8)) else {
            Issue.record("first not complete")
            return
        }
        #expect(first.target == "/a")
        reader.startNextRequest()
        guard case .complete(let second) = reader.read([UInt8]()) else {
            Issue.record("second not complete")
            return
        }
        #expect(second.method == "HEAD" && second.target == "/b" && second.minorVersion == 0)
        #expect(!second.keepsAlive)
        reader.startNextRequest()
        #expect(reader.hasPendingBytes)
        #expect(reader.read(Array(" /c HTTP/1.1\r\nHost: x\r\n\r\n".utf8)) != .incomplete)
    }

    @Test func refusesARequestLineOverItsLimitAsSoonAsItIsPast() {
        let limit = RequestHeadReader.requestLineLimit
        let atLimit = "GET /" + String(repeating: "a", count: limit - 16) + " HTTP/1.1\r\n"
        #expect(atLimit.utf8.count == limit)
        #expect(Self.read(atLimit + "Host: x\r\n\r\n") != .refused(RequestHeadReader.lineTooLong))
        #expect(Self.status(Self.read("GET /" + String(repeating: "a", count: limit) + " HTTP/1.1\r\n")) == 414)
        // No line end at all: refused once the bytes pass the limit, not buffered for ever.
        var reader = RequestHeadReader()
        var outcome = RequestHeadReader.Outcome.incomplete
        var sent = 0
        while outcome == .incomplete, sent < 1024 * 1024 {
            outcome = reader.read([UInt8](repeating: UInt8(ascii: "a"), count: 1000))
            sent += 1000
        }
        #expect(Self.status(outcome) == 414)
        #expect(sent <= limit + 1000)
    }

    @Test func refusesHeaderFieldsOverTheirLimits() {
        let big = "X-Big: " + String(repeating: "b", count: RequestHeadReader.fieldsLimit)
        #expect(Self.status(Self.read("GET / HTTP/1.1\r\nHost: x\r\n\(big)\r\n\r\n")) == 431)
        #expect(Self.status(Self.read("GET / HTTP/1.1\r\n\(big)")) == 431, "refused before the line ends")
        let many = (0...RequestHeadReader.fieldCountLimit).map { "X-\($0): 1\r\n" }.joined()
        #expect(Self.status(Self.read("GET / HTTP/1.1\r\nHost: x\r\n\(many)\r\n")) == 431)
        // Just under both limits, one byte at a time: read in linear time, and accepted.
        let fields = (0..<90).map { "X-\($0): " + String(repeating: "v", count: 300) + "\r\n" }.joined()
        var reader = RequestHeadReader()
        var outcome = RequestHeadReader.Outcome.incomplete
        for byte in Array("GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n".utf8) { outcome = reader.read([byte]) }
        guard case .complete(let head) = outcome else {
            Issue.record("not complete: \(outcome)")
            return
        }
        #expect(head.fields.count == 91)
    }

    @Test(arguments: [
        "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1 \r\n\r\n", "GET /\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
        "GET /a\u{7F}b HTTP/1.1\r\n\r\n", "GET / FTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty\r\n\r\n", "GET / HTTP/1.1\r\nX: a\u{01}b\r\n\r\n",
        "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
    ])
    func refusesMalformedHeadsWith400(_ text: String) {
        #expect(Self.status(Self.read(text)) == 400, "\(text.debugDescription)")
    }

    @Test func refusesOtherVersionsWith505() {
        #expect(Self.status(Self.read("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")) == 505)
        #expect(Self.status(Self.read("GET / HTTP/0.9\r\n\r\n")) == 505)
    }

    @Test func saysWhetherToKeepTheConnection() {
        func head(_ text: String) -> RequestHead? {
            if case .complete(let head) = Self.read(text) { return head }
            return nil
        }
        #expect(head("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")?.keepsAlive == false)
        #expect(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")?.keepsAlive == true)
        #expect(head("GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\n\r\n")?.keepsAlive == true)
        #expect(head("POST / HTTP/1.1\r\nContent-Length: 12\r\n\r\n")?.hasBody == true)
        #expect(head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")?.hasBody == true)
        #expect(head("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")?.hasBody == false)
    }
}

@Suite struct HostCheckTests {
    @Test func servesTheLoopbackNamesWithThePortOnly() {
        let check = HostCheck(listeningOn: "127.0.0.1", port: 8000)
        for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"] {
            #expect(check.refusal(for: host) == nil, "\(host)")
        }
        for host in [
            "evil.example:8000", "evil.example", "127.0.0.1", "127.0.0.1:8001", "127.0.0.1:", "127.0.0.1:80x",
            "localhost.evil.example:8000", "[::1]", "[::1]x:8000", "::1:8000", "", "127.0.0.2:8000", "0.0.0.0:8000",
            "192.168.1.10:8000",
        ] {
            #expect(check.refusal(for: host)?.status == 421, "\(host)")
        }
        #expect(check.refusal(for: nil)?.status == 400)
        // Port 80: a Host without a port names it.
        #expect(HostCheck(listeningOn: "127.0.0.1", port: 80).refusal(for: "localhost") == nil)
    }

    @Test func addsTheAddressListenedOn() {
        let lan = HostCheck(listeningOn: "192.168.1.10", port: 8000)
        #expect(lan.allows("192.168.1.10:8000") && lan.allows("127.0.0.1:8000"))
        #expect(!lan.allows("192.168.1.11:8000"))
        let v6 = HostCheck(listeningOn: "fd00::1", port: 8000)
        #expect(v6.allows("[fd00::1]:8000") && !v6.allows("[fd00::2]:8000"))
        // Every address: any IP literal, never a host name (which rebinding needs).
        let every = HostCheck(listeningOn: "0.0.0.0", port: 8000)
        #expect(every.allows("192.168.1.11:8000") && every.allows("[fe80::1]:8000"))
        #expect(!every.allows("evil.example:8000") && !every.allows("1.2.3:8000") && !every.allows("1.2.3.400:8000"))
    }
}
