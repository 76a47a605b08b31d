import Testing
import Warehouse

@Suite("Warehouse migrations")
struct MigrationTests {
    @Test("every migration applies once and is recorded by name")
    func appliesOnce() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let migrator = Migrator([Migration("0001_a", "CREATE TABLE a (x INTEGER)"), Migration("0002_b", "CREATE TABLE b (y INTEGER)")])
        #expect(try migrator.migrate(db) == ["0001_a", "0002_b"])
        #expect(try migrator.migrate(db) == [])
        #expect(try db.query("SELECT name FROM schema_migrations ORDER BY name").map { $0[0] } == ["0001_a", "0002_b"])
    }

    @Test("a failing migration leaves nothing behind")
    func failingRollsBack() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let bad = Migrator([Migration("0001_bad", "CREATE TABLE t (x INTEGER); INSERT INTO nowhere VALUES (1)")])
        #expect(throws: WarehouseError.self) { try bad.migrate(db) }
        #expect(try db.query("SELECT name FROM sqlite_master WHERE name = 't'").isEmpty)
        #expect(try db.query("SELECT COUNT(*) FROM schema_migrations").first?.first == 0)
    }

    @Test("a warehouse from a newer build is refused")
    func newerWarehouse() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try Migrator([Migration("0001_a", "CREATE TABLE a (x INTEGER)"), Migration("0002_b", "SELECT 1")]).migrate(db)
        #expect(throws: WarehouseError.self) { try Migrator([Migration("0001_a", "CREATE TABLE a (x INTEGER)")]).migrate(db) }
    }

    @Test("the real schema migrates and its constraints hold")
    func realSchema() throws {
        let w = try Warehouse(path: ":memory:")
        #expect(try w.scalarInt("SELECT COUNT(*) FROM schema_migrations") == Schema.migrations.count)
        #expect(throws: WarehouseError.self) {
            try w.run("INSERT INTO runs (pipeline, command, started_at, status) VALUES ('p', 'run', 'now', 'sleeping')")
        }
    }
}
