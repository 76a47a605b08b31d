import MarketShapeCore

/// The narrow interface every stage uses to reach the warehouse. SQLite implements it today;
/// a server database can implement it later without touching the stages.
public protocol WarehouseStore: AnyObject {
    /// Runs statements that return no rows.
    func execute(_ sql: String) throws
    /// Runs one statement with arguments.
    func run(_ sql: String, _ arguments: [SQLValue]) throws
    /// Runs a query and returns its rows.
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]]
    /// Prepares a statement for bulk use (one insert per row, bound by position).
    func prepare(_ sql: String) throws -> SQLiteStatement
    /// Runs `body` in one transaction.
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// The rowid of the last insert.
    var lastInsertRowID: Int { get }
    /// Rows changed by the last statement.
    var changes: Int { get }
}

extension WarehouseStore {
    /// The first column of the first row as an integer (0 when there is none).
    public func scalarInt(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try query(sql, arguments).first?.first?.int ?? 0
    }
}

extension WarehouseStore {
    /// Runs a query and reads each row into `T` by column name: the way readers outside this module read tables.
    public func fetch<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = []) throws -> [T] {
        let statement = try prepare(sql)
        statement.bind(arguments)
        return try statement.decodedRows(type)
    }

    /// Runs a query without arguments.
    public func query(_ sql: String) throws -> [[SQLValue]] { try query(sql, []) }
    /// Runs a statement without arguments.
    public func run(_ sql: String) throws { try run(sql, []) }
}
