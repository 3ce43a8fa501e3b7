public import BilanBase
public import BilanInputs
public import Foundation

/// `bilan data`: how every file of `content/data/` was read — format, encoding,
/// separator, decimal mark, the tables it gave with their columns' types and missing
/// cells — and the files left alone. What an officer runs when a number looks wrong.
public struct DataListing: Sendable {
    /// One column as read: its name, the type its cells have, how many are missing.
    public struct Column: Sendable, Equatable {
        public var name: String
        /// `number`, `date`, `text`, `error` (spreadsheet error cells only), `mixed` (cells
        /// of several types) or `empty`.
        public var type: String
        public var missing: Int
    }

    /// One table of a file.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var sheet: String?
        public var rows: Int
        public var columns: [Column]
    }

    /// One file and what it gave; `tables` is empty when the file has an error.
    public struct File: Sendable, Equatable {
        public var reading: DataFileReading
        public var tables: [Table]
        public var read: Bool
    }

    public var files: [File]
    public var ignored: [IgnoredDataFile]
    public var diagnostics: [Diagnostic]

    /// Reads the project's data folder (report.yaml is read for its `accept:` entries).
    public static func run(projectRoot: URL) -> DataListing {
        let loaded = Result { () throws(DiagnosticError) in try ReportConfigLoader.load(projectRoot: projectRoot) }
        let config = try? loaded.get()
        // report.yaml's problems are shown: a bad `data:` would otherwise read as no declaration.
        var configProblems: [Diagnostic] = []
        if case .failure(let error) = loaded { configProblems = error.diagnostics }
        let reading = DataLoader(projectFolder: projectRoot, dates: config?.dates ?? DateDeclarations()).read()
        let accepted = config?.accepted ?? []
        let files = reading.files.map { file in
            let tables = file.tables.compactMap { reading.tables[$0] }.map(Self.table)
            return File(reading: file, tables: tables, read: !file.failed)
        }
        return DataListing(
            files: files, ignored: reading.ignored,
            diagnostics: AcceptedWarnings.apply(accepted, to: configProblems + reading.diagnostics, reportUnused: false)
        )
    }

    /// A table's columns with their types, in file order.
    static func table(_ table: DataTable) -> Table {
        let columns = table.columns.indices.map { index in
            var kinds = Set<String>()
            var missing = 0
            for row in table.rows where row.indices.contains(index) {
                switch row[index] {
                case .missing: missing += 1
                case .number: kinds.insert("number")
                case .text: kinds.insert("text")
                case .date: kinds.insert("date")
                case .error: kinds.insert("error")
                }
            }
            let type = kinds.count > 1 ? "mixed" : kinds.first ?? "empty"
            return Column(name: table.columns[index], type: type, missing: missing)
        }
        return Table(name: table.name, sheet: table.sheet, rows: table.rows.count, columns: columns)
    }

    /// The listing for a terminal.
    public var text: String {
        var lines: [String] = []
        for file in files {
            lines.append(
                "\(file.reading.file): " + Self.describe(file.reading) + (file.read ? "" : " (not read: see the error)")
            )
            for table in file.tables {
                let sheet = table.sheet.map { " (sheet '\($0)')" } ?? ""
                lines.append("  table \(table.name)\(sheet): \(Counted.english(table.rows, "row"))")
                let width = table.columns.map(\.name.count).max() ?? 0
                for column in table.columns {
                    let missing = column.missing > 0 ? "  \(column.missing) missing" : ""
                    lines.append(
                        "    " + column.name.padding(toLength: width, withPad: " ", startingAt: 0)
                            + "  " + column.type + missing)
                }
            }
        }
        for file in ignored {
            lines.append("\(file.file): not read: \(file.advice)")
        }
        if files.isEmpty && ignored.isEmpty { lines.append("no data files in content/data/") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "CSV, UTF-8, cells separated by ';', decimal comma".
    static func describe(_ reading: DataFileReading) -> String {
        var parts = [reading.format.rawValue.uppercased()]
        if let encoding = reading.encoding { parts.append(encoding) }
        if let separator = reading.separator {
            parts.append(separator == "tab" ? "cells separated by tabs" : "cells separated by '\(separator)'")
        }
        if let mark = reading.decimalMark { parts.append(mark == "," ? "decimal comma" : "decimal point") }
        return parts.joined(separator: ", ")
    }

    /// The listing as JSON (its schema is documented in the README).
    public var json: String {
        func optional(_ value: String?) -> String { value.map(JSONText.string) ?? "null" }
        let fileItems = files.map { file in
            JSONText.object([
                ("file", JSONText.string(file.reading.file)),
                ("format", JSONText.string(file.reading.format.rawValue)),
                ("encoding", optional(file.reading.encoding)),
                ("separator", optional(file.reading.separator)),
                ("decimal_mark", optional(file.reading.decimalMark)),
                ("read", file.read ? "true" : "false"),
                (
                    "tables",
                    "["
                        + file.tables.map { table in
                            JSONText.object([
                                ("name", JSONText.string(table.name)),
                                ("sheet", optional(table.sheet)),
                                ("rows", String(table.rows)),
                                (
                                    "columns",
                                    "["
                                        + table.columns.map { column in
                                            JSONText.object([
                                                ("name", JSONText.string(column.name)),
                                                ("type", JSONText.string(column.type)),
                                                ("missing", String(column.missing)),
                                            ])
                                        }.joined(separator: ", ") + "]"
                                ),
                            ])
                        }.joined(separator: ", ") + "]"
                ),
            ])
        }
        let ignoredItems = ignored.map {
            JSONText.object([("file", JSONText.string($0.file)), ("reason", JSONText.string($0.advice))])
        }
        return "{\"files\": " + JSONText.array(fileItems) + ",\n\"ignored\": " + JSONText.array(ignoredItems) + "}\n"
    }
}
