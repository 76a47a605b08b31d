import Foundation
import Generator
import Logging
import MarketShapeCore
import Pipeline
import Publish
import Reports
import StageKit
import Testing
import Warehouse

/// The PostgreSQL server the tests publish to: `MARKETSHAPE_TEST_POSTGRES` (`scripts/pg-test-server start` prints it;
/// CI starts one). Without it the tests are skipped, and say why.
let testServer = ProcessInfo.processInfo.environment["MARKETSHAPE_TEST_POSTGRES"]

@Suite("Publishing to PostgreSQL", .serialized,
       .enabled(if: testServer != nil, "no PostgreSQL server: set MARKETSHAPE_TEST_POSTGRES (scripts/pg-test-server start prints it)"))
struct PublishTests {
    /// A database of its own on the test server, dropped afterwards.
    final class Database: @unchecked Sendable {
        let url: String
        let name = "ms_test_\(UUID().uuidString.prefix(8).lowercased())"
        init() throws {
            let admin = try PostgresConnection(url: testServer!)
            try admin.execute("CREATE DATABASE \(name)")
            var c = URLComponents(string: testServer!)!
            c.path = "/" + name
            url = c.string!
        }
        func connect() throws -> PostgresConnection { try PostgresConnection(url: url) }
        deinit { _ = try? PostgresConnection(url: testServer!).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// A generated borough run through the pipeline: `rows` payments, body code `code`.
    struct Body {
        let root: String
        let config: PipelineConfig
        init(rows: Int, code: String, seed: UInt64 = 7, pipeline: String? = nil) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-publish-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
            _ = try BoroughGenerator(seed: seed, rows: rows, months: 2, start: "2025-04").write(to: root + "/data/borough")
            try """
                pipeline: \(pipeline ?? "b\(code.lowercased())")
                body: {name: Borough \(code), code: \(code)}
                spend: [data/borough/spend/*.csv]
                registers:
                  overrides: data/borough/registers/supplier_overrides.csv
                  psc: data/borough/registers/psc-snapshot.txt
                local: {outward_codes: [NW1, NW3]}
                segments: [service]
                periods: [month]
                """.write(toFile: root + "/pipelines/b.yml", atomically: true, encoding: .utf8)
            config = try PipelineConfig.load(path: root + "/pipelines/b.yml")
            try PipelineRunner(config: config, console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }).run()
        }
        func warehouse() throws -> Warehouse { try Warehouse(path: config.warehouse) }
        /// Payments and pence the warehouse holds.
        func totals() throws -> [String] {
            let w = try warehouse()
            return [String(try w.scalarInt("SELECT COUNT(*) FROM fct_payments")), String(try w.scalarInt("SELECT SUM(amount_pence) FROM fct_payments"))]
        }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static func totals(_ pg: PostgresConnection, _ key: String) throws -> [String] {
        let r = try pg.execute("SELECT COUNT(*)::text, coalesce(SUM(amount_pence), 0)::text FROM ms_fct_payments WHERE body_key = $1", [key])[0]
        return r.map { $0 ?? "" }
    }

