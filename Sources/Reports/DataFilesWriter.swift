import Foundation
import MarketShapeCore
import SpendCSV

/// Writes the report's tables as RFC 4180 CSV (formulas neutralised) and the whole model as JSON, under `data/`.
public enum DataFilesWriter {
    public static func write(_ m: ReportModel, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func csv(_ name: String, _ header: [String], _ rows: [[String]]) throws {
            let w = try CSVWriter(path: "\(folder)/\(name).csv", neutraliseFormulas: true)
            try w.write(header)
            for r in rows { try w.write(r) }
            try w.close()
        }
        func d(_ v: Double?, _ places: Int = 6) -> String { ReportFormat.number(v, decimals: places) }
        try csv("scope", ["scope", "label", "spend_pence", "share", "payments_count", "is_measured"],
                m.scope.rows.map { [$0.scope, $0.label, String($0.pence), d($0.share), String($0.payments), $0.isMeasured ? "1" : "0"] })
        try csv("scope_payees", ["payee", "scope", "spend_pence", "payments_count", "rule"],
                m.scope.outside.map { [$0.name, $0.scope, String($0.pence), String($0.payments), $0.rule] })
        try csv("headline", ["class", "share", "coverage_share", "class_pence", "known_pence", "total_pence", "not_measurable"],
                m.headline.shares.map { [$0.label, d($0.share), d($0.coverage), String($0.pence), String($0.knownPence), String(m.headline.totalPence), $0.notMeasurable ?? ""] })
        try csv("targets", ["target", "measure", "segment", "direction", "goal", "actual", "coverage_share", "met", "gap_points", "gap_pence", "note"],
                m.targets.map { [$0.label, $0.measure, $0.segment, $0.direction, d($0.target), d($0.actual), d($0.coverage), $0.met.map { $0 ? "1" : "0" } ?? "",
                                  d($0.gapPoints, 3), $0.gapPence.map(String.init) ?? "", $0.note] })
        try csv("trend", ["month", "is_complete", "spend_pence", "suppliers_count", "local_share", "local_coverage_share", "sme_share", "sme_coverage_share",
                          "vcse_share", "vcse_coverage_share", "hhi"],
                m.trend.map { [$0.month, $0.isComplete ? "1" : "0", String($0.totalPence), String($0.suppliers), d($0.localShare), d($0.localCoverage), d($0.smeShare), d($0.smeCoverage),
                               d($0.vcseShare), d($0.vcseCoverage), d($0.hhi, 4)] })
        try csv("services", ["service", "spend_pence", "suppliers_count", "hhi", "cr4_share", "band", "is_thin", "top_supplier", "top_supplier_share", "identified_coverage_share"],
                m.services.map { [$0.service, String($0.pence), String($0.suppliers), d($0.hhi, 4), d($0.cr4), $0.band, $0.isThin ? "1" : "0", $0.topSupplier ?? "", d($0.topShare),
                                  d($0.identifiedCoverage)] })
        try csv("service_suppliers", ["service", "rank", "supplier", "supplier_id", "spend_pence", "share_of_market", "classes"],
                m.services.flatMap { s in s.topSuppliers.enumerated().map { [s.service, String($0.offset + 1), $0.element.name, $0.element.supplierID, String($0.element.pence), d($0.element.share), $0.element.classes] } })
        try csv("dynamics", ["period", "previous_period", "previous_is_complete", "class", "change_points", "coverage_share", "previous_coverage_share"],
                (m.dynamics?.shareChanges ?? []).map { [m.period.label, m.dynamics?.previousPeriod ?? "", m.dynamics?.previousIsComplete == true ? "1" : "0", $0.label,
                                                        d($0.changePoints, 3), d($0.coverage), d($0.previousCoverage)] })
        try csv("suppliers", ["supplier", "supplier_id", "spend_pence", "classes", "ownership"],
                m.topSuppliers.map { [$0.name, $0.supplierID, String($0.pence), $0.classes, $0.ownership] })
        try csv("ownership", ["ownership", "spend_pence", "share_of_all_spend", "suppliers_count"],
                m.ownership.map { [$0.ownership, String($0.pence), d($0.share), String($0.suppliers)] })
        try csv("opportunities", ["rank", "kind", "market", "title", "detail", "next_step", "coverage_share", "pence"],
                m.opportunities.map { [String($0.rank), $0.kind, $0.market, $0.title, $0.detail, $0.nextStep, d($0.coverage), String($0.pence)] })
        try csv("places", ["place_level", "place", "service", "spend_pence", "suppliers_count"], m.places.flatMap { level in
            level.places.enumerated().flatMap { i, place in
                level.services.enumerated().compactMap { j, service in level.cells[i][j].map { [level.level, place, service, String($0.pence), String($0.suppliers)] } }
            }
        })
        try csv("data_quality", ["file", "sha256", "read_count", "loaded_count", "set_aside_count", "loaded_pence", "set_aside_pence"],
                m.dataQuality.files.map { [$0.name, $0.sha256, String($0.read), String($0.loaded), String($0.setAside), String($0.loadedPence), String($0.setAsidePence)] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(m).write(to: URL(fileURLWithPath: "\(folder)/report.json"))
    }
}
