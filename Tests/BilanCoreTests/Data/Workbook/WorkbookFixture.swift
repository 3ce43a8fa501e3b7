import Foundation
import Testing
@testable import BilanInputs

/// Loads the workbooks in the package's `Fixtures/` folder (see `Fixtures/SOURCE.md`).
enum WorkbookFixture {
    /// The bytes of `Fixtures/name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/workbooks")
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The workbook in `Fixtures/name`, read with `limits`; the test fails if it cannot be read.
    static func workbook(_ name: String, limits: WorkbookLimits = .default) throws -> Workbook {
        let format: WorkbookFormat = name.hasSuffix(".ods") ? .ods : .xlsx
        return try WorkbookReader.read(try bytes(name), format: format, limits: limits).get()
    }

    /// The error reading `Fixtures/name` gives, or `nil` if it reads.
    static func error(_ name: String, format: WorkbookFormat? = nil,
                      limits: WorkbookLimits = .default) throws -> WorkbookError? {
        let format = format ?? (name.hasSuffix(".ods") ? .ods : .xlsx)
        if case .failure(let error) = WorkbookReader.read(try bytes(name), format: format, limits: limits) {
            return error
        }
        return nil
    }
}

/// A decimal from its exact text.
func dec(_ text: String) -> WorkbookCell {
    .number(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan)
}

extension WorkbookSheet {
    /// The cells of row `number`, or `[]`.
    func cells(ofRow number: Int) -> [WorkbookCell] {
        rows.first { $0.number == number }?.cells ?? []
    }
}
