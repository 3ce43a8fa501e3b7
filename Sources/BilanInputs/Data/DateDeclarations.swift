import BilanBase
package import Yams

/// The order of day and month that report.yaml declares for `01/04/2024`-style dates,
/// which read as April 1 in fr-CA and January 4 in en-US: bilan never guesses it.
///
/// ```yaml
/// data:
///   dates: day-month                    # every data file
///   tables:
///     visites: { dates: month-day }     # one table
///     dons: { dates: { recu: month-day } }   # one column
/// ```
public struct DateDeclarations: Sendable, Equatable {
    /// The order for every table, unless a table or column says otherwise.
    public var all: DateOrder?
    public var tables: [String: DateOrder] = [:]
    /// Table → column → order.
    public var columns: [String: [String: DateOrder]] = [:]

    public init(all: DateOrder? = nil, tables: [String: DateOrder] = [:], columns: [String: [String: DateOrder]] = [:])
    {
        self.all = all
        self.tables = tables
        self.columns = columns
    }

    /// The order declared for a column of a table, if any.
    public func order(table: String, column: String) -> DateOrder? {
        columns[table]?[column] ?? tables[table] ?? all
    }

    /// Reads the `data:` setting of report.yaml; each problem goes to `schema`.
    package static func read(_ node: Node, into schema: inout YAMLSchemaReader) -> DateDeclarations {
        var declarations = DateDeclarations()
        let orders = DateOrder.allCases.map(\.rawValue).joined(separator: ", ")
        func order(_ node: Node) -> DateOrder? {
            schema.choice(node) { _ in "the order of dates is one of \(orders)" }
        }
        guard
            let data = schema.map(
                node, notAMap: "'data' must be a map, such as { dates: day-month }", known: ["dates", "tables"],
                unknownKey: { "unknown data setting '\($0.key)' (known: dates, tables)" })
        else { return declarations }
        if let node = data["dates"] {
            declarations.all = order(node)
        }
        if let node = data["tables"] {
            let tables = YAMLMap(node)
            guard tables.isMap else {
                schema.fail("'data.tables' maps a table name to { dates: … }", at: node)
                return declarations
            }
            for table in tables.entries {
                let settings = schema.map(table.value, known: ["dates"]) {
                    "unknown setting '\($0.key)' for table '\(table.key)' (known: dates)"
                }
                if let dates = settings["dates"] {
                    let columns = YAMLMap(dates)
                    if columns.isMap {
                        for column in columns.entries {
                            if let value = order(column.value) {
                                declarations.columns[table.key, default: [:]][column.key] = value
                            }
                        }
                    } else if let value = order(dates) {
                        declarations.tables[table.key] = value
                    }
                }
                if !settings.isMap {
                    schema.fail("table '\(table.key)': write { dates: day-month }", at: table.value)
                }
            }
        }
        return declarations
    }
}
