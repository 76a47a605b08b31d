/// Recognises payees a council has withheld, so they are kept as redacted spend rather than
/// counted as one supplier called "REDACTED".
public enum Redaction {
    /// Phrases that mark a withheld payee, upper case, matched inside the normalised name.
    public static let markers = ["REDACTED", "WITHHELD", "PERSONAL DATA", "PERSONAL INFORMATION",
                                 "NOT DISCLOSED", "DATA PROTECTION", "PRIVATE INDIVIDUAL",
                                 "NAME REMOVED", "COMMERCIAL IN CONFIDENCE", "COMMERCIALLY SENSITIVE"]

    /// True when the payee name is a redaction label: `REDACTED PERSONAL DATA`, `Redacted Personal Information`,
    /// `DETAILS REDACTED`, `Redacted`, `Redacted Commercial Data`, `Name withheld`, `** REDACTED **`…
    public static func isRedacted(_ name: String) -> Bool {
        let words = name.uppercased().split(whereSeparator: { !($0.isLetter) }).joined(separator: " ")
        return markers.contains { words.contains($0) }
    }
}
