import SpendCSV
import Testing

@Suite("libcsv reader")
struct CSVReaderTests {
    func read(_ text: [UInt8], dialect: CSVDialect = CSVDialect()) throws -> (records: [(Int, [String])], summary: CSVReadSummary) {
        var records: [(Int, [String])] = []
        let summary = try CSVReader(dialect: dialect).read(bytes: text) { records.append(($0.line, $0.strings)) }
        return (records, summary)
    }

    @Test("physical line numbers across CRLF, CR-only, blank lines and quoted line breaks")
    func lineNumbers() throws {
        let text = Array("a,b\r\n1,\"x\ny\"\r\n\r\n2,z\r3,w\n".utf8)
        let (records, summary) = try read(text)
        #expect(records.map(\.0) == [1, 2, 5, 6])
        #expect(records[1].1 == ["1", "x\ny"])
        #expect(summary.blankLines == 1)
        #expect(summary.records == 4)
    }

    @Test("byte-order marks, single and double-encoded, are stripped")
    func boms() throws {
        let single = try read([0xEF, 0xBB, 0xBF] + Array("h\r\n".utf8))
        #expect(single.records.first?.1 == ["h"])
        #expect(single.summary.byteOrderMarks == 1)
        let double = try read([0xC3, 0xAF, 0xC2, 0xBB, 0xC2, 0xBF] + Array("h\r\n".utf8))
        #expect(double.records.first?.1 == ["h"])
    }

    @Test("Windows-1252 bytes are transcoded, including 0x80–0x9F")
    func windows1252() throws {
        let (records, _) = try read([0x80, 0x2C, 0xA3, 0x35, 0x2C, 0x93, 0x71, 0x94, 0x0A], dialect: CSVDialect(encoding: .windows1252))
        #expect(records.first?.1 == ["€", "£5", "“q”"])
    }

    @Test("invalid UTF-8 in a UTF-8 file is transcoded field by field and counted")
    func strayBytes() throws {
        let (records, summary) = try read(Array("ok,".utf8) + [0x43, 0x41, 0x46, 0xC9] + [0x0A])
        #expect(records.first?.1 == ["ok", "CAFÉ"])
        #expect(summary.transcodedFields == 1)
    }

    @Test("tab-delimited files keep tabs out of trimming")
    func tabs() throws {
        let (records, _) = try read(Array("a\t b \tc\n".utf8), dialect: CSVDialect(delimiter: 9))
        #expect(records.first?.1 == ["a", "b", "c"])
    }

    @Test("fields of every length up to 40 bytes come back whole, with a line break or a non-ASCII byte at any position")
    func fieldLengths() throws {
        var text = ""
        var expected: [[String]] = []
        for length in 1...40 {
            for (i, special) in ["\n", "é"].enumerated() {
                let at = (length * 7 + i) % length
                var chars = Array(String(repeating: "abcdefghij", count: 4).prefix(length)).map(String.init)
                chars[at] = special
                let field = chars.joined()
                text += "\(length),\"\(field)\"\n"
                expected.append([String(length), field])
            }
        }
        let (records, _) = try read(Array(text.utf8))
        #expect(records.map(\.1) == expected)
        #expect(records.last?.0 == 80 + 40)   // each record's field holds one line break in half the records
    }

    @Test("an unclosed quote is an error naming the line")
    func unclosedQuote() {
        let error = #expect(throws: CSVReadError.self) { try read(Array("a,b\n1,\"open\n2,3\n".utf8)) }
        #expect(error?.line == 2)
    }

    @Test("RFC 4180 writing quotes only where needed and neutralises formulas on request")
    func writing() {
        #expect(CSVWriter.encode("plain") == "plain")
        #expect(CSVWriter.encode("a,b") == "\"a,b\"")
        #expect(CSVWriter.encode("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.encode("=HYPERLINK(\"x\")", neutraliseFormulas: true) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVWriter.encode("-12.50", neutraliseFormulas: true) == "-12.50")
        #expect(CSVWriter.encode("@SUM(A1)", neutraliseFormulas: true) == "'@SUM(A1)")
    }

