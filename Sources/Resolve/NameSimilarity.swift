import MarketShapeCore

/// How alike two normalised organisation names are, for fuzzy matching.
public enum NameSimilarity {
    /// Legal-form words that say nothing about which organisation it is.
    static let noise: Set<Substring> = ["LTD", "PLC", "LLP", "CIC", "CIO", "LIMITED", "COMPANY", "CO", "AND", "THE", "UK", "GROUP"]

    /// Dice coefficient of the character bigrams of the names without legal-form words: 0…1.
    public static func score(_ a: String, _ b: String) -> Double {
        Profile(a).score(Profile(b))
    }

    /// A name prepared for repeated scoring: its core (legal-form words removed) and sorted bigrams.
    public struct Profile {
        public let core: [UInt8]
        let bigrams: [UInt32]

        public init(_ name: String) {
            core = NameSimilarity.core(name)
            bigrams = NameSimilarity.bigrams(core).sorted()
        }

        /// Dice coefficient against another profile (a merge of two sorted lists, no allocation).
        public func score(_ other: Profile) -> Double {
            guard !bigrams.isEmpty, !other.bigrams.isEmpty else { return 0 }
            var i = 0, j = 0, shared = 0
            while i < bigrams.count && j < other.bigrams.count {
                if bigrams[i] == other.bigrams[j] { shared += 1; i += 1; j += 1 }
                else if bigrams[i] < other.bigrams[j] { i += 1 } else { j += 1 }
            }
            return 2 * Double(shared) / Double(bigrams.count + other.bigrams.count)
        }

        /// The best score possible given the two lengths alone (to skip hopeless candidates cheaply).
        public func bound(_ otherLength: Int) -> Double {
            let a = Double(max(bigrams.count, 1)), b = Double(max(otherLength - 1, 1))
            return 2 * min(a, b) / (a + b)
        }
    }

    /// Legal-form words as people misspell them too (`LIMTED`, `LIMITTED`, `COMPNY`): within two edits.
    static func isNoise(_ word: Substring) -> Bool {
        if noise.contains(word) { return true }
        guard (5...9).contains(word.count), let first = word.first, first == "L" || first == "C" else { return false }
        return ["LIMITED", "COMPANY"].contains { HeaderName.distance(String(word), $0) <= 2 }
    }

    static func core(_ name: String) -> [UInt8] {
        Array(name.split(separator: " ").filter { !isNoise($0) }.joined(separator: " ").utf8)
    }

    static func bigrams(_ s: [UInt8]) -> [UInt32] {
        guard s.count >= 2 else { return s.map(UInt32.init) }
        return (0..<s.count - 1).map { UInt32(s[$0]) << 8 | UInt32(s[$0 + 1]) }
    }

    /// The blocking key for candidates: the name's first two words (its first word when it has one),
    /// so a register of millions yields hundreds of candidates, not tens of thousands.
    public static func blockingPrefix(_ name: String) -> String? {
        let words = name.split(separator: " ")
        guard let first = words.first, !isNoise(first) else { return nil }
        return words.count >= 3 ? "\(first) \(words[1])" : String(first)
    }
}
