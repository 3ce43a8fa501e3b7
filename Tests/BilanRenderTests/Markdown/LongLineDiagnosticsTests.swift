import Foundation
import Testing

@testable import BilanBase
@testable import BilanContent

/// Found by the `markdown` fuzz target: each problem on a line that holds a `\{{` read
/// the line up to its column again, so 20,000 problems on one long line were quadratic
/// (minutes); the protected braces' columns are now found once per section.
@Suite struct LongLineDiagnosticsTests {
    @Test func twentyThousandProblemsOnOneLineAfterAnEscapedBrace() {
        let count = 20_000
        let body = "\\{{ x }} " + String(repeating: "{{ nope }} ", count: count) + "\n"
        let result = DeepNestingTests.build(body)
        let columns = result.diagnostics.map { $0.location.column ?? 0 }
        #expect(columns.count == count)
        // Past the escaped brace, every column is the file's: 10, 21, 32…
        #expect(columns == (0..<count).map { 10 + 11 * $0 })
        #expect(result.diagnostics.allSatisfy { $0.location.line == 4 })
    }
}
