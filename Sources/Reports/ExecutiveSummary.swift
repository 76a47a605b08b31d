import MarketShapeCore

/// The report's executive summary: three to five plain sentences written from the model. Where the body stands
/// against its targets in points and pounds, the most concentrated large market, the biggest change since the last
/// period, and how much of the spend the figures rest on. Nothing in it is not elsewhere in the report.
enum ExecutiveSummary {
    static func sentences(_ m: ReportModel) -> [String] {
        var out: [String] = []
        let h = m.headline
        let outside = m.scope.totalPence - h.totalPence
        // The scopes that make up most of what is outside the market (each at least a tenth of it).
        let others = m.scope.rows.filter { !$0.isMeasured && $0.pence > 0 && $0.pence * 10 >= outside }.sorted { $0.pence > $1.pence }.prefix(2).map { $0.label.lowercased() }
        out.append("In \(m.period.label) \(m.body) paid \(formatPounds(h.totalPence, decimals: false)) of \(ReportFormat.measuredLabel(m.scope)) to \(ReportFormat.count(h.suppliers)) suppliers"
                   + (outside != 0 ? ", of \(formatPounds(m.scope.totalPence, decimals: false)) in all (the rest is outside the market\(others.isEmpty ? "" : ", most of it \(others.joined(separator: " and "))"))" : "")
                   + (m.periodCoverage.isComplete ? "." : "; the period is not complete, so read every figure as part of one."))

        if !m.targets.isEmpty {
            let met = m.targets.filter { $0.met == true }, missed = m.targets.filter { $0.met == false }, unknown = m.targets.filter { $0.met == nil }
            var t = "It met \(met.count) of \(m.targets.count) target\(m.targets.count == 1 ? "" : "s")"
            if let worst = missed.max(by: { ($0.gapPence ?? 0, $0.gapPoints ?? 0) < ($1.gapPence ?? 0, $1.gapPoints ?? 0) }) {
                let isShare = !["hhi", "cr4"].contains(worst.measure)
                t += "; the widest gap is \(worst.label), \(isShare ? String(format: "%.1f points", worst.gapPoints ?? 0) : String(format: "%.0f HHI points", worst.gapPoints ?? 0)) short"
                    + (worst.gapPence.map { " (about \(formatPounds($0, decimals: false)) of spend would have to move)" } ?? "")
            }
            if !unknown.isEmpty { t += "; \(unknown.count) cannot be judged yet for want of evidence" }
            out.append(t + ".")
        }

        // The most concentrated of the markets holding at least 5% of the spend (the sentence says what "large" means).
        let large = m.services.filter { $0.hhi != nil && $0.pence * 20 >= h.totalPence && !$0.topIsPublicBody && $0.segment != "(none)" }
        if let c = large.max(by: { ($0.hhi ?? 0) < ($1.hhi ?? 0) }), let hhi = c.hhi {
            out.append("Of the markets holding at least 5% of the spend, the most concentrated is \(c.service) (\(formatPounds(c.pence, decimals: false)), HHI \(ReportFormat.hhi(hhi)), \(c.band))"
                       + (c.topSupplier.map { name in ": \(name) takes \(ReportFormat.percent(c.topShare))" } ?? "") + ".")
        }

        // Counting common ownership: the large market whose HHI rises most once suppliers are grouped by ultimate owner.
        if let rise = ReportFormat.commonOwnershipRises(large, limit: 1).first {
            out.append("Counting companies under one parent's control as one supplier (the PSC register), \(rise).")
        }

        if let d = m.dynamics, let previous = d.previousPeriod {
            if !d.previousIsComplete {
                out.append("There is no like-for-like comparison with \(previous): it is not complete in the files loaded.")
            } else if let biggest = d.shareChanges.filter({ $0.changePoints != nil }).max(by: { abs($0.changePoints!) < abs($1.changePoints!) }), let change = biggest.changePoints {
                out.append("Since \(previous) the \(biggest.label) share \(change >= 0 ? "rose" : "fell") \(String(format: "%.1f", abs(change))) points (coverage \(ReportFormat.percent(biggest.previousCoverage)) then, \(ReportFormat.percent(biggest.coverage)) now)"
                           + (d.entrants.map { "; \(ReportFormat.count($0)) suppliers were paid who were not in \(previous)" } ?? "") + ".")
            } else if let entrants = d.entrants {
                out.append("Since \(previous), \(ReportFormat.count(entrants)) suppliers were paid who were not then, and \(ReportFormat.count(d.exits ?? 0)) paid then were not paid in \(m.period.label); no share change can be judged on the evidence held.")
            }
        }

        let known = h.shares.filter { $0.measure != "sme_vcse_share" }.map { "\($0.label == "Local" ? "local" : $0.label) status for \(ReportFormat.percent($0.coverage))" }
        let unmeasurable = h.shares.filter { $0.share == nil }.map(\.label)
        out.append("The figures rest on what is known: of the market spend, \(known.dropLast().joined(separator: ", ")) and \(known.last ?? "")"
                   + (unmeasurable.isEmpty ? "." : "; so the \(unmeasurable.joined(separator: ", ")) share\(unmeasurable.count == 1 ? " is" : "s are") not measurable yet (at least \(ReportFormat.percent(m.settings.minimumCoverage)) must be known)."))
        return out
    }
}
