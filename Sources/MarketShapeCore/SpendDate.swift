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

    /// The date `days` after 30 December 1899 (Excel's day 0 for serials after February 1900).
    public init?(daysSinceExcelEpoch days: Int) {
        // Days from 1970-01-01, then the civil date (Howard Hinnant's algorithm).
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
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

    /// Parses `dd/mm/yyyy` (or `-`, `.`; 1–2 digit day and month; 2 or 4 digit year) or `yyyy-mm-dd…` straight
    /// from bytes; nil when the bytes are not of that shape (callers then use `DateFormat.parse`).
    public static func parseFast(_ b: UnsafeBufferPointer<UInt8>, format: DateFormat) -> SpendDate? {
        @inline(__always) func digit(_ i: Int) -> Int? { i < b.count && b[i] &- 48 < 10 ? Int(b[i] &- 48) : nil }
        switch format {
        case .iso:
            guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, let y1 = digit(0), let y2 = digit(1), let y3 = digit(2), let y4 = digit(3),
                  let m1 = digit(5), let m2 = digit(6), let d1 = digit(8), let d2 = digit(9),
                  b.count == 10 || ((b[10] == 0x54 || b[10] == 0x20) && isTime(b, from: 11)) else { return nil }
            return SpendDate(year: y1 * 1000 + y2 * 100 + y3 * 10 + y4, month: m1 * 10 + m2, day: d1 * 10 + d2)
        case .dayMonthYear, .monthDayYear:
            var parts = (0, 0, 0), digits = (0, 0, 0), part = 0, i = 0
            while i < b.count {
                let c = b[i]
                if let d = digit(i) {
                    // No part of a date has more than four digits: a longer run is no date (and would overflow).
                    guard (part == 0 ? digits.0 : part == 1 ? digits.1 : digits.2) < 4 else { return nil }
                    switch part { case 0: parts.0 = parts.0 * 10 + d; digits.0 += 1
                                  case 1: parts.1 = parts.1 * 10 + d; digits.1 += 1
                                  default: parts.2 = parts.2 * 10 + d; digits.2 += 1 }
                } else if (c == 0x2F || c == 0x2D || c == 0x2E) && part < 2 { part += 1 }
                else if c == 0x20 && part == 2 { guard isTime(b, from: i + 1) else { return nil }; break }
                else { return nil }
                i += 1
            }
            guard part == 2, (1...2).contains(digits.0), (1...2).contains(digits.1), digits.2 == 4 || digits.2 == 2 else { return nil }
            let year = digits.2 == 2 ? DateFormat.twoDigitYear(parts.2) : parts.2
            return format == .dayMonthYear ? SpendDate(year: year, month: parts.1, day: parts.0)
                                           : SpendDate(year: year, month: parts.0, day: parts.1)
        default:
            return nil
        }
    }

    /// Whether the bytes from `start` on are a time of day (`DateFormat.isTime`): a date followed by anything else is
    /// no date.
    static func isTime(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        start < b.count && DateFormat.isTime(Substring(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self)))
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public static func < (a: SpendDate, b: SpendDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
