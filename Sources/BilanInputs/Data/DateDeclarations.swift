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

    public init(all: DateOrder? = nil, tables: [String: DateOrder] = [:], columns: [String: [String: DateOrder]] = [:]) {
        self.all = all
        self.tables = tables
        self.columns = columns
    }

    /// The order declared for a column of a table, if any.
    public func order(table: String, column: String) -> DateOrder? {
        columns[table]?[column] ?? tables[table] ?? all
    }

    /// Reads the `data:` setting of report.yaml; each problem goes to `fail`.
    package static func read(_ node: Node, fail: (String, Node?) -> Void) -> DateDeclarations {
        var declarations = DateDeclarations()
        let orders = DateOrder.allCases.map(\.rawValue).joined(separator: ", ")
        func order(_ node: Node) -> DateOrder? {
            guard let text = node.scalar?.string, let order = DateOrder(rawValue: text) else {
                fail("the order of dates is one of \(orders)", node)
                return nil
            }
            return order
        }
        guard node.mapping != nil else {
            fail("'data' must be a map, such as { dates: day-month }", node)
            return declarations
        }
        for entry in node.orderedEntries {
            switch entry.key {
            case "dates":
                declarations.all = order(entry.value)
            case "tables":
                guard entry.value.mapping != nil else {
                    fail("'data.tables' maps a table name to { dates: … }", entry.value)
                    continue
                }
                for table in entry.value.orderedEntries {
                    for setting in table.value.orderedEntries {
                        guard setting.key == "dates" else {
                            fail("unknown setting '\(setting.key)' for table '\(table.key)' (known: dates)", setting.keyNode)
                            continue
                        }
                        if setting.value.mapping != nil {
                            for column in setting.value.orderedEntries {
                                if let value = order(column.value) {
                                    declarations.columns[table.key, default: [:]][column.key] = value
                                }
                            }
                        } else if let value = order(setting.value) {
                            declarations.tables[table.key] = value
                        }
                    }
                    if table.value.mapping == nil {
                        fail("table '\(table.key)': write { dates: day-month }", table.value)
                    }
                }
            default:
                fail("unknown data setting '\(entry.key)' (known: dates, tables)", entry.keyNode)
            }
        }
        return declarations
    }
}
