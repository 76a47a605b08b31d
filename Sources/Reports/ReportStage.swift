import Foundation
import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Stage 6: the gap-analysis report for a period (default: the latest month, or the latest period of the
/// first kind the pipeline measures when it does not measure months) under `<reports>/<period>/`:
/// `index.html`, `summary.md`, `data/*.csv` and `data/report.json`, from one view model, written atomically,
/// with `latest` pointing at the newest.
public struct ReportStage: PipelineStage {
    public let name = StageName.report
    /// The period to report instead of the default (latest) one.
    public var period: ReportPeriod?

    public init(period: ReportPeriod? = nil) { self.period = period }

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        guard let period = try period ?? ReportPeriod.latest(w) else {
            return StageResult(rowsCount: 0, summary: "no payments: no report written")
        }
        let model = try ReportModel.build(warehouse: w, config: context.config, period: period, runID: context.runID, now: context.now)
        // `latest` follows the default report (the newest period); an explicitly chosen period leaves it alone.
        let folder = try ReportFolder.write(root: context.config.reports, period: period.label, updateLatest: self.period == nil) { dir in
            try MarkdownReportWriter.render(model).write(toFile: dir + "/summary.md", atomically: false, encoding: .utf8)
            try HTMLReportWriter.render(model).write(toFile: dir + "/index.html", atomically: false, encoding: .utf8)
            try DataFilesWriter.write(model, to: dir + "/data")
        }
        let missed = model.targets.filter { $0.met == false }.count
        return StageResult(rowsCount: model.services.count, totalPence: model.headline.totalPence,
                           summary: "report for \(period.label) in \(folder): \(model.targets.count) target(s), \(missed) missed; \(model.opportunities.count) opportunities")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] { [] }
}
