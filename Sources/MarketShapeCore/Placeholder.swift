/// Values councils type into identifier columns to mean "no identifier": `Redacted`, `N/A`, `Not yet available`,
/// `TBC`, `Unknown`, `Various`, `0`, `00000000`, `Exempt`, `None`… Such a value links nothing.
public enum Placeholder {
    /// Known non-values, as letters and digits only, upper case.
    static let words: Set<String> = [
        "REDACTED", "NA", "NONE", "NIL", "NULL", "TBC", "TBA", "TBD", "UNKNOWN", "VARIOUS", "EXEMPT", "NOTAPPLICABLE",
        "NOTAVAILABLE", "NOTYETAVAILABLE", "NOTKNOWN", "NOTPROVIDED", "NOTGIVEN", "NOTREGISTERED", "NOTVATREGISTERED",
        "NOVAT", "NONVAT", "NOTREQUIRED", "NOTSTATED", "NOTRECORDED", "NOTDISCLOSED", "WITHHELD", "PENDING", "MISSING",
        "BLANK", "EMPTY", "NO", "X", "XX", "XXX", "DETAILSREDACTED", "REDACTEDPERSONALDATA", "PERSONALDATA",
        "PRIVATEINDIVIDUAL", "INDIVIDUAL", "SOLETRADER", "CHARITY", "COMPANY", "SUNDRY", "SUNDRYSUPPLIER",
        "PURCHASECARD", "PURCHASECARDSUPPLIER", "PCARD", "PROCUREMENTCARD", "ONEOFF", "ONEOFFSUPPLIER", "MISC",
        "MISCELLANEOUS", "GENERAL", "DUMMY", "TEMP", "TEMPORARY", "TEST", "NEW", "OTHER", "OTHERS", "APPLIEDFOR",
    ]

    /// True when `raw` is a known non-value: one of the words above (in any case, punctuation ignored), or a
    /// value of zeros, dashes, question marks or stars alone.
    public static func isNonValue(_ raw: String) -> Bool {
        let letters = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        if letters.isEmpty { return true }
        if letters.allSatisfy({ $0 == "0" }) { return true }
        if letters.allSatisfy({ $0 == "9" }) && letters.count >= 4 { return true }
        return words.contains(letters)
    }
}
