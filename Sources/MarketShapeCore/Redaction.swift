/// Recognises payees a council has withheld, so they are kept as redacted spend rather than
/// counted as one supplier called "REDACTED".
public enum Redaction {
    /// Phrases that mark a withheld payee, upper case, matched inside the normalised name.
    public static let markers = ["REDACTED", "WITHHELD", "PERSONAL DATA", "PERSONAL INFORMATION",
                                 "NOT DISCLOSED", "DATA PROTECTION", "PRIVATE INDIVIDUAL",
                                 "NAME REMOVED", "COMMERCIAL IN CONFIDENCE", "COMMERCIALLY SENSITIVE"]

    /// Distinctive words of the markers; a name containing none of them (case-insensitively) is not a redaction.
    static let words: [[UInt8]] = ["REDACT", "WITHHELD", "PERSONAL", "DISCLOSED", "PROTECTION", "INDIVIDUAL", "REMOVED",
                                   "CONFIDENCE", "SENSITIVE"].map { Array($0.utf8) }

    /// The same test on UTF-8 bytes, without building a String unless a marker word is present.
    public static func isRedacted(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard containsMarkerWord(bytes) else { return false }
        return isRedacted(String(decoding: bytes, as: UTF8.self))
    }

    static func containsMarkerWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        for word in words where word.count <= n {
            let first = word[0]
            var i = 0
            while i + word.count <= n {
                if b[i] & 0xDF == first {
                    var k = 1
                    while k < word.count && b[i + k] & 0xDF == word[k] { k += 1 }
                    if k == word.count { return true }
                }
                i += 1
            }
        }
        return false
    }

    /// True when the payee name is a redaction label: `REDACTED PERSONAL DATA`, `Redacted Personal Information`,
    /// `DETAILS REDACTED`, `Redacted`, `Redacted Commercial Data`, `Name withheld`, `** REDACTED **`…
    public static func isRedacted(_ name: String) -> Bool {
        let words = name.uppercased().split(whereSeparator: { !($0.isLetter) }).joined(separator: " ")
        return markers.contains { words.contains($0) }
    }
}
