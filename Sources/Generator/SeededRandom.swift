/// SplitMix64: a small, fast generator whose sequence depends only on its seed, on every platform.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// An index drawn Zipf-like (rank r with weight 1/(r+1)^s).
    public mutating func zipf(_ n: Int, s: Double = 1.1) -> Int {
        var total = 0.0
        for r in 0..<n { total += 1 / pow(Double(r + 1), s) }
        var x = unit() * total
        for r in 0..<n {
            x -= 1 / pow(Double(r + 1), s)
            if x <= 0 { return r }
        }
        return n - 1
    }

    /// A log-normal amount in pence around `median` pounds.
    public mutating func amount(median: Double, spread: Double) -> Int {
        let u1 = max(unit(), 1e-12), u2 = unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return max(1, Int((median * exp(spread * normal) * 100).rounded()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
