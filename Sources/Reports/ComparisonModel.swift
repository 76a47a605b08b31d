import Foundation
import MarketShapeCore
import Measures
import Warehouse

/// Several bodies side by side, each from its own report model (so every figure is the one its own report shows):
/// market spend, local, SME and VCSE shares with their coverage, HHI and CR4 (by entity and by owner group), spend by
/// scope, each body's targets, ranks, and the markets the bodies share by name. Its JSON is `data/comparison.json`.
public struct ComparisonModel: Sendable, Equatable, Encodable {
    public var generatedAt: String
    /// The period asked for (`--period`); nil: each body's latest complete period, which may differ between bodies.
    public var requestedPeriod: String?
    public var bodies: [BodyRow]
    /// The measures bodies are ranked on, in column order.
    public var measures: [Measure]
    /// Markets (services) that two or more bodies have under the same name, largest combined spend first.
    public var sharedMarkets: [SharedMarket]
    /// Markets that two or more bodies have under a common category (`MarketCategories`), largest combined spend first:
    /// each body's services in the category taken together, concentration over their suppliers' combined spend.
    public var categoryMarkets: [CategoryMarket] = []
    /// Bodies left out, with why (no warehouse, no payments in the period).
    public var missing: [Missing]
    /// Sentences a reader needs before comparing (different periods, shares not measurable).
    public var notes: [String]

    public struct Measure: Sendable, Equatable, Encodable {
        public var measure: String
        public var label: String
        /// True when a higher figure ranks first (shares); false for concentration (HHI).
        public var higherIsFirst: Bool
    }

    /// A share of market spend beside its coverage (nil share: not measurable).
    public struct Share: Sendable, Equatable, Codable {
        public var measure: String
        public var label: String
        public var share: Double?
        public var coverage: Double
    }

    /// A spend scope's pounds and share of all spend.
    public struct ScopeShare: Sendable, Equatable, Codable {
        public var scope: String
        public var label: String
        public var pence: Pence
        public var share: Double?
    }

    public struct BodyRow: Sendable, Equatable, Codable {
        public var pipeline: String
        public var body: String
        public var period: String
        public var isComplete: Bool
        public var marketPence: Pence
        public var allScopesPence: Pence
        public var suppliers: Int
        public var shares: [Share]
        public var hhi: Double?
        public var cr4: Double?
        public var groupHHI: Double?
        public var scope: [ScopeShare]
        public var targetsMet: Int
        public var targetsMissed: Int
        public var targetsUnknown: Int
        /// The missed target furthest from its goal, in words.
        public var widestGap: String?
        /// Rank among the bodies with a figure, by measure (1 = highest share, or lowest HHI); absent without a figure.
        public var ranks: [String: Int]
        public var registers: [String]
    }

    public struct SharedMarket: Sendable, Equatable, Encodable {
        public var market: String
        public var bodies: [MarketFigures]
    }

    public struct MarketFigures: Sendable, Equatable, Codable {
        public var pipeline: String
        public var pence: Pence
        public var suppliers: Int
        public var hhi: Double?
        public var cr4: Double?
        public var groupHHI: Double?
    }

    public struct Missing: Sendable, Equatable, Encodable { public var pipeline: String; public var reason: String }

    /// What one body contributes to a comparison for one period: its row (without ranks) and its markets. Built from its
    /// report model; `publish` stores it on the server for every period, so a comparison there has the same figures.
    public struct BodyFigures: Sendable, Equatable, Codable {
        public var row: BodyRow
        public var markets: [NamedMarket]
    }

    /// A market of a body, by the name it is matched on.
    public struct NamedMarket: Sendable, Equatable, Codable {
        public var name: String
        public var figures: MarketFigures
    }

    /// One body's figures; nil: why it is missing. `services`: each supplier's net spend per service in the period (for
    /// the markets by common category).
    public struct Input: Sendable {
        public var pipeline: String; public var figures: BodyFigures?; public var reason: String?
        public var services: [ServiceSupplierSpend] = []
        public init(pipeline: String, figures: BodyFigures?, reason: String?, services: [ServiceSupplierSpend] = []) {
            self.pipeline = pipeline; self.figures = figures; self.reason = reason; self.services = services
        }
    }

    /// A supplier's net spend in one service in the period, with its owner group when it has a corporate parent.
    public struct ServiceSupplierSpend: Sendable, Equatable {
        public var service: String; public var supplier: Int; public var ownerGroup: String?; public var pence: Int
        public init(service: String, supplier: Int, ownerGroup: String?, pence: Int) {
            self.service = service; self.supplier = supplier; self.ownerGroup = ownerGroup; self.pence = pence
        }
    }

