import MarketShapeCore
import Warehouse

/// One pass over the staged lines, in Swift: each supplier's spend, payments and purchase-card spend per month
/// for every segment kind at once (the whole body, each configured column, each place level), then rolled up
/// into every period each month belongs to (`rollUp`): every mart of a period × segment is built from these rows.
/// SQLite would sort every payment once per segment kind, and every month's rows once more for the periods,
/// to do the same; here each line costs a few hash updates, and a line's segments come from its context and
/// supplier, looked up by id in arrays.
struct SegmentAggregation {
    /// The columns of `stg_contexts` that segment spend, as configured.
    let columns: [String]
    /// `all`, then each configured column, then `place:<level>` for each place level.
    let kinds: [String]
    /// The months with payments, as `year × 12 + month − 1`.
    private(set) var months: Set<Int> = []

    struct Key: Hashable {
        /// `month` is the month (year × 12 + month − 1) in the per-month sums, and the period's index once rolled up.
        var kind: Int32, segment: Int32, month: Int32
        /// The supplier's rank among the supplier keys (`supplierKeys`, ascending, so ranks sort as keys do); -1 for a
        /// redacted payee, -2 for a payee with no supplier.
        var supplier: Int32
    }

    struct Sums {
        var pence = 0, gross = 0, payments = 0, cardPence = 0
        mutating func add(_ amount: Int, card: Bool) { pence += amount; gross += abs(amount); payments += 1; if card { cardPence += amount } }
        mutating func add(_ other: Sums) { pence += other.pence; gross += other.gross; payments += other.payments; cardPence += other.cardPence }
    }

    /// A context's segment in each configured column, whether it is purchase-card spend, and its mapped places.
    private struct ContextFacts {
        var segments: [Int32] = []
        var card = false
        var places: [(kind: Int32, segment: Int32)] = []
    }

    private(set) var segmentNames: [String] = []
    /// The supplier key of each rank a `Key.supplier` holds (supplier keys are stable 52-bit hashes, not dense).
    private(set) var supplierKeys: [Int] = []
    private var segmentIndex: [String: Int32] = [:]
    private var sums: [Key: Sums] = [:]
    /// After `rollUp`: the periods measured, in (kind, seq) order; a rolled-up key's `month` indexes them.
    private(set) var periods: [(kind: String, name: String, seq: Int)] = []
    /// After `rollUp`: each month's payments and pence in the whole body, every scope (keyed by year × 12 + month − 1).
    private(set) var monthTotals: [Int32: (payments: Int, pence: Int)] = [:]
    /// After `rollUp`: each market's rows (a supplier, the redacted payees, or the payees with no supplier), sorted
    /// by period, segment kind name, segment name and supplier, so a market's rows lie together, those with a
    /// supplier last.
    private(set) var rows: [(key: Key, sums: Sums)] = []

    /// The scopes measured; payments in other scopes are only tallied by scope (and by payee, for the report).
    let measured: Set<Scope>
    /// Each month's (then, after `rollUp`, each period's) payments and pence in every scope.
    private(set) var scopeSums: [ScopeKey: (pence: Int, payments: Int)] = [:]
    /// Each month's (then each period's) payments and pence by payee, in the scopes not measured.
    private(set) var outsideSums: [OutsideKey: (pence: Int, payments: Int)] = [:]

    struct ScopeKey: Hashable { var month: Int32; var scope: Scope }
    struct OutsideKey: Hashable { var month: Int32; var scope: Scope; var payee: Int32 }

    init(columns: [String], placeLevels: [String], measured: Set<Scope> = [.market]) {
        self.columns = columns
        self.measured = measured
        kinds = ["all"] + columns + placeLevels.map { "place:\($0)" }
    }

    private mutating func segment(_ name: String) -> Int32 {
        if let i = segmentIndex[name] { return i }
        let i = Int32(segmentNames.count)
        segmentNames.append(name)
        segmentIndex[name] = i
        return i
    }

