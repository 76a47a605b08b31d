import Warehouse

/// Prepared statements kept for the life of a stage, so lookups repeated per payee are prepared once.
final class StatementCache {
    private let warehouse: WarehouseStore
    private var statements: [String: SQLiteStatement] = [:]

    init(warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// Runs `sql` with `arguments` on a cached statement and returns its rows.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        let statement: SQLiteStatement
        if let cached = statements[sql] { statement = cached } else {
            statement = try warehouse.prepare(sql)
            statements[sql] = statement
        }
        statement.bind(arguments)
        return try statement.rows()
    }
}
