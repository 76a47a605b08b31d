import MarketShapeCore
import Testing

@Suite("Amounts into pence")
struct AmountParserTests {
    @Test("every form seen in council files", arguments: [
        ("519.89", 51_989), (" 519.89 ", 51_989), ("1,501.12", 150_112), ("£1,234.56", 123_456), ("-£1,234.56", -123_456),
        ("(123.45)", -12_345), ("-34,339.00", -3_433_900), ("123.45-", -12_345), ("123.45CR", -12_345), ("123.45 CR", -12_345),
        ("99.10 DR", 9_910), ("\u{a0}27,275.25\u{a0}", 2_727_525), ("12", 1_200), ("12.5", 1_250), (".75", 75), ("0.005", 1),
        ("1.234", 123), ("+10.00", 1_000), ("£ 5.00", 500),
        ("GBP 500.00", 50_000), ("500.00 GBP", 50_000), ("gbp500", 50_000), ("£(500.00)", -50_000), ("£\u{a0}500.00", 50_000),
        ("\u{2212}12.50", -1_250), ("\u{2013}£12.50", -1_250), ("GBP (1,000.00)", -100_000),
    ])
    func parses(text: String, pence: Int) throws {
        #expect(try AmountParser.parse(text).get() == pence)
    }

    @Test("blanks and #N/A are missing", arguments: ["", "   ", "#N/A", "N/A", "n/a"])
    func missing(text: String) {
        #expect(AmountParser.parse(text) == .failure(.missing))
    }

    @Test("text that is not money is invalid", arguments: ["abc", "1.2.3", "12a", "£", "(12.00", "1,2,3.4.5", "--5", "5 5", "GBP", "GBP GBP 5",
                                                            "5\u{2212}", "\u{2212}-5", "£(5.00", "1 234,56", "500,00", "USD 5.00"])
    func invalid(text: String) {
        #expect(AmountParser.parse(text) == .failure(.invalid))
    }

    /// Issue 19: values that loaded as something else, silently.
    @Test("misplaced thousands separators are invalid, never another amount", arguments: ["1,23", "12,3456", "£1,2,3", "1,2345.00", "1234,567", ",123", "1,234,56", "12,34.5"])
    func misplacedSeparators(text: String) {
        #expect(AmountParser.parse(text) == .failure(.invalid))
    }

    @Test("correct grouping still reads", arguments: [("1,234", 123_400), ("12,345,678.90", 1_234_567_890), ("123,456", 12_345_600), ("-1,000", -100_000), ("(1,000.00)", -100_000)])
    func grouping(text: String, pence: Int) throws {
        #expect(try AmountParser.parse(text).get() == pence)
    }

    @Test("two ways of saying negative are invalid, never a payment", arguments: ["(-5)", "(5)CR", "-5CR", "5CR-", "(5-)", "-5-", "5- CR", "-5DR", "(5)DR", "5-DR"])
    func doubleNegatives(text: String) {
        #expect(AmountParser.parse(text) == .failure(.invalid))
    }

    @Test("Windows-1252 pound sign byte")
    func windowsPound() {
        let bytes: [UInt8] = [0xA3, 0x31, 0x30, 0x2E, 0x30, 0x30]
        #expect(bytes.withUnsafeBufferPointer { try? AmountParser.parse($0).get() } == 1_000)
    }
}

@Suite("Money formatting")
struct MoneyTests {
    @Test func pounds() {
        #expect(formatPounds(123_456) == "£1,234.56")
        #expect(formatPounds(-5) == "-£0.05")
        #expect(formatPounds(100_000_000, decimals: false) == "£1,000,000")
        #expect(formatDecimalPounds(-123_456) == "-1234.56")
    }
}
