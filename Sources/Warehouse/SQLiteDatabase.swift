import CSQLite

/// One SQLite connection. Not shared across threads.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    public let path: String

    /// Opens (creating if needed) the database file at `path`; `:memory:` for a scratch database. `readOnly`: an existing
    /// file, read only (a second connection reading beside the first).
    public init(path: String, readOnly: Bool = false) throws {
        _ = Self.configured
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw WarehouseError(message: "\(path): \(message)")
        }
        self.handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5000)
        marketshape_sqlite_profile_if_asked(db)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Process-wide settings, made once before the first connection opens.
    private static let configured: Void = { _ = marketshape_sqlite_disable_memstatus() }()

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// Whether a transaction is open on this connection (what it has written is then not yet seen by others).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Gives back the memory a finished step freed: unused page-cache pages and the allocator's free pages
    /// (`marketshape_release_memory`), so the next step's peak does not sit on top of this one's.
    public func releaseMemory() { marketshape_release_memory(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw WarehouseError(message: message, sql: sql)
        }
    }

    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// Runs a query with arguments and returns all its rows (for small results).
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepare(sql)
        statement.bind(arguments)
        return try statement.rows()
    }

    /// Runs a statement with arguments.
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws {
        let statement = try prepare(sql)
        statement.bind(arguments)
        try statement.run()
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last insert.
    public var lastInsertRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    /// Runs `body` inside one transaction, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
