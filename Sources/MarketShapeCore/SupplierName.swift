/// Normalises payee names so spellings of one organisation meet:
/// `Achieve Together Limited`, `ACHIEVE TOGETHER LTD.` and `Achieve\u{a0}Together Ltd` → `ACHIEVE TOGETHER LTD`.
public enum SupplierName {
    /// Upper case; `&` → `AND`; punctuation to spaces; `LIMITED` → `LTD`, `PUBLIC LIMITED COMPANY` → `PLC`;
    /// a leading `THE` and `(THE)` dropped; trailing bracketed numbers dropped; spaces (also non-breaking) collapsed.
    public static func normalise(_ name: String) -> String {
        var s = name.uppercased().replacingOccurrences(of: "\u{a0}", with: " ")
        // Trailing "(123)" style suffixes.
        while let open = s.lastIndex(of: "("), s.hasSuffix(")"),
              s[s.index(after: open)..<s.index(before: s.endIndex)].allSatisfy({ $0.isNumber || $0 == " " }) {
            s = String(s[..<open])
        }
        s = s.replacingOccurrences(of: "(THE)", with: " ")
        s = s.replacingOccurrences(of: "&", with: " AND ")
        let words = s.split(whereSeparator: { !($0.isLetter || $0.isNumber) || $0 == "'" }).map(String.init)
            .filter { $0 != "'" }
        var out: [String] = []
        for (i, w) in words.enumerated() {
            if i == 0 && w == "THE" && words.count > 1 { continue }
            out.append(w == "LIMITED" ? "LTD" : w)
        }
        var joined = out.joined(separator: " ")
        if joined.hasSuffix(" PUBLIC LTD COMPANY") { joined = String(joined.dropLast(" PUBLIC LTD COMPANY".count)) + " PLC" }
        return joined
    }
}
