/// Decides a file's date format from the evidence of many cells, as a person would:
/// a first number above 12 proves day-first, a second above 12 proves month-first.
public struct DateFormatSniffer: Sendable {
    public private(set) var counts: [DateFormat: Int] = [:]
    public private(set) var dayFirstEvidence = 0
    public private(set) var monthFirstEvidence = 0
    public private(set) var seen = 0
    /// The first few values no format reads (for an error that shows them).
    public private(set) var examples: [String] = []

    public init() {}

    /// Adds one cell's evidence.
    public mutating func observe(_ text: Substring) {
        let t = text.trimmingCharacters(in: " \t\u{a0}")
        guard !t.isEmpty else { return }
        seen += 1
        var read = false
        for format in DateFormat.allCases where format.parse(Substring(t)) != nil {
            counts[format, default: 0] += 1
            read = true
        }
        if !read && examples.count < 3 { examples.append(t) }
        if let parts = DateFormat.numbers((t.split(separator: " ").first ?? ""), separators: "/-."), parts.count == 3, parts[0].digits <= 2 {
            if parts[0].value > 12 { dayFirstEvidence += 1 }
            if parts[1].value > 12 { monthFirstEvidence += 1 }
        }
    }

    /// The format that parses the most cells; between day- and month-first, the evidence decides,
    /// and UK day-first wins when nothing tells them apart.
    public var decision: DateFormat? {
        let dmy = counts[.dayMonthYear, default: 0], mdy = counts[.monthDayYear, default: 0]
        var best: (DateFormat, Int)? = nil
        for format in [DateFormat.iso, .dayMonthName, .yearMonthPeriod, .yearMonthDay, .excelSerial] {
            let n = counts[format, default: 0]
            if n > 0 && n > (best?.1 ?? 0) { best = (format, n) }
        }
        let slashBest: (DateFormat, Int)? = {
            if dmy == 0 && mdy == 0 { return nil }
            if monthFirstEvidence > 0 && dayFirstEvidence == 0 { return (.monthDayYear, mdy) }
            return (.dayMonthYear, dmy)
        }()
        if let s = slashBest, s.1 >= (best?.1 ?? 0) { return s.0 }
        return best?.0
    }
}
