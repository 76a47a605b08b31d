import Foundation
import Fuzzing
import MarketShapeCore
import PropertyBased
import SpendCSV
import Testing

/// Properties of the reading paths over generated values (swift-property-based, with shrinking): what MarketShape
/// writes, it reads back the same; what it must refuse, it refuses.
@Suite("Reading-path properties")
struct PropertyTests {
    @Test("any pence written as a plain, grouped, bracketed or CR amount reads back to the penny")
    func amountsRoundTrip() async {
        await propertyCheck(count: 3000, input: Gen.int(in: -99_999_999_999...99_999_999_999)) { p in
            #expect(AmountParser.parse(formatDecimalPounds(p)) == .success(p))
            #expect(AmountParser.parse(formatPounds(p)) == .success(p))
            if p > 0 {
                #expect(AmountParser.parse("(" + formatPounds(p) + ")") == .success(-p))
                #expect(AmountParser.parse(formatDecimalPounds(p) + "CR") == .success(-p))
                #expect(AmountParser.parse("(" + formatPounds(p) + ")CR") == .failure(.invalid))
            }
        }
    }

    @Test("a thousands separator that does not group three digits makes the amount invalid")
    func misplacedSeparators() async {
        await propertyCheck(count: 2000, input: Gen.number.string(of: 4...12), Gen.int(in: 1...11)) { digits, at in
            let cut = min(at, digits.count - 1)
            let groupAfter = digits.count - cut
            let text = String(digits.prefix(cut)) + "," + String(digits.suffix(groupAfter))
            let expected: Result<Pence, AmountProblem>? = groupAfter == 3 && cut <= 3 ? AmountParser.parse(digits) : .failure(.invalid)
            if groupAfter != 3 { #expect(AmountParser.parse(text) == expected, "\(text)") }
        }
    }

    @Test("every calendar date written in each format reads back, the same on the fast path")
    func datesRoundTrip() async {
        await propertyCheck(count: 3000, input: Gen.int(in: 1990...2099), Gen.int(in: 1...12), Gen.int(in: 1...31)) { year, month, day in
            guard let date = SpendDate(year: year, month: month, day: day) else { return }
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let written: [(DateFormat, String)] = [
                (.iso, date.description), (.dayMonthYear, "\(day)/\(month)/\(year)"), (.dayMonthYear, "\(day).\(month).\((2000...2068).contains(year) || (1969...1999).contains(year) ? String(format: "%02d", year % 100) : String(year)) 10:30"),
                (.monthDayYear, "\(month)/\(day)/\(year)"), (.dayMonthName, "\(day)-\(names[month - 1])-\(year)"),
            ]
            for (format, text) in written {
                #expect(format.parse(Substring(text)) == date, "\(text)")
                try? FuzzTarget.date.check(Array(text.utf8))
            }
            #expect(DateFormat.dayMonthYear.parse(Substring("\(day)/\(month)/\(year) junk")) == nil)
        }
    }

    static let pieces = ["a", "Z", ",", ";", "\"", "\"\"", "\r\n", "\n", " ", "x y", "£", "é", "#N/A", "\t", "'", "=1"]

    @Test("any records written by CSVWriter read back as the same records through libcsv")
    func csvRoundTrip() async throws {
        let field = Gen.element(of: Self.pieces).array(of: 0...5).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 1500, input: field.array(of: 1...5).array(of: 1...8)) { records in
            let text = records.map { r in r.map { CSVWriter.encode($0) }.joined(separator: ",") + "\r\n" }.joined()
            var back: [[String]] = []
            #expect(throws: Never.self) { _ = try CSVReader().read(bytes: Array(text.utf8)) { back.append($0.strings) } }
            #expect(back == records.filter { $0 != [""] })
        }
    }

    @Test("mending quotes changes nothing in well-formed CSV: the same bytes, the same records, nothing counted")
    func quoteRepairLeavesWellFormedCSV() async throws {
        let field = Gen.element(of: Self.pieces).array(of: 0...5).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 1500, input: field.array(of: 1...5).array(of: 1...8)) { records in
            let bytes = Array(records.map { r in r.map { CSVWriter.encode($0) }.joined(separator: ",") + "\r\n" }.joined().utf8)
            var repair = QuoteRepair(delimiter: UInt8(ascii: ","))
            var out: [UInt8] = []
            bytes.withUnsafeBufferPointer { repair.mend($0, into: &out) }
            repair.finish(into: &out)
            #expect(out == bytes)
            #expect(repair.repairs == 0)
            var back: [[String]] = []
            #expect(throws: Never.self) { _ = try CSVReader(dialect: CSVDialect(mendsQuotes: true)).read(bytes: bytes) { back.append($0.strings) } }
            #expect(back == records.filter { $0 != [""] })
        }
    }
}
