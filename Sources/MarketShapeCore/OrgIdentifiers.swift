/// Validation and normalisation of the identifiers that say who a supplier is, one scheme at a time
/// (org-id conventions: `GB-COH`, `GB-CHC`, `GB-SC`, `GB-NIC`, `GB-MPR`). A value is checked before it can link
/// anything: `check…` says whether it is valid (and its normal form), a known non-value, or invalid and why.
public enum OrgIdentifiers {
    /// Companies House prefixes followed by six digits (`SC123456`), from Companies House's list of company
    /// number formats: Scotland, Northern Ireland, LLPs, CIOs, overseas companies, limited partnerships, EEIGs,
    /// unregistered companies, Royal Charter companies, societates europaeae and overseas entities.
    static let digitPrefixes: Set<String> = ["SC", "NI", "OC", "SO", "NC", "CE", "CS", "FC", "SF", "NF", "LP", "SL", "NL",
                                             "GE", "GS", "GN", "ZC", "SZ", "RC", "SR", "NR", "SA", "NA", "AC", "SE", "ES",
                                             "NV", "SG", "OE", "SI", "NO", "NP", "RS", "IP", "SP", "IC", "PC"]
    /// Prefixes of registered societies, whose numbers may carry a suffix of letters (`IP28687R`, `IP00088C`,
    /// `RS00102W`, `SP1032RS`, `NO000100`): the society's FCA number and register.
    static let societyPrefixes: Set<String> = ["IP", "SP", "RS", "NP", "NO", "SR"]

