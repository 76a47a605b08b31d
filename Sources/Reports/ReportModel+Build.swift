import Foundation
import Ingest
import MarketShapeCore
import Measures
import Resolve
import Warehouse

extension ReportModel {
    /// Builds the model for `period` from the warehouse's marts, facts and ledger.
    public static func build(warehouse w: WarehouseStore, config: PipelineConfig, period: ReportPeriod, runID: Int, now: Date) throws -> ReportModel {
        let marts = MartReader(w)
        let available = try marts.periods(kind: period.kind)
        guard available.contains(period.label) else {
            let all = try marts.periods(kind: nil)
            throw UnknownPeriodError(period: period.label, available: all)
        }
        let months = try period.months(w)
        let key: [SQLValue] = [.text(period.kind), .text(period.label)]
        let (kind, label) = (period.kind, period.label)

        // The whole spend by scope, and the largest payees outside the market.
        let scopeRows = try marts.scopeTotals(kind: kind, period: label)
        let scopeTotal = scopeRows.map(\.total_pence).reduce(0, +)
        let stagedTotal = try marts.monthsSpend(months)
        let measured = config.measuredScopes.map(\.rawValue)
        let scope = ScopeSplit(
            totalPence: scopeTotal, payments: scopeRows.map(\.payments_count).reduce(0, +), measured: measured,
            rows: Scope.allCases.compactMap { sc in
                scopeRows.first { $0.scope == sc.rawValue }.map {
                    ScopeRow(scope: sc.rawValue, label: sc.label, pence: $0.total_pence, payments: $0.payments_count,
                             share: scopeTotal != 0 ? Double($0.total_pence) / Double(scopeTotal) : nil, isMeasured: measured.contains(sc.rawValue))
                }
            },
            reconciles: scopeTotal == stagedTotal,
            outside: try marts.outsidePayees(kind: kind, period: label, limit: 12).map { OutsidePayee(name: $0.payee_name, scope: $0.scope, rule: $0.rule, pence: $0.total_pence, payments: $0.payments_count) })

        // Headline.
        let s = try marts.spend(kind: kind, period: label, segmentKind: SegmentKind.all)[0]
        let total = s.total_pence
        func share(_ measure: String, _ label: String, _ known: Int, _ yes: Int) -> ClassShare {
            let ofKnown = known > 0 ? Double(yes) / Double(known) : nil
            let coverage = total != 0 ? Double(known) / Double(total) : 0
            return ClassShare(measure: measure, label: label, pence: yes, knownPence: known, share: coverage >= ReportFormat.minimumCoverage ? ofKnown : nil,
                              shareOfKnown: ofKnown, coverage: coverage, benchmarks: PublicBenchmarks.forMeasure(measure))
        }
        let headline = Headline(totalPence: total, payments: s.payments_count, suppliers: s.suppliers_count, redactedPence: s.redacted_pence,
                                purchaseCardPence: s.purchase_card_pence,
                                shares: [share("local_share", "Local", s.local_known_pence, s.local_pence), share("sme_share", "SME", s.sme_known_pence, s.sme_pence),
                                         share("vcse_share", "VCSE", s.vcse_known_pence, s.vcse_pence),
                                         share("sme_vcse_share", "SME or VCSE", s.sme_or_vcse_known_pence, s.sme_or_vcse_pence)])

        // Trend: the twelve months to the period's end.
        let lastMonth = months.last ?? period.label
        let trend = try marts.monthlyTrend(through: lastMonth, count: 12).map { r -> TrendRow in
                let total = r.total_pence
                func coverage(_ known: Int) -> Double { total != 0 ? Double(known) / Double(total) : 0 }
                func ratio(_ known: Int, _ yes: Int) -> Double? {
                    known > 0 && coverage(known) >= ReportFormat.minimumCoverage ? Double(yes) / Double(known) : nil
                }
                return TrendRow(month: r.period, totalPence: total, suppliers: r.suppliers_count,
                                localShare: ratio(r.local_known_pence, r.local_pence), localCoverage: coverage(r.local_known_pence),
                                smeShare: ratio(r.sme_known_pence, r.sme_pence), smeCoverage: coverage(r.sme_known_pence),
                                vcseShare: ratio(r.vcse_known_pence, r.vcse_pence), vcseCoverage: coverage(r.vcse_known_pence), hhi: r.hhi)
            }

        // Concentration by service, with each service's largest supplier.
        var topOf: [String: (name: String, isPublicBody: Bool)] = [:]
        for r in try marts.largestSuppliers(kind: kind, period: label, segmentKind: SegmentKind.service) { topOf[r.segment] = (r.display_name, r.is_public_body) }
        let services = try marts.markets(kind: kind, period: label, segmentKind: SegmentKind.service).map { r -> ServiceRow in
                let top = topOf[r.segment]
                return ServiceRow(service: try readable(r.segment, w), segment: r.segment, pence: r.total_pence, suppliers: r.concentration_suppliers_count,
                                  hhi: r.hhi, cr4: r.cr4_share,
                                  band: r.band, isThin: r.is_thin, topSupplier: top?.name, topShare: r.top_supplier_share,
                                  topIsPublicBody: top?.isPublicBody == true)
            }

        let topSuppliers = try marts.suppliers(kind: kind, period: label, limit: 10).map { r -> SupplierRow in
                var classes: [String] = [], unknown: [String] = []
                for (value, name) in [(r.is_local, "local"), (r.is_sme, r.is_sme_proxy == true ? "SME (proxy)" : "SME"), (r.is_vcse, "VCSE")] {
                    if value == true { classes.append(name) } else if value == nil { unknown.append(name.replacingOccurrences(of: " (proxy)", with: "")) }
                }
                if r.is_public_body == true { classes.append("public body") }
                var text = classes.isEmpty ? "none" : classes.joined(separator: ", ")
                if !unknown.isEmpty { text += "; unknown: " + unknown.joined(separator: ", ") }
                return SupplierRow(name: r.display_name, supplierID: r.supplier_id, pence: r.pence, classes: text, ownership: r.ownership ?? "unknown")
            }

        let ownership = try marts.ownership(kind: kind, period: label, segmentKind: SegmentKind.all).map { OwnershipRow(ownership: $0.ownership, pence: $0.spend_pence, share: total != 0 ? Double($0.spend_pence) / Double(total) : nil, suppliers: $0.suppliers_count) }

        let care = try marts.ownership(kind: kind, period: label, segmentKind: SegmentKind.service, segmentLike: "%care%")
        var careOwnership: CareOwnership? = nil
        if !care.isEmpty {
            let careTotal = care.map(\.spend_pence).reduce(0, +)
            let known = care.filter { !["unknown", "redacted"].contains($0.ownership) }.map(\.spend_pence).reduce(0, +)
            let pe = care.filter { $0.ownership == "private-equity" }.map(\.spend_pence).reduce(0, +)
            careOwnership = CareOwnership(services: Array(Set(care.map(\.segment))).sorted(), totalPence: careTotal,
                                          privateEquityPence: pe, knownPence: known, share: known > 0 ? Double(pe) / Double(known) : nil)
        }

        let dynamics = try buildDynamics(w, period: period, months: months)
        let places = try buildPlaces(w)
        let opportunities = try Opportunities.list(w, services: services, totalPence: total)

        let staging = StagingReader(w)
        let files = try staging.currentFiles().map {
            FileRow(name: $0.file_name, sha256: $0.sha256, read: $0.read_count, loaded: $0.loaded_count,
                    setAside: $0.set_aside_count, loadedPence: $0.loaded_pence, setAsidePence: $0.set_aside_pence)
        }
        let reasons = try staging.setAsideByReason().map { ReasonCount(reason: $0.reason_code, count: $0.rows_count) }
        let unresolved = try marts.suppliers(kind: kind, period: label, unresolvedOnly: true)
        let resolution = ResolutionReader(w)
        let registers = try resolution.registersInUse().map {
            RegisterRow(kind: $0.kind, version: $0.version_id, file: URL(fileURLWithPath: $0.path).lastPathComponent, sha256: $0.sha256, rows: $0.rows_count)
        }
        // A file published for one of the period's months may hold payments dated in other months: they count where they were paid.
        // Only a file whose first or last payment lies outside the period can (periods are unbroken runs of months), so only
        // those files' lines are read.
        let spanning = try staging.paymentsOutside(months).map { r in
                "\(r.file_name) also holds \(r.rows_count) payments (\(formatPounds(r.pence))) dated \(r.first_month)\(r.first_month == r.last_month ? "" : " to \(r.last_month)"); they count in the months they were paid, not in \(period.label)."
            }
        let identifiers = try resolution.identifierFlags(limit: 10).map { IdentifierRow(column: $0.column_name, value: $0.value, flag: $0.flag, reason: $0.reason, rows: $0.rows_count, pence: $0.pence) }
        let dataQuality = DataQuality(files: files, setAsideByReason: reasons, redactedPence: s.redacted_pence,
                                      unresolvedPence: unresolved.map(\.pence).reduce(0, +),
                                      unresolved: unresolved.prefix(10).map { UnresolvedRow(name: $0.display_name, pence: $0.pence) },
                                      registers: registers, identifiers: identifiers,
                                      conflicts: try resolution.conflictsCount(), notes: spanning)
        let directoryLoaded = registers.contains { $0.kind == "postcodes" }
        let stamp = ISO8601DateFormatter()
        stamp.timeZone = TimeZone(identifier: "UTC")
        let generated = stamp.string(from: now)
        let file = URL(fileURLWithPath: config.file).standardizedFileURL.path
        let pipelineFile = file.hasPrefix(config.root + "/") ? String(file.dropFirst(config.root.count + 1)) : URL(fileURLWithPath: file).lastPathComponent
        return ReportModel(pipeline: config.name, body: config.body.name, period: period, months: months, generatedAt: generated, runID: runID,
                           scope: scope, headline: headline, targets: try TargetGaps.rows(w, config: config, period: period), trend: trend, services: services,
                           topSuppliers: topSuppliers, ownership: ownership, careOwnership: careOwnership, dynamics: dynamics, places: places,
                           opportunities: opportunities, dataQuality: dataQuality,
                           definitions: definitions(config.local.ruleInUse(directoryLoaded: directoryLoaded) + (config.local.label.isEmpty ? "" : " (the pipeline calls this: \(config.local.label))")),
                           provenance: Provenance(pipelineFile: pipelineFile, runID: runID, generatedAt: generated, inputs: files))
    }

