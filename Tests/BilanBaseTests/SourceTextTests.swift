import Testing
@testable import BilanBase

@Suite struct SourceTextTests {
    @Test func dropsByteOrderMark() throws {
        let result = SourceText.decode([0xEF, 0xBB, 0xBF, 0x61], file: "a.csv")
        #expect(try result.get() == "a")
    }

    @Test func locatesFirstInvalidByte() {
        let bytes: [UInt8] = Array("ab\ncd".utf8) + [0xE9] + Array("f".utf8)
        guard case .failure(let diagnostic) = SourceText.decode(bytes, file: "a.csv") else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.location == SourceLocation(file: "a.csv", line: 2, column: 3))
        #expect(diagnostic.code == .invalidUTF8)
    }
}
