import MarketShapeCore
import Warehouse

/// One pass over ingest's tallies (each file's lines summed per month × payee × context, `stg_tallies`), in Swift:
/// each supplier's spend, payments and purchase-card spend per month for every segment kind at once (the whole
/// body, each configured column, each place level), then rolled up into every period each month belongs to
/// (`rollUp`): every mart of a period × segment is built from these rows. SQLite would sort every tally once per
/// segment kind, and every month's rows once more for the periods, to do the same; here each tally costs a few hash
/// updates, and its segments come from its context and supplier, looked up by id in arrays.
struct SegmentAggregation {
    /// The columns of `stg_contexts` that segment spend, as configured.
    let columns: [String]
    /// `all`, then each configured column, then `place:<level>` for each place level.
    let kinds: [String]
    /// The months with payments, as `year × 12 + month − 1`.
    private(set) var months: Set<Int> = []
    /// The months each file read has lines in (what the measure stage records of its inputs).
    private(set) var fileMonths: [Int: Set<Int>] = [:]

    struct Key: Hashable {
        /// `month` is the month (year × 12 + month − 1) in the per-month sums, and the period's index once rolled up.
        var kind: Int32, segment: Int32, month: Int32
        /// The supplier's rank among the supplier keys (`supplierKeys`, ascending, so ranks sort as keys do); -1 for a
        /// redacted payee, -2 for a payee with no supplier.
        var supplier: Int32
    }

    struct Sums {
        var pence = 0, gross = 0, payments = 0, cardPence = 0
        /// Adds one tally: `net` pence over `count` payments, `gross` their absolute pence.
        mutating func add(net: Int, gross: Int, count: Int, card: Bool) { pence += net; self.gross += gross; payments += count; if card { cardPence += net } }
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
    private var rankOfKey: [Int: Int32] = [:]
    private var segmentIndex: [String: Int32] = [:]
    /// When set, the periods (indexes into `periods`) whose spend, concentration, scope and supplier rows are written:
    /// the rest of the rolled-up periods are only there for the dynamics to compare with. Nil: every period.
    var written: Set<Int32>?
    /// When set, the periods whose dynamics are written. Nil: every period.
    var dynamicsWritten: Set<Int32>?

    /// Whether the marts of period `index` are written (`dynamics`: its dynamics).
    func writes(_ index: Int32, dynamics: Bool = false) -> Bool {
        (dynamics ? dynamicsWritten : written)?.contains(index) ?? true
    }
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
        kinds = [SegmentKind.all] + columns + placeLevels.map(SegmentKind.place)
    }

    private mutating func segment(_ name: String) -> Int32 {
        if let i = segmentIndex[name] { return i }
        let i = Int32(segmentNames.count)
        segmentNames.append(name)
        segmentIndex[name] = i
        return i
    }

    /// Reads the supplier keys (ascending: a rank sorts as its key does).
    mutating func loadSuppliers(_ w: WarehouseStore) throws {
        struct Key: Decodable { var supplier_key: Int }
        supplierKeys = try w.fetch(Key.self, "SELECT supplier_key FROM dim_suppliers ORDER BY supplier_key").map(\.supplier_key)
        rankOfKey = Dictionary(uniqueKeysWithValues: supplierKeys.enumerated().map { ($0.element, Int32($0.offset)) })
    }

