import Ingest
import MarketShapeCore
import Measures
import Warehouse

/// Market-shaping opportunities behind the gaps, one per market, ranked by the pounds behind each. Only markets of
/// the measured scopes whose spend is mostly paid to identified suppliers (coverage at least the minimum) are judged.
enum Opportunities {
    static func list(_ w: WarehouseStore, services: [ReportModel.ServiceRow], totalPence: Pence, minimumCoverage: Double) throws -> [ReportModel.Opportunity] {
        var found: [ReportModel.Opportunity] = []
        for s in services where s.pence > 0 && s.pence * 100 >= totalPence && isMarket(s) {
            guard let top = s.topSupplier, let share = s.topShare, let coverage = s.identifiedCoverage, coverage >= minimumCoverage else { continue }
            let topPence = Int((share * Double(s.pence)).rounded())
            // The kind follows the market's shape, never its size: highly concentrated, else led by one supplier, else thin.
            let concentrated = s.hhi.map { $0 > 1800 } == true
            let dependent = share >= 0.5
            guard concentrated || dependent || s.isThin else { continue }
            var evidence: [String] = []
            if let hhi = s.hhi { evidence.append("HHI \(ReportFormat.hhi(hhi))\(hhi > 1800 ? " (highly concentrated)" : hhi >= 1000 ? " (moderately concentrated)" : "")") }
            evidence.append("\(top) takes \(ReportFormat.percent(share)) (\(formatPounds(topPence, decimals: false)))")
            if s.isThin { evidence.append("only \(s.suppliers) supplier\(s.suppliers == 1 ? "" : "s") took a share of \(formatPounds(s.pence, decimals: false))") }
            evidence.append("\(ReportFormat.percent(coverage)) of its spend is to named (not redacted) payees")
            let (kind, title): (String, String)
            var step: String
            if concentrated {
                (kind, title) = ("split_into_lots", "Split \(s.service) into lots")
                step = "Before it is next let, test lots by area or service line that SMEs and VCSEs can bid for; \(top)'s contract end dates set the timing."
            } else if dependent {
                (kind, title) = ("single_supplier_dependency", "Reduce dependence on one supplier in \(s.service)")
                step = "Find a second supplier (a framework call-off or a market engagement event) and plan for \(top) leaving."
            } else {
                (kind, title) = ("thin_market", "Widen a thin market: \(s.service)")
                step = "Hold market engagement with local SMEs and VCSEs before the next procurement, and publish the pipeline of contracts."
            }
            // A market led by a VCSE or an SME already is what diversity targets ask for: keep it, and lower the risk.
            if s.topIsVCSEOrSME == true && kind != "thin_market" {
                step = "\(top) is itself a VCSE or SME: keep what works, and grow a second provider so the service does not rest on one organisation."
            }
            found.append(.init(rank: 0, kind: kind, market: s.service, leader: top, title: title, detail: evidence.joined(separator: "; ") + ".", nextStep: step,
                               coverage: coverage, pence: s.isThin && !concentrated ? s.pence : topPence))
        }
        found = mergedBySupplier(found)
        found += try placeOpportunities(w)
        return found.sorted { ($0.pence, $1.title) > ($1.pence, $0.title) }.prefix(15).enumerated().map { i, o in
            var o = o; o.rank = i + 1; return o
        }
    }

    /// Whether a service is a market a commissioner can shape: not led by a public body (an NHS trust, a council) or
    /// by a school or college the registers did not recognise, not spend the file gives no service for, not an
    /// accounting code (balance sheet, ledgers, suspense, VAT), and not a PFI or LEP vehicle's unitary charge.
    static func isMarket(_ s: ReportModel.ServiceRow) -> Bool {
        if s.topIsPublicBody || s.segment == "(none)" { return false }
        let service = s.service.lowercased()
        if ["balance sheet", "ledger", "suspense", "control account", "clearing", "vat ", "holding account"].contains(where: service.contains) || service.hasPrefix("vat") {
            return false
        }
        let leader = SupplierName.normalise(s.topSupplier ?? "")
        let words = Set(leader.split(separator: " "))
        if !words.isDisjoint(with: ["SCHOOL", "SCHOOLS", "COLLEGE", "PRIMARY", "NURSERY", "INFANTS", "JUNIOR"]) { return false }
        // A PFI or LEP special-purpose vehicle is paid a unitary charge under a contract of decades: no market to shape now.
        if !words.isDisjoint(with: ["PFI", "LEP", "SPV"]) || service.contains("unitary charge") || service.contains("pfi") { return false }
        return true
    }

