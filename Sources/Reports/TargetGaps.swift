import MarketShapeCore
import Measures
import Warehouse

/// Each target of the pipeline file against the period's figures: met or not, the gap in points, and the
/// spend that would have to move to close it at today's totals.
enum TargetGaps {
    static func rows(_ w: WarehouseStore, config: PipelineConfig, period: ReportPeriod) throws -> [ReportModel.TargetRow] {
        var rows: [ReportModel.TargetRow] = []
        for target in config.targets {
            for segment in try segments(w, target.segment, period) {
                for (direction, bound) in [("at least", target.atLeast), ("at most", target.atMost)] {
                    guard let bound else { continue }
                    rows.append(try row(w, target, segment, direction, bound, period, config: config))
                }
            }
        }
        return rows
    }

    /// A measure's name for people: `sme_vcse_share` → `SME or VCSE share`, `private_equity_share` → `Private-equity share`.
    static func measureName(_ measure: String) -> String {
        switch measure {
        case "local_share": return "Local share"
        case "sme_share": return "SME share"
        case "vcse_share": return "VCSE share"
        case "sme_vcse_share": return "SME or VCSE share"
        case "hhi": return "HHI"
        case "cr4": return "CR4"
        default:
            let model = TargetMeasure.ownershipModel(of: measure) ?? measure
            return model.prefix(1).uppercased() + model.dropFirst() + " share"
        }
    }

    /// `all`, every segment of a kind (`service`), or one (`service=Homecare`).
    static func segments(_ w: WarehouseStore, _ text: String, _ period: ReportPeriod) throws -> [(kind: String, value: String)] {
        if text == SegmentKind.all { return [(SegmentKind.all, SegmentKind.allSegment)] }
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2 { return [(parts[0], parts[1])] }
        return try MartReader(w).spend(kind: period.kind, period: period.label, segmentKind: text).map { (text, $0.segment) }
    }

    static func row(_ w: WarehouseStore, _ t: PipelineConfig.Target, _ segment: (kind: String, value: String), _ direction: String,
                    _ bound: Double, _ period: ReportPeriod, config: PipelineConfig) throws -> ReportModel.TargetRow {
        let segmentText = segment.kind == SegmentKind.all ? "whole body" : "\(segment.kind) = \(segment.value)"
        let label = t.label ?? "\(measureName(t.measure)), \(segment.kind == SegmentKind.all ? "whole body" : segment.value)"
        var r = ReportModel.TargetRow(label: label, measure: t.measure, segment: segmentText, direction: direction, target: bound,
                                      actual: nil, coverage: nil, met: nil, gapPoints: nil, gapPence: nil, note: "")
        let marts = MartReader(w)
        let sign: Double = direction == "at least" ? 1 : -1
        if ["hhi", "cr4"].contains(t.measure) {
            guard let c = try marts.market(kind: period.kind, period: period.label, segmentKind: segment.kind, segment: segment.value),
                  let value = t.measure == "hhi" ? c.hhi : c.cr4_share else {
                r.note = "no positive spend in this segment in \(period.label)"; return r
            }
            r.actual = value
            r.met = sign * (value - bound) >= 0
            r.gapPoints = max(0, sign * (bound - value)) * (t.measure == "hhi" ? 1 : 100)
            // Judged by legal entity, as the target is; counting common ownership may say otherwise.
            if let grouped = t.measure == "hhi" ? c.group_hhi : c.group_cr4_share, (sign * (grouped - bound) >= 0) != r.met {
                let shown = t.measure == "hhi" ? ReportFormat.hhi(grouped) : ReportFormat.percent(grouped)
                r.note = "by owner group (counting common ownership) it is \(shown), which \(r.met == true ? "misses" : "meets") the target"
            }
            return r
        }
        let known: Int, yes: Int, total: Int
        if let model = TargetMeasure.ownershipModel(of: t.measure) {
            let rows = try marts.ownership(kind: period.kind, period: period.label, segmentKind: segment.kind, segment: segment.value)
            total = rows.map(\.spend_pence).reduce(0, +)
            known = rows.filter { !["unknown", "redacted"].contains($0.ownership) }.map(\.spend_pence).reduce(0, +)
            yes = rows.filter { $0.ownership == model }.map(\.spend_pence).reduce(0, +)
        } else {
            guard let s = try marts.spend(kind: period.kind, period: period.label, segmentKind: segment.kind, segment: segment.value) else {
                r.note = "no spend in this segment in \(period.label)"; return r
            }
            total = s.total_pence
            switch t.measure {
            case "local_share": (known, yes) = (s.local_known_pence, s.local_pence)
            case "sme_share": (known, yes) = (s.sme_known_pence, s.sme_pence)
            case "vcse_share": (known, yes) = (s.vcse_known_pence, s.vcse_pence)
            case "sme_vcse_share": (known, yes) = (s.sme_or_vcse_known_pence, s.sme_or_vcse_pence)
            default: r.note = "\(t.measure) is not a measure the marts hold"; return r
            }
        }
        r.coverage = total != 0 ? Double(known) / Double(total) : nil
        guard known > 0 else { r.note = "no spend with this class known: the share cannot be measured"; return r }
        // A share on too little evidence is not a finding: the target is unknown, neither met nor missed.
        if let coverage = r.coverage, coverage < config.report.minimumCoverage {
            r.note = String(format: "too little evidence: %.1f%% of the spend has this class known (at least %.0f%% is needed)",
                            coverage * 100, config.report.minimumCoverage * 100)
            return r
        }
        let actual = Double(yes) / Double(known)
        r.actual = actual
        r.met = sign * (actual - bound) >= 0
        let shortfall = max(0, sign * (bound - actual))
        r.gapPoints = shortfall * 100
        r.gapPence = Int((shortfall * Double(known)).rounded())
        return r
    }
}
