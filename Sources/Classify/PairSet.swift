/// The distinct payee × context pairs paid: a bit per possible pair when the dictionaries are small enough (a
/// council's are: tens of thousands of payees, thousands of contexts), else a hash set. Either way `sorted` gives
/// the pairs as `payee << 32 | context`, in order.
struct PairSet {
    private var bits: [UInt64] = []
    private var set = Set<Int>()
    private let contexts: Int
    private let dense: Bool
    private(set) var count = 0

    /// At most this many bits (32 MiB) are kept.
    static let maxBits = 1 << 28

    init(maxPayee: Int, maxContext: Int) {
        contexts = maxContext + 1
        let size = (maxPayee + 1) * contexts
        dense = maxPayee >= 0 && maxContext >= 0 && size <= Self.maxBits
        if dense { bits = Array(repeating: 0, count: (size + 63) / 64) }
    }

    mutating func insert(payee: Int, context: Int) {
        if dense, payee >= 0, context >= 0, context < contexts, (payee + 1) * contexts <= bits.count * 64 {
            let i = payee * contexts + context
            let mask: UInt64 = 1 << UInt64(i & 63)
            if bits[i >> 6] & mask == 0 { bits[i >> 6] |= mask; count += 1 }
        } else if set.insert(payee << 32 | context).inserted {
            count += 1
        }
    }

    func contains(_ pair: Int) -> Bool {
        let payee = pair >> 32, context = pair & 0xFFFF_FFFF
        if dense, context < contexts, (payee + 1) * contexts <= bits.count * 64 {
            let i = payee * contexts + context
            if bits[i >> 6] & (1 << UInt64(i & 63)) != 0 { return true }
        }
        return set.contains(pair)
    }

    /// Every pair, ascending.
    func sorted() -> [Int] {
        var pairs: [Int] = []
        pairs.reserveCapacity(count)
        for (w, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                let i = w * 64 + rest.trailingZeroBitCount
                pairs.append((i / contexts) << 32 | (i % contexts))
                rest &= rest - 1
            }
        }
        if !set.isEmpty { pairs += set; pairs.sort() }
        return pairs
    }
}
