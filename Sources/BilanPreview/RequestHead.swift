/// The head of one HTTP/1.x request as `bilan serve` reads it: the request line and the
/// header fields, names in lower case.
struct RequestHead: Equatable, Sendable {
    struct Field: Equatable, Sendable {
        /// In lower case (`host`, `content-length`).
        var name: String
        /// Without the spaces around it.
        var value: String
    }

    var method: String
    /// The raw request target, still percent-encoded (`/fr/index.html?x=1`).
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var fields: [Field]

    /// The value of the first field called `name` (in lower case).
    func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Whether the request is followed by a body: one the server never reads, so the
    /// connection is closed after the answer.
    var hasBody: Bool {
        field("transfer-encoding") != nil || (field("content-length").flatMap { Int($0) } ?? 0) > 0
    }

    /// Whether the client asks to keep the connection open after the answer: by default
    /// in HTTP/1.1 (unless `Connection: close`), only on `Connection: keep-alive` in 1.0.
    var keepsAlive: Bool {
        let tokens: [String] = fields.filter { $0.name == "connection" }
            .flatMap { $0.value.lowercased().split(separator: ",") }
            .map { token in token.filter { $0 != " " && $0 != "\t" } }
        if tokens.contains("close") { return false }
        return minorVersion == 1 || tokens.contains("keep-alive")
    }
}

/// Why a request is answered with an error and its connection closed: too large,
/// malformed, or from a client the server does not serve.
struct RequestRefusal: Error, Equatable, Sendable {
    var status: Int
    var reason: String
}

/// Reads request heads from the bytes of a connection, strictly and in linear time:
/// each byte is looked at once, whatever the chunks it arrives in.
///
/// Limits, checked as the bytes arrive (so an endless line is refused at its first
/// bytes past the limit, never buffered): a request line of at most
/// ``requestLineLimit`` bytes (else 414), header fields of at most ``fieldsLimit`` bytes
/// and ``fieldCountLimit`` lines in all (else 431). A malformed head is 400: a request
/// line that is not `METHOD SP TARGET SP HTTP/1.x`, a target with a space or a control
/// character, a field line without a name or with spaces before its colon, a folded
/// line, a control character in a value, two `Host` fields, a `Content-Length` that is
/// not a number or both `Content-Length` and `Transfer-Encoding`. Another HTTP version
/// is 505. Lines end with CRLF (a bare LF is accepted, as RFC 9112 allows).
struct RequestHeadReader: Sendable {
    static let requestLineLimit = 8 * 1024
    static let fieldsLimit = 32 * 1024
    static let fieldCountLimit = 100

    enum Outcome: Equatable, Sendable {
        /// More bytes are needed.
        case incomplete
        case complete(RequestHead)
        case refused(RequestRefusal)
    }

    private var bytes: [UInt8] = []
    /// Where the line being read starts, and where the search for its end resumes.
    private var lineStart = 0
    private var searchFrom = 0
    /// The bytes of the empty lines before the request line (counted in its limit).
    private var blankBytes = 0
    private var requestLine: (method: String, target: String, minorVersion: Int)?
    private var fields: [RequestHead.Field] = []
    private var fieldBytes = 0

    init() {}

    /// Adds bytes read from the connection and says whether a head is complete. After
    /// `.complete`, the bytes that followed the head start the next request
    /// (``startNextRequest()``).
    mutating func read(_ chunk: some Collection<UInt8>) -> Outcome {
        bytes.append(contentsOf: chunk)
        while let newline = bytes[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = bytes[lineStart..<end]
            let length = newline + 1 - lineStart
            lineStart = newline + 1
            searchFrom = lineStart
            if let outcome = take(line, length: length) { return outcome }
        }
        searchFrom = bytes.count
        let partial = bytes.count - lineStart
        if requestLine == nil, blankBytes + partial > Self.requestLineLimit { return .refused(Self.lineTooLong) }
        if requestLine != nil, fieldBytes + partial > Self.fieldsLimit { return .refused(Self.fieldsTooLarge) }
        return .incomplete
    }

    /// Forgets the head just read and keeps the bytes after it, which may already hold
    /// the next request (pipelining).
    mutating func startNextRequest() {
        bytes.removeFirst(lineStart)
        self = RequestHeadReader(carrying: bytes)
    }

