import Foundation
import MarketShapeCore
import Pipeline
import StageKit
import Warehouse

/// `publish`: copies one body's current facts, dimensions, marts and runs into the shared PostgreSQL warehouse in one
/// transaction. Each table's partition for the body is emptied and refilled with `COPY`, so a republish replaces only
/// that body, readers see the old rows or the new and never half (the partition's lock holds them until commit), and a
/// per-body advisory lock keeps two publishers of one body apart. Publishing what is already there changes nothing.
public struct Publisher {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// What one publish did.
    public struct Result: Sendable {
        public var bodyKey: String
        public var runID: Int
        /// Rows copied, by table (empty when nothing changed).
        public var rows: [String: Int]
        public var seconds: Double
        /// False when the server already held this body's same build.
        public var changed: Bool

        public var totalRows: Int { rows.values.reduce(0, +) }
    }

    /// The key a body is published under: its GSS code, or `pipeline:<name>` without one.
    public static func bodyKey(_ config: PipelineConfig) -> String { config.body.code.map { $0.uppercased() } ?? "pipeline:\(config.name)" }

    /// One period's comparison figures (JSON), as the body's report computes them; `isDefault` marks its latest complete period.
    public struct PeriodFigures: Sendable {
        public var periodKind: String, period: String, isDefault: Bool, isComplete: Bool, json: String
        public init(periodKind: String, period: String, isDefault: Bool, isComplete: Bool, json: String) {
            self.periodKind = periodKind; self.period = period; self.isDefault = isDefault; self.isComplete = isComplete; self.json = json
        }
    }

