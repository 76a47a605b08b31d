import Foundation
import MarketShapeCore
import Reports

/// `compare --postgres`: the bodies' comparison figures as they were published (`ms_body_figures`), so the comparison
/// from the server has the figures the same bodies' warehouses give.
public enum ServerComparison {
    /// `bodies` are body keys in the order wanted (empty: every body on the server, by name).
    public static func build(_ pg: PostgresConnection, bodies: [String], period: ReportPeriod?, now: Date, categories: MarketCategories? = nil) throws -> ComparisonModel {
        let present = try pg.execute("SELECT to_regclass('ms_body_figures') IS NOT NULL")[0][0] == "t"
        guard present else { throw PostgresError(message: "no body has been published to this server yet (no ms_body_figures table)") }
        let keys = bodies.isEmpty ? try pg.execute("SELECT body_key FROM ms_bodies ORDER BY body_name, body_key").compactMap { $0[0] } : bodies
        let decoder = JSONDecoder()
        var inputs: [ComparisonModel.Input] = []
        for key in keys {
            guard let pipeline = try pg.scalar("SELECT pipeline FROM ms_bodies WHERE body_key = $1", [key]) else {
                inputs.append(.init(pipeline: key, figures: nil, reason: "not published to this server")); continue
            }
            let json = period == nil
                ? try pg.scalar("SELECT figures::text FROM ms_body_figures WHERE body_key = $1 AND is_default", [key])
                : try pg.scalar("SELECT figures::text FROM ms_body_figures WHERE body_key = $1 AND period_kind = $2 AND period = $3", [key, period!.kind, period!.label])
            guard let json else {
                inputs.append(.init(pipeline: pipeline, figures: nil, reason: period.map { "no figures for \($0.label) on the server" } ?? "no complete period on the server"))
                continue
            }
            let figures = try decoder.decode(ComparisonModel.BodyFigures.self, from: Data(json.utf8))
            var services: [ComparisonModel.ServiceSupplierSpend] = []
            if categories != nil, let p = ReportPeriod(figures.row.period) {
                services = try pg.execute("""
                    SELECT s.segment, s.supplier_key::text, CASE WHEN d.owner_chain_length > 0 THEN d.owner_group END, s.spend_pence::text
                    FROM ms_mart_segment_suppliers s LEFT JOIN ms_dim_suppliers d ON d.body_key = s.body_key AND d.supplier_key = s.supplier_key
                    WHERE s.body_key = $1 AND s.period_kind = $2 AND s.period = $3 AND s.segment_kind = 'service' AND s.supplier_key >= 0
                    """, [key, p.kind, p.label]).map { .init(service: $0[0] ?? "", supplier: Int($0[1] ?? "") ?? 0, ownerGroup: $0[2], pence: Int($0[3] ?? "") ?? 0) }
            }
            inputs.append(.init(pipeline: pipeline, figures: figures, reason: nil, services: services))
        }
        return ComparisonModel.build(inputs, requestedPeriod: period?.label, generatedAt: ISO8601DateFormatter().string(from: now), categories: categories)
    }
}
