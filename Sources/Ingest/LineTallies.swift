import MarketShapeCore
import Warehouse

/// A file's loaded lines summed per month × payee × spending context (payments, net, gross and credit-note pence),
/// kept while the lines are read so that no later stage has to read every line again (`stg_tallies`).
///
/// One open-addressing table per month, keyed by one 64-bit word (payee and context ids), each slot holding its key
/// and sums together: a line costs a multiply, a probe or two (in one cache line) and four additions. Lines of one
/// month mostly come together, so the month's table is found without a lookup, and a month's table stays a
/// fraction of the whole (what keeps probes in cache on a file of millions of lines). Swift's `Dictionary` would
/// hash each key with SipHash, several times the cost on the parse thread's hot path.
struct LineTallies {
    /// One month × payee × context's sums. The credit notes' pence follow from the net and gross (half their
    /// difference), so a slot is 32 bytes: two to a cache line.
    struct Sums: Equatable {
        var payments = 0, net: Pence = 0, gross: Pence = 0
        /// The credit notes' part of `net` (≤ 0).
        var credit: Pence { (net - gross) / 2 }

        @inline(__always)
        mutating func add(_ pence: Pence) {
            payments += 1
            net += pence
            gross += pence < 0 ? -pence : pence
        }
    }

    /// A tally's key: the month as year × 12 + month − 1, and the payee and context ids.
    struct Key: Hashable, Comparable {
        var month: Int, payee: Int, context: Int
        static func < (a: Key, b: Key) -> Bool { (a.month, a.payee, a.context) < (b.month, b.payee, b.context) }
    }

    /// One month's tallies, keyed by payee << 32 | context.
    struct MonthTable {
        struct Slot {
            var key: UInt64
            var sums: Sums
        }
        static let empty = UInt64.max
        var slots: [Slot]
        var used = 0
        var shift: UInt64

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            slots = Array(repeating: Slot(key: Self.empty, sums: Sums()), count: size)
            shift = UInt64(64 - size.trailingZeroBitCount)
        }

        /// The slot holding `key`, claimed if new (the table doubles past half full).
        @inline(__always)
        mutating func slot(_ key: UInt64) -> Int {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let k = slots[i].key
                if k == key { return i }
                if k == Self.empty {
                    if (used + 1) * 2 > slots.count {
                        grow()
                        return slot(key)
                    }
                    slots[i].key = key
                    used += 1
                    return i
                }
                i = (i + 1) & mask
            }
        }

        mutating func grow() {
            let old = slots
            slots = Array(repeating: Slot(key: Self.empty, sums: Sums()), count: old.count * 2)
            shift -= 1
            used = 0
            for s in old where s.key != Self.empty { slots[slot(s.key)].sums = s.sums }
        }

        /// The tallies in key order (payee, then context).
        func sorted() -> [Slot] { slots.filter { $0.key != Self.empty }.sorted { $0.key < $1.key } }
    }

    private(set) var tables: [MonthTable] = []
    private(set) var monthOfTable: [Int] = []
    private var tableOfMonth: [Int: Int] = [:]
    private var lastMonth = Int.min, lastTable = 0
    /// Ids too large to pack (over two billion; never seen in practice, kept exact rather than refused).
    private var overflow: [Key: Sums] = [:]

    /// How many distinct keys are held.
    var count: Int { tables.reduce(overflow.count) { $0 + $1.used } }

    /// Adds one line of `pence` dated in `month` (year × 12 + month − 1).
    @inline(__always)
    mutating func add(month: Int, payee: Int, context: Int, pence: Pence) {
        guard payee >= 0, payee < 1 << 31, context >= 0, context < 1 << 32 else {
            overflow[Key(month: month, payee: payee, context: context), default: Sums()].add(pence)
            return
        }
        if month != lastMonth { switchTo(month) }
        let key = UInt64(payee) << 32 | UInt64(context)
        let i = tables[lastTable].slot(key)
        tables[lastTable].slots[i].sums.add(pence)
    }

    private mutating func switchTo(_ month: Int) {
        lastMonth = month
        if let t = tableOfMonth[month] { lastTable = t; return }
        lastTable = tables.count
        tableOfMonth[month] = lastTable
        monthOfTable.append(month)
        // Small to start (a file may hold hundreds of months, most with a few lines): it doubles as it fills, and the
        // spill counts keys, so memory follows the keys held.
        tables.append(MonthTable(capacity: 8))
    }

    /// Every tally, sorted by month, payee and context (the order of `stg_tallies`' key within a file).
    func sorted() -> [(key: Key, sums: Sums)] {
        var out: [(key: Key, sums: Sums)] = []
        out.reserveCapacity(count)
        for t in tables.indices.sorted(by: { monthOfTable[$0] < monthOfTable[$1] }) {
            let month = monthOfTable[t]
            for s in tables[t].sorted() {
                out.append((key: Key(month: month, payee: Int(s.key >> 32), context: Int(s.key & 0xFFFF_FFFF)), sums: s.sums))
            }
        }
        if !overflow.isEmpty {
            out += overflow.map { (key: $0.key, sums: $0.value) }
            out.sort { $0.key < $1.key }
        }
        return out
    }

    /// Hands every tally of file `fileID`, in key order, to `body` as batches of rows for the writer (which adds them
    /// into `stg_tallies`: a key already there, from a part read beside this one or an earlier spill, is added to).
    func batches(fileID: Int, rows: Int, _ body: (RowBatch) throws -> Void) rethrows {
        try batches(fileID: fileID, rows: rows, empty: { RowBatch(capacity: rows) }, body)
    }

    /// Hands every tally to `writer`, in batches it has finished with, adds them to `payees`, and starts afresh.
    mutating func handOver(fileID: Int, rows: Int, to writer: BatchWriter, payees: inout PayeeSums) throws {
        for t in tables {
            for slot in t.slots where slot.key != MonthTable.empty { payees.add(payee: Int(slot.key >> 32), slot.sums) }
        }
        for (key, sums) in overflow { payees.add(payee: key.payee, sums) }
        try batches(fileID: fileID, rows: rows, empty: { writer.emptyBatch(capacity: rows) }) { try writer.submit($0) }
        self = LineTallies()
    }

    private func batches(fileID: Int, rows: Int, empty: () -> RowBatch, _ body: (RowBatch) throws -> Void) rethrows {
        var lastMonth = -1, monthName = ""
        var batch = empty()
        for (key, s) in sorted() {
            if key.month != lastMonth { lastMonth = key.month; monthName = PeriodCalendar.monthName(key.month) }
            batch.begin(.tally)
            batch.add(fileID)
            batch.add(.text(monthName))
            batch.add(key.payee)
            batch.add(key.context)
            batch.add(s.payments)
            batch.add(s.net)
            batch.add(s.gross)
            batch.add(s.credit)
            if batch.count >= rows {
                try body(batch)
                batch = empty()
            }
        }
        if batch.count > 0 { try body(batch) }
    }

    /// The statement the writer adds tallies through, `rows` at a time.
    static func upsertSQL(rows: Int = 1) -> String {
        """
        INSERT INTO stg_tallies (file_id, period_month, payee_id, context_id, payments_count, net_pence, gross_pence, credit_pence)
        VALUES \(Array(repeating: "(?,?,?,?,?,?,?,?)", count: rows).joined(separator: ","))
        ON CONFLICT (file_id, period_month, payee_id, context_id) DO UPDATE SET payments_count = payments_count + excluded.payments_count,
          net_pence = net_pence + excluded.net_pence, gross_pence = gross_pence + excluded.gross_pence, credit_pence = credit_pence + excluded.credit_pence
        """
    }
}
