import Foundation
import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Stage 6: the gap-analysis report for a period (default: the latest complete month, or the latest complete
/// period of the first kind the pipeline measures when it does not measure months; `PeriodCompleteness`) under `<reports>/<period>/`:
/// `index.html`, `summary.md`, `data/*.csv` and `data/report.json`, from one view model, written atomically,
/// with `latest` pointing at the newest.
public struct ReportStage: PipelineStage {
    public let name = StageName.report
    /// The period to report instead of the default (latest) one.
    public var period: ReportPeriod?

    public init(period: ReportPeriod? = nil) { self.period = period }

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        let completeness = try PeriodCompleteness(w, share: context.config.report.completeMonthShare)
        guard let period = try period ?? ReportPeriod.latest(w, completeness: completeness) else {
            try w.run("DELETE FROM rpt_totals")
            return StageResult(rowsCount: 0, summary: "no payments: no report written")
        }
        let model = try ReportModel.build(warehouse: w, config: context.config, period: period, runID: context.runID, now: context.now,
                                          completeness: completeness)
        // `latest` follows the default report (the newest period); an explicitly chosen period leaves it alone.
        let folder = try ReportFolder.write(root: context.config.reports, period: period.label, updateLatest: self.period == nil) { dir in
            try MarkdownReportWriter.render(model).write(toFile: dir + "/summary.md", atomically: false, encoding: .utf8)
            try HTMLReportWriter.render(model).write(toFile: dir + "/index.html", atomically: false, encoding: .utf8)
            try DataFilesWriter.write(model, to: dir + "/data")
        }
        // What the report says it covers, for the data tests to check against the marts and the staged tallies.
        try w.transaction {
            try w.run("DELETE FROM rpt_totals")
            try w.run("INSERT INTO rpt_totals (period_kind, period, first_month, last_month, measured_pence, all_scopes_pence, run_id) VALUES (?,?,?,?,?,?,?)",
                      [.text(period.kind), .text(period.label), .text(model.months.first ?? ""), .text(model.months.last ?? ""),
                       .integer(model.headline.totalPence), .integer(model.scope.totalPence), .integer(context.runID)])
        }
        let missed = model.targets.filter { $0.met == false }.count, unknown = model.targets.filter { $0.met == nil }.count
        return StageResult(rowsCount: model.services.count, totalPence: model.headline.totalPence,
                           summary: "report for \(period.label) in \(folder): \(model.targets.count) target(s), \(missed) missed\(unknown > 0 ? ", \(unknown) unknown" : ""); \(model.opportunities.count) opportunities")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        let scopes = context.config.measuredScopes.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return [
            .expression("the report's spend in the measured scopes equals the marts",
                        """
                        SELECT r.period || ': report ' || r.measured_pence || ' ≠ mart_spend ' || coalesce(m.total_pence, 0) FROM rpt_totals r
                        LEFT JOIN mart_spend m ON m.period_kind = r.period_kind AND m.period = r.period AND m.segment_kind = 'all'
                        WHERE r.measured_pence <> coalesce(m.total_pence, 0)
                        """),
            .expression("the report's spend in every scope equals the marts",
                        """
                        SELECT r.period || ': report ' || r.all_scopes_pence || ' ≠ mart_scope ' || coalesce(s.pence, 0) FROM rpt_totals r
                        LEFT JOIN (SELECT period_kind, period, SUM(total_pence) AS pence FROM mart_scope GROUP BY 1, 2) s USING (period_kind, period)
                        WHERE r.all_scopes_pence <> coalesce(s.pence, 0)
                        """),
            .expression("the reported period's marts equal its staged tallies",
                        """
                        SELECT r.period || ': marts ' || r.measured_pence || ' ≠ staged tallies ' || coalesce(l.pence, 0) FROM rpt_totals r,
                          (SELECT SUM(l.net_pence) AS pence FROM stg_tallies l
                           JOIN map_payment_scope s ON s.payee_id = l.payee_id AND s.context_id = l.context_id AND s.scope IN (\(scopes))
                           WHERE l.file_id IN (SELECT file_id FROM mart_input_files WHERE period_month BETWEEN (SELECT first_month FROM rpt_totals) AND (SELECT last_month FROM rpt_totals))
                             AND l.period_month BETWEEN (SELECT first_month FROM rpt_totals) AND (SELECT last_month FROM rpt_totals)) l
                        WHERE r.measured_pence <> coalesce(l.pence, 0)
                        """),
        ]
    }
}
