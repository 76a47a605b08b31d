import MarketShapeCore
import Foundation

/// Formatting shared by the writers.
public enum ReportFormat {
    /// The plural of a place level: "ward" → "wards", "locality" → "localities", "parish" → "parishes"; a level that
    /// already ends in s ("areas") is left as the analyst wrote it.
    public static func plural(_ level: String) -> String {
        let lower = level.lowercased()
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) { return level.dropLast() + "ies" }
        if ["ch", "sh", "x", "z"].contains(where: lower.hasSuffix) { return level + "es" }
        return lower.hasSuffix("s") ? level : level + "s"
    }

    public static func percent(_ share: Double?) -> String {
        guard let share else { return "unknown" }
        let text = String(format: "%.1f%%", share * 100)
        return text == "-0.0%" ? "0.0%" : text
    }
    public static func points(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%+.1f pts", value)
    }
    /// A class share as a headline shows it: the percentage, or `not measurable yet` when its coverage is below the
    /// minimum (the share of the little known is still in the data, as `share_of_known`).
    public static func headlineShare(_ s: ReportModel.ClassShare) -> String {
        s.share == nil ? "not measurable yet" : percent(s.share)
    }

    /// What would raise a class's coverage: the registers the pipeline could add for it, and the payees the review
    /// queue holds.
    static func howToRaise(_ measure: String, loaded: Set<String>, config: PipelineConfig, unresolved: Int, unresolvedPence: Pence) -> String {
        var steps: [String] = []
        func add(_ kind: String, _ text: String) { if !loaded.contains(kind) { steps.append(text) } }
        switch measure {
        case "local_share":
            if config.local.outwardCodes.isEmpty && config.local.localAuthorities.isEmpty {
                steps.append("say what local means (local.outward_codes, or local.local_authorities with a postcode directory)")
            } else if !config.local.localAuthorities.isEmpty && config.local.outwardCodes.isEmpty {
                add("postcodes", "load a postcode directory (registers.postcodes) to place postcodes in local.local_authorities")
            }
            // Whatever the rule, it needs the suppliers' postcodes.
            steps.append("give the suppliers' postcodes: a postcode column in the spend file, Companies House (registered offices), or the analyst's supplier master (registers.overrides)")
        case "sme_share":
            add("overrides", "give staff and turnover in the analyst's supplier master (registers.overrides)")
            add("companies_house", "load Companies House (registers.companies_house) for its accounts-category proxy")
        default:
            add("charity_commission", "load the Charity Commission register (registers.charity_commission)")
            add("charity_company_links", "load the charity–company links (registers.charity_company_links)")
            add("fca_mutuals", "load the FCA mutuals register (registers.fca_mutuals)")
            add("companies_house", "load Companies House (registers.companies_house) for CICs and companies limited by guarantee")
            if measure == "sme_vcse_share" { add("overrides", "give staff and turnover in the analyst's supplier master (registers.overrides)") }
        }
        if unresolved > 0 {
            steps.append("resolve the \(unresolved) payee\(unresolved == 1 ? "" : "s") (\(formatPounds(unresolvedPence, decimals: false))) in review_queue_all.csv, largest first (review_queue.csv holds those that matter most)")
        }
        if steps.isEmpty { return "The registers loaded know too few of this body's suppliers: add their numbers or classes in the analyst's supplier master." }
        return "To raise it: " + steps.joined(separator: "; ") + "."
    }

    /// The markets whose HHI rises once suppliers are grouped by ultimate owner, largest rise first, each in words:
    /// `Fostering: HHI 1,978 counted by owner group, 1,461 by company (highly concentrated, against moderately concentrated): +517 from Meridian … (4 suppliers under its control, 37.4%)`. Public-body-led markets are left out.
    public static func commonOwnershipRises(_ services: [ReportModel.ServiceRow], limit: Int = 5) -> [String] {
        let rises = services.compactMap { s -> (ReportModel.ServiceRow, Double, Double)? in
            guard let h = s.hhi, let g = s.ownerGroups?.hhi, g.rounded() > h.rounded(), !s.topIsPublicBody, s.segment != "(none)" else { return nil }
            return (s, h, g)
        }.sorted { ($0.2 - $0.1, $1.0.pence) > ($1.2 - $1.1, $0.0.pence) }
        return rises.prefix(limit).map { s, h, g in
            let bands = s.ownerGroups?.band.flatMap { $0 != s.band ? " (\($0), against \(s.band))" : nil } ?? ""
            let parts = (s.ownerGroups?.contributors ?? []).map { c in
                "+\(hhi(c.points)) from \(c.group) (\(c.suppliers) suppliers under its control, \(percent(c.share)))"
            }
            return "\(s.service): HHI \(hhi(g)) counted by owner group, \(hhi(h)) by company\(bands)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
        }
    }

    /// The US 2023 merger-guidelines band of an HHI.
    public static func band(_ hhi: Double) -> String { ConcentrationBand.of(hhi) }

    public static func hhi(_ value: Double?) -> String {
        guard let value else { return "–" }
        return count(Int(value.rounded()))
    }

    /// A whole number with thousands separators: `12,183`.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
    public static func number(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "" }
        return String(format: "%.\(decimals)f", value)
    }

    /// A trend cell: the share and its coverage (`41.9% · 99%`), or `–` with the coverage when too little is known.
    static func trendCell(_ share: Double?, _ coverage: Double) -> String {
        share.map { "\(percent($0)) · \(percent(coverage))" } ?? "n/m · \(percent(coverage))"
    }

    /// The share changes since the previous period, each with the coverage of both periods:
    /// `Local +1.2 pts (coverage 98% → 99%), SME not measurable (coverage 12.9% → 13.0%)`.
    static func shareChanges(_ d: ReportModel.Dynamics) -> String {
        d.shareChanges.map { c in
            "\(c.label) \(c.changePoints.map { String(format: "%+.1f pts", $0) } ?? "not measurable") (coverage \(percent(c.previousCoverage)) → \(percent(c.coverage)))"
        }.joined(separator: ", ")
    }

    /// The private-equity share of care spend in words, with its coverage; `not measurable yet` under the minimum.
    static func careOwnership(_ c: ReportModel.CareOwnership, minimum: Double) -> String {
        let services = c.services.count > 6 ? c.services.prefix(6).joined(separator: ", ") + " and \(c.services.count - 6) more" : c.services.joined(separator: ", ")
        let evidence = "ownership is known for \(percent(c.coverage)) of \(formatPounds(c.totalPence, decimals: false)) of care spend (\(services))"
        guard let share = c.share else {
            return "Private-equity share of care spend: not measurable yet: \(evidence), and at least \(percent(minimum)) is needed. No register says who owns a provider: give ownership in the analyst's supplier master (registers.overrides)."
        }
        return "Private-equity-backed providers took \(percent(share)) of the care spend whose ownership is known (\(formatPounds(c.privateEquityPence, decimals: false)) of \(formatPounds(c.knownPence, decimals: false))); \(evidence)."
    }

    /// Said when a file's own totals row was set aside: its pounds are the file's total, not spend lost.
    static func totalsRowNote(_ r: ReportModel.ReasonCount) -> String {
        "\(r.count) totals row\(r.count == 1 ? "" : "s") (a file's own sum of its payments, \(formatPounds(r.pence, decimals: false))) \(r.count == 1 ? "was" : "were") set aside so as not to count the spend twice: \"set aside £\" includes \(r.count == 1 ? "it" : "them"), and no payment was lost."
    }

    /// The legend under a trend table.
    static func trendLegend(_ minimum: Double) -> String {
        "Each cell is the share · its coverage; n/m: not measurable (under \(percent(minimum)) of the month's spend has the class known). Incomplete months are listed but not charted."
    }

    /// A trend month's label: `2025-09`, or `2025-09 (incomplete)`.
    static func trendMonth(_ t: ReportModel.TrendRow) -> String { t.isComplete ? t.month : "\(t.month) (incomplete)" }

    /// What the headline's total is: `market spend`, or the scopes measured.
    static func measuredLabel(_ scope: ReportModel.ScopeSplit) -> String {
        scope.measured == ["market"] ? "market spend" : "spend in " + scope.measured.joined(separator: ", ")
    }

    /// The sentence under the scope table: what is measured, and whether the scopes reconcile.
    static func scopeNote(_ scope: ReportModel.ScopeSplit) -> String {
        let measured = scope.rows.filter(\.isMeasured).map(\.pence).reduce(0, +)
        return "Shares, concentration, entrants and exits and opportunities below are over \(measuredLabel(scope)) (\(formatPounds(measured, decimals: false)) of \(formatPounds(scope.totalPence, decimals: false))). "
            + (scope.reconciles ? "The scopes add up to the period's whole staged spend to the penny." : "WARNING: the scopes do not add up to the period's staged spend: re-run measure.")
    }

    /// A data-quality line for an identifier value that linked nothing.
    static func identifierNote(_ f: ReportModel.IdentifierRow) -> String {
        let column = f.column.replacingOccurrences(of: "_", with: " ")
        return "\(column): \"\(f.value)\" on \(f.rows) row(s) (\(formatPounds(f.pence, decimals: false))), \(f.flag == "placeholder" ? "a placeholder" : "not a valid identifier") (\(f.reason)): not used to link payees."
    }

    /// Said where the trend would be when the warehouse holds no month measures.
    static let noTrend = "No monthly trend: the pipeline does not measure months (add month to periods: in the pipeline file)."
}
