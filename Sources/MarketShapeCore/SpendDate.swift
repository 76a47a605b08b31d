/// A calendar date without time zone, as councils publish payment dates.
public struct SpendDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid Gregorian date, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2199).contains(year), (1...12).contains(month), day >= 1,
              day <= SpendDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601: `2026-01-02`.
    public var description: String { "\(year)-\(SpendDate.pad(month))-\(SpendDate.pad(day))" }
    /// The month it falls in: `2026-01`.
    public var monthKey: String { "\(year)-\(SpendDate.pad(month))" }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public static func < (a: SpendDate, b: SpendDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
