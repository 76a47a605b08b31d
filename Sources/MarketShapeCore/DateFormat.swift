/// The date layouts seen in council spend files.
public enum DateFormat: String, Codable, CaseIterable, Sendable {
    /// `02/01/2026`, also with `-` or `.` separators and an optional time after a space.
    case dayMonthYear = "dd/mm/yyyy"
    /// `01/02/2026` (US order; rare in UK files, chosen only on the file's evidence).
    case monthDayYear = "mm/dd/yyyy"
    /// `2026-01-02`, optionally followed by `T…` or ` …` time.
    case iso = "yyyy-mm-dd"
    /// `02-Jan-26`, `2-Jan-2026`, `02 Jan 2026`.
    case dayMonthName = "dd-Mon-yy"
    /// `202601`: a payment period, dated on the first day of the month.
    case yearMonthPeriod = "yyyymm"
    /// `20260102`: eight digits, as finance systems (SAP) export a date.
    case yearMonthDay = "yyyymmdd"
    /// `46024`: an Excel date serial (days since 30 December 1899) left in a CSV saved from a spreadsheet; read only
    /// between 2000 and 2050 (36526…55153), optionally with a time of day as its fraction (`46024.5`).
    case excelSerial = "excel-serial"

    /// Formats in which a cell can mean only one day, whatever order the file's slashed dates are in.
    public static let unambiguous: [DateFormat] = [.iso, .dayMonthName, .excelSerial]

    /// A format whose cells are bare numbers: never evidence that a column holds dates (an id column would pass).
    public var isNumeric: Bool { self == .yearMonthPeriod || self == .yearMonthDay || self == .excelSerial }

    /// Parses one cell in this format. The whole cell must be the date (and, where the format allows one, a time of
    /// day after it): `-1/01/2026`, `01//01/2026` and `01/01/2026 junk` are no dates.
    public func parse(_ text: Substring) -> SpendDate? {
        let t = text.trimmingCharacters(in: " \t\u{a0}")
        switch self {
        case .iso:
            let datePart = t.prefix(10), rest = t.dropFirst(10)
            guard rest.isEmpty || ((rest.first == "T" || rest.first == " ") && DateFormat.isTime(rest.dropFirst())),
                  let parts = DateFormat.numbers(datePart, separators: "-/"), parts.count == 3, parts[0].digits == 4, parts[1].digits <= 2, parts[2].digits <= 2
            else { return nil }
            return SpendDate(year: parts[0].value, month: parts[1].value, day: parts[2].value)
        case .dayMonthYear, .monthDayYear:
            let split = t.split(separator: " ", maxSplits: 1)
            let datePart = split.first ?? ""
            guard split.count < 2 || DateFormat.isTime(split[1]),
                  let parts = DateFormat.numbers(datePart, separators: "/-."), parts.count == 3, parts[0].digits <= 2, parts[1].digits <= 2,
                  parts[2].digits == 2 || parts[2].digits == 4 else { return nil }
            let year = DateFormat.fullYear(parts[2])
            return self == .dayMonthYear
                ? SpendDate(year: year, month: parts[1].value, day: parts[0].value)
                : SpendDate(year: year, month: parts[0].value, day: parts[1].value)
        case .dayMonthName:
            let pieces = t.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "/" })
            guard pieces.count == 3 || (pieces.count == 4 && DateFormat.isTime(pieces[3])) || (pieces.count == 5 && DateFormat.isTime(pieces[3] + " " + pieces[4])),
                  pieces[0].allSatisfy({ $0.isASCII && $0.isNumber }), pieces[2].allSatisfy({ $0.isASCII && $0.isNumber }),
                  pieces[0].count <= 2, pieces[2].count == 2 || pieces[2].count == 4,
                  let day = Int(pieces[0]), let year = Int(pieces[2]), let month = DateFormat.monthNumber(pieces[1]) else { return nil }
            return SpendDate(year: DateFormat.fullYear((year, pieces[2].count)), month: month, day: day)
        case .yearMonthPeriod:
            let digits = t.filter(\.isNumber)
            guard digits.count == 6, digits.count == t.count, let n = Int(digits) else { return nil }
            return SpendDate(year: n / 100, month: n % 100, day: 1)
        case .yearMonthDay:
            guard t.count == 8, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else { return nil }
            return SpendDate(year: n / 10_000, month: n / 100 % 100, day: n % 100)
        case .excelSerial:
            let pieces = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = pieces.first, whole.count == 5, whole.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(whole), (36526...55153).contains(n),
                  pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].allSatisfy({ $0.isASCII && $0.isNumber })) else { return nil }
            return SpendDate(daysSinceExcelEpoch: n)
        }
    }

    /// The numbers between separators, or nil when any piece is not digits (an empty piece, a sign, a letter).
    static func numbers(_ s: Substring, separators: String) -> [(value: Int, digits: Int)]? {
        var out: [(value: Int, digits: Int)] = []
        for piece in s.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }) {
            guard !piece.isEmpty, piece.count <= 4, piece.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(piece) else { return nil }
            out.append((v, piece.count))
        }
        return out
    }

    /// A time of day as spend files print one after a date: `14:05`, `14:05:09`, `00:00:00.000`, `2:05 PM`, and in ISO
    /// form `14:05:09Z` or `14:05:09+01:00`.
    static func isTime<S: StringProtocol>(_ s: S) -> Bool {
        var t = Substring(s).trimmingCharacters(in: " ")[...]
        for suffix in [" AM", " PM", "AM", "PM", " am", " pm", "am", "pm", "Z"] where t.hasSuffix(suffix) { t = t.dropLast(suffix.count); break }
        if let plus = t.lastIndex(where: { $0 == "+" || $0 == "-" }), t.distance(from: t.startIndex, to: plus) >= 5 {
            let offset = t[t.index(after: plus)...]
            guard offset.count == 5 || offset.count == 4 || offset.count == 2, offset.allSatisfy({ $0.isNumber || $0 == ":" }) else { return false }
            t = t[..<plus]
        }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return false }
        for (i, p) in parts.enumerated() {
            let whole = i == 2 ? p.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false) : [p]
            guard let digits = whole.first, (i == 0 ? 1...2 : 2...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            if whole.count == 2 { guard !whole[1].isEmpty, whole[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false } }
        }
        return true
    }

    /// A two-digit year as POSIX `strptime` reads one: 00–68 are 2000–2068, 69–99 are 1969–1999 (`03/06/99` is no 2099).
    static func fullYear(_ part: (value: Int, digits: Int)) -> Int {
        part.digits == 2 ? twoDigitYear(part.value) : part.value
    }

    public static func twoDigitYear(_ yy: Int) -> Int { yy < 69 ? 2000 + yy : 1900 + yy }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func monthNumber(_ s: Substring) -> Int? {
        let key = s.prefix(3).lowercased()
        return monthNames.firstIndex(of: key).map { $0 + 1 }
    }
}

extension StringProtocol {
    /// Removes the given characters from both ends.
    public func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
