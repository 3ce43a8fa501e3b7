import Foundation
import Testing

@testable import BilanBase
@testable import BilanInputs

/// Seeded random tables written three ways — a French Excel `;` CSV with grouped decimal
/// commas, an Excel "Unicode text" export (UTF-16LE, tabs, CRLF) and JSON — and read back
/// through ``DataLoader``: every cell is the same in the three tables.
@Suite struct CrossFormatRandomTests {
    private typealias SeededGenerator = SplitMix64

    /// One cell as the test means it, before any format writes it.
    private enum Cell {
        case number(negative: Bool, integer: String, fraction: String)
        case text(String)
        case date(year: Int, month: Int, day: Int)
        case missing

        /// What every reader must give for it.
        var expected: CellValue {
            switch self {
            case .number(let negative, let integer, let fraction):
                let text = (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
                return .number(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan)
            case .text(let text): return .text(text)
            case .date(let year, let month, let day):
                return DateValue(year: year, month: month, day: day).map(CellValue.date) ?? .missing
            case .missing: return .missing
            }
        }
    }

    private static let words = [
        "Montréal", "Activités", "Café", "été", "Jade", "Œuvre", "a;b", "dit \"oui\"", "x y",
    ]
    private static let groupSeparators = [" ", "\u{00A0}", "\u{202F}"]

    private static func randomCell(kind: Int, using random: inout SeededGenerator) -> Cell {
        if Int.random(in: 0..<6, using: &random) == 0 { return .missing }
        switch kind {
        case 0:
            // Up to 7 integer digits without leading zeros, 0 to 2 decimals.
            let integer = String(Int.random(in: 0...9_999_999, using: &random))
            let fraction = String(repeating: "5", count: Int.random(in: 0...2, using: &random))
                .map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            return .number(negative: Bool.random(using: &random), integer: integer, fraction: fraction)
        case 1:
            let count = Int.random(in: 1...3, using: &random)
            return .text((0..<count).map { _ in words.randomElement(using: &random) ?? "" }.joined(separator: " "))
        default:
            return .date(
                year: Int.random(in: 1990...2030, using: &random), month: Int.random(in: 1...12, using: &random),
                day: Int.random(in: 1...28, using: &random))
        }
    }

    /// `1234567` as `1 234 567`, with `separator` between the groups of three.
    private static func grouped(_ digits: String, separator: String) -> String {
        var groups: [String] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        return groups.joined(separator: separator)
    }

    /// The cell as French Excel writes it in a `;` CSV or a Unicode text export.
    private static func french(
        _ cell: Cell, quoteIf special: Set<Character>, using random: inout SeededGenerator
    )
        -> String
    {
        switch cell {
        case .number(let negative, let integer, let fraction):
            let separator = groupSeparators.randomElement(using: &random) ?? " "
            return (negative ? "-" : "") + grouped(integer, separator: separator)
                + (fraction.isEmpty ? "" : "," + fraction)
        case .text(let text):
            guard text.contains(where: special.contains) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .date(let year, let month, let day):
            return String(format: "%04d-%02d-%02d", year, month, day)
        case .missing:
            return ""
        }
    }

    private static func json(_ cell: Cell) -> String {
        switch cell {
        case .number(let negative, let integer, let fraction):
            return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
        case .text(let text): return JSONText.string(text)
        case .date(let year, let month, let day): return String(format: "\"%04d-%02d-%02d\"", year, month, day)
        case .missing: return "null"
        }
    }

    @Test func everyCellIsTheSameInEveryFormat() throws {
        var random = SeededGenerator(state: 2024_12_01)
        for round in 0..<60 {
            // Two columns at least: a .txt of one column has no tab, so it is not read as a table.
            let columnCount = Int.random(in: 2...4, using: &random)
            let kinds = (0..<columnCount).map { _ in Int.random(in: 0...2, using: &random) }
            let header = (0..<columnCount).map { "colonne_\($0)" }
            var rows = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                kinds.map { Self.randomCell(kind: $0, using: &random) }
            }
            // A decimal in the first number column, as any real export has: the tab file's evidence.
            if let column = kinds.firstIndex(of: 0) {
                rows[0][column] = .number(negative: false, integer: "1234", fraction: "5")
            }
            // Every row has a value somewhere, so that no line of the text files is blank.
            rows = rows.filter { row in row.contains { if case .missing = $0 { false } else { true } } }
            guard !rows.isEmpty else { continue }

            let csv =
                ([header.joined(separator: ";")]
                + rows.map { row in
                    row.map { Self.french($0, quoteIf: [";", "\""], using: &random) }.joined(separator: ";")
                }).joined(separator: "\r\n") + "\r\n"
            let tab =
                ([header.joined(separator: "\t")]
                + rows.map { row in
                    row.map { Self.french($0, quoteIf: ["\t", "\""], using: &random) }.joined(separator: "\t")
                }).joined(separator: "\r\n") + "\r\n"
            let json =
                "[\n"
                + rows.map { row in
                    "  {" + zip(header, row).map { "\"\($0)\": " + Self.json($1) }.joined(separator: ", ") + "}"
                }.joined(separator: ",\n") + "\n]\n"

            let project = try DataProjectFolder()
            defer { project.remove() }
            let folder = project.root.appendingPathComponent("content/data")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(csv.utf8).write(to: folder.appendingPathComponent("en_csv.csv"))
            try Data([0xFF, 0xFE] + tab.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
                .write(to: folder.appendingPathComponent("en_texte.txt"))
            try Data(json.utf8).write(to: folder.appendingPathComponent("en_json.json"))

            let (tables, problems, _) = project.load()
            #expect(problems.isEmpty, "round \(round): \(problems)\n\(csv)")
            let expected = rows.map { $0.map(\.expected) }
            for name in ["en_csv", "en_texte", "en_json"] {
                let table = try #require(tables[name], "round \(round): \(name)")
                // JSON drops a column that no row has a value in; the text files keep it, empty.
                let columns = header.filter { table.columns.contains($0) }
                #expect(table.columns == columns, "round \(round): \(name)")
                let actual = table.rows
                let wanted = expected.map { row in
                    zip(header, row).filter { columns.contains($0.0) }.map(\.1)
                }
                #expect(actual == wanted, "round \(round): \(name)\n\(name == "en_json" ? json : csv)")
            }
        }
    }
}
