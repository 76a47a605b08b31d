/// A supplier's identity that does not change from run to run: its id (an org-id such as `GB-COH-01234567`,
/// `GB-CHC-1234567`, `GB-MPR-12345R`, else `MS-` and a hash of the council's supplier id or of its canonical name) and
/// its integer key, a hash of
/// the id. Marts, reports and overrides point at suppliers through these, so nothing is renumbered when a month is
/// added or the warehouse is rebuilt.
public enum SupplierIdentity {
    /// `MS-` and 16 hex digits of the FNV-1a hash of the canonical (normalised) name, with a disambiguating
    /// qualifier (the council's supplier id) when two suppliers share the name.
    public static func nameID(_ canonicalName: String, qualifier: String? = nil) -> String {
        let text = qualifier.map { "\(canonicalName)\u{1f}\($0)" } ?? canonicalName
        let h = fnv1a(text)
        let hex = String(h, radix: 16)
        return "MS-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The integer key of a supplier id: 52 bits of its FNV-1a hash (exact in JSON and in every spreadsheet).
    /// `salt` > 0 gives the alternative keys tried, in order, should two ids ever share one.
    public static func key(_ supplierID: String, salt: Int = 0) -> Int {
        let h = fnv1a(salt == 0 ? supplierID : "\(supplierID)#\(salt)")
        return Int(h & 0x000F_FFFF_FFFF_FFFF)
    }

    /// 64-bit FNV-1a over the UTF-8 bytes, finished with a 64-bit mix so nearby texts spread over every bit.
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33
        return h
    }
}
