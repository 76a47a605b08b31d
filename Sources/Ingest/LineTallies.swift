import MarketShapeCore
import Warehouse

/// A file's loaded lines summed per month × payee × spending context (payments, net, gross and credit-note pence),
/// kept while the lines are read so that no later stage has to read every line again (`stg_tallies`).
///
/// An open-addressing table keyed by one 64-bit word (month, payee and context ids packed): a line costs one
/// multiply, a probe or two and four additions. Swift's `Dictionary` hashes each key with SipHash, which is several
/// times that on the parse thread's hot path; ids too large to pack (over 16.7 million payees or contexts) fall back to it.
struct LineTallies {
    /// One month × payee × context's sums.
    struct Sums: Equatable {
        var payments = 0, net: Pence = 0, gross: Pence = 0, credit: Pence = 0

        mutating func add(_ pence: Pence) {
            payments += 1
            net += pence
            gross += pence < 0 ? -pence : pence
            if pence < 0 { credit += pence }
        }

        mutating func add(_ other: Sums) {
            payments += other.payments; net += other.net; gross += other.gross; credit += other.credit
        }
    }

    /// A tally's key: the month as year × 12 + month − 1, and the payee and context ids.
    struct Key: Hashable, Comparable {
        var month: Int, payee: Int, context: Int
        static func < (a: Key, b: Key) -> Bool { (a.month, a.payee, a.context) < (b.month, b.payee, b.context) }
    }

    private static let idBits = 24, monthBits = 16
    private var keys: [UInt64]
    private var sums: [Sums]
    private var used = 0
    private var shift: UInt64
    private var overflow: [Key: Sums] = [:]

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        sums = Array(repeating: Sums(), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// How many distinct keys are held.
    var count: Int { used + overflow.count }

    /// Adds one line of `pence` dated in `month` (year × 12 + month − 1).
    @inline(__always)
    mutating func add(month: Int, payee: Int, context: Int, pence: Pence) {
        guard let packed = Self.pack(month: month, payee: payee, context: context) else {
            overflow[Key(month: month, payee: payee, context: context), default: Sums()].add(pence)
            return
        }
        sums[slot(packed)].add(pence)
    }

    /// Adds every tally of `other` into this one.
    mutating func merge(_ other: LineTallies) {
        for i in other.keys.indices where other.keys[i] != 0 { sums[slot(other.keys[i])].add(other.sums[i]) }
        overflow.merge(other.overflow) { var a = $0; a.add($1); return a }
    }

    /// Every tally, sorted by month, payee and context (the order of `stg_tallies`' key within a file).
    func sorted() -> [(key: Key, sums: Sums)] {
        var packed: [(UInt64, Int)] = []
        packed.reserveCapacity(used)
        for i in keys.indices where keys[i] != 0 { packed.append((keys[i], i)) }
        packed.sort { $0.0 < $1.0 }
        var out = packed.map { (key: Self.unpack($0.0), sums: sums[$0.1]) }
        if !overflow.isEmpty {
            out += overflow.map { (key: $0.key, sums: $0.value) }
            out.sort { $0.key < $1.key }
        }
        return out
    }

    /// The slot holding `packed`, claimed if new (the table doubles past half full).
    @inline(__always)
    private mutating func slot(_ packed: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[i]
            if k == packed { return i }
            if k == 0 {
                if (used + 1) * 2 > keys.count {
                    grow()
                    return slot(packed)
                }
                keys[i] = packed
                used += 1
                return i
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldSums = sums
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        sums = Array(repeating: Sums(), count: oldKeys.count * 2)
        shift -= 1
        used = 0
        for i in oldKeys.indices where oldKeys[i] != 0 {
            let s = slot(oldKeys[i])
            sums[s] = oldSums[i]
        }
    }

    /// Month, payee and context in one word, month highest (so packed keys sort as `Key`s do); nil when a part does
    /// not fit. A month is never 0 (year 0 January), so 0 marks an empty slot.
    @inline(__always)
    static func pack(month: Int, payee: Int, context: Int) -> UInt64? {
        guard month > 0, month < 1 << monthBits, payee >= 0, payee < 1 << idBits, context >= 0, context < 1 << idBits else { return nil }
        return UInt64(month) << UInt64(2 * idBits) | UInt64(payee) << UInt64(idBits) | UInt64(context)
    }

    static func unpack(_ packed: UInt64) -> Key {
        let idMask: UInt64 = (1 << UInt64(idBits)) - 1
        return Key(month: Int(packed >> UInt64(2 * idBits)), payee: Int((packed >> UInt64(idBits)) & idMask), context: Int(packed & idMask))
    }

    /// Writes the tallies of file `fileID` into `stg_tallies`, in key order.
    func write(fileID: Int, into w: WarehouseStore) throws {
        let insert = try w.prepare("INSERT INTO stg_tallies (file_id, period_month, payee_id, context_id, payments_count, net_pence, gross_pence, credit_pence) VALUES (?,?,?,?,?,?,?,?)")
        var lastMonth = -1, monthName = ""
        for (key, s) in sorted() {
            if key.month != lastMonth { lastMonth = key.month; monthName = PeriodCalendar.monthName(key.month) }
            insert.bind(1, fileID)
            insert.bind(2, monthName)
            insert.bind(3, key.payee)
            insert.bind(4, key.context)
            insert.bind(5, s.payments)
            insert.bind(6, s.net)
            insert.bind(7, s.gross)
            insert.bind(8, s.credit)
            try insert.run()
        }
    }
}
