/// The Procurement Act 2023 SME test, and the Companies House accounts-category proxy.
public enum SMERule {
    public static let staffLimit = 250
    public static let turnoverLimitPence = 44_000_000 * 100
    public static let balanceSheetLimitPence = 38_000_000 * 100

    /// Fewer than 250 staff and (turnover ≤ £44m or balance sheet ≤ £38m). Nil when the facts do not decide it.
    public static func isSME(employees: Int?, turnoverPence: Int?, balanceSheetPence: Int?) -> Bool? {
        guard let employees else { return nil }
        if employees >= staffLimit { return false }
        let turnoverOK = turnoverPence.map { $0 <= turnoverLimitPence }
        let balanceOK = balanceSheetPence.map { $0 <= balanceSheetLimitPence }
        if turnoverOK == true || balanceOK == true { return true }
        if turnoverOK == false && (balanceOK == false || balanceOK == nil) && balanceSheetPence != nil { return false }
        if turnoverOK == false && balanceOK == nil { return nil }   // over on turnover, balance sheet unknown: undecided
        return nil
    }

    /// Which Companies Act size thresholds applied to accounts made up to `madeUpTo` (`yyyy-mm-dd`), in words: those for
    /// periods beginning on or after 6 April 2025 (a year's accounts made up to 5 April 2026 or later), or the earlier ones.
    public static func vintage(madeUpTo: String?) -> String {
        guard let madeUpTo, madeUpTo.count == 10 else {
            return "no accounts date, so which size thresholds applied is not known"
        }
        if madeUpTo >= "2026-04-05" {
            return "accounts made up to \(madeUpTo), a period beginning on or after 6 April 2025: medium means turnover ≤ £54m, balance sheet ≤ £27m, ≤ 250 staff (two of three)"
        }
        return "accounts made up to \(madeUpTo), a period beginning before 6 April 2025: medium means turnover ≤ £36m, balance sheet ≤ £18m, ≤ 250 staff (two of three)"
    }

    /// Companies House accounts categories that suggest an SME (true) or a large company (false).
    public static func proxy(accountsCategory: String?) -> Bool? {
        guard let c = accountsCategory?.uppercased() else { return nil }
        if ["MICRO ENTITY", "SMALL", "MEDIUM", "UNAUDITED ABRIDGED"].contains(c) || c.hasPrefix("TOTAL EXEMPTION") { return true }
        if c == "FULL" || c == "GROUP" { return false }
        return nil
    }
}
