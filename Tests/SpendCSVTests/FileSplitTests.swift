import Foundation
import SpendCSV
import Testing

@Suite("Splitting a file for parsing side by side")
struct FileSplitTests {
    /// Writes `bytes` to a fresh temporary file.
    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ms-split-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func records(_ path: String, range: Range<Int>, firstLine: Int) throws -> (records: [[String]], summary: CSVReadSummary) {
        var records: [[String]] = []
        let summary = try CSVReader().read(path: path, range: range, firstLine: firstLine) { records.append(["\($0.line)"] + $0.strings) }
        return (records, summary)
    }

    @Test("line breaks are counted as the reader numbers lines: LF, CRLF and a lone CR once each, also inside quotes")
    func lineBreaks() throws {
        let path = try file(Array("a\r\nb\rc\n\"x\r\ny\"\r\rz\n\nw\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try FileSplit.lineBreaks(path: path, in: 0..<Int.max) == 9)
        #expect(try FileSplit.lineBreaks(path: path, in: 0..<4) == 1)     // "a\r\nb": the CRLF once
        #expect(try FileSplit.lineBreaks(path: path, in: 0..<6) == 2)     // a CR at the end of the range is a lone CR
        let (_, summary) = try records(path, range: 0..<Int.max, firstLine: 1)
        #expect(summary.nextLine == 10)
    }

    @Test("a file split at line starts reads back as the same records with the same line numbers")
    func splitReadsBack() throws {
        var text = "id,name\n"
        for i in 1...300 { text += i % 7 == 0 ? "\(i),\"two\nlines\"\r\n" : (i % 5 == 0 ? "\(i),cr only\r" : "\(i),row \(i)\n") }
        let path = try file(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try records(path, range: 0..<Int.max, firstLine: 1).records
        let ranges = try FileSplit.ranges(path: path, parts: 3)
        #expect(ranges.count == 3)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == text.utf8.count)
        var joined: [[String]] = []
        var sound = true
        var expectedLine = 1
        for range in ranges {
            let firstLine = 1 + (try FileSplit.lineBreaks(path: path, in: 0..<range.lowerBound))
            sound = sound && firstLine == expectedLine
            let (part, summary) = try records(path, range: range, firstLine: firstLine)
            sound = sound && summary.endedBetweenRecords
            expectedLine = summary.nextLine
            joined += part
        }
        if sound { #expect(joined == whole) }
        #expect(whole.count == 301)
    }

    @Test("a part that ends inside a quoted field holding a line break says so")
    func splitInsideQuotes() throws {
        let text = Array("a,b\n1,\"x\ny\"\n2,z\n".utf8)
        let path = try file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, inside) = try records(path, range: 0..<9, firstLine: 1)      // after the line break inside "x\ny"
        #expect(!inside.endedBetweenRecords)
        let (_, between) = try records(path, range: 0..<4, firstLine: 1)
        #expect(between.endedBetweenRecords && between.nextLine == 2)
    }

    @Test("reading text in memory with a record limit stops instead of parsing the rest")
    func recordLimitStops() throws {
        let text = Array(String(repeating: "a,b,c\n", count: 50_000).utf8)
        var seen = 0
        let summary = try CSVReader().read(bytes: text, maxRecords: 3) { _ in seen += 1 }
        #expect(seen == 3)
        #expect(summary.stoppedEarly)
        #expect(summary.bytes < text.count / 2)
    }
}