    @Test("every table arrives whole, values exact; publishing the same build again changes nothing; the schema's steps are recorded")
    func publishOnce() throws {
        let db = try Database()
        let body = try Body(rows: 600, code: "E09000007")
        defer { body.remove() }
        let pg = try db.connect()
        let first = try Publisher(connection: pg).publish(body.config, warehouse: body.warehouse())
        #expect(first.changed && first.bodyKey == "E09000007")
        let w = try body.warehouse()
        for (table, rows) in first.rows {
            #expect(rows == (try w.scalarInt("SELECT COUNT(*) FROM \(table)")), "\(table)")
            #expect(try pg.scalar("SELECT COUNT(*) FROM ms_\(table) WHERE body_key = 'E09000007'") == String(rows), "\(table)")
        }
        #expect(try Self.totals(pg, "E09000007") == body.totals())
        // Text arrives byte for byte: every supplier name and every piece of evidence (apostrophes, ampersands, arrows).
        // (Ordered byte by byte on both sides: COLLATE "C" on the server.)
        for (table, column, key, serverKey) in [("dim_suppliers", "display_name", "supplier_key", "supplier_key"),
                                                ("supplier_evidence", "detail", "supplier_key, classification, detail",
                                                 "supplier_key, classification COLLATE \"C\", detail COLLATE \"C\"")] {
            let local = try w.query("SELECT group_concat(\(column), char(1)) FROM (SELECT \(column) FROM \(table) ORDER BY \(key))")[0][0].string
            let server = try pg.scalar("SELECT string_agg(\(column), chr(1) ORDER BY \(serverKey)) FROM ms_\(table) WHERE body_key = 'E09000007'")
            #expect(local != nil && server == local, "\(table).\(column)")
        }
        // Doubles arrive exact: every HHI equals the warehouse's to the last bit.
        let local = Dictionary(try w.query("SELECT period || segment_kind || segment, hhi FROM mart_concentration WHERE hhi IS NOT NULL").map { ($0[0].string!, $0[1].double!) },
                               uniquingKeysWith: { a, _ in a })
        let server = try pg.execute("SELECT period || segment_kind || segment, hhi::text FROM ms_mart_concentration WHERE hhi IS NOT NULL")
        #expect(server.count == local.count && server.allSatisfy { Double($0[1]!) == local[$0[0]!] })
        // The BI view gives the report's whole-body local share.
        let share = try pg.scalar("SELECT local_share FROM v_body_shares WHERE period_kind = 'month' AND period = '2025-05'")
        let expected = try w.query("SELECT local_pence * 1.0 / local_known_pence FROM mart_spend WHERE period_kind = 'month' AND period = '2025-05' AND segment_kind = 'all'")[0][0].double
        #expect(share.flatMap(Double.init) == expected)
        // An analyst's own view on a BI view survives the next publish (the views are not dropped when nothing changed).
        try pg.execute("CREATE VIEW analyst_shares AS SELECT body_key, period, local_share FROM v_body_shares")
        let again = try Publisher(connection: pg).publish(body.config, warehouse: body.warehouse())
        #expect(try !again.changed && pg.scalar("SELECT COUNT(*) FROM ms_publications") == "1")
        let steps = Set(try pg.execute("SELECT name FROM ms_schema_migrations").compactMap { $0[0] })
        #expect(steps.contains("server 0001_bodies") && steps.contains("warehouse 0021_owner_group_detail"))
        #expect(try pg.scalar("SELECT obj_description('v_body_shares'::regclass)")?.hasPrefix("Each body's market spend") == true)
    }

    @Test("a republish replaces its own body atomically: a reader sees the old build or the new, never half, and the other body never moves")
    func republishWhileReading() throws {
        let db = try Database()
        let small = try Body(rows: 600, code: "E09000007"), large = try Body(rows: 1500, code: "E09000007", seed: 8), other = try Body(rows: 400, code: "E09000019")
        defer { small.remove(); large.remove(); other.remove() }
        let pg = try db.connect()
        try Publisher(connection: pg).publish(other.config, warehouse: other.warehouse())
        try Publisher(connection: pg).publish(small.config, warehouse: small.warehouse())
        let allowed = [try small.totals(), try large.totals()], otherTotals = try other.totals()
        let reader = try db.connect()
        let stop = Flag(), seen = Observations()
        let thread = Thread {
            while !stop.isSet {
                if let a = try? Self.totals(reader, "E09000007"), let b = try? Self.totals(reader, "E09000019") { seen.add(a, b) }
            }
        }
        thread.start()
        for version in [large, small, large, small] { try Publisher(connection: pg).publish(version.config, warehouse: version.warehouse()) }
        stop.set()
        usleep(50_000)
        let observed = seen.all
        #expect(observed.count > 3)
        #expect(observed.allSatisfy { allowed.contains($0.0) }, "\(observed.map(\.0).filter { !allowed.contains($0) }.prefix(3))")
        #expect(observed.allSatisfy { $0.1 == otherTotals })
        #expect(try Self.totals(pg, "E09000007") == small.totals())
    }

