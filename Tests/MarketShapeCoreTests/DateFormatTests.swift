import MarketShapeCore
import Testing

@Suite("Dates and their formats")
struct DateFormatTests {
    @Test func parsesEachFormat() {
        #expect(DateFormat.dayMonthYear.parse("02/01/2026")?.description == "2026-01-02")
        #expect(DateFormat.dayMonthYear.parse("2/1/26")?.description == "2026-01-02")
        #expect(DateFormat.dayMonthYear.parse("02/01/2026 00:00:00")?.description == "2026-01-02")
        #expect(DateFormat.monthDayYear.parse("01/02/2026")?.description == "2026-01-02")
        #expect(DateFormat.iso.parse("2022-08-17")?.description == "2022-08-17")
        #expect(DateFormat.iso.parse("2022-08-17T00:00:00")?.description == "2022-08-17")
        #expect(DateFormat.dayMonthName.parse("02-Jan-26")?.description == "2026-01-02")
        #expect(DateFormat.dayMonthName.parse("2 January 2026")?.description == "2026-01-02")
        #expect(DateFormat.yearMonthPeriod.parse("202601")?.description == "2026-01-01")
    }

    @Test func rejectsImpossibleDates() {
        #expect(DateFormat.dayMonthYear.parse("31/02/2026") == nil)
        #expect(DateFormat.dayMonthYear.parse("29/02/2025") == nil)
        #expect(DateFormat.dayMonthYear.parse("29/02/2024") != nil)
        #expect(DateFormat.iso.parse("2026-13-01") == nil)
        #expect(DateFormat.yearMonthPeriod.parse("202613") == nil)
    }

    /// Issue 19: cells that loaded as a date though they are none.
    @Test("a cell must be the date and at most a time: garbage around it is no date", arguments: [
        (DateFormat.dayMonthYear, "-1/01/2026"), (.dayMonthYear, "01//01/2026"), (.dayMonthYear, "01/01/2026 junk"), (.dayMonthYear, "01/01/2026/7"),
        (.dayMonthYear, "+1/01/2026"), (.dayMonthYear, "01/01/20266"), (.dayMonthYear, "1/1/026"), (.iso, "2026-01-01junk"), (.iso, "2026-01-01 junk"),
        (.iso, "2026--01-01"), (.dayMonthName, "02-Jan-26 extra"), (.dayMonthName, "x2-Jan-26"), (.monthDayYear, "01/02/2026 99"),
    ])
    func garbage(format: DateFormat, text: String) {
        #expect(format.parse(Substring(text)) == nil, "\(text)")
    }

    @Test("times of day after the date still read", arguments: ["02/01/2026 00:00:00", "02/01/2026 14:05", "02/01/2026 2:05 PM", "02/01/2026 00:00:00.000"])
    func times(text: String) {
        #expect(DateFormat.dayMonthYear.parse(Substring(text))?.description == "2026-01-02")
        #expect(DateFormat.iso.parse("2026-01-02T14:05:09Z")?.description == "2026-01-02")
        #expect(DateFormat.iso.parse("2026-01-02 14:05:09+01:00")?.description == "2026-01-02")
    }

    @Test("day-first is decided by a first number above 12")
    func dayFirstEvidence() {
        var s = DateFormatSniffer()
        for d in ["01/02/2026", "03/04/2026", "25/04/2026"] { s.observe(Substring(d)) }
        #expect(s.decision == .dayMonthYear)
    }

    @Test("month-first only on evidence")
    func monthFirstEvidence() {
        var s = DateFormatSniffer()
        for d in ["01/02/2026", "04/25/2026"] { s.observe(Substring(d)) }
        #expect(s.decision == .monthDayYear)
    }

    @Test("ambiguous slashes default to the UK day-first order")
    func ambiguousDefaultsToUK() {
        var s = DateFormatSniffer()
        for d in ["01/02/2026", "03/04/2026"] { s.observe(Substring(d)) }
        #expect(s.decision == .dayMonthYear)
    }

    @Test func isoAndPeriods() {
        var iso = DateFormatSniffer(); iso.observe("2022-08-17"); iso.observe("2022-08-01")
        #expect(iso.decision == .iso)
        var period = DateFormatSniffer(); period.observe("202601")
        #expect(period.decision == .yearMonthPeriod)
        var named = DateFormatSniffer(); named.observe("02-Jan-26")
        #expect(named.decision == .dayMonthName)
        var serial = DateFormatSniffer(); serial.observe("46067"); serial.observe("46068.5")
        #expect(serial.decision == .excelSerial)
        var eight = DateFormatSniffer(); eight.observe("20260214")
        #expect(eight.decision == .yearMonthDay)
    }

    @Test("Excel serials and yyyymmdd: the days they name, within bounds", arguments: [
        (DateFormat.excelSerial, "46067", "2026-02-14"), (.excelSerial, "36526", "2000-01-01"), (.excelSerial, "45351", "2024-02-29"),
        (.excelSerial, "46067.75", "2026-02-14"), (.excelSerial, "44197", "2021-01-01"), (.yearMonthDay, "20260214", "2026-02-14"),
        (.yearMonthDay, "20240229", "2024-02-29"),
    ])
    func numericDates(format: DateFormat, text: String, date: String) {
        #expect(format.parse(Substring(text))?.description == date)
    }

    @Test("numbers that are no serial or yyyymmdd", arguments: [
        (DateFormat.excelSerial, "36525"), (.excelSerial, "55154"), (.excelSerial, "4606"), (.excelSerial, "46067."), (.excelSerial, "-46067"),
        (.excelSerial, "46,067"), (.yearMonthDay, "20260230"), (.yearMonthDay, "2026021"), (.yearMonthDay, "20261301"),
    ])
    func notNumericDates(format: DateFormat, text: String) {
        #expect(format.parse(Substring(text)) == nil)
    }

    @Test("values no format reads are kept as examples for the error")
    func unreadExamples() {
        var s = DateFormatSniffer()
        for v in ["soon", "later", "02/01/2026", "never", "again"] { s.observe(Substring(v)) }
        #expect(s.examples == ["soon", "later", "never"])
    }
}

/// Issue 19, found by the fuzz suite: the byte-level fast path ingest tries first accepted `01/01/2026 junk` and
/// `2026-01-01 junk` as dates although `DateFormat.parse` refuses them.
@Suite("The fast date path agrees with the full one")
struct FastDatePathTests {
    @Test("whatever the fast path reads, the full parser reads the same", arguments: [
        ("01/01/2026 junk", DateFormat.dayMonthYear), ("01/01/2026 12:00", .dayMonthYear), ("01/01/2026 ", .dayMonthYear),
        ("2026-01-01 junk", .iso), ("2026-01-01T10:00:00Z", .iso), ("2026-01-01Tx", .iso), ("2026-01-01 09:30", .iso),
        ("12/25/2025 junk", .monthDayYear), ("-1/01/2026", .dayMonthYear), ("01//01/2026", .dayMonthYear), ("02/01/26", .dayMonthYear),
        ("99999999999999999999/1/2026", .dayMonthYear), ("1/1/99999999999999999999999", .dayMonthYear), ("1/99999999999999999999/2026", .monthDayYear),
    ])
    func agree(text: String, format: DateFormat) {
        var bytes = Array(text.utf8)
        let fast = bytes.withUnsafeMutableBufferPointer { SpendDate.parseFast(UnsafeBufferPointer($0), format: format) }
        let full = format.parse(Substring(text))
        if let fast { #expect(fast == full) }
        if text.hasSuffix("junk") || text.hasSuffix("Tx") { #expect(fast == nil && full == nil) }
    }
}
