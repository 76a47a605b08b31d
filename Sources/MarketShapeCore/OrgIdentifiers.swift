/// Normalisation of the identifiers that say who a supplier is (org-id conventions: GB-COH, GB-CHC).
public enum OrgIdentifiers {
    /// A Companies House number as 8 characters: `4869035` → `04869035`, `sc 12345` → `SC012345`.
    /// Returns nil for blanks, `N/A`, `EXEMPT`, all-zero and anything that is not a company number.
    public static func companyNumber(_ raw: String) -> String? {
        let s = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        guard !s.isEmpty, s.allSatisfy(\.isASCII) else { return nil }
        let letters = s.prefix(while: \.isLetter)
        let digits = s.dropFirst(letters.count)
        guard digits.allSatisfy(\.isNumber), !digits.isEmpty else { return nil }
        guard letters.count == 0 || letters.count == 2 else { return nil }
        let width = 8 - letters.count
        guard digits.count <= width else { return nil }
        if letters.isEmpty && digits.allSatisfy({ $0 == "0" }) { return nil }
        return letters + String(repeating: "0", count: width - digits.count) + digits
    }

    /// A registered charity number: 6 to 8 digits, an optional `-N` subsidiary suffix dropped.
    /// `EXEMPT`, blanks and `N/A` give nil.
    public static func charityNumber(_ raw: String) -> String? {
        let main = raw.split(separator: "-").first.map(String.init) ?? ""
        let digits = main.filter { !$0.isWhitespace }
        guard (5...8).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              !digits.allSatisfy({ $0 == "0" }) else { return nil }
        return digits
    }

    /// A UK VAT number as 9 (or 12 for branch traders) digits, `GB` prefix and spaces removed.
    public static func vatNumber(_ raw: String) -> String? {
        var s = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        if s.hasPrefix("GB") { s.removeFirst(2) }
        guard s.count == 9 || s.count == 12, s.allSatisfy({ $0.isASCII && $0.isNumber }),
              !s.allSatisfy({ $0 == "0" }) else { return nil }
        return s
    }

    /// A postcode in its formatted form (`nw18np` → `NW1 8NP`), or nil when it is not one.
    public static func postcode(_ raw: String) -> String? {
        let s = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        guard (5...7).contains(s.count), s.allSatisfy(\.isASCII),
              s.first!.isLetter, s.suffix(2).allSatisfy(\.isLetter),
              s.dropLast(2).last!.isNumber else { return nil }
        return s.dropLast(3) + " " + s.suffix(3)
    }

    /// The outward code of a formatted postcode: `NW1 8NP` → `NW1`.
    public static func outwardCode(_ postcode: String) -> String? {
        self.postcode(postcode).flatMap { $0.split(separator: " ").first.map(String.init) }
    }
}
