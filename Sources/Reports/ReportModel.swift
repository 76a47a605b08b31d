import Foundation
import MarketShapeCore
import Warehouse

/// Everything a report says, already computed and formatted; every writer renders this one model.
public struct ReportModel: Sendable, Equatable {
    public struct ClassShare: Sendable, Equatable {
        public var label: String
        public var pence: Pence
        public var knownPence: Pence
        /// Share of spend whose class is known; nil when nothing is known.
        public var share: Double?
        /// Known ÷ all spend.
        public var coverage: Double
    }
    public struct ServiceRow: Sendable, Equatable {
        public var service: String
        public var pence: Pence
        public var suppliers: Int
        public var hhi: Double?
        public var cr4: Double?
        public var band: String
        public var isThin: Bool
    }
    public struct SupplierRow: Sendable, Equatable {
        public var name: String
        public var pence: Pence
        public var classes: String
    }
    public struct TrendRow: Sendable, Equatable {
        public var month: String
        public var pence: Pence
        public var suppliers: Int
        public var hhi: Double?
    }
    public struct FileRow: Sendable, Equatable {
        public var name: String
        public var sha256: String
        public var read: Int
        public var loaded: Int
        public var setAside: Int
        public var loadedPence: Pence
        public var setAsidePence: Pence
    }

    public var pipeline: String
    public var body: String
    public var period: String
    public var generatedAt: String
    public var runID: Int
    public var localDefinition: String
    public var totalPence: Pence
    public var payments: Int
    public var suppliers: Int
    public var redactedPence: Pence
    public var purchaseCardPence: Pence
    public var shares: [ClassShare]
    public var services: [ServiceRow]
    public var topSuppliers: [SupplierRow]
    public var trend: [TrendRow]
    public var files: [FileRow]
    public var setAsideByReason: [(String, Int)] { setAsideReasons.map { ($0.reason, $0.count) } }
    public var setAsideReasons: [ReasonCount]

    public struct ReasonCount: Sendable, Equatable { public var reason: String; public var count: Int }
}

extension ReportModel {
    /// Builds the model for one month (`2026-03`) from the warehouse's marts and facts.
    public static func build(warehouse w: WarehouseStore, config: PipelineConfig, period: String, runID: Int, now: Date) throws -> ReportModel {
        let all = try w.query("SELECT total_pence, payments_count, suppliers_count, redacted_pence, purchase_card_pence, local_known_pence, local_pence, sme_known_pence, sme_pence, vcse_known_pence, vcse_pence FROM mart_spend WHERE period_kind = 'month' AND period = ? AND segment_kind = 'all'", [.text(period)]).first ?? []
        func v(_ i: Int) -> Int { i < all.count ? all[i].int ?? 0 : 0 }
        let total = v(0)
        func share(_ label: String, _ known: Int, _ yes: Int) -> ClassShare {
            ClassShare(label: label, pence: yes, knownPence: known, share: known > 0 ? Double(yes) / Double(known) : nil,
                       coverage: total > 0 ? Double(known) / Double(total) : 0)
        }
        let services = try w.query("""
            SELECT s.segment, s.total_pence, c.suppliers_count, c.hhi, c.cr4_share, c.band, c.is_thin
            FROM mart_spend s JOIN mart_concentration c USING (period_kind, period, segment_kind, segment)
            WHERE s.period_kind = 'month' AND s.period = ? AND s.segment_kind = 'service' ORDER BY s.total_pence DESC, s.segment
            """, [.text(period)]).map {
                ServiceRow(service: $0[0].string ?? "", pence: $0[1].int ?? 0, suppliers: $0[2].int ?? 0, hhi: $0[3].double,
                           cr4: $0[4].double, band: $0[5].string ?? "", isThin: ($0[6].int ?? 0) == 1)
            }
        let top = try w.query("""
            SELECT d.display_name, SUM(f.amount_pence) p, d.is_local, d.is_sme, d.is_vcse, d.is_public_body, d.ownership
            FROM fct_payments f JOIN dim_suppliers d USING (supplier_key) WHERE f.period_month = ?
            GROUP BY d.supplier_key ORDER BY p DESC, d.display_name LIMIT 10
            """, [.text(period)]).map { r -> SupplierRow in
                var classes: [String] = []
                if r[2].int == 1 { classes.append("local") }
                if r[3].int == 1 { classes.append("SME") }
                if r[4].int == 1 { classes.append("VCSE") }
                if r[5].int == 1 { classes.append("public body") }
                if let o = r[6].string, o != "unknown", o != "public", o != "charity" { classes.append(o) }
                return SupplierRow(name: r[0].string ?? "", pence: r[1].int ?? 0, classes: classes.isEmpty ? "unknown" : classes.joined(separator: ", "))
            }
        let trend = try w.query("""
            SELECT s.period, s.total_pence, s.suppliers_count, c.hhi FROM mart_spend s JOIN mart_concentration c USING (period_kind, period, segment_kind, segment)
            WHERE s.period_kind = 'month' AND s.segment_kind = 'all' AND s.period <= ? ORDER BY s.period DESC LIMIT 12
            """, [.text(period)]).reversed().map { TrendRow(month: $0[0].string ?? "", pence: $0[1].int ?? 0, suppliers: $0[2].int ?? 0, hhi: $0[3].double) }
        let files = try w.query("SELECT file_name, sha256, read_count, loaded_count, set_aside_count, loaded_pence, set_aside_pence FROM source_files WHERE is_current = 1 ORDER BY file_name").map {
            FileRow(name: $0[0].string ?? "", sha256: $0[1].string ?? "", read: $0[2].int ?? 0, loaded: $0[3].int ?? 0,
                    setAside: $0[4].int ?? 0, loadedPence: $0[5].int ?? 0, setAsidePence: $0[6].int ?? 0)
        }
        let reasons = try w.query("SELECT reason_code, COUNT(*) FROM stg_rejects r JOIN source_files f USING (file_id) WHERE f.is_current = 1 GROUP BY 1 ORDER BY 2 DESC, 1").map {
            ReasonCount(reason: $0[0].string ?? "", count: $0[1].int ?? 0)
        }
        let stamp = ISO8601DateFormatter()
        stamp.timeZone = TimeZone(identifier: "UTC")
        return ReportModel(pipeline: config.name, body: config.body.name, period: period, generatedAt: stamp.string(from: now), runID: runID,
                           localDefinition: config.local.ruleInUse(directoryLoaded: try w.scalarInt("SELECT COUNT(*) FROM register_versions WHERE kind = 'postcodes' AND is_current = 1") > 0) + (config.local.label.isEmpty ? "" : " (the pipeline calls this: \(config.local.label))"), totalPence: total, payments: v(1), suppliers: v(2), redactedPence: v(3),
                           purchaseCardPence: v(4),
                           shares: [share("Local", v(5), v(6)), share("SME", v(7), v(8)), share("VCSE", v(9), v(10))],
                           services: services, topSuppliers: top, trend: trend, files: files, setAsideReasons: reasons)
    }
}

/// Formatting shared by the writers.
public enum ReportFormat {
    public static func percent(_ share: Double?) -> String {
        guard let share else { return "unknown" }
        return String(format: "%.1f%%", share * 100)
    }
    public static func hhi(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.0f", value)
    }
}