    /// Reads the contexts, payees, places and tallies into per-month sums: every tally, or only the tallies of `files` dated
    /// in `onlyMonths` (months as year × 12 + month − 1).
    mutating func run(_ w: WarehouseStore, onlyMonths: Set<Int>? = nil, files: [Int]? = nil) throws {
        let all = segment(SegmentKind.allSegment)
        let kindOfLevel = Dictionary(uniqueKeysWithValues: kinds.enumerated().compactMap { i, kind in SegmentKind.placeLevel(of: kind).map { ($0, Int32(i)) } })

        var contexts: [ContextFacts] = []
        let segmentColumns = columns.map(MeasureScope.segment)
        // The segment columns are the pipeline's: they follow the context id and card flag, in configured order.
        let contextRows = try w.prepare("SELECT context_id, coalesce(is_purchase_card, 0) AS card\(segmentColumns.enumerated().map { ", \($0.element) AS segment_\($0.offset)" }.joined()) FROM stg_contexts")
        let contextID = try contextRows.column("context_id"), card = try contextRows.column("card")
        let segmentCells = try segmentColumns.indices.map { try contextRows.column("segment_\($0)") }
        try contextRows.forEachRow { row in
            let id = row.int(contextID)
            if contexts.count <= id { contexts.append(contentsOf: repeatElement(ContextFacts(), count: id + 1 - contexts.count)) }
            contexts[id].card = row.int(card) == 1
            contexts[id].segments = segmentCells.map { segment(row.text($0)) }
        }
        struct Place: Decodable { var id: Int; var place_level: String; var place_name: String }
        for r in try w.fetch(Place.self, "SELECT context_id AS id, place_level, place_name FROM context_places ORDER BY 1, 2, 3") {
            guard r.id < contexts.count, let kind = kindOfLevel[r.place_level] else { continue }
            contexts[r.id].places.append((kind, segment(r.place_name)))
        }
        try loadSuppliers(w)
        let rankOfKey = self.rankOfKey
        var supplierPlaces: [Int32: [(kind: Int32, segment: Int32)]] = [:]
        for r in try w.fetch(Place.self, "SELECT supplier_key AS id, place_level, place_name FROM supplier_places ORDER BY 1, 2, 3") {
            guard let key = rankOfKey[r.id], let kind = kindOfLevel[r.place_level] else { continue }
            supplierPlaces[key, default: []].append((kind, segment(r.place_name)))
        }
        var supplierOfPayee: [Int32] = []
        struct Payee: Decodable { var payee_id: Int; var supplier_key: Int?; var is_redacted: Bool }
        for r in try w.fetch(Payee.self, "SELECT p.payee_id, m.supplier_key, p.is_redacted FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id)") {
            let id = r.payee_id
            if supplierOfPayee.count <= id { supplierOfPayee.append(contentsOf: repeatElement(-2, count: id + 1 - supplierOfPayee.count)) }
            supplierOfPayee[id] = r.supplier_key.flatMap { rankOfKey[$0] } ?? (r.is_redacted ? -1 : -2)
        }

        // Each payee × context pair's scope (classify's `map_payment_scope`); a pair classify never saw is unclassified.
        // Most payees are in one scope whatever the context: their scope is read from an array, and only the payees
        // whose contexts differ look up the pair.
        var scopeOfPair: [Int: Scope] = [:]
        var scopeOfPayee: [Scope?] = []     // nil: never paid; a payee in several scopes has `mixed[payee]` set
        var mixed: [Bool] = []
        // A hot loop over every pair (a hundred thousand at five years): read by position, the scope matched as bytes.
        let scopes = Scope.allCases.map { (Array($0.rawValue.utf8), $0) }
        let pairRows = try w.prepare("SELECT payee_id, context_id, scope FROM map_payment_scope")
        let pairPayee = try pairRows.column("payee_id"), pairContext = try pairRows.column("context_id"), pairScope = try pairRows.column("scope")
        try pairRows.forEachRow { row in
            let payee = row.int(pairPayee), text = row.bytes(pairScope)
            let scope = scopes.first { $0.0.elementsEqual(text) }?.1 ?? .unclassified
            scopeOfPair[payee << 32 | row.int(pairContext)] = scope
            if scopeOfPayee.count <= payee {
                scopeOfPayee.append(contentsOf: repeatElement(nil, count: payee + 1 - scopeOfPayee.count))
                mixed.append(contentsOf: repeatElement(false, count: payee + 1 - mixed.count))
            }
            if let known = scopeOfPayee[payee], known != scope { mixed[payee] = true } else { scopeOfPayee[payee] = scope }
        }
        // Each month's sums per scope, by the month's place in `monthSlots` (tallies come in runs of one month).
        var monthSlots: [Int32: Int] = [:], slotSums: [[(pence: Int, payments: Int)]] = []
        var lastMonth: Int32 = -1, lastSlot = 0
        let isMeasured = Scope.allCases.map(measured.contains)
        // Ingest's tallies (each file's lines per month × payee × context), not the lines: the same sums from a
        // fraction of the rows.
        let columns = "period_month, net_pence, gross_pence, payments_count, payee_id, context_id, file_id"
        let tallies = try w.prepare(files == nil ? "SELECT \(columns) FROM stg_tallies" : "SELECT \(columns) FROM stg_tallies WHERE file_id = ?")
        var lastFileMonth = (file: -1, month: -1)
        let monthColumn = try tallies.column("period_month"), netPence = try tallies.column("net_pence"), grossPence = try tallies.column("gross_pence"),
            paymentsCount = try tallies.column("payments_count"), payeeID = try tallies.column("payee_id"),
            tallyContext = try tallies.column("context_id"), tallyFile = try tallies.column("file_id")
        for file in files?.map(Optional.some) ?? [nil] {
          if let file { tallies.bind([.integer(file)]) }
          try tallies.forEachRow { row in
            let date = row.bytes(monthColumn)
            guard date.count >= 7 else { return }
            func digit(_ i: Int) -> Int { Int(date[i]) - 48 }
            let month = (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) * 12 + digit(5) * 10 + digit(6) - 1
            if let onlyMonths, !onlyMonths.contains(month) { return }
            months.insert(month)
            let fileID = row.int(tallyFile)
            if lastFileMonth != (fileID, month) {
                lastFileMonth = (fileID, month)
                fileMonths[fileID, default: []].insert(month)
            }
            let amount = row.int(netPence), gross = row.int(grossPence), count = row.int(paymentsCount), payee = row.int(payeeID),
                contextID = row.int(tallyContext)
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
            slotSums[lastSlot][scope.ordinal].payments += count
            guard isMeasured[scope.ordinal] else {
                outsideSums[OutsideKey(month: m, scope: scope, payee: Int32(payee)), default: (0, 0)].pence += amount
                outsideSums[OutsideKey(month: m, scope: scope, payee: Int32(payee)), default: (0, 0)].payments += count
                return
            }
            let supplier = payee < supplierOfPayee.count ? supplierOfPayee[payee] : -2
            let context = contextID < contexts.count ? contexts[contextID] : ContextFacts()
            func tally(_ kind: Int32, _ segment: Int32) {
                sums[Key(kind: kind, segment: segment, month: m, supplier: supplier), default: Sums()].add(net: amount, gross: gross, count: count, card: context.card)
            }
            tally(0, all)
            for (i, s) in context.segments.enumerated() { tally(Int32(i + 1), s) }
            for place in context.places { tally(place.kind, place.segment) }
            if supplier >= 0, let places = supplierPlaces[supplier] {
                for place in places { tally(place.kind, place.segment) }
            }
        }
        }
        for (month, slot) in monthSlots {
            for scope in Scope.allCases where slotSums[slot][scope.ordinal].payments > 0 {
                scopeSums[ScopeKey(month: month, scope: scope)] = slotSums[slot][scope.ordinal]
            }
        }

    }

