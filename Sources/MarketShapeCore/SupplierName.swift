import Foundation

/// Normalises payee names so spellings of one organisation meet:
/// `Achieve Together Limited`, `ACHIEVE TOGETHER LTD.` and `Achieve\u{a0}Together Ltd` → `ACHIEVE TOGETHER LTD`.
public enum SupplierName {
    /// Upper case; `&` → `AND`; punctuation, apostrophes and non-breaking spaces separate words;
    /// `LIMITED` → `LTD`, a trailing `PUBLIC LIMITED COMPANY` → `PLC`; a leading `THE` and `(THE)` dropped;
    /// trailing bracketed numbers (`(2)`) dropped. One pass over the text (this runs on every register row).
    public static func normalise(_ name: String) -> String {
        // One character in two Unicode forms (`é` composed, or `e` and a combining accent) is one spelling: composed
        // first (NFC). Most names are ASCII and skip it.
        let name = name.utf8.contains(where: { $0 >= 0x80 }) ? name.precomposedStringWithCanonicalMapping : name
        var words: [String] = []
        var enclosed: [Bool] = []        // the word stood alone in brackets: "(THE)", "(2)"
        var word = String.UnicodeScalarView()
        var openedBracket = false, wordAfterBracket = false
        func flush(closing: Bool) {
            if !word.isEmpty {
                words.append(String(word))
                enclosed.append(wordAfterBracket && closing)
                word = String.UnicodeScalarView()
            }
            wordAfterBracket = false
        }
        for s in name.unicodeScalars {
            let v = s.value
            if (97...122).contains(v) { if word.isEmpty { wordAfterBracket = openedBracket }; word.append(Unicode.Scalar(v - 32)!) }
            else if (65...90).contains(v) || (48...57).contains(v) { if word.isEmpty { wordAfterBracket = openedBracket }; word.append(s) }
            else if v > 127 && s.properties.isAlphabetic {
                if word.isEmpty { wordAfterBracket = openedBracket }
                word.append(contentsOf: String(s).uppercased().unicodeScalars)
            } else {
                flush(closing: v == 41)                       // ')'
                if v == 38 { words.append("AND"); enclosed.append(false) }
                openedBracket = v == 40                       // '('
                continue
            }
            openedBracket = false
        }
        flush(closing: false)
        // Trailing "(2)", "(123)".
        while let last = words.last, enclosed.last == true, last.unicodeScalars.allSatisfy({ (48...57).contains($0.value) }) {
            words.removeLast(); enclosed.removeLast()
        }
        var out: [String] = []
        out.reserveCapacity(words.count)
        for (i, w) in words.enumerated() {
            if w == "THE" && (enclosed[i] || (i == 0 && words.count > 1)) { continue }
            out.append(w == "LIMITED" ? "LTD" : w)
        }
        if out.count > 3 && out.suffix(3) == ["PUBLIC", "LTD", "COMPANY"] { out.removeLast(3); out.append("PLC") }
        return out.joined(separator: " ")
    }

    /// Legal-form words a name can end with.
    /// The company forms Companies House never registers twice for one name (`X Ltd` and `X PLC` cannot both be live):
    /// Ltd, PLC, LLP and their Welsh forms. A CIC, a CIO or an overseas `Inc` of one name may be another body.
    static let legalForms: Set<Substring> = ["LTD", "PLC", "LLP", "CYF", "CYFYNGEDIG", "CCC"]

    /// A normalised name without the company form it ends with (`FOSTER CARE ASSOCIATES LTD` → `FOSTER CARE
    /// ASSOCIATES`), so one organisation written with and without it is one name; a name that is nothing but a form
    /// stays as it is.
    public static func withoutLegalForm(_ normalised: String) -> String {
        var words = normalised.split(separator: " ")
        while words.count > 1, let last = words.last, legalForms.contains(last) { words.removeLast() }
        return words.count == normalised.split(separator: " ").count ? normalised : words.joined(separator: " ")
    }
}
