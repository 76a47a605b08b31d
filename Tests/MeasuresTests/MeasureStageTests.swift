import Foundation
import Logging
import MarketShapeCore
@testable import Measures
import StageKit
import Testing
import Warehouse

/// A hand-made market with a known answer, computed again here in Swift, independently of the SQL.
@Suite("Measures on a hand-made case")
struct MeasureStageTests {
    struct Supplier { let key: Int; let local: Int?; let sme: Int?; let vcse: Int?; let ownership: String }
    struct Payment { let month: String; let service: String; let supplier: Int?; let pence: Int }

    static let suppliers = [
        Supplier(key: 1, local: 1, sme: 1, vcse: 1, ownership: "charity"),       // A
        Supplier(key: 2, local: 0, sme: 1, vcse: 0, ownership: "independent"),   // B
        Supplier(key: 3, local: nil, sme: nil, vcse: nil, ownership: "unknown"), // C
        Supplier(key: 4, local: 1, sme: 0, vcse: 0, ownership: "plc-listed"),    // D: net negative in April
        Supplier(key: 5, local: 0, sme: 1, vcse: 0, ownership: "independent"),   // E: enters in May
    ]
    static let payments = [
        Payment(month: "2025-03", service: "Care", supplier: 2, pence: 10_000),
        Payment(month: "2025-04", service: "Care", supplier: 1, pence: 60_000),
        Payment(month: "2025-04", service: "Care", supplier: 2, pence: 30_000),
        Payment(month: "2025-04", service: "Care", supplier: 3, pence: 10_000),
        Payment(month: "2025-04", service: "Care", supplier: 4, pence: 5_000),
        Payment(month: "2025-04", service: "Care", supplier: 4, pence: -8_000),   // credit note: D nets to -£30
        Payment(month: "2025-04", service: "Care", supplier: nil, pence: 20_000), // redacted
        Payment(month: "2025-04", service: "Parks", supplier: 1, pence: 10_000),  // a thin market
        Payment(month: "2025-05", service: "Care", supplier: 1, pence: 50_000),
        Payment(month: "2025-05", service: "Care", supplier: 5, pence: 50_000),
    ]

    func warehouse() throws -> (Warehouse, StageContext) {
        try warehouse(payments: Self.payments, periods: "[month, quarter, financial_year]")
    }

