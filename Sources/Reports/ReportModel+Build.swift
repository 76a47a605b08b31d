import Foundation
import Ingest
import MarketShapeCore
import Measures
import Resolve
import Warehouse

extension ReportModel {
    /// Builds the model for `period` from the warehouse's marts, facts and ledger; `completeness` is the months'
    /// judgement when the caller has it already (it chose the period with it).
    public static func build(warehouse w: WarehouseStore, config: PipelineConfig, period: ReportPeriod, runID: Int, now: Date,
                             completeness known: PeriodCompleteness? = nil) throws -> ReportModel {
        let marts = MartReader(w)
        let available = try marts.periods(kind: period.kind)
        guard available.contains(period.label) else {
            let all = try marts.periods(kind: nil)
            throw UnknownPeriodError(period: period.label, available: all)
        }
        let months = try period.months(w)
        let settings = config.report, minimum = settings.minimumCoverage
        let completeness = try known ?? PeriodCompleteness(w, share: settings.completeMonthShare)
        let periodCoverage = coverage(of: period, months: months, completeness)
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
        let unresolved = try marts.suppliers(kind: kind, period: label, unresolvedOnly: true)
        let resolution = ResolutionReader(w)
        let registers = try resolution.registersInUse().map {
            RegisterRow(kind: $0.kind, version: $0.version_id, file: URL(fileURLWithPath: $0.path).lastPathComponent, sha256: $0.sha256, rows: $0.rows_count)
        }
        let loaded = Set(registers.map(\.kind))
        func share(_ measure: String, _ label: String, _ known: Int, _ yes: Int) -> ClassShare {
            let ofKnown = known > 0 ? Double(yes) / Double(known) : nil
            let coverage = total != 0 ? Double(known) / Double(total) : 0
            let measurable = coverage >= minimum && ofKnown != nil
            return ClassShare(measure: measure, label: label, pence: yes, knownPence: known, share: measurable ? ofKnown : nil,
                              shareOfKnown: ofKnown, coverage: coverage,
                              notMeasurable: measurable ? nil : "not measurable yet: \(ReportFormat.percent(coverage)) of \(ReportFormat.measuredLabel(scope)) has a known \(label == "Local" ? "local" : label) status (at least \(ReportFormat.percent(minimum)) is needed)",
                              toRaise: measurable ? nil : ReportFormat.howToRaise(measure, loaded: loaded, config: config, unresolved: unresolved.count,
                                                                                 unresolvedPence: unresolved.map(\.pence).reduce(0, +)),
                              benchmarks: PublicBenchmarks.forMeasure(measure))
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
                    known > 0 && coverage(known) >= minimum ? Double(yes) / Double(known) : nil
                }
                return TrendRow(month: r.period, isComplete: completeness.isComplete(month: r.period), totalPence: total, suppliers: r.suppliers_count,
                                localShare: ratio(r.local_known_pence, r.local_pence), localCoverage: coverage(r.local_known_pence),
                                smeShare: ratio(r.sme_known_pence, r.sme_pence), smeCoverage: coverage(r.sme_known_pence),
                                vcseShare: ratio(r.vcse_known_pence, r.vcse_pence), vcseCoverage: coverage(r.vcse_known_pence), hhi: r.hhi)
            }

