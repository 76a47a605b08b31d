import MarketShapeCore
import Testing
import Warehouse
@testable import Ingest

@Suite("Tallies kept while reading")
struct LineTalliesTests {
    /// A seeded generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The same lines summed by a plain dictionary: what the table must give.
    func expected(_ lines: [(month: Int, payee: Int, context: Int, pence: Int)]) -> [(key: LineTallies.Key, sums: LineTallies.Sums)] {
        var d: [LineTallies.Key: LineTallies.Sums] = [:]
        for l in lines { d[LineTallies.Key(month: l.month, payee: l.payee, context: l.context), default: .init()].add(l.pence) }
        return d.map { (key: $0.key, sums: $0.value) }.sorted { $0.key < $1.key }
    }

    func same(_ a: [(key: LineTallies.Key, sums: LineTallies.Sums)], _ b: [(key: LineTallies.Key, sums: LineTallies.Sums)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.sums == $1.sums }
    }

    @Test("many keys (each month's table grows several times), credit notes and ids too large to pack give the plain sums, in key order")
    func growthAndOverflow() {
        var rng = SplitMix(seed: 16)
        var lines: [(month: Int, payee: Int, context: Int, pence: Int)] = []
        for _ in 0..<50_000 {
            lines.append((24_300 + Int.random(in: 0..<3, using: &rng), Int.random(in: 1...3_000, using: &rng), Int.random(in: 1...40, using: &rng),
                          Int.random(in: -5_000...90_000, using: &rng)))
        }
        // Payee and context ids too large to pack into the word take the dictionary path.
        lines.append((24_301, 1 << 31, 3, 700))
        lines.append((24_301, 5, 1 << 32, -300))
        lines.append((24_301, 1 << 31, 3, 50))
        var t = LineTallies()
        for l in lines { t.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
        let want = expected(lines)
        #expect(t.count == want.count)
        #expect(same(t.sorted(), want))
        let big = t.sorted().first { $0.key.payee == 1 << 31 }
        #expect(big?.sums == LineTallies.Sums(payments: 2, net: 750, gross: 750))
    }

    @Test("parts read on separate threads, and spills of one part, add up in stg_tallies to the tallies of the whole")
    func partsAddUp() throws {
        let lines = (0..<9_000).map { i in (month: 24_000 + i % 7, payee: i % 97 + 1, context: i % 13 + 1, pence: i % 11 == 0 ? -i : i) }
        var whole = LineTallies(), a = LineTallies(), b = LineTallies(), c = LineTallies()
        for (i, l) in lines.enumerated() {
            whole.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence)
            if i < 3_000 { a.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
            else if i < 6_000 { b.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
            else { c.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
        }
        #expect(same(whole.sorted(), expected(lines)))
        let w = try Warehouse(path: ":memory:")
        let upsert = try w.prepare(LineTallies.upsertSQL())
        for part in [a, b, c] {
            try part.batches(fileID: 1, rows: 500) { try $0.write(into: Array(repeating: upsert, count: 5)) }
        }
        let stored = try w.query("SELECT period_month, payee_id, context_id, payments_count, net_pence, gross_pence, credit_pence FROM stg_tallies ORDER BY 1, 2, 3")
        let want = whole.sorted().map { t -> [SQLValue] in
            [.text(PeriodCalendar.monthName(t.key.month)), .integer(t.key.payee), .integer(t.key.context), .integer(t.sums.payments),
             .integer(t.sums.net), .integer(t.sums.gross), .integer(t.sums.credit)]
        }
        #expect(stored == want)
        #expect(whole.sorted().reduce(0) { $0 + $1.sums.credit } == lines.filter { $0.pence < 0 }.reduce(0) { $0 + $1.pence })
    }
}