    /// A period as the marts name it: `month` and `2025-09`.
    struct PeriodID: Hashable, Comparable {
        var kind: String, name: String
        static func < (a: PeriodID, b: PeriodID) -> Bool { (a.kind, a.name) < (b.kind, b.name) }
    }

    /// Every period of `periodKinds` that the months with payments make, with its seq and the months it covers.
    static func calendar(periodKinds: [PeriodCalendar.Kind], months sortedMonths: [Int]) -> [PeriodID: (seq: Int, months: [Int])] {
        var found: [PeriodID: (seq: Int, months: [Int])] = [:]
        for kind in Set(periodKinds) {
            for month in sortedMonths {
                for p in PeriodCalendar.periods(of: kind, containing: month, months: sortedMonths) {
                    found[PeriodID(kind: kind.rawValue, name: p.name), default: (p.seq, [])].months.append(month)
                }
            }
        }
        return found
    }

    /// Adds each month's sums into every period of `kinds` the month counts in (`PeriodCalendar`), into `rows`, and
    /// totals each month's payments and pence into `monthTotals`. The periods are those `allMonths` (default: the
    /// months read) make; with `only`, sums are rolled into those periods alone (the others stay empty).
    mutating func rollUp(periodKinds: [PeriodCalendar.Kind], allMonths: [Int]? = nil, only: Set<PeriodID>? = nil) {
        // Periods in kind-name and seq order, which is their names' order.
        let found = Self.calendar(periodKinds: periodKinds, months: allMonths ?? months.sorted())
        periods = found.map { (kind: $0.key.kind, name: $0.key.name, seq: $0.value.seq) }.sorted { ($0.kind, $0.seq) < ($1.kind, $1.seq) }
        var periodsOfMonth: [Int: [Int32]] = [:]
        for (i, p) in periods.enumerated() {
            let id = PeriodID(kind: p.kind, name: p.name)
            if let only, !only.contains(id) { continue }
            for month in found[id]!.months { periodsOfMonth[month, default: []].append(Int32(i)) }
        }

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
        // Each series (segment kind × segment × supplier) on its own: its months' sums go into a dense array by period
        // (a month counts in up to fifteen periods: its month, quarter, year and twelve rolling windows), so no hash is
        // touched per month × period. The series are taken in the marts' key order (kinds and segments by name, then
        // supplier) and their rows bucketed by period (periods come in kind and seq order, which is their names'
        // order): the rows come out in key order, so every mart row is appended at the end of its table's key.
        let kindRank = Self.ranks(kinds), segmentRank = Self.ranks(segmentNames)
        struct Series: Hashable { var kind: Int32, segment: Int32, supplier: Int32 }
        var monthsOfSeries: [Series: [(month: Int32, sums: Sums)]] = [:]
        for (key, s) in sums {
            monthsOfSeries[Series(kind: key.kind, segment: key.segment, supplier: key.supplier), default: []].append((key.month, s))
        }
        sums = [:]
        let ordered = monthsOfSeries.keys.sorted {
            (kindRank[Int($0.kind)], segmentRank[Int($0.segment)], $0.supplier) < (kindRank[Int($1.kind)], segmentRank[Int($1.segment)], $1.supplier)
        }
        var byPeriod = [[(key: Key, sums: Sums)]](repeating: [], count: periods.count)
        var total = [Sums](repeating: Sums(), count: periods.count), isTouched = [Bool](repeating: false, count: periods.count)
        var touched: [Int32] = []
        for series in ordered {
            for (month, s) in monthsOfSeries[series]! {
                for period in periodsOfMonth[Int(month)] ?? [] {
                    if !isTouched[Int(period)] { isTouched[Int(period)] = true; touched.append(period) }
                    total[Int(period)].add(s)
                }
            }
            for period in touched {
                byPeriod[Int(period)].append((key: Key(kind: series.kind, segment: series.segment, month: period, supplier: series.supplier),
                                              sums: total[Int(period)]))
                total[Int(period)] = Sums()
                isTouched[Int(period)] = false
            }
            touched.removeAll(keepingCapacity: true)
        }
        rows = Array(byPeriod.joined())
    }