    /// A Companies House number in its 8-character form, or why it is not one.
    /// `4869035` → `04869035`; `004457083` (9 digits, a leading zero) → `04457083`; `sc 12345` → `SC012345`;
    /// `IP28687R`, `IP00088C`, `RS007856`, `R0000123` (old Northern Ireland) as they are.
    public static func checkCompanyNumber(_ raw: String) -> IdentifierCheck {
        if Placeholder.isNonValue(raw) { return .placeholder }
        var text = raw.trimmingSpaces
        // A number exported from a float column (`4869035.0`): the decimals are not part of it.
        if let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }), text[..<dot].allSatisfy(\.isNumber) {
            text = String(text[..<dot])
        }
        let s = text.uppercased().filter { $0.isLetter || $0.isNumber }
        guard !s.isEmpty, s.allSatisfy(\.isASCII) else { return .invalid("not letters and digits") }
        if s.allSatisfy(\.isNumber) {
            var digits = Substring(s)
            while digits.count > 8, digits.first == "0" { digits = digits.dropFirst() }
            guard digits.count <= 8 else { return .invalid("\(s.count) digits, more than 8") }
            if digits.allSatisfy({ $0 == "0" }) { return .placeholder }
            return normalised(String(repeating: "0", count: 8 - digits.count) + digits)
        }
        if NationalInsurance.matches(s) { return .invalid("a National Insurance number, not a company number") }
        // The old Northern Ireland form: R followed by seven digits (`R0000123`).
        if s.first == "R", s.dropFirst().allSatisfy(\.isNumber), (1...7).contains(s.count - 1) {
            let digits = s.dropFirst()
            return .valid("R" + String(repeating: "0", count: 7 - digits.count) + digits)
        }
        guard s.count >= 3 else { return .invalid("too short") }
        let prefix = String(s.prefix(2)), rest = s.dropFirst(2)
        if digitPrefixes.contains(prefix), rest.allSatisfy(\.isNumber) {
            guard rest.count <= 6 else { return .invalid("\(prefix) followed by \(rest.count) digits, more than 6") }
            if rest.allSatisfy({ $0 == "0" }) { return .placeholder }
            return .valid(prefix + String(repeating: "0", count: 6 - rest.count) + rest)
        }
        if societyPrefixes.contains(prefix), let firstDigit = rest.first, firstDigit.isNumber {
            // Digits then a letter suffix (`IP28687R`, `SP1032RS`): padded with zeros after the prefix to 8 characters.
            let digits = rest.prefix(while: \.isNumber), suffix = rest.dropFirst(digits.count)
            guard suffix.allSatisfy(\.isLetter), (1...3).contains(suffix.count) || suffix.isEmpty else {
                return .invalid("\(prefix) society number with an unexpected form")
            }
            guard s.count <= 8 else { return .invalid("society number longer than 8 characters") }
            return .valid(prefix + String(repeating: "0", count: 8 - s.count) + digits + suffix)
        }
        return .invalid(digitPrefixes.contains(prefix) ? "\(prefix) followed by something other than digits" : "prefix \(prefix) is not a Companies House prefix")
    }

    /// A value in its normal form, unless that form is a known non-value: `099999999` normalises to `99999999`, which
    /// is a placeholder however it was written (found by the fuzz suite: checking a checked value must give it back).
    static func normalised(_ value: String) -> IdentifierCheck {
        Placeholder.isNonValue(value) ? .placeholder : .valid(value)
    }

    /// A Companies House number as 8 characters, or nil when it is not a valid one (see `checkCompanyNumber`).
    public static func companyNumber(_ raw: String) -> String? { checkCompanyNumber(raw).value }

    /// A registered charity number in its org-id form, or why it is not one:
    /// England and Wales `1123456` (6 or 7 digits; a linked charity's `-1` suffix refers to its main charity),
    /// Scotland `SC012345` (OSCR), Northern Ireland `NIC100002` (also written `NI100002` or `100002` with `NIC`).
    public static func checkCharityNumber(_ raw: String) -> IdentifierCheck {
        if Placeholder.isNonValue(raw) { return .placeholder }
        // Spreadsheet wrappings of a number kept as text (`'1099999`, `="1099998"`) are not part of it.
        var s = raw.uppercased().filter { !$0.isWhitespace && $0 != "'" && $0 != "\"" && $0 != "=" }
        // A linked charity (`1123456-1`, `1123456/1`) is part of its main charity.
        if let cut = s.firstIndex(where: { $0 == "-" || $0 == "/" || $0 == "." }) { s = String(s[..<cut]) }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return .invalid("not a charity number") }
        if s.hasPrefix("SC") {
            let digits = s.dropFirst(2)
            guard digits.allSatisfy(\.isNumber), (1...6).contains(digits.count) else { return .invalid("SC followed by something other than up to 6 digits") }
            if digits.allSatisfy({ $0 == "0" }) { return .placeholder }
            return .valid("SC" + String(repeating: "0", count: 6 - digits.count) + digits)
        }
        if s.hasPrefix("NIC") || s.hasPrefix("NI") {
            let digits = s.drop(while: \.isLetter)
            guard s.prefix(while: \.isLetter).count <= 3, digits.allSatisfy(\.isNumber), (5...6).contains(digits.count),
                  !digits.allSatisfy({ $0 == "0" }) else { return .invalid("not a Northern Ireland charity number (NIC and 6 digits)") }
            return .valid("NIC" + String(repeating: "0", count: 6 - digits.count) + digits)
        }
        guard s.allSatisfy(\.isNumber) else { return .invalid("not a charity number") }
        let digits = s.drop { $0 == "0" }
        if digits.isEmpty { return .placeholder }
        guard (6...7).contains(digits.count), let n = Int(digits), n >= 200_000, n < 1_400_000 else {
            return .invalid("\(digits.count) digits: an England and Wales charity number is 200000–1399999")
        }
        return normalised(String(digits))
    }

    /// A registered charity number in its org-id form, or nil (see `checkCharityNumber`).
    public static func charityNumber(_ raw: String) -> String? { checkCharityNumber(raw).value }

    /// The org-id of a charity number in the form `checkCharityNumber` gives: `GB-CHC-1123456`, `GB-SC-SC012345`, `GB-NIC-100002`.
    public static func charityOrgID(_ number: String) -> String {
        if number.hasPrefix("SC") { return "GB-SC-\(number)" }
        if number.hasPrefix("NIC") { return "GB-NIC-\(number.dropFirst(3))" }
        return "GB-CHC-\(number)"
    }

    /// A UK VAT number as 9 digits (12 for a branch trader, `GD`/`HA` + 3 digits for government departments and
    /// health authorities), `GB` and spaces removed, with HMRC's check digits verified (the mod-97 scheme and the
    /// 9755 scheme used since 2010), or why it is not one.
    public static func checkVATNumber(_ raw: String) -> IdentifierCheck {
        if Placeholder.isNonValue(raw) { return .placeholder }
        var s = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        if s.hasPrefix("GB") || s.hasPrefix("XI") { s.removeFirst(2) }
        if s.count == 5, s.hasPrefix("GD") || s.hasPrefix("HA"), let n = Int(s.dropFirst(2)) {
            return (s.hasPrefix("GD") ? n < 500 : n >= 500) ? .valid(s) : .invalid("\(s.prefix(2)) number out of its range")
        }
        guard s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .invalid("not digits") }
        guard s.count == 9 || s.count == 12 else { return .invalid("\(s.count) digits, not 9 or 12") }
        if s.allSatisfy({ $0 == "0" }) { return .placeholder }
        let d = s.prefix(9).map { Int($0.asciiValue! - 48) }
        let weighted = zip(d.prefix(7), [8, 7, 6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        let check = d[7] * 10 + d[8]
        guard (weighted + check) % 97 == 0 || (weighted + check + 55) % 97 == 0 else { return .invalid("check digits do not match") }
        return .valid(s)
    }

    /// A UK VAT number with valid check digits, or nil (see `checkVATNumber`).
    public static func vatNumber(_ raw: String) -> String? { checkVATNumber(raw).value }

    /// A council's own supplier reference, trimmed; a known non-value (`Redacted`, `0`, `N/A`…) is a placeholder.
    public static func checkSupplierRef(_ raw: String) -> IdentifierCheck {
        let s = raw.trimmingSpaces
        if s.isEmpty || Placeholder.isNonValue(s) || s.allSatisfy({ $0 == "0" }) { return .placeholder }
        return .valid(s)
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

/// What checking one identifier found.
public enum IdentifierCheck: Equatable, Sendable {
    /// A valid identifier, in its normal form.
    case valid(String)
    /// A known non-value (`Redacted`, `N/A`, `TBC`, `00000000`…): not an identifier at all.
    case placeholder
    /// Something that is not a valid identifier of the scheme, and why.
    case invalid(String)

    /// The normal form when valid.
    public var value: String? { if case .valid(let v) = self { return v } else { return nil } }
}

/// National Insurance numbers, which councils type into company-number columns for sole traders (`JN393272A`).
enum NationalInsurance {
    static func matches(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 9 else { return false }
        func letter(_ i: Int) -> Bool { (65...90).contains(c[i]) }
        return letter(0) && letter(1) && (2..<8).allSatisfy({ (48...57).contains(c[$0]) }) && (65...68).contains(c[8])
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and non-breaking spaces.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{a0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
