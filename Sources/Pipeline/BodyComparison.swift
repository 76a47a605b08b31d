import Foundation
import MarketShapeCore
import Measures
import Reports
import Warehouse

/// Reads several bodies' warehouses for `compare`: each body's report model for the period (its latest complete one
/// by default) and its whole-body concentration, each warehouse read under its lock so a run in progress is never
/// half-read (a body whose lock is held fails with exit 75, worth retrying).
public enum BodyComparison {
    public static func build(_ configs: [PipelineConfig], period: ReportPeriod?, now: Date) throws -> ComparisonModel {
        var inputs: [ComparisonModel.Input] = []
        var whole: [String: MartReader.Market] = [:]
        for config in configs {
            guard FileManager.default.fileExists(atPath: config.warehouse) else {
                inputs.append(.init(pipeline: config.name, model: nil, reason: "never run: no warehouse at \(config.warehouse)")); continue
            }
            let lock = try WarehouseLock(warehouse: config.warehouse)
            defer { lock.release() }
            let w = try Warehouse(path: config.warehouse)
            let completeness = try PeriodCompleteness(w, share: config.report.completeMonthShare)
            guard let chosen = try period ?? ReportPeriod.latest(w, completeness: completeness) else {
                inputs.append(.init(pipeline: config.name, model: nil, reason: "no payments")); continue
            }
            do {
                let runID = try w.scalarInt("SELECT coalesce(MAX(run_id), 0) FROM runs")
                let model = try ReportModel.build(warehouse: w, config: config, period: chosen, runID: runID, now: now, completeness: completeness)
                inputs.append(.init(pipeline: config.name, model: model, reason: nil))
                whole[config.name] = try MartReader(w).market(kind: chosen.kind, period: chosen.label, segmentKind: SegmentKind.all, segment: SegmentKind.allSegment)
            } catch let error as UnknownPeriodError {
                inputs.append(.init(pipeline: config.name, model: nil, reason: "\(error)"))
            }
        }
        let stamp = ISO8601DateFormatter().string(from: now)
        return ComparisonModel.build(inputs, requestedPeriod: period?.label, wholeBody: whole, generatedAt: stamp)
    }
}
