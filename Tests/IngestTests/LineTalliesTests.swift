import Testing
@testable import Ingest

@Suite("Tallies kept while reading")
struct LineTalliesTests {
    /// The same lines summed by a plain dictionary: what the table must give.
    func expected(_ lines: [(month: Int, payee: Int, context: Int, pence: Int)]) -> [(key: LineTallies.Key, sums: LineTallies.Sums)] {
        var d: [LineTallies.Key: LineTallies.Sums] = [:]
        for l in lines { d[LineTallies.Key(month: l.month, payee: l.payee, context: l.context), default: .init()].add(l.pence) }
        return d.map { (key: $0.key, sums: $0.value) }.sorted { $0.key < $1.key }
    }

    func same(_ a: [(key: LineTallies.Key, sums: LineTallies.Sums)], _ b: [(key: LineTallies.Key, sums: LineTallies.Sums)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.sums == $1.sums }
    }

    @Test("many keys (the table grows many times), credit notes and ids too large to pack give the plain sums, in key order")
    func growthAndOverflow() {
        var rng = SystemRandomNumberGenerator()
        var lines: [(month: Int, payee: Int, context: Int, pence: Int)] = []
        for _ in 0..<50_000 {
            lines.append((24_300 + Int.random(in: 0..<30, using: &rng), Int.random(in: 1...3_000, using: &rng), Int.random(in: 1...40, using: &rng),
                          Int.random(in: -5_000...90_000, using: &rng)))
        }
        // Payee and context ids past 2^24 cannot be packed into the word: they take the dictionary path.
        lines.append((24_301, 1 << 24, 3, 700))
        lines.append((24_301, 5, 1 << 25, -300))
        lines.append((24_301, 1 << 24, 3, 50))
        var t = LineTallies(capacity: 4)
        for l in lines { t.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
        let want = expected(lines)
        #expect(t.count == want.count)
        #expect(same(t.sorted(), want))
        let big = t.sorted().first { $0.key.payee == 1 << 24 }
        #expect(big?.sums == LineTallies.Sums(payments: 2, net: 750, gross: 750, credit: 0))
    }

    @Test("parts read on separate threads merge into the tallies of the whole")
    func merge() {
        let lines = (0..<9_000).map { i in (month: 24_000 + i % 7, payee: i % 97 + 1, context: i % 13 + 1, pence: i % 11 == 0 ? -i : i) }
        var whole = LineTallies(), a = LineTallies(), b = LineTallies()
        for (i, l) in lines.enumerated() {
            whole.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence)
            if i < 4_000 { a.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
            else { b.add(month: l.month, payee: l.payee, context: l.context, pence: l.pence) }
        }
        a.merge(b)
        #expect(same(a.sorted(), whole.sorted()))
        #expect(same(whole.sorted(), expected(lines)))
        #expect(whole.sorted().reduce(0) { $0 + $1.sums.credit } == lines.filter { $0.pence < 0 }.reduce(0) { $0 + $1.pence })
    }
}
