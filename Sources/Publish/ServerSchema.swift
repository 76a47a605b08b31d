import Foundation

/// The shared warehouse's schema on the server: versioned like the SQLite one (`ms_schema_migrations` records each
/// named step once), the body registry and publication log, one partitioned table per published warehouse table (its
/// columns follow the warehouse's: a column a newer warehouse adds is added, and the warehouse migration that brought it
/// is recorded), one partition per body, and the documented views for BI tools.
enum ServerSchema {
    /// The server's own steps, in order; never edited once published, only appended to.
    static let migrations: [(name: String, sql: String)] = [
        ("server 0001_bodies", """
            CREATE TABLE ms_bodies (
              body_key text PRIMARY KEY,
              body_name text NOT NULL,
              gss_code text,
              pipeline text NOT NULL,
              run_id bigint NOT NULL,
              content_digest text NOT NULL,
              published_at timestamptz NOT NULL,
              rows jsonb NOT NULL
            );
            CREATE TABLE ms_publications (
              publication_id bigserial PRIMARY KEY,
              body_key text NOT NULL,
              pipeline text NOT NULL,
              run_id bigint NOT NULL,
              content_digest text NOT NULL,
              published_at timestamptz NOT NULL DEFAULT now(),
              seconds double precision NOT NULL,
              rows jsonb NOT NULL
            );
            """),
        ("server 0002_body_figures", """
            CREATE TABLE ms_body_figures (
              body_key text NOT NULL,
              period_kind text NOT NULL,
              period text NOT NULL,
              is_default boolean NOT NULL,
              figures jsonb NOT NULL,
              PRIMARY KEY (body_key, period_kind, period)
            );
            COMMENT ON TABLE ms_body_figures IS 'Each body''s comparison figures for every period it holds, as its own report computes them (compare --postgres reads them); is_default marks its latest complete period.';
            """),
        ("server 0003_completeness", """
            ALTER TABLE ms_bodies ADD COLUMN minimum_coverage double precision;
            ALTER TABLE ms_body_figures ADD COLUMN is_complete boolean;
            """),
    ]

    /// Applies what the server lacks: its own migrations, the tables and columns `tables` need, the partitions of
    /// `bodyKey`, the warehouse migrations those columns came from, and the views. Runs under a server-wide advisory lock,
    /// so publishers of different bodies never race on DDL.
    static func prepare(_ pg: PostgresConnection, tables: [PublishedTable], bodyKey: String, warehouseMigrations: [String]) throws {
        try pg.execute("BEGIN")
        do {
            try pg.execute("SELECT pg_advisory_xact_lock(\(lockKey("schema")))")
            try pg.execute("CREATE TABLE IF NOT EXISTS ms_schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try pg.execute("SELECT name FROM ms_schema_migrations").compactMap { $0[0] })
            for m in migrations where !applied.contains(m.name) {
                try pg.execute(m.sql)
                try pg.execute("INSERT INTO ms_schema_migrations (name) VALUES ($1)", [m.name])
            }
            var changed = false
            for table in tables { changed = try ensure(pg, table, bodyKey: bodyKey) || changed }
            for name in warehouseMigrations where !applied.contains("warehouse \(name)") {
                try pg.execute("INSERT INTO ms_schema_migrations (name) VALUES ($1) ON CONFLICT DO NOTHING", ["warehouse \(name)"])
            }
            // The views are replaced only when their definitions or the tables under them change: dropping them on every
            // publish would block BI readers and break any view an analyst has built on them.
            let views = "views \(BIViews.version)"
            if changed || !applied.contains(views) {
                try BIViews.create(pg)
                try pg.execute("INSERT INTO ms_schema_migrations (name) VALUES ($1) ON CONFLICT DO NOTHING", [views])
            }
            try pg.execute("COMMIT")
        } catch {
            try? pg.execute("ROLLBACK")
            throw error
        }
    }

    /// The parent table, any column it lacks, and the body's partition; true when the table or a column was added.
    @discardableResult
    static func ensure(_ pg: PostgresConnection, _ table: PublishedTable, bodyKey: String) throws -> Bool {
        let q = PublishedTable.quoted
        let columns = table.columns.map { "\(q($0.name)) \($0.type)" }.joined(separator: ", ")
        let existed = try pg.scalar("SELECT to_regclass($1) IS NOT NULL", [table.serverName]) == "t"
        var changed = !existed
        try pg.execute("CREATE TABLE IF NOT EXISTS \(q(table.serverName)) (body_key text NOT NULL, \(columns)) PARTITION BY LIST (body_key)")
        let existing = Dictionary(try pg.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
                                                 [table.serverName]).map { ($0[0] ?? "", $0[1] ?? "") }, uniquingKeysWith: { a, _ in a })
        for column in table.columns {
            if let type = existing[column.name] {
                guard type == column.type else {
                    throw PostgresError(message: "\(table.serverName).\(column.name) is \(type) on the server but \(column.type) in this warehouse; the server's schema is newer or older than this MarketShape")
                }
            } else {
                try pg.execute("ALTER TABLE \(q(table.serverName)) ADD COLUMN \(q(column.name)) \(column.type)")
                changed = true
            }
        }
        let partition = partitionName(table, bodyKey)
        try pg.execute("CREATE TABLE IF NOT EXISTS \(q(partition)) PARTITION OF \(q(table.serverName)) FOR VALUES IN (\(literal(bodyKey)))")
        return changed
    }

    /// `ms_<table>__<body>`: the body's partition (lower-case letters, digits and `_`, within PostgreSQL's 63 bytes).
    static func partitionName(_ table: PublishedTable, _ bodyKey: String) -> String {
        let slug = String(bodyKey.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        let name = "\(table.serverName)__\(slug)"
        guard name.utf8.count > 63 else { return name }
        // Long keys keep their start and a digest of the whole, so two bodies never share a partition name.
        let digest = String(bodyKey.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }, radix: 36)
        return String(name.prefix(63 - digest.count - 1)) + "_" + digest
    }

    /// A text literal for DDL, where parameters cannot go.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// A 64-bit advisory-lock key for `name`, the same in every process.
    static func lockKey(_ name: String) -> String { "hashtextextended(\(literal("marketshape " + name)), 0)" }
}
