import Foundation
import Testing
@testable import BilanInputs

/// Loads the workbooks of `Tests/Fixtures/workbooks/` (see its `SOURCE.md`).
enum WorkbookFixture {
    /// The bytes of `workbooks/name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try FixtureFiles.data("workbooks/" + name))
    }

    /// The workbook in `workbooks/name`, read with `limits`; the test fails if it cannot be read.
    static func workbook(_ name: String, limits: WorkbookLimits = .default) throws -> Workbook {
        let format: WorkbookFormat = name.hasSuffix(".ods") ? .ods : .xlsx
        return try WorkbookReader.read(try bytes(name), format: format, limits: limits).get()
    }

    /// The error reading `workbooks/name` gives, or `nil` if it reads.
    static func error(
        _ name: String, format: WorkbookFormat? = nil,
        limits: WorkbookLimits = .default
    ) throws -> WorkbookError? {
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