    public struct CategoryMarket: Sendable, Equatable, Codable {
        public var category: String
        public var bodies: [CategoryFigures]
    }

    /// One body's services in a category taken together.
    public struct CategoryFigures: Sendable, Equatable, Codable {
        public var pipeline: String
        public var services: [String]
        /// The positive net spend of its suppliers (the base of the shares).
        public var pence: Pence
        public var suppliers: Int
        public var hhi: Double?
        public var cr4: Double?
        /// By owner group, where the body loads the PSC register.
        public var groupHHI: Double?
    }

    /// Each category's figures for one body: suppliers' net spend summed over the category's services, those with
    /// positive spend taking shares; HHI, CR4 and (with owner groups) HHI by group. Independent of row order.
    public static func categoryFigures(pipeline: String, _ rows: [ServiceSupplierSpend], _ categories: MarketCategories) -> [String: CategoryFigures] {
        var byCategory: [String: (services: Set<String>, net: [Int: Int], groups: [Int: String])] = [:]
        for r in rows {
            guard let c = categories.category(of: r.service) else { continue }
            byCategory[c, default: ([], [:], [:])].services.insert(r.service)
            byCategory[c, default: ([], [:], [:])].net[r.supplier, default: 0] += r.pence
            if let g = r.ownerGroup { byCategory[c, default: ([], [:], [:])].groups[r.supplier] = g }
        }
        let anyGroups = rows.contains { $0.ownerGroup != nil }
        var out: [String: CategoryFigures] = [:]
        for (category, v) in byCategory {
            let positive = v.net.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let total = positive.reduce(0) { $0 + $1.value }
            guard total > 0 else { continue }
            let shares = positive.map { Double($0.value) / Double(total) }
            let hhi = shares.reduce(0) { $0 + 10000 * $1 * $1 }
            var groupHHI: Double? = nil
            if anyGroups {
                var byGroup: [String: Int] = [:]
                for (supplier, pence) in positive { byGroup[v.groups[supplier] ?? "supplier:\(supplier)", default: 0] += pence }
                groupHHI = byGroup.sorted { $0.key < $1.key }.reduce(0) { $0 + 10000 * pow(Double($1.value) / Double(total), 2) }
            }
            out[category] = CategoryFigures(pipeline: pipeline, services: v.services.sorted(), pence: total, suppliers: positive.count, hhi: hhi,
                                            cr4: shares.prefix(4).reduce(0, +), groupHHI: groupHHI)
        }
        return out
    }

    /// A body's figures from its report model and its whole-body concentration.
    public static func figures(pipeline: String, model m: ReportModel, wholeBody whole: MartReader.Market?) -> BodyFigures {
        let missed = m.targets.filter { $0.met == false }
        let widest = missed.max { ($0.gapPence ?? 0, $0.gapPoints ?? 0) < ($1.gapPence ?? 0, $1.gapPoints ?? 0) }.map { t in
            let isShare = !["hhi", "cr4"].contains(t.measure)
            return "\(t.label): \(isShare ? String(format: "%.1f points", t.gapPoints ?? 0) : String(format: "%.0f HHI points", t.gapPoints ?? 0)) short"
                + (t.gapPence.map { " (\(formatPounds($0, decimals: false)))" } ?? "")
        }
        let row = BodyRow(pipeline: pipeline, body: m.body, period: m.period.label, isComplete: m.periodCoverage.isComplete,
                          marketPence: m.headline.totalPence, allScopesPence: m.scope.totalPence, suppliers: m.headline.suppliers,
                          shares: m.headline.shares.map { Share(measure: $0.measure, label: $0.label, share: $0.share, coverage: $0.coverage) },
                          hhi: whole?.hhi, cr4: whole?.cr4_share, groupHHI: whole?.group_hhi,
                          scope: m.scope.rows.map { ScopeShare(scope: $0.scope, label: $0.label, pence: $0.pence, share: $0.share) },
                          targetsMet: m.targets.filter { $0.met == true }.count, targetsMissed: missed.count,
                          targetsUnknown: m.targets.filter { $0.met == nil }.count, widestGap: widest, ranks: [:],
                          registers: m.dataQuality.registers.map(\.kind))
        let markets = m.services.filter { $0.segment != "(none)" && !$0.topIsPublicBody }.map {
            NamedMarket(name: $0.service, figures: MarketFigures(pipeline: pipeline, pence: $0.pence, suppliers: $0.suppliers, hhi: $0.hhi, cr4: $0.cr4,
                                                                groupHHI: $0.ownerGroups?.hhi))
        }
        return BodyFigures(row: row, markets: markets)
    }

