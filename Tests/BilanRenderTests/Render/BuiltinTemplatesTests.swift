import Foundation
import Testing
@testable import BilanBase
@testable import BilanInputs
@testable import BilanContent
@testable import BilanRender

@Suite struct BuiltinTemplatesTests {
    /// The templates shipped inside the binary are exactly the files in templates/
    /// (run scripts/embed-templates after editing one).
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = SourceTree.packageRoot.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(BuiltinTemplates.files.map(\.name) == names)
        for file in BuiltinTemplates.files {
            let text = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.text == text, "\(file.name) differs: run scripts/embed-templates")
        }
    }
}
