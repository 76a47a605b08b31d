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

    @Test("staged payments and facts written before dictionary encoding (and text dates, tallies and line keys) read back identically through the stg_payments and fct_payments views")
    func dictionaryStaging() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let before = Schema.migrations.prefix { $0.name != "0008_dictionary_staging" }
        try Migrator(Array(before)).migrate(db)
        try db.execute("""
            INSERT INTO source_files (file_id, path, file_name, sha256, bytes_count, loaded_at, config_json, read_count, loaded_count, set_aside_count,
              read_pence, loaded_pence, set_aside_pence, set_aside_unpriced_count, preamble_lines_count, blank_lines_count)
              VALUES (1, 'a.csv', 'a.csv', 'x', 1, 'now', '{}', 3, 3, 0, 0, 0, 0, 0, 0, 0);
            INSERT INTO stg_payments (file_id, line_no, body, paid_on, period_month, amount_pence, supplier_name, is_redacted, redaction_label,
              company_number, service, is_purchase_card, vat_basis) VALUES
              (1, 2, 'Camden', '2025-04-01', '2025-04', 100, 'ACME LTD', 0, NULL, '00000123', 'Parks', 0, 'net'),
              (1, 3, 'Camden', '2025-04-02', '2025-04', -50, 'ACME LTD', 0, NULL, '00000123', 'Parks', NULL, 'net'),
              (1, 4, 'Camden', '2025-04-03', '2025-04', 70, NULL, 1, 'REDACTED', NULL, NULL, 0, 'net');
            INSERT INTO dim_suppliers (supplier_key, supplier_id, display_name, normalised_name, resolution_method) VALUES (7, 'S7', 'ACME LTD', 'ACME', 'test');
            INSERT INTO fct_payments (file_id, line_no, paid_on, period_month, amount_pence, supplier_key, is_redacted) VALUES
              (1, 2, '2025-04-01', '2025-04', 100, 7, 0), (1, 3, '2025-04-02', '2025-04', -50, 7, 0), (1, 4, '2025-04-03', '2025-04', 70, NULL, 1);
            """)
        let columns = "file_id, line_no, body, paid_on, period_month, amount_pence, supplier_name, is_redacted, redaction_label, company_number, service, is_purchase_card, vat_basis"
        let rows = try db.query("SELECT \(columns) FROM stg_payments ORDER BY line_no")
        try Migrator(Schema.migrations).migrate(db)
        #expect(try db.query("SELECT \(columns) FROM stg_payments ORDER BY line_no") == rows)
        #expect(try db.query("SELECT COUNT(*) FROM stg_payees").first == [2])
        #expect(try db.query("SELECT COUNT(*) FROM stg_contexts").first == [3])
        // The facts, now a view, keep each line's supplier.
        #expect(try db.query("SELECT line_no, supplier_key, amount_pence FROM fct_payments ORDER BY line_no") == [[2, 7, 100], [3, 7, -50], [4, nil, 70]])
        // The lines' dates are stored as integers (yyyymmdd), shown as before; ingest's tallies were summed from the lines.
        #expect(try db.query("SELECT typeof(paid_on), paid_on FROM stg_lines ORDER BY line_no") == [["integer", 20250401], ["integer", 20250402], ["integer", 20250403]])
        // Each line is keyed by its file and line (file_id × 2³² + line_no); both stay readable as columns.
        #expect(try db.query("SELECT line_key, file_id, line_no FROM stg_lines ORDER BY line_key")
                == [[4_294_967_298, 1, 2], [4_294_967_299, 1, 3], [4_294_967_300, 1, 4]])
        #expect(try db.query("SELECT period_month, SUM(payments_count), SUM(net_pence), SUM(gross_pence), SUM(credit_pence) FROM stg_tallies GROUP BY 1")
                == [["2025-04", 3, 120, 220, -50]])
    }

    @Test("each supplier's spend per period and segment written before it was kept in key order reads back the same, and a second row of one key is refused")
    func segmentSuppliersByKey() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try Migrator(Array(Schema.migrations.prefix { $0.name != "0026_segment_suppliers_by_key" })).migrate(db)
        try db.execute("""
            INSERT INTO mart_segment_suppliers VALUES ('month', '2025-04', 'all', 'all', 9, 500, 600, 2), ('month', '2025-04', 'all', 'all', 3, 70, 70, 1),
              ('financial_year', '2025/26', 'service', 'Parks', 3, 70, 70, 1)
            """)
        let rows = try db.query("SELECT * FROM mart_segment_suppliers ORDER BY 1, 2, 3, 4, 5")
        try Migrator(Schema.migrations).migrate(db)
        #expect(try db.query("SELECT * FROM mart_segment_suppliers ORDER BY 1, 2, 3, 4, 5") == rows)
        #expect(try db.query("SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = 'mart_segment_suppliers'").first == [1])
        #expect(throws: WarehouseError.self) { try db.execute("INSERT INTO mart_segment_suppliers VALUES ('month', '2025-04', 'all', 'all', 9, 1, 1, 1)") }
    }
}