    /// A service's name as people read it: a code (`4`, `ITD`) with the one directorate it sits under, or said to be a
    /// code when the file gives no label; `(none)` as the blank it is. Never a bare code.
    static func readable(_ service: String, _ w: WarehouseStore) throws -> String {
        if service == "(none)" { return "(no service given in the file)" }
        guard SegmentCode.isCode(service) else { return service }
        let parents = try StagingReader(w).directorates(ofService: service)
        return parents.count == 1 ? "\(service) (\(parents[0]))" : "service code \(service) (the file gives no label)"
    }

    /// Entrants and exits against the previous period, from the supplier marts.
    static func buildDynamics(_ w: WarehouseStore, period: ReportPeriod, months: [String]) throws -> Dynamics? {
        let marts = MartReader(w)
        guard let d = try marts.dynamics(kind: period.kind, period: period.label) else { return nil }
        var entrants: [String] = [], exits: [String] = []
        var caveat: String? = nil
        if let previous = d.previous_period {
            // A previous period with far fewer payments (say, only late payments inside this period's file) is not like-for-like.
            let paymentsNow = try marts.spend(kind: period.kind, period: period.label, segmentKind: SegmentKind.all).first?.payments_count ?? 0
            let paymentsBefore = try marts.spend(kind: period.kind, period: previous, segmentKind: SegmentKind.all).first?.payments_count ?? 0
            if paymentsBefore * 2 < paymentsNow {
                caveat = "\(previous) holds \(paymentsBefore) payments against \(paymentsNow) in \(period.label), probably because only part of it is in the files loaded: entrants and exits are not like-for-like."
            }
            entrants = try marts.suppliers(kind: period.kind, period: period.label, notIn: previous, limit: 8).map(\.display_name)
            exits = try marts.suppliers(kind: period.kind, period: previous, notIn: period.label, limit: 8).map(\.display_name)
        }
        return Dynamics(previousPeriod: d.previous_period, active: d.active_count, entrants: d.entrants_count, exits: d.exits_count,
                        entrantSpendShare: d.entrant_spend_share, localShareChange: d.local_share_change, smeShareChange: d.sme_share_change,
                        vcseShareChange: d.vcse_share_change, hhiChange: d.hhi_change, yearAgoPeriod: d.year_ago_period, hhiChangeYear: d.hhi_change_year,
                        entrantNames: entrants, exitNames: exits, caveat: caveat)
    }