    /// The body's comparison figures for every period its marts hold, as its report computes them, encoded for the server.
    public static func periodFigures(_ config: PipelineConfig, _ w: WarehouseStore, now: Date = Date()) throws -> [PeriodFigures] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try BodyComparison.allFigures(config, w, now: now).map {
            PeriodFigures(periodKind: $0.period.kind, period: $0.period.label, isDefault: $0.isDefault, isComplete: $0.figures.row.isComplete,
                          json: String(decoding: try encoder.encode($0.figures), as: UTF8.self))
        }
    }

    /// Publishes `config`'s body from `w` (under `bodyKey` instead of the pipeline's own key when given), with its
    /// comparison figures for every period. A body another pipeline published is replaced only when `replacing`
    /// (else `BodyHeldError`, and the server is left as it was).
    public func publish(_ config: PipelineConfig, warehouse w: WarehouseStore, figures: () throws -> [PeriodFigures] = { [] }, bodyKey: String? = nil,
                        replacing: Bool = false, meter: ProgressMeter = .silent()) throws -> Result {
        let started = Date()
        let key = bodyKey ?? Self.bodyKey(config)
        let tables = try PublishedTable.all(in: w)
        struct Name: Decodable { var name: String }
        let migrations = try w.fetch(Name.self, "SELECT name FROM schema_migrations ORDER BY name").map(\.name)
        let runID = try w.scalarInt("SELECT coalesce(MAX(run_id), 0) FROM stage_builds")
        let digest = try Self.contentDigest(w, tables: tables)
        try ServerSchema.prepare(connection, tables: tables, bodyKey: key, warehouseMigrations: migrations)
        let pg = connection
        try pg.execute("BEGIN")
        do {
            try pg.execute("SELECT pg_advisory_xact_lock(\(ServerSchema.lockKey("body " + key)))")
            if !replacing, let holder = try pg.scalar("SELECT pipeline FROM ms_bodies WHERE body_key = $1", [key]), holder != config.name {
                throw BodyHeldError(bodyKey: key, heldBy: holder, pipeline: config.name)
            }
            if try pg.scalar("SELECT content_digest FROM ms_bodies WHERE body_key = $1", [key]) == digest {
                try pg.execute("ROLLBACK")
                return Result(bodyKey: key, runID: runID, rows: [:], seconds: Date().timeIntervalSince(started), changed: false)
            }
            var rows: [String: Int] = [:]
            for table in tables {
                let partition = PublishedTable.quoted(ServerSchema.partitionName(table, key))
                try pg.execute("TRUNCATE \(partition)")
                let columns = (["body_key"] + table.columns.map(\.name)).map(PublishedTable.quoted).joined(separator: ", ")
                rows[table.name] = try pg.copy("COPY \(partition) (\(columns)) FROM STDIN") { out in
                    try Self.stream(w, table, bodyKey: key, to: out, meter: meter)
                }
            }
            try pg.execute("DELETE FROM ms_body_figures WHERE body_key = $1", [key])
            let periods = try figures()
            if !periods.isEmpty {
                rows["ms_body_figures"] = try pg.copy("COPY ms_body_figures (body_key, period_kind, period, is_default, is_complete, figures) FROM STDIN") { out in
                    for f in periods {
                        out.text(key); out.separator(); out.text(f.periodKind); out.separator(); out.text(f.period); out.separator()
                        out.text(f.isDefault ? "t" : "f"); out.separator(); out.text(f.isComplete ? "t" : "f"); out.separator(); out.text(f.json)
                        try out.endRow()
                    }
                }
            }
            let rowsJSON = String(decoding: try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys]), as: UTF8.self)
            let seconds = Date().timeIntervalSince(started)
            try pg.execute("""
                INSERT INTO ms_bodies (body_key, body_name, gss_code, pipeline, run_id, content_digest, published_at, rows, minimum_coverage)
                VALUES ($1, $2, $3, $4, $5, $6, now(), $7::jsonb, $8)
                ON CONFLICT (body_key) DO UPDATE SET body_name = excluded.body_name, gss_code = excluded.gss_code, pipeline = excluded.pipeline,
                  run_id = excluded.run_id, content_digest = excluded.content_digest, published_at = excluded.published_at, rows = excluded.rows,
                  minimum_coverage = excluded.minimum_coverage
                """, [key, config.body.name, config.body.code, config.name, String(runID), digest, rowsJSON, String(config.report.minimumCoverage)])
            try pg.execute("INSERT INTO ms_publications (body_key, pipeline, run_id, content_digest, seconds, rows) VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
                           [key, config.name, String(runID), digest, String(seconds), rowsJSON])
            try pg.execute("COMMIT")
            return Result(bodyKey: key, runID: runID, rows: rows, seconds: Date().timeIntervalSince(started), changed: true)
        } catch {
            try? pg.execute("ROLLBACK")
            throw error
        }
    }

    /// Every row of `table` in COPY's text format, `body_key` first: integers and doubles as numbers (doubles in their
    /// shortest exact form), text escaped, NULL as `\N`.
    static func stream(_ w: WarehouseStore, _ table: PublishedTable, bodyKey: String, to out: CopyWriter, meter: ProgressMeter) throws {
        let statement = try w.prepare("SELECT \(table.columns.map { PublishedTable.quoted($0.name) }.joined(separator: ", ")) FROM \(table.name)")
        let columns = statement.columns
        var count = 0
        try statement.forEachRow { row in
            out.text(bodyKey)
            for column in columns {
                out.separator()
                switch row.storageClass(column) {
                case .null: out.null()
                case .integer: out.integer(row.int(column))
                case .real: out.double(row.double(column))
                case .text, .blob: out.text(row.bytes(column))
                }
            }
            try out.endRow()
            count += 1
            if count & 4095 == 0 { meter.advance(by: 4096) }
        }
        meter.advance(by: count & 4095)
    }

    /// What the body's published tables are built from: each stage's build (its run and inputs digest) and the tables'
    /// shapes. The same build published twice has the same digest.
    static func contentDigest(_ w: WarehouseStore, tables: [PublishedTable]) throws -> String {
        struct Build: Decodable { var stage: String; var run_id: Int; var inputs_digest: String }
        let builds = try w.fetch(Build.self, "SELECT stage, run_id, inputs_digest FROM stage_builds ORDER BY stage").map { "\($0.stage) \($0.run_id) \($0.inputs_digest)" }
        let shapes = tables.map { "\($0.name)(\($0.columns.map(\.name).joined(separator: ",")))" }
        // The version of what publish writes besides the tables (the comparison figures): raised when it changes.
        return TextDigest.sha256((builds + shapes + ["figures 2"]).joined(separator: "\n"))
    }
}
