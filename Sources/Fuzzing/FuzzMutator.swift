import Generator

/// Makes new inputs from seeds the way a fuzzer does: flip, insert, delete, repeat and splice bytes, and insert the
/// tokens spend files trip over (separators, quotes, line ends, signs, `£`, `CR`, `#N/A`, a BOM, bidi controls).
/// Deterministic for a given seed (the generator's SplitMix64), so any failure can be replayed.
public struct FuzzMutator {
    private var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    public mutating func next() -> UInt64 { random.next() }

    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : random.int(0...(n - 1)) }

    static let tokens: [[UInt8]] = [
        ",", ";", "\t", "|", "\"", "\"\"", "\r\n", "\n", "\r", "£", "\u{a3}", "-", "(", ")", "CR", "DR", ".", ",000", "1,2",
        "/", "//", "-0", "00", "99", "12", "31", "29/02/", "2026", "0000", "T", " ", "\u{a0}", "#N/A", "N/A", "\u{feff}",
        "\u{202e}", "\u{1b}[2J", "\0", "Ltd", "LIMITED", "SC", "NI", "GB", "REDACTED", "9999999999999999999", "1e9", "e",
        "12:00", " PM", "Jan", "Sept", "+", "++", "'", "=", "\\",
    ].map { Array($0.utf8) }

    /// A mutation of `input`, sometimes spliced with `other`. At most `maxBytes` long.
    public mutating func mutate(_ input: [UInt8], other: [UInt8], maxBytes: Int) -> [UInt8] {
        var out = input
        for _ in 0...below(4) {
            let at = below(out.count + 1)
            switch below(8) {
            case 0 where !out.isEmpty: out[min(at, out.count - 1)] ^= UInt8(1 << below(8))
            case 1 where !out.isEmpty: out[min(at, out.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 2, 3: out.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 4 where !out.isEmpty:
                let length = 1 + below(min(16, out.count - min(at, out.count - 1)))
                out.removeSubrange(min(at, out.count - 1)..<min(out.count, min(at, out.count - 1) + length))
            case 5 where !out.isEmpty:
                let start = below(out.count), length = 1 + below(min(64, out.count - start))
                let piece = Array(out[start..<(start + length)])
                for _ in 0...below(3) { out.insert(contentsOf: piece, at: min(at, out.count)) }
            case 6 where !other.isEmpty:
                let start = below(other.count), length = 1 + below(min(256, other.count - start))
                out.insert(contentsOf: other[start..<(start + length)], at: at)
            case 7 where !out.isEmpty: out.removeSubrange(min(at, out.count)...)
            default: out.insert(UInt8(truncatingIfNeeded: next()), at: at)
            }
        }
        return out.count > maxBytes ? Array(out.prefix(maxBytes)) : out
    }
}