    func warehouse(payments: [Payment], periods: String) throws -> (Warehouse, StageContext) {
        let w = try Warehouse(path: ":memory:")
        try w.run("INSERT INTO source_files (file_id, path, file_name, sha256, bytes_count, loaded_at, config_json, read_count, loaded_count, set_aside_count, read_pence, loaded_pence, set_aside_pence, set_aside_unpriced_count, preamble_lines_count, blank_lines_count) VALUES (1, 'x', 'x', 'x', 0, 'now', '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0)")
        for s in Self.suppliers {
            try w.run("INSERT INTO dim_suppliers (supplier_key, supplier_id, display_name, normalised_name, resolution_method, is_local, is_sme, is_vcse, ownership) VALUES (?, ?, ?, ?, 'test', ?, ?, ?, ?)",
                      [.integer(s.key), .text("S\(s.key)"), .text("S\(s.key)"), .text("S\(s.key)"), s.local.sql, s.sme.sql, s.vcse.sql, .text(s.ownership)])
        }
        // Staged as ingest and resolve leave them: payee n is supplier n (payee 99 is redacted), a context per service.
        try w.run("INSERT INTO stg_payees (payee_id, supplier_name, is_redacted, redaction_label) VALUES (99, NULL, 1, 'REDACTED')")
        for s in Self.suppliers {
            try w.run("INSERT INTO stg_payees (payee_id, supplier_name, is_redacted) VALUES (?, ?, 0)", [.integer(s.key), .text("S\(s.key)")])
            try w.run("INSERT INTO map_payee_suppliers (payee_id, supplier_key) VALUES (?, ?)", [.integer(s.key), .integer(s.key)])
        }
        let services = Array(Set(payments.map(\.service))).sorted()
        for (i, service) in services.enumerated() { try w.run("INSERT INTO stg_contexts (context_id, service) VALUES (?, ?)", [.integer(i + 1), .text(service)]) }
        for (i, p) in payments.enumerated() {
            try w.run("INSERT INTO stg_lines (line_key, paid_on, amount_pence, payee_id, context_id) VALUES ((1 << 32) + ?, ?, ?, ?, ?)",
                      [.integer(i + 2), .integer(Int(p.month.replacingOccurrences(of: "-", with: ""))! * 100 + 15), .integer(p.pence), .integer(p.supplier ?? 99), .integer(services.firstIndex(of: p.service)! + 1)])
        }
        // Classify's scope: every payment here is market.
        try w.run("INSERT INTO map_payment_scope SELECT DISTINCT payee_id, context_id, 'market', 'test' FROM stg_lines")
        // Ingest's tallies of those lines, as the loader keeps them.
        try w.run("""
            INSERT INTO stg_tallies SELECT file_id, printf('%04d-%02d', paid_on / 10000, paid_on / 100 % 100), payee_id, context_id, COUNT(*), SUM(amount_pence), SUM(abs(amount_pence)),
              SUM(min(amount_pence, 0)) FROM stg_lines GROUP BY 1, 2, 3, 4
            """)
        let config = try PipelineConfig.parse(yaml: "pipeline: m\nbody: B\nspend: [x.csv]\nsegments: [service]\nperiods: \(periods)\n", file: "/p/pipelines/m.yml")
        let context = StageContext(config: config, warehouse: w, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() },
                                   console: RecordingConsole(), runID: 1, now: Date(timeIntervalSince1970: 0))
        _ = try MeasureStage().run(context)
        return (w, context)
    }

    /// HHI, CR4 and supplier count computed in Swift from the payments.
    static func concentration(month: String?, service: String?) -> (hhi: Double, cr4: Double, n: Int) {
        var net: [Int: Int] = [:]
        for p in payments where (month == nil || p.month == month) && (service == nil || p.service == service) {
            if let s = p.supplier { net[s, default: 0] += p.pence }
        }
        let positive = net.values.filter { $0 > 0 }.sorted(by: >)
        let total = Double(positive.reduce(0, +))
        let shares = positive.map { Double($0) / total }
        return (shares.map { 10_000 * $0 * $0 }.reduce(0, +), shares.prefix(4).reduce(0, +), shares.count)
    }

    @Test("concentration nets credit notes, gives no share to a negative supplier, and ignores redacted spend")
    func concentration() throws {
        let (w, _) = try warehouse()
        let row = try #require(try w.query("SELECT hhi, cr4_share, effective_suppliers_count, top_supplier_share, suppliers_count, band, is_thin FROM mart_concentration WHERE period_kind = 'month' AND period = '2025-04' AND segment_kind = 'service' AND segment = 'Care'").first)
        let expected = Self.concentration(month: "2025-04", service: "Care")
        #expect(expected.hhi == 4_600)   // shares 0.6, 0.3, 0.1
        #expect(abs(row[0].double! - expected.hhi) < 1e-9)
        #expect(abs(row[1].double! - expected.cr4) < 1e-12)
        #expect(abs(row[2].double! - 10_000 / expected.hhi) < 1e-9)
        #expect(abs(row[3].double! - 0.6) < 1e-12)
        #expect(row[4] == .integer(expected.n))
        #expect(row[5] == "highly concentrated")
        #expect(row[6] == 0)
        let parks = try #require(try w.query("SELECT hhi, is_thin FROM mart_concentration WHERE period_kind = 'month' AND period = '2025-04' AND segment = 'Parks'").first)
        #expect(parks == [.real(10_000), 1])
    }

    @Test("shares are of known spend, with coverage and redacted spend beside them")
    func shares() throws {
        let (w, _) = try warehouse()
        let r = try #require(try w.query("SELECT total_pence, redacted_pence, local_known_pence, local_pence, sme_known_pence, sme_pence, suppliers_count FROM mart_spend WHERE period_kind = 'month' AND period = '2025-04' AND segment = 'Care'").first)
        let april = Self.payments.filter { $0.month == "2025-04" && $0.service == "Care" }
        func sum(_ keep: (Payment) -> Bool) -> Int { april.filter(keep).map(\.pence).reduce(0, +) }
        func cls(_ p: Payment) -> Supplier? { p.supplier.flatMap { k in Self.suppliers.first { $0.key == k } } }
        #expect(r[0].int == sum { _ in true })                            // 117,000: redacted counted in the total
        #expect(r[1].int == 20_000)
        #expect(r[2].int == sum { cls($0)?.local != nil })                // 87,000 known
        #expect(r[3].int == sum { cls($0)?.local == 1 })                  // 57,000 local (D's credit note nets it)
        #expect(r[4].int == sum { cls($0)?.sme != nil })
        #expect(r[5].int == sum { cls($0)?.sme == 1 })
        #expect(r[6] == 4)
        let ownership = try w.query("SELECT ownership, spend_pence FROM mart_ownership WHERE period_kind = 'month' AND period = '2025-04' AND segment = 'Care' ORDER BY 1")
        #expect(ownership == [["charity", 60_000], ["independent", 30_000], ["plc-listed", -3_000], ["redacted", 20_000], ["unknown", 10_000]])
    }

    @Test("entrants and exits between consecutive months; nothing to compare in the first month")
    func dynamics() throws {
        let (w, _) = try warehouse()
        let may = try #require(try w.query("SELECT previous_period, active_count, entrants_count, exits_count, entrant_spend_share, hhi_change FROM mart_dynamics WHERE period_kind = 'month' AND period = '2025-05' AND segment = 'Care'").first)
        #expect(may[0] == "2025-04")
        #expect(may[1] == 2)
        #expect(may[2] == 1)                     // E enters
        #expect(may[3] == 3)                     // B, C and D leave
        #expect(may[4] == .real(0.5))
        let hhiMay = Self.concentration(month: "2025-05", service: "Care").hhi
        #expect(abs(may[5].double! - (hhiMay - 4_600)) < 1e-9)
        let march = try #require(try w.query("SELECT previous_period, entrants_count, exits_count FROM mart_dynamics WHERE period_kind = 'month' AND period = '2025-03' AND segment = 'Care'").first)
        #expect(march == [.null, .null, .null])
    }

    @Test("quarters and UK financial years (April–March)")
    func periods() throws {
        let (w, _) = try warehouse()
        let years = try w.query("SELECT period, total_pence FROM mart_spend WHERE period_kind = 'financial_year' AND segment_kind = 'all' ORDER BY 1")
        #expect(years == [["FY2024-25", 10_000], ["FY2025-26", 227_000]])
        let quarters = try w.query("SELECT period FROM mart_spend WHERE period_kind = 'quarter' AND segment_kind = 'all' ORDER BY 1").map { $0[0] }
        #expect(quarters == ["2025-Q1", "2025-Q2"])
    }

    @Test("rolling twelve-month windows: only complete ones, ending in the latest twelve months, each the sum of its months")
    func rollingWindows() throws {
        // Fifteen months, January 2024 to March 2025, with none in June 2024; each month's pence differ.
        var payments: [Payment] = []
        for i in 0..<15 where i != 5 {
            let month = String(format: "%04d-%02d", 2024 + i / 12, i % 12 + 1)
            payments.append(Payment(month: month, service: i % 2 == 0 ? "Care" : "Parks", supplier: i % 3 + 1, pence: 1_000 + i * 7))
        }
        let (w, _) = try warehouse(payments: payments, periods: "[month, rolling_12_months]")
        let windows = try w.query("SELECT period, total_pence, suppliers_count FROM mart_spend WHERE period_kind = 'rolling_12_months' AND segment_kind = 'all' ORDER BY 1")
        func expected(endingAt end: Int) -> [SQLValue] {
            let inside = payments.filter { p in
                let i = (Int(p.month.prefix(4))! - 2024) * 12 + Int(p.month.suffix(2))! - 1
                return i > end - 12 && i <= end
            }
            return [.text(String(format: "R12-%04d-%02d", 2024 + end / 12, end % 12 + 1)), .integer(inside.map(\.pence).reduce(0, +)),
                    .integer(Set(inside.compactMap(\.supplier)).count)]
        }
        #expect(windows == [11, 12, 13, 14].map { expected(endingAt: $0) })
        let parks = try w.query("SELECT SUM(total_pence) FROM mart_spend WHERE period_kind = 'rolling_12_months' AND period = 'R12-2025-03' AND segment = 'Parks'")
        #expect(parks == [[.integer(payments.filter { $0.service == "Parks" && $0.month >= "2024-04" }.map(\.pence).reduce(0, +))]])
    }

    @Test("the stage's data tests pass on its own output and catch a broken mart")
    func dataTests() throws {
        let (w, context) = try warehouse()
        let tests = MeasureStage().dataTests(context)
        for t in tests { #expect(try t.violations(in: w).isEmpty, "\(t.name)") }
        try w.run("UPDATE mart_ownership SET spend_pence = spend_pence + 1 WHERE ownership = 'charity' AND period = '2025-04' AND segment = 'Care'")
        let failing = try tests.filter { try !$0.violations(in: w).isEmpty }.map(\.name)
        #expect(failing == ["ownership rows add up to each market's spend"])
    }
}

