import MarketShapeCore
import Measures
import Warehouse

/// Market-shaping opportunities behind the gaps, ranked by the pounds behind each.
enum Opportunities {
    static func list(_ w: WarehouseStore, services: [ReportModel.ServiceRow], totalPence: Pence) throws -> [ReportModel.Opportunity] {
        var found: [ReportModel.Opportunity] = []
        // A service led by a public body (an NHS trust, a school, another council) is not a market to split.
        // Nor is spend the file gives no service for: it is no one market.
        for s in services where s.pence > 0 && !s.topIsPublicBody && s.segment != "(none)" {
            guard let top = s.topSupplier, let share = s.topShare else { continue }
            let topPence = Int((share * Double(s.pence)).rounded())
            if let hhi = s.hhi, hhi > 1800, topPence >= totalPence / 100 {
                found.append(.init(rank: 0, kind: "split_into_lots", title: "Split \(s.service) into lots",
                                   detail: "HHI \(ReportFormat.hhi(hhi)) (highly concentrated); \(top) takes \(ReportFormat.percent(share)) (\(formatPounds(topPence, decimals: false))). Contracts this large could be let in smaller lots that SMEs and VCSEs can bid for.",
                                   pence: topPence))
            } else if share >= 0.5 {
                found.append(.init(rank: 0, kind: "single_supplier_dependency", title: "Dependency on one supplier in \(s.service)",
                                   detail: "\(top) takes \(ReportFormat.percent(share)) of the service's spend; a second supplier would reduce the risk.",
                                   pence: topPence))
            }
            if s.isThin {
                found.append(.init(rank: 0, kind: "thin_market", title: "Thin market: \(s.service)",
                                   detail: "Only \(s.suppliers) supplier\(s.suppliers == 1 ? "" : "s") took a share of \(formatPounds(s.pence, decimals: false)); market engagement could widen the field.",
                                   pence: s.pence))
            }
        }
        // Local VCSEs and SMEs already working in a place in a neighbouring service.
        let candidates = try MartReader(w).placeCandidates(limit: 10)
        for c in candidates {
            let names = (c.names ?? "").split(separator: "|").map(String.init)
            let shown = names.prefix(4).joined(separator: "; ") + (names.count > 4 ? "; and \(names.count - 4) more" : "")
            found.append(.init(rank: 0, kind: "local_vcse_sme_in_place",
                               title: "\(c.absent_service) in \(c.place) (\(c.place_level)): local providers already there",
                               detail: "\(c.suppliers) local VCSE/SME supplier(s) already work in \(c.place) in another service but not in \(c.absent_service), which has spent \(formatPounds(c.spend_pence, decimals: false)) there across all payments held: \(shown).",
                               pence: c.spend_pence))
        }
        return found.sorted { ($0.pence, $1.title) > ($1.pence, $0.title) }.prefix(15).enumerated().map { i, o in
            var o = o; o.rank = i + 1; return o
        }
    }
}
