import Foundation
import Warehouse

/// A warehouse table (or view) as PostgreSQL holds it: `ms_<name>`, partitioned by body, with the warehouse's columns
/// after `body_key` and each column's type from its declared SQLite type (INTEGER → bigint, REAL → double precision,
/// anything else → text).
struct PublishedTable: Equatable {
    var name: String
    var columns: [(name: String, type: String)]

    static func == (a: PublishedTable, b: PublishedTable) -> Bool { a.name == b.name && a.columns.map(\.name) == b.columns.map(\.name) }

    var serverName: String { "ms_\(name)" }

    /// What a body publishes: its payments with supplier and scope (`fct_payments`), suppliers and their evidence, the
    /// files, register versions and runs it was built from, and every report mart. The measure stage's own bookkeeping
    /// (`mart_month_*`, `mart_input*`, `mart_refreshed_months`) stays in the warehouse.
    static let fixed = ["fct_payments", "dim_suppliers", "supplier_evidence", "source_files", "register_versions", "runs", "run_stages"]
    static let internalMarts: Set<String> = ["mart_month_sums", "mart_month_scopes", "mart_month_outside", "mart_inputs", "mart_input_files",
                                             "mart_input_payees", "mart_input_scopes", "mart_input_suppliers", "mart_refreshed_months"]

    /// The tables `w` publishes, with their columns.
    static func all(in w: WarehouseStore) throws -> [PublishedTable] {
        struct Name: Decodable { var name: String }
        let marts = try w.fetch(Name.self, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name LIKE 'mart\\_%' ESCAPE '\\' ORDER BY name")
            .map(\.name).filter { !internalMarts.contains($0) }
        return try (fixed + marts).map { name in
            struct Column: Decodable { var name: String; var type: String }
            let columns = try w.fetch(Column.self, "SELECT name, type FROM pragma_table_info(?) ORDER BY cid", [.text(name)])
            return PublishedTable(name: name, columns: columns.map { ($0.name, Self.serverType($0.type)) })
        }
    }

    static func serverType(_ declared: String) -> String {
        let t = declared.uppercased()
        if t.contains("INT") { return "bigint" }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { return "double precision" }
        return "text"
    }

    /// `"name"`: an identifier quoted for PostgreSQL.
    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
