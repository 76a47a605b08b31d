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

    /// Parses one cell in this format.
    public func parse(_ text: Substring) -> SpendDate? {
        let t = text.trimmingCharacters(in: " \t\u{a0}")
        switch self {
        case .iso:
            let parts = DateFormat.numbers(t.prefix(10), separators: "-/")
            guard parts.count == 3, parts[0].digits == 4 else { return nil }
            return SpendDate(year: parts[0].value, month: parts[1].value, day: parts[2].value)
        case .dayMonthYear, .monthDayYear:
            let datePart = t.split(separator: " ", maxSplits: 1).first ?? ""
            let parts = DateFormat.numbers(datePart, separators: "/-.")
            guard parts.count == 3, parts[0].digits <= 2, parts[1].digits <= 2 else { return nil }
            let year = DateFormat.fullYear(parts[2])
            return self == .dayMonthYear
                ? SpendDate(year: year, month: parts[1].value, day: parts[0].value)
                : SpendDate(year: year, month: parts[0].value, day: parts[1].value)
        case .dayMonthName:
            let pieces = t.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "/" })
            guard pieces.count >= 3, let day = Int(pieces[0]), let year = Int(pieces[2]),
                  let month = DateFormat.monthNumber(pieces[1]) else { return nil }
            return SpendDate(year: DateFormat.fullYear((year, pieces[2].count)), month: month, day: day)
        case .yearMonthPeriod:
            let digits = t.filter(\.isNumber)
            guard digits.count == 6, digits.count == t.count, let n = Int(digits) else { return nil }
            return SpendDate(year: n / 100, month: n % 100, day: 1)
        }
    }

    static func numbers(_ s: Substring, separators: String) -> [(value: Int, digits: Int)] {
        s.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }).compactMap { piece in
            guard !piece.isEmpty, piece.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(piece) else { return nil }
            return (v, piece.count)
        }
    }

    static func fullYear(_ part: (value: Int, digits: Int)) -> Int {
        part.digits == 2 ? 2000 + part.value : part.value
    }

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