@Suite("Market figures")
struct MarketFigureTests {
    @Test("HHI, CR4 and the top share from net spend: credit-noted and zero suppliers take no share, ties rank by supplier key")
    func concentration() {
        let f = ConcentrationMart.Figures(netSpend: [(supplier: 9, pence: 100), (supplier: 3, pence: 100), (supplier: 5, pence: 100),
                                                     (supplier: 7, pence: 100), (supplier: 1, pence: 100), (supplier: 2, pence: -50),
                                                     (supplier: 4, pence: 0)])
        #expect(f.suppliers == 5)
        #expect(f.positivePence == 500)
        #expect(abs(f.hhi! - 2000) < 1e-9)            // five equal shares of 20%
        #expect(abs(f.cr4! - 0.8) < 1e-12)
        #expect(f.top == 0.2)
        #expect(f.band == "highly concentrated")
        let none = ConcentrationMart.Figures(netSpend: [(supplier: 1, pence: -10)])
        #expect(none.hhi == nil && none.suppliers == 0 && none.band == "no positive spend")
    }

    @Test("by owner group, shares add up within each group: 40+10, 30, 20 of 100 is HHI 3,800 against 3,000 by entity")
    func groupConcentration() {
        // Suppliers 1–4 take 40%, 30%, 20% and 10%; 1 and 4 have one owner, and supplier 5 (a credit note, −£5) is in 2's group.
        let net: [(supplier: Int32, pence: Int)] = [(1, 4000), (2, 3000), (3, 2000), (4, 1000), (5, -500)]
        let owner: [Int32: Int32] = [1: 100, 4: 100, 2: 200, 5: 200, 3: 300]
        let entity = ConcentrationMart.Figures(netSpend: net)
        let group = ConcentrationMart.Figures(netSpend: net, groupOf: { owner[$0]! })
        #expect(abs(entity.hhi! - 3000) < 1e-9)       // 40² + 30² + 20² + 10²
        #expect(abs(group.hhi! - 3800) < 1e-9)        // 50² + 30² + 20²: the credit note takes nothing from its group
        #expect(group.suppliers == 3 && group.positivePence == entity.positivePence)
        #expect(group.topSupplier == 100 && abs(group.top! - 0.5) < 1e-12)
        #expect(abs(entity.cr4! - 1.0) < 1e-12 && abs(group.cr4! - 1.0) < 1e-12)
        // Six equal suppliers in two groups of three: 6 × 16.67² = 1,666.7 by entity, 2 × 50² = 5,000 by group; CR4 0.667 → 1.
        let six: [(supplier: Int32, pence: Int)] = (1...6).map { (Int32($0), 100) }
        let pairs = ConcentrationMart.Figures(netSpend: six, groupOf: { $0 <= 3 ? 0 : 1 })
        #expect(abs(ConcentrationMart.Figures(netSpend: six).hhi! - 10000.0 / 6) < 1e-9)
        #expect(abs(pairs.hhi! - 5000) < 1e-9 && abs(pairs.cr4! - 1) < 1e-12 && abs(ConcentrationMart.Figures(netSpend: six).cr4! - 4.0 / 6) < 1e-12)
    }

    @Test("entrants and exits: suppliers now and not before, and before and not now, with the entrants' spend")
    func turnover() {
        let t = DynamicsMart.Turnover(now: [(supplier: 1, pence: 10), (supplier: 3, pence: 30), (supplier: 4, pence: -5), (supplier: 9, pence: 90)],
                                      before: [Int32(2), 3, 5, 9])
        #expect(t.entrants == 2)          // 1 and 4
        #expect(t.entrantPence == 5)      // 10 − 5
        #expect(t.exits == 2)             // 2 and 5
        let fresh = DynamicsMart.Turnover(now: [(supplier: 1, pence: 10)], before: [Int32]())
        #expect(fresh == DynamicsMart.Turnover(now: [(supplier: 1, pence: 10)], before: [Int32]()))
        #expect(fresh.entrants == 1 && fresh.exits == 0)
    }
}
