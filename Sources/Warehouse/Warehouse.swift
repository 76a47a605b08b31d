import Foundation
import MarketShapeCore

/// The embedded warehouse: one SQLite file per pipeline, migrated on open.
public final class Warehouse: WarehouseStore {
    public let database: SQLiteDatabase
    public var path: String { database.path }
    /// SQLite's page cache per connection, in KiB.
    public static let cacheKiB = 65536

    /// Opens the warehouse at `path` (creating its folder and file) and applies pending migrations.
    public init(path: String) throws {
        if path != ":memory:" {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                    withIntermediateDirectories: true)
        }
        database = try SQLiteDatabase(path: path)
        // A rollback journal, not WAL: bulk loads write each page once (WAL writes it twice), and the lock
        // already allows one writer at a time. FULL sync is the power-loss-safe setting in this mode. A new warehouse
        // gets 16 KiB pages (a warehouse is mostly bulk-loaded lines: a sixth less time writing them than with 4 KiB
        // pages); an existing one keeps the size it was made with.
        do {
            try database.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -\(Self.cacheKiB); PRAGMA temp_store = MEMORY")
            try Migrator(Schema.migrations).migrate(database)
        } catch let error as WarehouseError where Self.meansDamage(error.message) {
            throw WarehouseCorruptError(path: path, problems: [String(error.message.prefix { $0 != "(" }).replacingOccurrences(of: "warehouse: ", with: "")])
        }
    }

    /// Checks every page of the file: `PRAGMA quick_check` (every page and row, in time linear in the file), or with
    /// `full` `PRAGMA integrity_check` (also that every index matches its table). Throws `WarehouseCorruptError`
    /// naming the file when SQLite finds damage.
    public func check(full: Bool = false) throws {
        let rows: [[SQLValue]]
        // Only what says damage is damage: a busy or locked file is not a reason to throw a warehouse away.
        do { rows = try query(full ? "PRAGMA integrity_check(10)" : "PRAGMA quick_check(10)") } catch let error as WarehouseError where Self.meansDamage(error.message) {
            throw WarehouseCorruptError(path: path, problems: [error.message])
        }
        let problems = rows.compactMap { $0.first?.string }.filter { $0 != "ok" }
        if !problems.isEmpty { throw WarehouseCorruptError(path: path, problems: problems) }
    }

    /// Whether an SQLite message says the file is damaged rather than busy or misused.
    static func meansDamage(_ message: String) -> Bool {
        message.contains("malformed") || message.contains("not a database") || message.contains("corrupt")
    }

    public func execute(_ sql: String) throws { try database.execute(sql) }
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws { try database.run(sql, arguments) }
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] { try database.query(sql, arguments) }
    public func prepare(_ sql: String) throws -> SQLiteStatement { try database.prepare(sql) }
    public func transaction<T>(_ body: () throws -> T) throws -> T { try database.transaction(body) }
    public var lastInsertRowID: Int { database.lastInsertRowID }
    public var changes: Int { database.changes }
}
