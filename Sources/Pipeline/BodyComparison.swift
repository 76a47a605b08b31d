import Foundation
import MarketShapeCore
import Measures
import Reports
import Warehouse

/// Reads several bodies' warehouses for `compare`: each body's report model for the period (its latest complete one
/// by default) and its whole-body concentration, each warehouse read under its lock so a run in progress is never
/// half-read (a body whose lock is held fails with exit 75, worth retrying).
public enum BodyComparison {
    public static func build(_ configs: [PipelineConfig], period: ReportPeriod?, now: Date, categories: MarketCategories? = nil) throws -> ComparisonModel {
        var inputs: [ComparisonModel.Input] = []
        for config in configs {
            guard FileManager.default.fileExists(atPath: config.warehouse) else {
                inputs.append(.init(pipeline: config.name, figures: nil, reason: "never run: no warehouse at \(config.warehouse)")); continue
            }
            let lock = try WarehouseLock(warehouse: config.warehouse)
            defer { lock.release() }
            let w = try Warehouse(path: config.warehouse)
            let completeness = try PeriodCompleteness(w, share: config.report.completeMonthShare)
            guard let chosen = try period ?? ReportPeriod.latest(w, completeness: completeness) else {
                inputs.append(.init(pipeline: config.name, figures: nil, reason: "no payments")); continue
            }
            do {
                let f = try figures(config, w, chosen, completeness: completeness, now: now)
                inputs.append(.init(pipeline: config.name, figures: f, reason: nil, services: categories == nil ? [] : try serviceSpend(w, chosen)))
            } catch let error as UnknownPeriodError {
                inputs.append(.init(pipeline: config.name, figures: nil, reason: "\(error)"))
            }
        }
        return ComparisonModel.build(inputs, requestedPeriod: period?.label, generatedAt: ISO8601DateFormatter().string(from: now), categories: categories)
    }

    /// Each supplier's net spend per service in `period`, with its owner group where it has a corporate parent.
    public static func serviceSpend(_ w: WarehouseStore, _ period: ReportPeriod) throws -> [ComparisonModel.ServiceSupplierSpend] {
        struct Row: Decodable { var segment: String; var supplier_key: Int; var owner_group: String?; var spend_pence: Int }
        return try w.fetch(Row.self, """
            SELECT s.segment, s.supplier_key, CASE WHEN d.owner_chain_length > 0 THEN d.owner_group END AS owner_group, s.spend_pence
            FROM mart_segment_suppliers s LEFT JOIN dim_suppliers d USING (supplier_key)
            WHERE s.period_kind = ? AND s.period = ? AND s.segment_kind = 'service' AND s.supplier_key >= 0
            """, [.text(period.kind), .text(period.label)]).map { .init(service: $0.segment, supplier: $0.supplier_key, ownerGroup: $0.owner_group, pence: $0.spend_pence) }
    }

    /// One body's figures for `period`, as its report builds them.
    public static func figures(_ config: PipelineConfig, _ w: WarehouseStore, _ period: ReportPeriod, completeness: PeriodCompleteness,
                               now: Date) throws -> ComparisonModel.BodyFigures {
        let runID = try w.scalarInt("SELECT coalesce(MAX(run_id), 0) FROM runs")
        let model = try ReportModel.build(warehouse: w, config: config, period: period, runID: runID, now: now, completeness: completeness)
        let whole = try MartReader(w).market(kind: period.kind, period: period.label, segmentKind: SegmentKind.all, segment: SegmentKind.allSegment)
        return ComparisonModel.figures(pipeline: config.name, model: model, wholeBody: whole)
    }

    /// Every period the body's marts hold, with its figures, and which is its default (latest complete) period.
    public static func allFigures(_ config: PipelineConfig, _ w: WarehouseStore, now: Date) throws -> [(period: ReportPeriod, isDefault: Bool, figures: ComparisonModel.BodyFigures)] {
        let completeness = try PeriodCompleteness(w, share: config.report.completeMonthShare)
        let latest = try ReportPeriod.latest(w, completeness: completeness)
        struct Row: Decodable { var period_kind: String; var period: String }
        let periods = try w.fetch(Row.self, "SELECT DISTINCT period_kind, period FROM mart_spend ORDER BY period_kind, period")
        return try periods.compactMap { r in
            guard let p = ReportPeriod(r.period), p.kind == r.period_kind else { return nil }
            return (p, p == latest, try figures(config, w, p, completeness: completeness, now: now))
        }
    }
}