    @Test("a body another pipeline published is not replaced unless asked: the error names that pipeline and the server is unchanged")
    func bodyHeldByAnotherPipeline() throws {
        let db = try Database()
        let real = try Body(rows: 500, code: "E09000007", pipeline: "camden"), demo = try Body(rows: 300, code: "E09000007", seed: 9, pipeline: "demo")
        defer { real.remove(); demo.remove() }
        let pg = try db.connect()
        try Publisher(connection: pg).publish(real.config, warehouse: real.warehouse())
        let error = #expect(throws: BodyHeldError.self) { try Publisher(connection: pg).publish(demo.config, warehouse: demo.warehouse()) }
        #expect(error?.heldBy == "camden")
        #expect(error.map { "\($0)" }?.contains("--replace") == true)
        #expect(try Self.totals(pg, "E09000007") == real.totals())
        #expect(try pg.scalar("SELECT pipeline FROM ms_bodies WHERE body_key = 'E09000007'") == "camden")
        // Asked to, it replaces the body whole.
        try Publisher(connection: pg).publish(demo.config, warehouse: demo.warehouse(), replacing: true)
        #expect(try Self.totals(pg, "E09000007") == demo.totals())
        #expect(try pg.scalar("SELECT pipeline FROM ms_bodies WHERE body_key = 'E09000007'") == "demo")
    }

    @Test("compare over the server gives the figures compare over the bodies' warehouses gives, for the default and a chosen period")
    func compareBothWays() throws {
        let db = try Database()
        let a = try Body(rows: 600, code: "E09000007"), b = try Body(rows: 400, code: "E09000019", seed: 11)
        defer { a.remove(); b.remove() }
        let pg = try db.connect()
        for body in [a, b] {
            try Publisher(connection: pg).publish(body.config, warehouse: body.warehouse(), figures: { try Publisher.periodFigures(body.config, body.warehouse()) })
        }
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        for period in [nil, ReportPeriod("2025-04")] {
            let mapping = try MarketCategories.load(path: FileManager.default.currentDirectoryPath + "/data/registers/market-categories.csv")
            let local = try BodyComparison.build([a.config, b.config], period: period, now: now, categories: mapping)
            let server = try ServerComparison.build(pg, bodies: ["E09000007", "E09000019"], period: period, now: now, categories: mapping)
            #expect(local.bodies.count == 2 && local.missing.isEmpty && !local.categoryMarkets.isEmpty)
            #expect(server == local)
        }
    }

    @Test("two publishers of one body at once: the advisory lock keeps them apart, both finish, and the body holds one whole build")
    func concurrentPublishers() throws {
        let db = try Database()
        let a = try Body(rows: 600, code: "E09000007"), b = try Body(rows: 900, code: "E09000007", seed: 9)
        defer { a.remove(); b.remove() }
        let errors = Observations(), group = DispatchGroup()
        for body in [a, b] {
            group.enter()
            Thread {
                defer { group.leave() }
                do { try Publisher(connection: db.connect()).publish(body.config, warehouse: body.warehouse()) } catch { errors.add(["\(error)"], []) }
            }.start()
        }
        group.wait()
        #expect(errors.all.isEmpty, "\(errors.all)")
        let pg = try db.connect()
        #expect([try a.totals(), try b.totals()].contains(try Self.totals(pg, "E09000007")))
        #expect(try pg.scalar("SELECT COUNT(*) FROM ms_publications WHERE body_key = 'E09000007'") == "2")
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock(); private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

final class Observations: @unchecked Sendable {
    private let lock = NSLock(); private var values: [([String], [String])] = []
    func add(_ a: [String], _ b: [String]) { lock.lock(); values.append((a, b)); lock.unlock() }
    var all: [([String], [String])] { lock.lock(); defer { lock.unlock() }; return values }
}