    static func buildPlaces(_ w: WarehouseStore) throws -> [PlaceLevel] {
        let marts = MartReader(w)
        let levels = try marts.placeLevels()
        return try levels.map { level in
            let cells = try marts.placeServices(level: level)
            let places = Array(Set(cells.map(\.place))).sorted()
            let services = Array(Set(cells.map(\.service))).sorted()
            var matrix = [[PlaceCell?]](repeating: [PlaceCell?](repeating: nil, count: services.count), count: places.count)
            for c in cells {
                matrix[places.firstIndex(of: c.place)!][services.firstIndex(of: c.service)!] = PlaceCell(pence: c.spend_pence, suppliers: c.suppliers_count)
            }
            let cross = try marts.crossServiceSuppliers(level: level, limit: 15).map { PlaceSupplier(place: $0.place, supplier: $0.display_name, services: $0.services, pence: $0.spend_pence) }
            let pairs = try marts.serviceOverlaps(level: level, limit: 10).map { ServicePair(serviceA: $0.service_a, serviceB: $0.service_b, shared: $0.shared_places_count, jaccard: $0.jaccard_share ?? 0) }
            return PlaceLevel(level: level, places: places, services: services, cells: matrix, crossServiceSuppliers: cross, sharedPlaces: pairs)
        }
    }