    /// Concentration in several services led by one supplier is one market (one contract, often, coded to several
    /// services): one opportunity naming them all, with their pounds added, instead of one per service.
    static func mergedBySupplier(_ list: [ReportModel.Opportunity]) -> [ReportModel.Opportunity] {
        var bySupplier: [String: [Int]] = [:]
        for (i, o) in list.enumerated() where o.kind != "thin_market" { if let leader = o.leader { bySupplier[leader, default: []].append(i) } }
        var merged: [ReportModel.Opportunity] = [], done = Set<Int>()
        for (i, o) in list.enumerated() where !done.contains(i) {
            let group = o.kind == "thin_market" ? [i] : o.leader.flatMap { bySupplier[$0] } ?? [i]
            group.forEach { done.insert($0) }
            guard group.count > 1 else { merged.append(o); continue }
            let parts = group.map { list[$0] }
            let markets = parts.map(\.market)
            let names = markets.dropLast().joined(separator: ", ") + " and " + markets.last!
            let split = parts.contains { $0.kind == "split_into_lots" }
            merged.append(.init(rank: 0, kind: split ? "split_into_lots" : "single_supplier_dependency", market: markets.joined(separator: "; "), leader: o.leader,
                                title: split ? "Split \(names) into lots: one supplier leads them all" : "Reduce dependence on one supplier in \(names)",
                                detail: parts.map { "\($0.market): \($0.detail.dropLast())" }.joined(separator: "; ") + ".",
                                nextStep: parts.first { $0.kind == "split_into_lots" }?.nextStep ?? o.nextStep,
                                coverage: parts.compactMap(\.coverage).min(), pence: parts.map(\.pence).reduce(0, +)))
        }
        return merged
    }

    /// Local VCSEs and SMEs already working in a place in a related service (one paid under the same expense type or
    /// category) but absent from a service there: one opportunity per service in a place, each supplier in one list only.
    static func placeOpportunities(_ w: WarehouseStore) throws -> [ReportModel.Opportunity] {
        let terms = try StagingReader(w).serviceTerms()
        func related(_ present: String, _ absent: String) -> Bool {
            let wanted = terms[absent] ?? []
            return present.split(separator: ";").contains { !(terms[$0.trimmingCharacters(in: .whitespaces)] ?? []).isDisjoint(with: wanted) }
        }
        var groups: [(key: String, rows: [MartReader.PlaceCandidate])] = []
        for c in try MartReader(w).placeCandidateRows() where related(c.present_services, c.absent_service) {
            let key = "\(c.place_level)\u{1}\(c.place)\u{1}\(c.absent_service)"
            if groups.last?.key == key { groups[groups.count - 1].rows.append(c) } else { groups.append((key, [c])) }
        }
        var listed = Set<String>(), found: [ReportModel.Opportunity] = []
        for (_, rows) in groups {
            let fresh = rows.filter { !listed.contains($0.display_name) }
            guard let first = fresh.first else { continue }
            fresh.forEach { listed.insert($0.display_name) }
            let names = fresh.map { "\($0.display_name) (\($0.supplier_classes), in \($0.present_services))" }
            let shown = names.prefix(4).joined(separator: "; ") + (names.count > 4 ? "; and \(names.count - 4) more" : "")
            found.append(.init(rank: 0, kind: "local_vcse_sme_in_place", market: "\(first.absent_service) in \(first.place)", leader: nil,
                               title: "\(first.absent_service) in \(first.place) (\(first.place_level)): local providers of related services already there",
                               detail: "\(fresh.count) local VCSE/SME supplier(s) already work in \(first.place) in a related service (paid under the same expense type or category) but not in \(first.absent_service), which has spent \(formatPounds(first.service_pence, decimals: false)) there across all payments held: \(shown).",
                               nextStep: "Invite them to the next \(first.absent_service) procurement in \(first.place), or to a joint bid with the current providers.",
                               coverage: nil, pence: first.service_pence))
        }
        return found
    }
}