    @Test("files for people lose control and bidi-control characters; raw writing keeps every byte")
    func displayCleaning() {
        #expect(CSVWriter.encode("\u{1b}[2JACME\u{202e}LTD", neutraliseFormulas: true) == "[2JACMELTD")
        #expect(CSVWriter.encode("two\nlines", neutraliseFormulas: true) == "\"two\nlines\"")
        #expect(CSVWriter.encode("\u{1b}x") == "\u{1b}x")
    }

    /// Found by the fuzz suite: `"\r\n"` is one Swift Character, so a cell holding a CRLF was written unquoted and
    /// split the row in two.
    @Test("a cell holding CRLF, CR or LF is quoted", arguments: ["Adults\r\nand Health", "\r\n", "a\rb", "a\nb"])
    func lineBreaksQuoted(cell: String) {
        #expect(CSVWriter.encode(cell) == "\"" + cell + "\"")
    }
}

/// A quoted field that goes on after its closing quote, `"Quoted" Trailing Ltd`: libcsv alone swallows the rest of
/// the file into it.
@Suite("Quoted fields that go on after their closing quote")
struct QuoteRepairTests {
    static let text = "A,B,C\r\n1,\"Quoted\" Trailing Ltd,x\r\n2,\"Other\" Co \"quoted\" again,y\r\n3,\"fine, quoted\",z\r\n4,\"ends\" here\r\n"

    @Test("each is read as one field, and the records after it are untouched")
    func mended() throws {
        var records: [[String]] = []
        let summary = try CSVReader(dialect: CSVDialect(mendsQuotes: true)).read(bytes: Array(Self.text.utf8)) { records.append($0.strings) }
        #expect(records == [["A", "B", "C"], ["1", "Quoted Trailing Ltd", "x"], ["2", "Other Co \"quoted\" again", "y"], ["3", "fine, quoted", "z"], ["4", "ends here"]])
        #expect(summary.mendedQuotes == 3)
        let counted = QuoteRepair.count(Array(Self.text.utf8), delimiter: UInt8(ascii: ","))
        #expect(counted.repairs == 3)
        #expect(counted.firstLine == 2)
    }

    @Test("spaces: before an opening quote it is still quoted; after a closing quote and before a comma nothing is mended")
    func spaces() throws {
        let text = "A,B,C\r\n1, \"Acme\" Ltd,2\r\n3,\"Beta\" ,4\r\n5,\"Gamma\"  Co,6\r\n"
        var records: [[String]] = []
        let summary = try CSVReader(dialect: CSVDialect(mendsQuotes: true)).read(bytes: Array(text.utf8)) { records.append($0.strings) }
        #expect(records == [["A", "B", "C"], ["1", "Acme Ltd", "2"], ["3", "Beta", "4"], ["5", "Gamma  Co", "6"]])
        #expect(summary.mendedQuotes == 2)
    }

    @Test("without mending, libcsv reads past the line (the reason for it)")
    func unmended() {
        #expect(throws: CSVReadError.self) { _ = try CSVReader().read(bytes: Array(Self.text.utf8)) { _ in } }
    }

    @Test("chunk boundaries anywhere give the same records")
    func chunked() throws {
        let bytes = Array(Self.text.utf8)
        for cut in 1..<bytes.count {
            var repair = QuoteRepair(delimiter: UInt8(ascii: ","))
            var out: [UInt8] = []
            bytes.withUnsafeBufferPointer { all in
                repair.mend(UnsafeBufferPointer(rebasing: all[..<cut]), into: &out)
                repair.mend(UnsafeBufferPointer(rebasing: all[cut...]), into: &out)
            }
            repair.finish(into: &out)
            var whole = QuoteRepair(delimiter: UInt8(ascii: ","))
            var expected: [UInt8] = []
            bytes.withUnsafeBufferPointer { whole.mend($0, into: &expected) }
            whole.finish(into: &expected)
            #expect(out == expected, "cut at \(cut)")
        }
    }
}