    public static let rankedMeasures = [
        Measure(measure: "local_share", label: "Local", higherIsFirst: true), Measure(measure: "sme_share", label: "SME", higherIsFirst: true),
        Measure(measure: "vcse_share", label: "VCSE", higherIsFirst: true), Measure(measure: "sme_vcse_share", label: "SME or VCSE", higherIsFirst: true),
        Measure(measure: "hhi", label: "HHI", higherIsFirst: false),
    ]

    /// Builds the comparison from each body's figures (in the order given).
    public static func build(_ inputs: [Input], requestedPeriod: String?, generatedAt: String, categories: MarketCategories? = nil) -> ComparisonModel {
        var rows: [BodyRow] = []
        var missing: [Missing] = []
        for input in inputs {
            guard let f = input.figures else { missing.append(Missing(pipeline: input.pipeline, reason: input.reason ?? "no report")); continue }
            rows.append(f.row)
        }
        // Ranks: only bodies with a figure take part (a share not measurable is not last, it is absent).
        for measure in rankedMeasures {
            let scored = rows.indices.compactMap { i -> (Int, Double)? in
                let value = measure.measure == "hhi" ? rows[i].hhi : rows[i].shares.first { $0.measure == measure.measure }?.share
                return value.map { (i, $0) }
            }.sorted { measure.higherIsFirst ? ($0.1, $1.0) > ($1.1, $0.0) : ($0.1, $0.0) < ($1.1, $1.0) }
            // First of one is no rank: ranks are given only where two or more bodies have the figure.
            guard scored.count >= 2 else { continue }
            for (rank, entry) in scored.enumerated() { rows[entry.0].ranks[measure.measure] = rank + 1 }
        }
        // Markets of the same name in two or more bodies.
        var byName: [String: (name: String, figures: [MarketFigures])] = [:]
        for input in inputs {
            for market in input.figures?.markets ?? [] {
                byName[SupplierName.normalise(market.name), default: (market.name, [])].figures.append(market.figures)
            }
        }
        let shared = byName.values.filter { $0.figures.count >= 2 }
            .sorted { ($0.figures.map(\.pence).reduce(0, +), $1.name) > ($1.figures.map(\.pence).reduce(0, +), $0.name) }
            .map { SharedMarket(market: $0.name, bodies: $0.figures) }
        var notes: [String] = []
        let periods = Set(rows.map(\.period))
        if periods.count > 1 {
            notes.append("The bodies' periods differ (\(periods.sorted().joined(separator: ", "))): each is its latest complete period. Give --period to compare one period.")
        }
        for r in rows where !r.isComplete { notes.append("\(r.body): \(r.period) is not complete in the files loaded.") }
        // Shares not measurable, one note per set of bodies: "Local and SME shares are not measurable for Devon, Leeds".
        var absentBy: [[String]: [String]] = [:], order: [[String]] = []
        for measure in rankedMeasures.dropLast() {
            let absent = rows.filter { r in r.shares.first { $0.measure == measure.measure }?.share == nil }.map(\.body)
            guard !absent.isEmpty else { continue }
            if absentBy[absent] == nil { order.append(absent) }
            absentBy[absent, default: []].append(measure.label)
        }
        for absent in order {
            let labels = absentBy[absent]!
            let list = labels.count == 1 ? labels[0] : labels.dropLast().joined(separator: ", ") + " and " + labels.last!
            let ranked = rows.count - absent.count
            notes.append("\(list) share\(labels.count == 1 ? " is" : "s are") not measurable (coverage under the minimum) for \(absent.joined(separator: ", ")): unranked, not last\(ranked < 2 ? ", and with fewer than two bodies to rank none is ranked" : "").")
        }
        var model = ComparisonModel(generatedAt: generatedAt, requestedPeriod: requestedPeriod, bodies: rows, measures: rankedMeasures,
                                    sharedMarkets: shared, missing: missing, notes: notes)
        if let categories {
            var byCategory: [String: [CategoryFigures]] = [:]
            for input in inputs where input.figures != nil {
                for (category, f) in categoryFigures(pipeline: input.pipeline, input.services, categories) { byCategory[category, default: []].append(f) }
            }
            model.categoryMarkets = byCategory.filter { $0.value.count >= 2 }
                .sorted { ($0.value.map(\.pence).reduce(0, +), $1.key) > ($1.value.map(\.pence).reduce(0, +), $0.key) }
                .map { CategoryMarket(category: $0.key, bodies: $0.value) }
        }
        return model
    }
}
