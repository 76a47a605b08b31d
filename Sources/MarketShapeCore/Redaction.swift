/// Recognises payees a council has withheld, so they are kept as redacted spend rather than
/// counted as one supplier called "REDACTED".
public enum Redaction {
    /// Phrases that mark a withheld payee, upper case, matched inside the normalised name.
    public static let markers = ["REDACTED", "WITHHELD", "PERSONAL DATA", "PERSONAL INFORMATION", "PERSONAL DETAILS",
                                 "NOT DISCLOSED", "DATA PROTECTION", "PRIVATE INDIVIDUAL", "DETAILS REMOVED",
                                 "NAME REMOVED", "COMMERCIAL IN CONFIDENCE", "COMMERCIALLY SENSITIVE"]

    /// Labels that withhold a payee when they are the whole name (`Confidential`, `Individual`), though a supplier's
    /// name may contain them (`Confidential Shredding Ltd`).
    public static let wholeNames: Set<String> = ["CONFIDENTIAL", "SENSITIVE", "INDIVIDUAL", "AN INDIVIDUAL", "INDIVIDUALS", "PRIVATE",
                                                 "PERSONAL", "ANONYMOUS", "ANONYMISED", "NOT PUBLISHED", "NOT FOR PUBLICATION"]

    /// Distinctive words of the markers; a name containing none of them (case-insensitively) is not a redaction.
    static let words: [[UInt8]] = ["REDACT", "WITHHELD", "PERSONAL", "DISCLOSED", "PROTECTION", "INDIVIDUAL", "REMOVED",
                                   "CONFIDEN", "SENSITIVE", "PRIVATE", "ANONYM", "PUBLISH"].map { Array($0.utf8) }

    /// The same test on UTF-8 bytes, without building a String unless a marker word is present.
    public static func isRedacted(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isMasked(bytes) { return true }
        guard containsMarkerWord(bytes) else { return false }
        return isRedacted(String(decoding: bytes, as: UTF8.self))
    }

    /// A name blacked out with a mask character: `*****`, `XXXXXXXX`, `####`, `x x x` (three or more of one of
    /// `*`, `X`, `#`, and nothing else but spaces, stops and dashes).
    static func isMasked(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var mask: UInt8 = 0, count = 0
        for byte in b {
            let c = byte == 0x78 ? 0x58 : byte   // x → X
            if c == 0x2A || c == 0x58 || c == 0x23 {
                if mask != 0 && c != mask { return false }
                mask = c; count += 1
            } else if c != 0x20 && c != 0x2E && c != 0x2D { return false }
        }
        return count >= 3
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
        if Array(name.utf8).withUnsafeBufferPointer(isMasked) { return true }
        let words = name.uppercased().split(whereSeparator: { !($0.isLetter) }).joined(separator: " ")
        return wholeNames.contains(words) || markers.contains { words.contains($0) }
    }
}
