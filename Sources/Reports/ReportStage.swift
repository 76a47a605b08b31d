import Foundation
import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Stage 6: writes the report for the latest month under `<reports>/<period>/`, atomically, and points `latest` at it.
public struct ReportStage: PipelineStage {
    public let name = StageName.report
    /// A month (`2026-03`) to report instead of the latest.
    public var period: String?

    public init(period: String? = nil) { self.period = period }

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        guard let month = try period ?? w.query("SELECT MAX(period_month) FROM fct_payments").first?.first?.string else {
            return StageResult(rowsCount: 0, summary: "no payments: no report written")
        }
        let model = try ReportModel.build(warehouse: w, config: context.config, period: month, runID: context.runID, now: context.now)
        let folder = try ReportFolder.write(root: context.config.reports, period: month) { dir in
            try MarkdownReportWriter.render(model).write(toFile: dir + "/summary.md", atomically: false, encoding: .utf8)
            try HTMLReportWriter.render(model).write(toFile: dir + "/index.html", atomically: false, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
            let services = try CSVWriter(path: dir + "/data/services.csv", neutraliseFormulas: true)
            try services.write(["service", "spend_pence", "suppliers_count", "hhi", "cr4_share", "band", "is_thin"])
            for s in model.services {
                try services.write([s.service, String(s.pence), String(s.suppliers), s.hhi.map { String(format: "%.4f", $0) } ?? "",
                                    s.cr4.map { String(format: "%.6f", $0) } ?? "", s.band, s.isThin ? "1" : "0"])
            }
            try services.close()
        }
        return StageResult(rowsCount: model.services.count, totalPence: model.totalPence, summary: "report for \(month) in \(folder)")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] { [] }
}

/// Writes a report folder atomically: into a temporary sibling, then renamed into place, then `latest` repointed.
public enum ReportFolder {
    public static func write(root: String, period: String, _ body: (String) throws -> Void) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        let final = root + "/" + period
        let staging = root + "/.\(period).tmp-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do { try body(staging) } catch { try? fm.removeItem(atPath: staging); throw error }
        let old = root + "/.\(period).old-\(getpid())"
        if fm.fileExists(atPath: final) { try fm.moveItem(atPath: final, toPath: old) }
        try fm.moveItem(atPath: staging, toPath: final)
        try? fm.removeItem(atPath: old)
        let latestTmp = root + "/.latest-\(getpid())"
        try? fm.removeItem(atPath: latestTmp)
        try fm.createSymbolicLink(atPath: latestTmp, withDestinationPath: period)
        if rename(latestTmp, root + "/latest") != 0 { throw CocoaError(.fileWriteUnknown) }
        return final
    }
}