    static func definitions(_ local: String) -> [Definition] {
        [
            Definition(term: "Scope", meaning: "Every payment is in one scope, decided by the first rule that matches: the pipeline file's scope rules, the analyst's scope column, payees whose name says payroll, tax, pensions or treasury (HMRC, pension funds, unions, credit unions, PWLB), redacted personal data, the spending context's text (precepts, levies, PAYE, loans, direct payments), payees that are public bodies (the local-authority and academy-trust registers, NHS, police, fire, government and school names), people; everything else is market. Shares, concentration, entrants and exits, places and opportunities are over the measured scopes (the market unless the pipeline says otherwise); public bodies are never in the denominator of an SME or VCSE share."),
            Definition(term: "Local", meaning: local + "."),
            Definition(term: "SME", meaning: "Procurement Act 2023: fewer than 250 staff and turnover ≤ £44m or balance sheet ≤ £38m, from the analyst's supplier master; where only Companies House accounts categories are known, a marked proxy. Public bodies are neither."),
            Definition(term: "VCSE", meaning: "Registered charities, CIOs, CICs, registered societies, and companies limited by guarantee only with charity evidence; the council's own VCSE flag counts as evidence."),
            Definition(term: "Share and coverage", meaning: "A share is the spend with the class ÷ the spend whose class is known; coverage is the spend whose class is known ÷ all spend. A share is never shown without its coverage."),
            Definition(term: "HHI", meaning: "Σ (100 × sᵢ)² over suppliers' shares of a market's spend (0–10,000): above 1,800 highly concentrated, 1,000–1,800 moderately (US 2023 merger guidelines). Credit notes are netted per supplier; suppliers with net spend ≤ 0 take no share; redacted payees are not a supplier."),
            Definition(term: "CR4 and effective suppliers", meaning: "CR4 is the share of the four largest suppliers; the effective number of suppliers is 10,000 ÷ HHI. A thin market has fewer than three suppliers."),
            Definition(term: "Entrants and exits", meaning: "Suppliers paid this period and not in the previous one, and the reverse."),
            Definition(term: "Gap", meaning: "How far a missed target is from its goal: percentage points for shares, HHI points for concentration. The gap in pounds is the spend that would have to move to meet a share target at this period's totals (the shortfall × the spend whose class is known); HHI and CR4 targets have no pounds figure."),
            Definition(term: "Ownership", meaning: "From the analyst's overrides, the FCA register (co-operatives), and register facts (charities, public bodies, PLCs); no register knows private-equity or employee ownership, so a private company without an override is unknown."),
        ]
    }
}
