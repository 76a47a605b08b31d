/// Prepared statements kept for the life of a stage, so lookups repeated per row are prepared once.
public final class StatementCache {
    private let warehouse: WarehouseStore
    private var statements: [String: SQLiteStatement] = [:]

    public init(warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// Runs `sql` with `arguments` on a cached statement and returns its rows.
    public func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        let statement: SQLiteStatement
        if let cached = statements[sql] { statement = cached } else {
            statement = try warehouse.prepare(sql)
            statements[sql] = statement
        }
        statement.bind(arguments)
        return try statement.rows()
    }

    /// Runs `sql` with `arguments` on a cached statement and reads each row into `T` by column name.
    public func fetch<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue]) throws -> [T] {
        let statement: SQLiteStatement
        if let cached = statements[sql] { statement = cached } else {
            statement = try warehouse.prepare(sql)
            statements[sql] = statement
        }
        statement.bind(arguments)
        return try statement.decodedRows(type)
    }
}