    /// The supplier key a rank stands for in the month tables (-1 redacted payees, -2 payees with no supplier).
    private func storedKey(_ rank: Int32) -> Int { rank >= 0 ? supplierKeys[Int(rank)] : Int(rank) }

    /// Writes the per-month sums held (before `rollUp`) into `mart_month_sums`, `mart_month_scopes` and
    /// `mart_month_outside`; the caller has deleted those months' rows.
    func saveMonths(_ w: WarehouseStore) throws {
        let sum = try GroupedInsert(w, "INSERT INTO mart_month_sums", width: 8)
        // In the table's key order, so each row is appended rather than inserted in the middle of the tree.
        let kindRank = Self.ranks(kinds), segmentRank = Self.ranks(segmentNames)
        let ordered = sums.sorted { a, b in
            (a.key.month, kindRank[Int(a.key.kind)], segmentRank[Int(a.key.segment)], storedKey(a.key.supplier))
                < (b.key.month, kindRank[Int(b.key.kind)], segmentRank[Int(b.key.segment)], storedKey(b.key.supplier))
        }
        // Each month's, kind's and segment's text is made once, not once per row.
        let kindText = kinds.map { SQLValue.text($0) }, segmentText = segmentNames.map { SQLValue.text($0) }
        var month: (number: Int32, text: SQLValue) = (-1, .null)
        for (key, v) in ordered {
            if key.month != month.number { month = (key.month, .text(PeriodCalendar.monthName(Int(key.month)))) }
            try sum.add(month.text)
            try sum.add(kindText[Int(key.kind)])
            try sum.add(segmentText[Int(key.segment)])
            try sum.add(.integer(storedKey(key.supplier)))
            try sum.add(.integer(v.pence))
            try sum.add(.integer(v.gross))
            try sum.add(.integer(v.payments))
            try sum.add(.integer(v.cardPence))
        }
        try sum.finish()
        let scope = try w.prepare("INSERT INTO mart_month_scopes VALUES (?,?,?,?)")
        for (key, v) in scopeSums {
            scope.bind([.text(PeriodCalendar.monthName(Int(key.month))), .text(key.scope.rawValue), .integer(v.pence), .integer(v.payments)])
            try scope.run()
        }
        let outside = try w.prepare("INSERT INTO mart_month_outside VALUES (?,?,?,?,?)")
        for (key, v) in outsideSums {
            outside.bind([.text(PeriodCalendar.monthName(Int(key.month))), .text(key.scope.rawValue), .integer(Int(key.payee)), .integer(v.pence), .integer(v.payments)])
            try outside.run()
        }
    }

