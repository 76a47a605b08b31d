/// How months fall into the periods MarketShape measures and reports, and what the periods are called: one place
/// for the rules, used by the measure stage (which periods a month counts in) and the report (which months a
/// period covers). A month is `year × 12 + month − 1`.
///
/// - month `2025-09`;
/// - quarter `2025-Q3` (calendar quarters);
/// - UK financial year `FY2025-26` (April to March);
/// - rolling twelve months `R12-2025-09` (the twelve months to September 2025): only complete windows (the first
///   month is no earlier than the first month with payments), and only those ending in the latest twelve months
///   with payments, so a year of trend without re-adding five years of history.
///
/// `seq` numbers a kind's periods consecutively on the calendar, so the previous period is `seq − 1`.
public enum PeriodCalendar {
    public typealias Kind = PipelineConfig.PeriodKind

    /// `2025-09` for `2025 × 12 + 8`.
    public static func monthName(_ month: Int) -> String {
        let m = month % 12 + 1
        return "\(month / 12)-\(m < 10 ? "0" : "")\(m)"
    }

    /// The periods of `kind` that `month` counts in, given every month with payments (sorted), with their `seq`.
    public static func periods(of kind: Kind, containing month: Int, months: [Int]) -> [(name: String, seq: Int)] {
        let year = month / 12, m = month % 12 + 1
        switch kind {
        case .month:
            return [(monthName(month), month)]
        case .quarter:
            let q = (m + 2) / 3
            return [("\(year)-Q\(q)", year * 4 + q - 1)]
        case .financialYear:
            let fy = m < 4 ? year - 1 : year
            let next = (fy + 1) % 100
            return [("FY\(fy)-\(next < 10 ? "0" : "")\(next)", fy)]
        case .rolling12:
            guard let first = months.first, let last = months.last else { return [] }
            return months.filter { end in end - 11 >= first && end > last - 12 && (end - 11...end).contains(month) }
                .map { ("R12-" + monthName($0), $0) }
        }
    }
}
