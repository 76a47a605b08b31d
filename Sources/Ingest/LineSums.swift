import Foundation
import Warehouse

/// A file's staged lines, or its tallies, summed as ingest's check compares them: how many payments, their net and
/// gross pence, their payee ids, and their count, net and gross pence each weighted by the payee, context, year and
/// month (`weight`; the sums wrap at 2⁶⁴, so they never overflow and are compared exactly). Equal weighted sums say
/// each line was tallied under its own payee, context and month: its count, its pence and its credit.
///
/// The check is the one read of every new line, so the lines are a hot loop read by position, each file's key range
/// in two halves side by side, each on a connection of its own.
struct LineSums: Equatable {
    var count = 0, net = 0, gross = 0, payees = 0
    /// Σ pence × weight, Σ |pence| × weight and Σ weight over the payments (each wrapping at 2⁶⁴): the net, the gross
    /// and the count, each under its own payee, context and month.
    var weighted: UInt = 0, weightedGross: UInt = 0, weights: UInt = 0

    /// The weight of pence paid to `payee` under `context` in month `yyyymm`: the three mixed by multiplication
    /// (odd, so never zero).
    @inline(__always)
    static func weight(payee: Int, context: Int, yyyymm: Int) -> UInt {
        (UInt(bitPattern: payee) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(bitPattern: context) &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (UInt(bitPattern: yyyymm) &* 0x1656_67B1_9E37_79F9) | 1
    }

    /// Adds `payments` payments of `net` pence (`gross` absolute) to `payee`, weighing `weight`: one line, or one tally.
    @inline(__always)
    mutating func add(payments: Int, net pence: Int, gross absolute: Int, payee: Int, weight w: UInt) {
        count += payments
        net += pence
        gross += absolute
        payees += payments * payee
        weighted &+= UInt(bitPattern: pence) &* w
        weightedGross &+= UInt(bitPattern: absolute) &* w
        weights &+= UInt(bitPattern: payments) &* w
    }

    mutating func add(_ other: LineSums) {
        count += other.count; net += other.net; gross += other.gross; payees += other.payees
        weighted &+= other.weighted; weightedGross &+= other.weightedGross; weights &+= other.weights
    }

    /// The sums of the lines whose keys lie in `keys`.
    static func lines(_ db: SQLiteDatabase, keys: ClosedRange<Int>) throws -> LineSums {
        let lines = try db.prepare("SELECT paid_on, amount_pence, payee_id, context_id FROM stg_lines WHERE line_key BETWEEN ? AND ?")
        lines.bind([.integer(keys.lowerBound), .integer(keys.upperBound)])
        let date = try lines.column("paid_on"), amount = try lines.column("amount_pence"), payee = try lines.column("payee_id"),
            context = try lines.column("context_id")
        var sums = LineSums()
        try lines.forEachRow { row in
            let pence = row.int(amount), payeeID = row.int(payee)
            sums.add(payments: 1, net: pence, gross: pence < 0 ? -pence : pence, payee: payeeID,
                     weight: weight(payee: payeeID, context: row.int(context), yyyymm: row.int(date) / 100))
        }
        return sums
    }

    /// Each file's lines summed (by file id). `path` is the warehouse file, which each half is read from on a read-only
    /// connection of its own; without one (an in-memory warehouse), or while `w` has a transaction open, the halves are
    /// read through `w`, one after the other.
    static func lines(ofFiles fileIDs: [Int], in w: WarehouseStore, path: String?) throws -> [Int: LineSums] {
        var halves: [(file: Int, keys: ClosedRange<Int>)] = []
        for id in fileIDs {
            let first = StagingReader.lineKey(fileID: id, line: 0), last = StagingReader.lineKey(fileID: id, line: 0xFFFF_FFFF)
            // Two seeks (MIN and MAX in one query would scan the range).
            func end(_ order: String) throws -> Int? {
                try w.query("SELECT line_key FROM stg_lines WHERE line_key BETWEEN ? AND ? ORDER BY line_key \(order) LIMIT 1",
                            [.integer(first), .integer(last)]).first?.first?.int
            }
            guard let low = try end("ASC"), let high = try end("DESC") else { continue }
            let middle = low + (high - low) / 2
            halves.append((id, low...middle))
            if middle < high { halves.append((id, middle + 1...high)) }
        }
        var sums: [Int: LineSums] = [:]
        let own = (w as? Warehouse)?.database
        // Inside a transaction, other connections would read what was committed before it: then everything is read here.
        if let path, path != ":memory:", own?.isInTransaction != true {
            let read = SideBySide.results(halves.count) { try Self.lines(try SQLiteDatabase(path: path, readOnly: true), keys: halves[$0].keys) }
            for (half, result) in zip(halves, read) { sums[half.file, default: LineSums()].add(try result.get()) }
        } else if let db = own {
            for half in halves { sums[half.file, default: LineSums()].add(try Self.lines(db, keys: half.keys)) }
        } else {
            throw WarehouseError(message: "the line check reads a SQLite warehouse", sql: nil)
        }
        return sums
    }

    /// The tallies of file `fileID` summed, and their credit-note pence.
    static func tallies(ofFile fileID: Int, in w: WarehouseStore) throws -> (sums: LineSums, credit: Int) {
        let tallies = try w.prepare("""
            SELECT period_month, payee_id, context_id, payments_count, net_pence, gross_pence, credit_pence FROM stg_tallies WHERE file_id = ?
            """)
        tallies.bind([.integer(fileID)])
        let month = try tallies.column("period_month"), payee = try tallies.column("payee_id"), context = try tallies.column("context_id"),
            payments = try tallies.column("payments_count"), net = try tallies.column("net_pence"), gross = try tallies.column("gross_pence"),
            creditPence = try tallies.column("credit_pence")
        var sums = LineSums(), credit = 0
        try tallies.forEachRow { row in
            let name = row.bytes(month)
            var yyyymm = 0
            for b in name where b != UInt8(ascii: "-") { yyyymm = yyyymm * 10 + Int(b) - 48 }
            let payeeID = row.int(payee)
            sums.add(payments: row.int(payments), net: row.int(net), gross: row.int(gross), payee: payeeID,
                     weight: weight(payee: payeeID, context: row.int(context), yyyymm: yyyymm))
            credit += row.int(creditPence)
        }
        return (sums, credit)
    }
}
