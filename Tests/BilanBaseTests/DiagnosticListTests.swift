import Testing

@testable import BilanBase

@Suite struct DiagnosticListTests {
    let file = "content/sections/020-membres.fr.md"

    @Test func theSameMessageAtTwoPlacesIsReportedTwice() {
        var list = DiagnosticList()
        list.warning(
            .brokenLink, "no section has the anchor '#nope'", at: SourceLocation(file: file, line: 5, column: 15))
        list.warning(
            .brokenLink, "no section has the anchor '#nope'", at: SourceLocation(file: file, line: 4, column: 17))
        #expect(list.sorted.map(\.location.line) == [4, 5])
    }

    /// A YAML alias repeats a node, and with it the node's problem at the same place.
    @Test func theSameDiagnosticGivenTwiceIsKeptOnce() {
        var list = DiagnosticList()
        let location = SourceLocation(file: "content/figures.yaml", line: 3, column: 9)
        list.error(.figureSyntax, "unexpected ')'", at: location)
        list.error(.figureSyntax, "unexpected ')'", at: location)
        #expect(list.sorted.count == 1)
    }
}