        // Concentration by service, with each service's largest supplier.
        var topOf: [String: (name: String, isPublicBody: Bool)] = [:]
        for r in try marts.largestSuppliers(kind: kind, period: label, segmentKind: SegmentKind.service) { topOf[r.segment] = (r.display_name, r.is_public_body) }
        let leaders = Dictionary(grouping: try marts.segmentSuppliers(kind: kind, period: label, segmentKind: SegmentKind.service, limit: 5), by: \.segment)
        var named: [MartReader.SupplierSpend] = []
        let services = try marts.markets(kind: kind, period: label, segmentKind: SegmentKind.service).map { r -> ServiceRow in
                let top = topOf[r.segment]
                // Shares of the market as its concentration counts them: over the suppliers with positive net spend.
                let rows = leaders[r.segment] ?? []
                let positive = rows.first.flatMap { first in r.top_supplier_share.map { Double(first.supplier.pence) / $0 } }
                let drill = rows.map { l in
                    MarketSupplier(name: l.supplier.display_name, supplierID: l.supplier.supplier_id, anchor: anchor(l.supplier.supplier_id), pence: l.supplier.pence,
                                   share: positive.map { Double(l.supplier.pence) / $0 }, classes: classes(l.supplier))
                }
                if r.total_pence * 100 >= total { named += rows.map(\.supplier) }
                return ServiceRow(service: try readable(r.segment, w), segment: r.segment, pence: r.total_pence, suppliers: r.concentration_suppliers_count,
                                  hhi: r.hhi, cr4: r.cr4_share,
                                  band: r.band, isThin: r.is_thin,
                                  identifiedCoverage: r.total_pence > 0 ? Double(r.total_pence - r.redacted_pence) / Double(r.total_pence) : nil,
                                  topSuppliers: r.total_pence * 100 >= total ? drill : [],
                                  topSupplier: top?.name, topShare: r.top_supplier_share,
                                  topIsPublicBody: top?.isPublicBody == true,
                                  topIsVCSEOrSME: rows.first.flatMap { l in l.supplier.is_vcse == true || l.supplier.is_sme == true ? true
                                                                               : l.supplier.is_vcse == false && l.supplier.is_sme == false ? false : nil },
                                  ownerGroups: r.groups_count.map { OwnerGroupConcentration(groups: $0, hhi: r.group_hhi, cr4: r.group_cr4_share,
                                                                                            largestGroup: r.top_group, largestGroupShare: r.top_group_share,
                                                                                            mergedGroup: r.merged_group, mergedGroupShare: r.merged_group_share,
                                                                                            mergedGroupSuppliers: r.merged_group_suppliers,
                                                                                            band: r.group_hhi.map(ReportFormat.band),
                                                                                            contributors: r.merged_groups.flatMap { try? JSONDecoder().decode([GroupContribution].self, from: Data($0.utf8)) } ?? []) })
            }

        let top10 = try marts.suppliers(kind: kind, period: label, limit: 10)
        named = top10 + named
        let topSuppliers = top10.map { r in
            SupplierRow(name: r.display_name, supplierID: r.supplier_id, anchor: anchor(r.supplier_id), pence: r.pence, classes: classes(r), ownership: r.ownership ?? "unknown")
        }

        let ownership = try marts.ownership(kind: kind, period: label, segmentKind: SegmentKind.all).map { OwnershipRow(ownership: $0.ownership, pence: $0.spend_pence, share: total != 0 ? Double($0.spend_pence) / Double(total) : nil, suppliers: $0.suppliers_count) }

        let care = try marts.ownership(kind: kind, period: label, segmentKind: SegmentKind.service, segmentLike: careServices)
        var careOwnership: CareOwnership? = nil
        if !care.isEmpty {
            let careTotal = care.map(\.spend_pence).reduce(0, +)
            let known = care.filter { !["unknown", "redacted"].contains($0.ownership) }.map(\.spend_pence).reduce(0, +)
            let pe = care.filter { $0.ownership == "private-equity" }.map(\.spend_pence).reduce(0, +)
            let coverage = careTotal > 0 ? Double(known) / Double(careTotal) : 0
            careOwnership = CareOwnership(services: Array(Set(care.map(\.segment))).sorted(), totalPence: careTotal,
                                          privateEquityPence: pe, knownPence: known, coverage: coverage,
                                          share: known > 0 && coverage >= minimum ? Double(pe) / Double(known) : nil)
        }