    /// A month's stored sums name a segment kind or supplier the pipeline no longer has: only a full rebuild is sound.
    struct StaleMonthSums: Error {}

    /// Reads the stored per-month sums of `monthsToRead` (as year × 12 + month − 1), as `run` would have summed them.
    mutating func loadMonths(_ w: WarehouseStore, _ monthsToRead: [Int]) throws {
        try loadSuppliers(w)
        _ = segment(SegmentKind.allSegment)
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($0.element, Int32($0.offset)) })
        let sum = try w.prepare("SELECT segment_kind, segment, supplier_key, spend_pence, gross_pence, payments_count, purchase_card_pence FROM mart_month_sums WHERE period_month = ?")
        let scope = try w.prepare("SELECT scope, spend_pence, payments_count FROM mart_month_scopes WHERE period_month = ?")
        let outside = try w.prepare("SELECT scope, payee_id, spend_pence, payments_count FROM mart_month_outside WHERE period_month = ?")
        let sumKind = try sum.column("segment_kind"), sumSegment = try sum.column("segment"), sumSupplier = try sum.column("supplier_key"),
            sumSpend = try sum.column("spend_pence"), sumGross = try sum.column("gross_pence"), sumPayments = try sum.column("payments_count"),
            sumCard = try sum.column("purchase_card_pence")
        let scopeName = try scope.column("scope"), scopeSpend = try scope.column("spend_pence"), scopePayments = try scope.column("payments_count")
        let outsideScope = try outside.column("scope"), outsidePayee = try outside.column("payee_id"), outsideSpend = try outside.column("spend_pence"),
            outsidePayments = try outside.column("payments_count")
        for month in monthsToRead {
            let m = Int32(month), name = PeriodCalendar.monthName(month)
            sum.bind([.text(name)])
            var stale = false
            // Rows come in key order, so a market's rows share their kind and segment: their text is read once.
            var lastKind: [UInt8] = [], kind: Int32 = -1, lastSegment: [UInt8] = [], segmentID: Int32 = -1
            try sum.forEachRow { row in
                let kindBytes = row.bytes(sumKind), segmentBytes = row.bytes(sumSegment)
                if kind < 0 || !kindBytes.elementsEqual(lastKind) {
                    lastKind = Array(kindBytes)
                    guard let k = kindIndex[String(decoding: kindBytes, as: UTF8.self)] else { stale = true; kind = -1; return }
                    kind = k
                }
                if segmentID < 0 || !segmentBytes.elementsEqual(lastSegment) {
                    lastSegment = Array(segmentBytes)
                    segmentID = segment(String(decoding: segmentBytes, as: UTF8.self))
                }
                let stored = row.int(sumSupplier)
                guard let supplier = stored < 0 ? Int32(stored) : rankOfKey[stored] else { stale = true; return }
                sums[Key(kind: kind, segment: segmentID, month: m, supplier: supplier)] =
                    Sums(pence: row.int(sumSpend), gross: row.int(sumGross), payments: row.int(sumPayments), cardPence: row.int(sumCard))
            }
            if stale { throw StaleMonthSums() }
            scope.bind([.text(name)])
            try scope.forEachRow { row in
                let s = Scope(rawValue: row.text(scopeName)) ?? .unclassified
                scopeSums[ScopeKey(month: m, scope: s)] = (row.int(scopeSpend), row.int(scopePayments))
            }
            outside.bind([.text(name)])
            try outside.forEachRow { row in
                let s = Scope(rawValue: row.text(outsideScope)) ?? .unclassified
                outsideSums[OutsideKey(month: m, scope: s, payee: Int32(row.int(outsidePayee)))] = (row.int(outsideSpend), row.int(outsidePayments))
            }
            if scopeSums.keys.contains(where: { $0.month == m }) { months.insert(month) }
        }
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
