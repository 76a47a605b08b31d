import MarketShapeCore

/// One of the report's tables, defined once and written twice: as CSV for machines (pence, fractions, `1`/`0`) and
/// as a sheet of the xlsx workbook for people (pounds, percentages, numbers Excel can sum).
public struct ReportTable {
    /// A value with its meaning, so each writer can show it its own way.
    public enum Value {
        case text(String)
        case pence(Pence)
        /// A fraction (0–1); nil when unknown.
        case fraction(Double?)
        case integer(Int)
        /// A number kept to `places` decimals in CSV and shown with `shown` in the workbook; nil when unknown.
        case decimal(Double?, places: Int, shown: Int)
        /// Yes, no or unknown.
        case flag(Bool?)

        /// The value as the CSV files hold it.
        var csv: String {
            switch self {
            case .text(let s): return s
            case .pence(let p): return String(p)
            case .fraction(let v): return ReportFormat.number(v, decimals: 6)
            case .integer(let n): return String(n)
            case .decimal(let v, let places, _): return ReportFormat.number(v, decimals: places)
            case .flag(let b): return b.map { $0 ? "1" : "0" } ?? ""
            }
        }

        /// The value as a workbook cell.
        var cell: XLSXWorkbook.Cell {
            switch self {
            case .text(let s): return s.isEmpty ? .empty : .text(s)
            case .pence(let p): return .pounds(p)
            case .fraction(let v): return v.map { .share($0) } ?? .empty
            case .integer(let n): return .integer(n)
            case .decimal(let v, _, let shown): return v.map { .number($0, decimals: shown) } ?? .empty
            case .flag(let b): return b.map { .text($0 ? "yes" : "no") } ?? .empty
            }
        }
    }

    /// A column: its CSV name (snake case, with the unit: `spend_pence`) and its title in the workbook (`Spend`).
    public struct Column { public var key: String; public var title: String }

    /// The CSV file's name without `.csv`.
    public var name: String
    /// The workbook sheet's name.
    public var title: String
    public var columns: [Column]
    public var rows: [[Value]]

    init(_ name: String, _ title: String, _ columns: [(String, String)], _ rows: [[Value]]) {
        self.name = name
        self.title = title
        self.columns = columns.map { Column(key: $0.0, title: $0.1) }
        self.rows = rows
    }