        // HHI over the trend's complete months for the four largest markets holding at least 5% of the spend.
        let completeMonths = trend.filter(\.isComplete).map(\.month)
        let marketTrend = try services.filter { $0.pence * 20 >= total && $0.segment != "(none)" }.prefix(4).map { service in
            MarketTrend(service: service.service, points: try completeMonths.map { month in
                MarketPoint(month: month, hhi: try marts.market(kind: "month", period: month, segmentKind: SegmentKind.service, segment: service.segment)?.hhi)
            })
        }
        let (dynamics, movers) = try buildDynamics(w, period: period, now: s, completeness: completeness, minimum: minimum)
        let supplierEntries = try entries(named + movers, w)
        let places = try buildPlaces(w)
        let opportunities = try Opportunities.list(w, services: services, totalPence: total, minimumCoverage: minimum)

        let staging = StagingReader(w)
        let files = try staging.currentFiles().map {
            FileRow(name: $0.file_name, sha256: $0.sha256, read: $0.read_count, loaded: $0.loaded_count,
                    setAside: $0.set_aside_count, loadedPence: $0.loaded_pence, setAsidePence: $0.set_aside_pence)
        }
        let reasons = try staging.setAsideByReason().map { ReasonCount(reason: $0.reason_code, count: $0.rows_count, pence: $0.pence) }
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
        var model = ReportModel(pipeline: config.name, body: config.body.name, period: period, months: months, generatedAt: generated, runID: runID,
                           settings: Settings(minimumCoverage: minimum, completeMonthShare: settings.completeMonthShare),
                           periodCoverage: periodCoverage, summary: [],
                           scope: scope, headline: headline, targets: try TargetGaps.rows(w, config: config, period: period), trend: trend, marketTrend: marketTrend, services: services,
                           topSuppliers: topSuppliers, ownership: ownership, careOwnership: careOwnership, dynamics: dynamics, places: places,
                           opportunities: opportunities, dataQuality: dataQuality,
                           definitions: definitions(config.local.ruleInUse(directoryLoaded: directoryLoaded) + (config.local.label.isEmpty ? "" : " (the pipeline calls this: \(config.local.label))")),
                           provenance: Provenance(pipelineFile: pipelineFile, runID: runID, generatedAt: generated, inputs: files),
                           supplierEntries: supplierEntries)
        model.summary = ExecutiveSummary.sentences(model)
        return model
    }

    /// What the period covers: whether it is complete, and the months with payments outside it, in words.
    static func coverage(of period: ReportPeriod, months: [String], _ c: PeriodCompleteness) -> PeriodCoverage {
        let calendar = period.calendarMonths
        let incomplete = c.incompleteMonths(of: period)
        let outside = c.months.filter { !calendar.contains($0.month) }
        func month(_ m: PeriodCompleteness.Month) -> String { "\(m.month): \(ReportFormat.count(m.payments)) payment\(m.payments == 1 ? "" : "s"), \(formatPounds(m.pence, decimals: false))" }
        let inside = c.months.filter { calendar.contains($0.month) }
        let payments = inside.map(\.payments).reduce(0, +), pence = inside.map(\.pence).reduce(0, +)
        var text = "This report covers \(period.label) (\(ReportFormat.count(payments)) payments, \(formatPounds(pence, decimals: false)) in every scope), "
        if incomplete.isEmpty {
            text += "a complete \(period.kind == "month" ? "month" : "period")."
        } else {
            let held = Set(months)
            let thin = inside.filter { !$0.isComplete }.map(month), missing = incomplete.filter { !held.contains($0) }
            text += "which is NOT complete: " + ([thin.isEmpty ? nil : "too few payments in " + thin.joined(separator: "; "),
                                                 missing.isEmpty ? nil : "no payments in " + missing.joined(separator: ", ")].compactMap { $0 }.joined(separator: "; "))
                + ". Its figures describe part of a period; a report for a complete period is the default."
        }
        let stray = outside.filter { !$0.isComplete }, whole = outside.filter(\.isComplete)
        var parts: [String] = []
        if !whole.isEmpty {
            parts.append("\(whole.count) complete month\(whole.count == 1 ? "" : "s") (\(whole.first!.month == whole.last!.month ? whole.first!.month : "\(whole.first!.month) to \(whole.last!.month)"))")
        }
        if !stray.isEmpty {
            let shown = stray.suffix(6).map(month)
            parts.append("\(stray.count) incomplete month\(stray.count == 1 ? "" : "s") that never choose the report (\(stray.count > 6 ? "the latest six: " : "")\(shown.joined(separator: "; ")))")
        }
        if !parts.isEmpty { text += " The warehouse also holds " + parts.joined(separator: " and ") + "." }
        return PeriodCoverage(isComplete: incomplete.isEmpty, incompleteMonths: incomplete, rule: c.rule, outside: outside, text: text)
    }

    /// A supplier's classes in words: `local, SME; unknown: VCSE`.
    static func classes(_ r: MartReader.SupplierSpend) -> String {
        var classes: [String] = [], unknown: [String] = []
        for (value, name) in [(r.is_local, "local"), (r.is_sme, r.is_sme_proxy == true ? "SME (proxy)" : "SME"), (r.is_vcse, "VCSE")] {
            if value == true { classes.append(name) } else if value == nil { unknown.append(name.replacingOccurrences(of: " (proxy)", with: "")) }
        }
        if r.is_public_body == true { classes.append("public body") }
        var text = classes.isEmpty ? "none" : classes.joined(separator: ", ")
        if !unknown.isEmpty { text += "; unknown: " + unknown.joined(separator: ", ") }
        return text
    }

    /// The HTML anchor of a supplier's entry (`s-` and its id, with anything but letters, digits and `-` as `-`).
    static func anchor(_ supplierID: String) -> String {
        "s-" + String(supplierID.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// The entries of the suppliers a report names, each once, in the order first named.
    static func entries(_ named: [MartReader.SupplierSpend], _ w: WarehouseStore) throws -> [SupplierEntry] {
        let reader = SupplierReader(w)
        var seen = Set<String>(), result: [SupplierEntry] = []
        for r in named where seen.insert(r.supplier_id).inserted {
            let evidence = try reader.evidence(r.supplier_key).map { ClassEvidence(classification: $0.classification, value: $0.value, source: $0.source, detail: $0.detail) }
            let method = r.resolution_method == "unresolved" ? "not resolved to a register: known by its name in the spend files" : "resolved by \(r.resolution_method.replacingOccurrences(of: "_", with: " "))"
            result.append(SupplierEntry(supplierID: r.supplier_id, name: r.display_name, anchor: anchor(r.supplier_id), resolution: method, classes: evidence))
        }
        return result
    }

    /// The services that buy care, as their names say (adult and children's social care, older people, learning
    /// disability, mental health, homecare, residential and nursing care, supported living, fostering, reablement).
    static let careServices = ["%care%", "%older people%", "%learning disab%", "%mental health%", "%supported living%", "%domiciliary%",
                               "%residential%", "%nursing%", "%fostering%", "%reablement%", "%adult social%", "%children's social%", "%safeguarding%"]

    /// A service's name as people read it: a code (`4`, `ITD`) with the one directorate it sits under, or said to be a
    /// code when the file gives no label; `(none)` as the blank it is. Never a bare code.
    static func readable(_ service: String, _ w: WarehouseStore) throws -> String {
        if service == "(none)" { return "(no service given in the file)" }
        guard SegmentCode.isCode(service) else { return service }
        let parents = try StagingReader(w).directorates(ofService: service)
        return parents.count == 1 ? "\(service) (\(parents[0]))" : "service code \(service) (the file gives no label)"
    }

    /// Entrants and exits against the previous period, from the supplier marts, with each share change beside the
    /// coverage of both periods (nil when either is under the minimum).
    static func buildDynamics(_ w: WarehouseStore, period: ReportPeriod, now: MartReader.Spend, completeness: PeriodCompleteness,
                              minimum: Double) throws -> (Dynamics?, [MartReader.SupplierSpend]) {
        let marts = MartReader(w)
        guard let d = try marts.dynamics(kind: period.kind, period: period.label) else { return (nil, []) }
        var entrants: [MartReader.SupplierSpend] = [], exits: [MartReader.SupplierSpend] = []
        var caveat: String? = nil, changes: [ShareChange] = [], previousComplete = false
        if let previous = d.previous_period {
            let before = ReportPeriod(kind: period.kind, label: previous)
            previousComplete = completeness.isComplete(before)
            if !previousComplete {
                let missing = completeness.incompleteMonths(of: before)
                caveat = "\(previous) is not complete (\(missing.count == before.calendarMonths.count ? "too few payments" : "incomplete or missing: " + missing.joined(separator: ", "))), probably because only part of it is in the files loaded: entrants, exits and changes against it are not like-for-like."
            }
            let then = try marts.spend(kind: period.kind, period: previous, segmentKind: SegmentKind.all).first
            func coverage(_ s: MartReader.Spend?, _ known: KeyPath<MartReader.Spend, Int>) -> Double {
                guard let s, s.total_pence != 0 else { return 0 }
                return Double(s[keyPath: known]) / Double(s.total_pence)
            }
            for (label, change, known) in [("Local", d.local_share_change, \MartReader.Spend.local_known_pence),
                                           ("SME", d.sme_share_change, \MartReader.Spend.sme_known_pence),
                                           ("VCSE", d.vcse_share_change, \MartReader.Spend.vcse_known_pence)] {
                let c = coverage(now, known), p = coverage(then, known)
                changes.append(ShareChange(label: label, changePoints: c >= minimum && p >= minimum ? change.map { $0 * 100 } : nil, coverage: c, previousCoverage: p))
            }
            entrants = try marts.suppliers(kind: period.kind, period: period.label, notIn: previous, limit: 8)
            exits = try marts.suppliers(kind: period.kind, period: previous, notIn: period.label, limit: 8)
        }
        return (Dynamics(previousPeriod: d.previous_period, active: d.active_count, entrants: d.entrants_count, exits: d.exits_count,
                        entrantSpendShare: d.entrant_spend_share, previousIsComplete: previousComplete, shareChanges: changes,
                        hhiChange: d.hhi_change, yearAgoPeriod: d.year_ago_period, hhiChangeYear: d.hhi_change_year,
                        entrantNames: entrants.map(\.display_name), exitNames: exits.map(\.display_name), caveat: caveat), entrants + exits)
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
            Definition(term: "Owner groups", meaning: "Where the PSC register is loaded, each company is followed up its chain of majority controllers (a corporate PSC or legal person with more than 50% of the shares, votes or surplus assets, or the right to appoint the board) to its ultimate owner: a UK company with no such controller, a parent registered outside the UK, or a legal person; cycles and chains over 10 steps stop. Companies with the same ultimate owner are one owner group, and a group's share of a market is its members' shares added up. HHI and CR4 by owner group count common ownership; the gap to the entity figures is what separate company names hide."),
            Definition(term: "CR4 and effective suppliers", meaning: "CR4 is the share of the four largest suppliers; the effective number of suppliers is 10,000 ÷ HHI. A thin market has fewer than three suppliers."),
            Definition(term: "Entrants and exits", meaning: "Suppliers paid this period and not in the previous one, and the reverse."),
            Definition(term: "Gap", meaning: "How far a missed target is from its goal: percentage points for shares, HHI points for concentration. The gap in pounds is the spend that would have to move to meet a share target at this period's totals (the shortfall × the spend whose class is known); HHI and CR4 targets have no pounds figure."),
            Definition(term: "Ownership", meaning: "From the analyst's overrides, the FCA register (co-operatives and community benefit societies), and register facts (charities, community interest companies as social enterprises, public bodies, PLCs), and, with the PSC register, the company's chain of majority controllers: an employee ownership trust makes it employee-owned, a registered society at the top co-operative, a controller on the analyst's list of investment firms private equity, a parent registered outside the UK investor-owned (not necessarily private equity), a council at the top public, a PLC at the top plc-listed. A private company none of these decides is unknown."),
        ]
    }
}
