/// Finds which of a list of phrases occur in a normalised name as whole words, without scanning the text once per
/// phrase: phrases are indexed by their first word, and each word of the text looks up only the phrases it can start.
/// When several match, the one earliest in the list wins (lists put the phrase that should decide first).
public struct PhraseIndex<Value>: Sendable where Value: Sendable {
    private let byFirstWord: [Substring: [(index: Int, words: [Substring])]]
    private let entries: [(phrase: String, value: Value)]

    public init(_ entries: [(phrase: String, value: Value)]) {
        self.entries = entries
        var index: [Substring: [(Int, [Substring])]] = [:]
        for (i, e) in entries.enumerated() {
            let words = e.phrase.split(separator: " ")
            guard let first = words.first else { continue }
            index[first, default: []].append((i, words))
        }
        byFirstWord = index
    }

    /// The earliest-listed phrase found in `words` (a normalised name split on spaces), with its value.
    public func first(in words: [Substring]) -> (phrase: String, value: Value)? {
        var best: Int? = nil
        for start in words.indices {
            guard let candidates = byFirstWord[words[start]] else { continue }
            for (i, phrase) in candidates where best.map({ i < $0 }) ?? true {
                if start + phrase.count <= words.count, words[start..<(start + phrase.count)].elementsEqual(phrase) { best = i }
            }
        }
        return best.map { entries[$0] }
    }

    /// The earliest-listed phrase found in a normalised name.
    public func first(in normalised: String) -> (phrase: String, value: Value)? { first(in: normalised.split(separator: " ")) }
}