    /// Reads the contexts, payees, places and lines into per-month sums.
    mutating func run(_ w: WarehouseStore) throws {
        let all = segment("(all)")
        let kindOfLevel = Dictionary(uniqueKeysWithValues: kinds.enumerated().filter { $0.element.hasPrefix("place:") }
            .map { (String($0.element.dropFirst(6)), Int32($0.offset)) })

        var contexts: [ContextFacts] = []
        let segmentColumns = columns.map(MeasureScope.segment)
        for r in try w.query("SELECT context_id, coalesce(is_purchase_card, 0)\(segmentColumns.map { ", " + $0 }.joined()) FROM stg_contexts") {
            let id = r[0].int ?? 0
            if contexts.count <= id { contexts.append(contentsOf: repeatElement(ContextFacts(), count: id + 1 - contexts.count)) }
            contexts[id].card = r[1].int == 1
            contexts[id].segments = r.dropFirst(2).map { segment($0.string ?? "(none)") }
        }
        for r in try w.query("SELECT context_id, place_level, place_name FROM context_places ORDER BY 1, 2, 3") {
            guard let id = r[0].int, id < contexts.count, let kind = kindOfLevel[r[1].string ?? ""] else { continue }
            contexts[id].places.append((kind, segment(r[2].string ?? "")))
        }
        supplierKeys = try w.query("SELECT supplier_key FROM dim_suppliers ORDER BY supplier_key").compactMap { $0[0].int }
        let rankOfKey = Dictionary(uniqueKeysWithValues: supplierKeys.enumerated().map { ($0.element, Int32($0.offset)) })
        var supplierPlaces: [Int32: [(kind: Int32, segment: Int32)]] = [:]
        for r in try w.query("SELECT supplier_key, place_level, place_name FROM supplier_places ORDER BY 1, 2, 3") {
            guard let key = r[0].int.flatMap({ rankOfKey[$0] }), let kind = kindOfLevel[r[1].string ?? ""] else { continue }
            supplierPlaces[key, default: []].append((kind, segment(r[2].string ?? "")))
        }
        var supplierOfPayee: [Int32] = []
        for r in try w.query("SELECT p.payee_id, m.supplier_key, p.is_redacted FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id)") {
            let id = r[0].int ?? 0
            if supplierOfPayee.count <= id { supplierOfPayee.append(contentsOf: repeatElement(-2, count: id + 1 - supplierOfPayee.count)) }
            supplierOfPayee[id] = r[1].int.flatMap { rankOfKey[$0] } ?? (r[2].int == 1 ? -1 : -2)
        }

        // Each payee × context pair's scope (classify's `map_payment_scope`); a pair classify never saw is unclassified.
        // Most payees are in one scope whatever the context: their scope is read from an array, and only the payees
        // whose contexts differ look up the pair.
        var scopeOfPair: [Int: Scope] = [:]
        var scopeOfPayee: [Scope?] = []     // nil: never paid; a payee in several scopes has `mixed[payee]` set
        var mixed: [Bool] = []
        for r in try w.query("SELECT payee_id, context_id, scope FROM map_payment_scope") {
            let payee = r[0].int!, scope = Scope(rawValue: r[2].string ?? "") ?? .unclassified
            scopeOfPair[payee << 32 | r[1].int!] = scope
            if scopeOfPayee.count <= payee {
                scopeOfPayee.append(contentsOf: repeatElement(nil, count: payee + 1 - scopeOfPayee.count))
                mixed.append(contentsOf: repeatElement(false, count: payee + 1 - mixed.count))
            }
            if let known = scopeOfPayee[payee], known != scope { mixed[payee] = true } else { scopeOfPayee[payee] = scope }
        }
        // Each month's sums per scope, by the month's place in `monthSlots` (lines come in runs of one month).
        var monthSlots: [Int32: Int] = [:], slotSums: [[(pence: Int, payments: Int)]] = []
        var lastMonth: Int32 = -1, lastSlot = 0
        let isMeasured = Scope.allCases.map(measured.contains)
        let lines = try w.prepare("SELECT paid_on, amount_pence, payee_id, context_id FROM stg_lines")
        try lines.forEachRow { row in
            let date = row.bytes(0)
            guard date.count >= 7 else { return }
            func digit(_ i: Int) -> Int { Int(date[i]) - 48 }
            let month = (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) * 12 + digit(5) * 10 + digit(6) - 1
            months.insert(month)
            let amount = row.int(1), payee = row.int(2), contextID = row.int(3)
            let m = Int32(month)
            let scope = payee < scopeOfPayee.count && !mixed[payee] ? scopeOfPayee[payee] ?? .unclassified
                : scopeOfPair[payee << 32 | contextID] ?? .unclassified
            if m != lastMonth {
                if let slot = monthSlots[m] { lastSlot = slot } else {
                    lastSlot = slotSums.count
                    monthSlots[m] = lastSlot
                    slotSums.append(Array(repeating: (0, 0), count: Scope.allCases.count))
                }
                lastMonth = m
            }
            slotSums[lastSlot][scope.ordinal].pence += amount
            slotSums[lastSlot][scope.ordinal].payments += 1
            guard isMeasured[scope.ordinal] else {
                outsideSums[OutsideKey(month: m, scope: scope, payee: Int32(payee)), default: (0, 0)].pence += amount
                outsideSums[OutsideKey(month: m, scope: scope, payee: Int32(payee)), default: (0, 0)].payments += 1
                return
            }
            let supplier = payee < supplierOfPayee.count ? supplierOfPayee[payee] : -2
            let context = contextID < contexts.count ? contexts[contextID] : ContextFacts()
            sums[Key(kind: 0, segment: all, month: m, supplier: supplier), default: Sums()].add(amount, card: context.card)
            for (i, s) in context.segments.enumerated() {
                sums[Key(kind: Int32(i + 1), segment: s, month: m, supplier: supplier), default: Sums()].add(amount, card: context.card)
            }
            for place in context.places {
                sums[Key(kind: place.kind, segment: place.segment, month: m, supplier: supplier), default: Sums()].add(amount, card: context.card)
            }
            if supplier >= 0, let places = supplierPlaces[supplier] {
                for place in places {
                    sums[Key(kind: place.kind, segment: place.segment, month: m, supplier: supplier), default: Sums()].add(amount, card: context.card)
                }
            }
        }
        for (month, slot) in monthSlots {
            for scope in Scope.allCases where slotSums[slot][scope.ordinal].payments > 0 {
                scopeSums[ScopeKey(month: month, scope: scope)] = slotSums[slot][scope.ordinal]
            }
        }

    }