    /// Every table of a report, in the order the report shows them.
    public static func all(_ m: ReportModel) -> [ReportTable] {
        let periodText = m.periodCoverage.isComplete ? m.period.label : "\(m.period.label) (not complete)"
        return [
            ReportTable("summary", "Summary", [("sentence", "Summary of \(periodText)")], m.summary.map { [.text($0)] }),
            ReportTable("scope", "Scope", [("scope", "Scope code"), ("label", "Scope"), ("spend_pence", "Spend"), ("share", "Share"), ("payments_count", "Payments"),
                                           ("is_measured", "Measured")],
                        m.scope.rows.map { [.text($0.scope), .text($0.label), .pence($0.pence), .fraction($0.share), .integer($0.payments), .flag($0.isMeasured)] }),
            ReportTable("scope_payees", "Outside the market", [("payee", "Payee"), ("scope", "Scope"), ("spend_pence", "Spend"), ("payments_count", "Payments"), ("rule", "Rule")],
                        m.scope.outside.map { [.text($0.name), .text($0.scope), .pence($0.pence), .integer($0.payments), .text($0.rule)] }),
            ReportTable("headline", "Headline", [("class", "Class"), ("share", "Share of known spend"), ("coverage_share", "Coverage"), ("class_pence", "Spend with class"),
                                                 ("known_pence", "Spend with class known"), ("total_pence", "Market spend"), ("not_measurable", "Not measurable")],
                        m.headline.shares.map { [.text($0.label), .fraction($0.share), .fraction($0.coverage), .pence($0.pence), .pence($0.knownPence),
                                                 .pence(m.headline.totalPence), .text($0.notMeasurable ?? "")] }),
            ReportTable("targets", "Targets", [("target", "Target"), ("measure", "Measure"), ("segment", "Segment"), ("direction", "Direction"), ("goal", "Goal"),
                                               ("actual", "Actual"), ("coverage_share", "Coverage"), ("met", "Met"), ("gap_points", "Gap (points)"), ("gap_pence", "Gap"), ("note", "Note")],
                        m.targets.map { t in
                            let isShare = !["hhi", "cr4"].contains(t.measure)
                            func v(_ x: Double?) -> Value { isShare ? .fraction(x) : .decimal(x, places: 6, shown: 0) }
                            return [.text(t.label), .text(t.measure), .text(t.segment), .text(t.direction), v(t.target), v(t.actual), .fraction(t.coverage),
                                    .flag(t.met), .decimal(t.gapPoints, places: 3, shown: 1), t.gapPence.map { .pence($0) } ?? .text(""), .text(t.note)]
                        }),
            ReportTable("trend", "Trend", [("month", "Month"), ("is_complete", "Complete"), ("spend_pence", "Spend"), ("suppliers_count", "Suppliers"),
                                           ("local_share", "Local share"), ("local_coverage_share", "Local coverage"), ("sme_share", "SME share"),
                                           ("sme_coverage_share", "SME coverage"), ("vcse_share", "VCSE share"), ("vcse_coverage_share", "VCSE coverage"), ("hhi", "HHI")],
                        m.trend.map { [.text($0.month), .flag($0.isComplete), .pence($0.totalPence), .integer($0.suppliers), .fraction($0.localShare), .fraction($0.localCoverage),
                                       .fraction($0.smeShare), .fraction($0.smeCoverage), .fraction($0.vcseShare), .fraction($0.vcseCoverage), .decimal($0.hhi, places: 4, shown: 0)] }),
            ReportTable("services", "Services", [("service", "Service"), ("spend_pence", "Spend"), ("suppliers_count", "Suppliers"), ("hhi", "HHI"), ("cr4_share", "CR4"),
                                                 ("band", "Band"), ("is_thin", "Thin"), ("top_supplier", "Largest supplier"), ("top_supplier_share", "Largest supplier's share"),
                                                 ("identified_coverage_share", "Named (not redacted)"), ("owner_groups_count", "Owner groups"),
                                                 ("group_hhi", "HHI by owner group"), ("group_cr4_share", "CR4 by owner group"), ("top_group", "Largest owner group"),
                                                 ("top_group_share", "Largest owner group's share")],
                        m.services.map { [.text($0.service), .pence($0.pence), .integer($0.suppliers), .decimal($0.hhi, places: 4, shown: 0), .fraction($0.cr4), .text($0.band),
                                          .flag($0.isThin), .text($0.topSupplier ?? ""), .fraction($0.topShare), .fraction($0.identifiedCoverage),
                                          $0.ownerGroups.map { .integer($0.groups) } ?? .text(""), .decimal($0.ownerGroups?.hhi, places: 4, shown: 0),
                                          .fraction($0.ownerGroups?.cr4), .text($0.ownerGroups?.largestGroup ?? ""), .fraction($0.ownerGroups?.largestGroupShare)] }),
            ReportTable("service_suppliers", "Service suppliers", [("service", "Service"), ("rank", "Rank"), ("supplier", "Supplier"), ("supplier_id", "Supplier id"),
                                                                   ("spend_pence", "Spend"), ("share_of_market", "Share of market"), ("classes", "Classes")],
                        m.services.flatMap { s in s.topSuppliers.enumerated().map { i, t in
                            [.text(s.service), .integer(i + 1), .text(t.name), .text(t.supplierID), .pence(t.pence), .fraction(t.share), .text(t.classes)] } }),
            ReportTable("suppliers", "Top suppliers", [("supplier", "Supplier"), ("supplier_id", "Supplier id"), ("spend_pence", "Spend"), ("classes", "Classes"), ("ownership", "Ownership")],
                        m.topSuppliers.map { [.text($0.name), .text($0.supplierID), .pence($0.pence), .text($0.classes), .text($0.ownership)] }),
            ReportTable("ownership", "Ownership", [("ownership", "Ownership"), ("spend_pence", "Spend"), ("share_of_all_spend", "Share of market spend"), ("suppliers_count", "Suppliers")],
                        m.ownership.map { [.text($0.ownership), .pence($0.pence), .fraction($0.share), .integer($0.suppliers)] }),
            ReportTable("dynamics", "Changes", [("period", "Period"), ("previous_period", "Previous period"), ("previous_is_complete", "Previous complete"), ("class", "Class"),
                                                ("change_points", "Change (points)"), ("coverage_share", "Coverage"), ("previous_coverage_share", "Previous coverage")],
                        (m.dynamics?.shareChanges ?? []).map { [.text(m.period.label), .text(m.dynamics?.previousPeriod ?? ""), .flag(m.dynamics?.previousIsComplete), .text($0.label),
                                                                .decimal($0.changePoints, places: 3, shown: 1), .fraction($0.coverage), .fraction($0.previousCoverage)] }),
            ReportTable("opportunities", "Opportunities", [("rank", "Rank"), ("kind", "Kind"), ("market", "Market"), ("title", "Opportunity"), ("detail", "Evidence"),
                                                           ("next_step", "Next step"), ("coverage_share", "Named (not redacted)"), ("pence", "At stake")],
                        m.opportunities.map { [.integer($0.rank), .text($0.kind), .text($0.market), .text($0.title), .text($0.detail), .text($0.nextStep), .fraction($0.coverage), .pence($0.pence)] }),
            ReportTable("places", "Places", [("place_level", "Place level"), ("place", "Place"), ("service", "Service"), ("spend_pence", "Spend"), ("suppliers_count", "Suppliers")],
                        m.places.flatMap { level in
                            level.places.enumerated().flatMap { i, place in
                                level.services.enumerated().compactMap { j, service in
                                    level.cells[i][j].map { [.text(level.level), .text(place), .text(service), .pence($0.pence), .integer($0.suppliers)] }
                                }
                            }
                        }),
            ReportTable("data_quality", "Data quality", [("file", "File"), ("sha256", "SHA-256"), ("read_count", "Rows read"), ("loaded_count", "Rows loaded"), ("set_aside_count", "Rows set aside"),
                                                         ("loaded_pence", "Loaded £"), ("set_aside_pence", "Set aside £")],
                        m.dataQuality.files.map { [.text($0.name), .text($0.sha256), .integer($0.read), .integer($0.loaded), .integer($0.setAside), .pence($0.loadedPence), .pence($0.setAsidePence)] }),
        ]
    }
}
