import MarketShapeCore

/// How alike two normalised organisation names are, for fuzzy matching.
public enum NameSimilarity {
    /// Legal-form words that say nothing about which organisation it is.
    static let noise: Set<Substring> = ["LTD", "PLC", "LLP", "CIC", "CIO", "LIMITED", "COMPANY", "CO", "AND", "THE", "UK", "GROUP"]

    /// Dice coefficient of the character bigrams of the names without legal-form words: 0…1.
    public static func score(_ a: String, _ b: String) -> Double {
        let x = bigrams(core(a)), y = bigrams(core(b))
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var counts: [UInt32: Int] = [:]
        for g in x { counts[g, default: 0] += 1 }
        var shared = 0
        for g in y { if let c = counts[g], c > 0 { shared += 1; counts[g] = c - 1 } }
        return 2 * Double(shared) / Double(x.count + y.count)
    }

    /// Legal-form words as people misspell them too (`LIMTED`, `LIMITTED`, `COMPNY`): within two edits.
    static func isNoise(_ word: Substring) -> Bool {
        if noise.contains(word) { return true }
        return word.count >= 5 && ["LIMITED", "COMPANY"].contains { HeaderName.distance(String(word), $0) <= 2 }
    }

    static func core(_ name: String) -> [UInt8] {
        Array(name.split(separator: " ").filter { !isNoise($0) }.joined(separator: " ").utf8)
    }

    static func bigrams(_ s: [UInt8]) -> [UInt32] {
        guard s.count >= 2 else { return s.map(UInt32.init) }
        return (0..<s.count - 1).map { UInt32(s[$0]) << 8 | UInt32(s[$0 + 1]) }
    }

    /// The first word of a normalised name that is not a legal-form word: the blocking key for candidates.
    public static func blockingWord(_ name: String) -> String? {
        name.split(separator: " ").first { !isNoise($0) && $0.count >= 2 }.map(String.init)
    }
}