    /// Adds each month's sums into every period of `kinds` the month counts in (`PeriodCalendar`), into `rows`, and
    /// totals each month's payments and pence into `monthTotals`.
    mutating func rollUp(periodKinds: [PeriodCalendar.Kind]) {
        // Periods in kind-name and seq order, which is their names' order.
        let sortedMonths = months.sorted()
        var found: [String: (kind: String, name: String, seq: Int)] = [:]
        var namesOfMonth: [Int: [String]] = [:]
        for kind in Set(periodKinds) {
            for month in sortedMonths {
                for p in PeriodCalendar.periods(of: kind, containing: month, months: sortedMonths) {
                    let id = kind.rawValue + "\u{0}" + p.name
                    found[id] = (kind.rawValue, p.name, p.seq)
                    namesOfMonth[month, default: []].append(id)
                }
            }
        }
        periods = found.values.sorted { ($0.kind, $0.seq) < ($1.kind, $1.seq) }
        let periodIndex = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($0.element.kind + "\u{0}" + $0.element.name, Int32($0.offset)) })
        let periodsOfMonth = namesOfMonth.mapValues { $0.map { periodIndex[$0]! } }

        var rolledScopes: [ScopeKey: (pence: Int, payments: Int)] = [:]
        for (key, v) in scopeSums {
            monthTotals[key.month, default: (0, 0)].payments += v.payments
            monthTotals[key.month, default: (0, 0)].pence += v.pence
            for period in periodsOfMonth[Int(key.month)] ?? [] {
                rolledScopes[ScopeKey(month: period, scope: key.scope), default: (0, 0)].pence += v.pence
                rolledScopes[ScopeKey(month: period, scope: key.scope), default: (0, 0)].payments += v.payments
            }
        }
        scopeSums = rolledScopes
        var rolledOutside: [OutsideKey: (pence: Int, payments: Int)] = [:]
        for (key, v) in outsideSums {
            for period in periodsOfMonth[Int(key.month)] ?? [] {
                rolledOutside[OutsideKey(month: period, scope: key.scope, payee: key.payee), default: (0, 0)].pence += v.pence
                rolledOutside[OutsideKey(month: period, scope: key.scope, payee: key.payee), default: (0, 0)].payments += v.payments
            }
        }
        outsideSums = rolledOutside
        var rolled: [Key: Sums] = [:]
        for (key, s) in sums {
            for period in periodsOfMonth[Int(key.month)] ?? [] {
                var k = key
                k.month = period
                rolled[k, default: Sums()].add(s)
            }
        }

        // In the marts' key order (periods come in kind and seq order, which is their names' order; kinds and segments
        // by name), so every mart row is appended at the end of its table's key rather than inserted in the middle.
        let kindRank = Self.ranks(kinds), segmentRank = Self.ranks(segmentNames)
        rows = rolled.map { (key: $0.key, sums: $0.value) }.sorted {
            ($0.key.month, kindRank[Int($0.key.kind)], segmentRank[Int($0.key.segment)], $0.key.supplier)
                < ($1.key.month, kindRank[Int($1.key.kind)], segmentRank[Int($1.key.segment)], $1.key.supplier)
        }
        rolled = [:]
        sums = [:]
    }

    /// A market by index: the period (into `periods`), the segment kind (into `kinds`) and the segment.
    struct MarketKey: Hashable {
        var period: Int32, kind: Int32, segment: Int32
    }

    /// A market: a period of a kind, and a segment of a kind.
    struct Market {
        var key: MarketKey
        var periodKind: String, period: String, segmentKind: String, segment: String
        var sql: [SQLValue] { [.text(periodKind), .text(period), .text(segmentKind), .text(segment)] }
    }

    /// Calls `body` with each market and its rows, in the order of `rows`.
    func forEachMarket(_ body: (Market, ArraySlice<(key: Key, sums: Sums)>) throws -> Void) rethrows {
        var start = 0
        while start < rows.count {
            let first = rows[start].key
            var end = start + 1
            while end < rows.count, rows[end].key.month == first.month, rows[end].key.kind == first.kind, rows[end].key.segment == first.segment { end += 1 }
            let period = periods[Int(first.month)]
            try body(Market(key: MarketKey(period: first.month, kind: first.kind, segment: first.segment),
                            periodKind: period.kind, period: period.name, segmentKind: kinds[Int(first.kind)],
                            segment: segmentNames[Int(first.segment)]), rows[start..<end])
            start = end
        }
    }

    /// Each name's place among the names sorted as SQLite sorts text (by UTF-8 bytes).
    static func ranks(_ names: [String]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: names.count)
        let order = names.indices.sorted { Array(names[$0].utf8).lexicographicallyPrecedes(Array(names[$1].utf8)) }
        for (place, index) in order.enumerated() { rank[index] = Int32(place) }
        return rank
    }

}