    private init(carrying bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether bytes of a next request are already there.
    var hasPendingBytes: Bool { !bytes.isEmpty }

    static let lineTooLong = RequestRefusal(
        status: 414, reason: "The request line is longer than \(requestLineLimit / 1024) KiB.")
    static let fieldsTooLarge = RequestRefusal(
        status: 431, reason: "The request's header fields are larger than \(fieldsLimit / 1024) KiB.")

    /// Takes one complete line (without its line ending); an outcome ends the head.
    private mutating func take(_ line: ArraySlice<UInt8>, length: Int) -> Outcome? {
        guard requestLine != nil else {
            if line.isEmpty {
                blankBytes += length
                return blankBytes > Self.requestLineLimit ? .refused(Self.lineTooLong) : nil
            }
            if blankBytes + length > Self.requestLineLimit { return .refused(Self.lineTooLong) }
            switch Self.parseRequestLine(line) {
            case .success(let parsed): requestLine = parsed
            case .failure(let refusal): return .refused(refusal)
            }
            return nil
        }
        fieldBytes += length
        if fieldBytes > Self.fieldsLimit { return .refused(Self.fieldsTooLarge) }
        if line.isEmpty { return finish() }
        guard fields.count < Self.fieldCountLimit else {
            let reason = "The request has more than \(Self.fieldCountLimit) header fields."
            return .refused(RequestRefusal(status: 431, reason: reason))
        }
        switch Self.parseField(line) {
        case .success(let field): fields.append(field)
        case .failure(let refusal): return .refused(refusal)
        }
        return nil
    }

    private func finish() -> Outcome {
        guard let requestLine else { return .refused(Self.malformed("no request line")) }
        let head = RequestHead(
            method: requestLine.method, target: requestLine.target, minorVersion: requestLine.minorVersion,
            fields: fields)
        if fields.filter({ $0.name == "host" }).count > 1 { return .refused(Self.malformed("two Host fields")) }
        let lengths = fields.filter { $0.name == "content-length" }.map(\.value)
        if !lengths.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
            || Set(lengths).count > 1
        {
            return .refused(Self.malformed("a Content-Length that is not one number"))
        }
        if !lengths.isEmpty, head.field("transfer-encoding") != nil {
            return .refused(Self.malformed("both Content-Length and Transfer-Encoding"))
        }
        return .complete(head)
    }

    static func malformed(_ what: String) -> RequestRefusal {
        RequestRefusal(status: 400, reason: "Malformed request: \(what).")
    }

    /// `METHOD SP TARGET SP HTTP/1.x`, with single spaces.
    static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) -> Result<(method: String, target: String, minorVersion: Int), RequestRefusal> {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(malformed("the request line is not 'METHOD TARGET HTTP/1.1'"))
        }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { return .failure(malformed("an invalid method")) }
        guard !target.isEmpty, target.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return .failure(malformed("a request target with a space or a control character"))
        }
        let versionText = String(decoding: version, as: UTF8.self)
        switch versionText {
        case "HTTP/1.1", "HTTP/1.0":
            let text = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
            return .success((text(method), text(target), versionText == "HTTP/1.1" ? 1 : 0))
        default:
            // `HTTP/d.d`: a version this server does not speak (HTTP/2's preface among them).
            let digits = Array(version.dropFirst(5))
            let isVersion =
                version.starts(with: "HTTP/".utf8) && digits.count == 3 && digits[1] == UInt8(ascii: ".")
                && [digits[0], digits[2]].allSatisfy { (0x30...0x39).contains($0) }
            return .failure(
                isVersion
                    ? RequestRefusal(status: 505, reason: "bilan serve speaks HTTP/1.1 and HTTP/1.0 only.")
                    : malformed("an unknown protocol version"))
        }
    }

    /// `name: value`, the name a token right before the colon.
    static func parseField(_ line: ArraySlice<UInt8>) -> Result<RequestHead.Field, RequestRefusal> {
        guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
            return .failure(malformed("a folded header line"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(malformed("a header line without a colon"))
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { return .failure(malformed("an invalid header name")) }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 0x20 || byte == 0x09 { value.removeFirst() }
        while let byte = value.last, byte == 0x20 || byte == 0x09 { value.removeLast() }
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
            return .failure(malformed("a control character in a header value"))
        }
        return .success(
            RequestHead.Field(
                name: String(decoding: name, as: UTF8.self).lowercased(), value: String(decoding: value, as: UTF8.self))
        )
    }

    /// The characters of a method or a field name (RFC 9110's `tchar`).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
