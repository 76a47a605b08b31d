/// One named, append-only schema step. Never edit a migration that has shipped: add a new one.
public struct Migration: Sendable {
    public let name: String
    public let sql: String

    public init(_ name: String, _ sql: String) { self.name = name; self.sql = sql }
}

/// Applies migrations in order, each in its own transaction, recording them in `schema_migrations`.
public struct Migrator {
    public let migrations: [Migration]

    public init(_ migrations: [Migration]) { self.migrations = migrations }

    /// Applies the migrations the database has not seen; returns their names.
    @discardableResult
    public func migrate(_ db: SQLiteDatabase) throws -> [String] {
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))")
        let applied = Set(try db.query("SELECT name FROM schema_migrations").compactMap { $0[0].string })
        let known = Set(migrations.map(\.name))
        if let stranger = applied.subtracting(known).sorted().first {
            throw WarehouseError(message: "this warehouse has migration '\(stranger)' that this build does not know: it was written by a newer MarketShape")
        }
        var done: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try db.transaction {
                try db.execute(migration.sql)
                try db.run("INSERT INTO schema_migrations (name) VALUES (?)", [.text(migration.name)])
            }
            done.append(migration.name)
        }
        return done
    }
}
