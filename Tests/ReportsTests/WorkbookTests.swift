import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports
import Testing
import ZIPFoundation

/// The xlsx workbook: a real Office Open XML package, typed cells, and what LibreOffice makes of it.
@Suite("The xlsx workbook")
struct WorkbookTests {
    @Test("column letters, exact pounds from pence, XML-safe text and sheet names Excel accepts")
    func pieces() {
        #expect([0, 25, 26, 27, 701, 702].map(XLSXWorkbook.column) == ["A", "Z", "AA", "AB", "ZZ", "AAA"])
        #expect(XLSXWorkbook.decimalPounds(-1234) == "-12.34")
        #expect(XLSXWorkbook.decimalPounds(5) == "0.05")
        #expect(XLSXWorkbook.decimalPounds(123_456_789) == "1234567.89")
        #expect(XLSXWorkbook.escape("a<b>&\"c\u{1}\u{0}d\té\u{202e}x") == "a&lt;b&gt;&amp;&quot;cd éx")
        let book = XLSXWorkbook(sheets: ["Data: [quality]?", "Data- -quality--", String(repeating: "x", count: 40), "data- -quality--"].map {
            XLSXWorkbook.Sheet(name: $0, header: ["a"], rows: [])
        })
        let names = book.uniqueNames()
        #expect(names[0] == "Data- -quality--")
        #expect(names[1] == "Data- -quality-- 2")
        #expect(names[2].count == 31)
        #expect(names[3] == "data- -quality-- 3")   // names differ ignoring case, as Excel requires
    }

    @Test("every part is well-formed XML; a cell is typed and styled; text is never a formula; the zip reads back")
    func package() throws {
        let book = XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "T", header: ["Name", "Spend", "Share", "Count"],
                                                            rows: [[.text("=SUM(A1)"), .pounds(-150), .share(0.125), .integer(3)], [.empty, .pounds(0), .share(.nan), .integer(-1)]])])
        for part in book.parts() {
            let parser = XMLParser(data: Data(part.xml.utf8))
            #expect(parser.parse(), "\(part.path): \(parser.parserError.map { "\($0)" } ?? "")")
        }
        let sheet = try #require(book.parts().first { $0.path == "xl/worksheets/sheet1.xml" }).xml
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A2\" s=\"0\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=SUM(A1)</t></is></c>"))
        #expect(sheet.contains("<c r=\"B2\" s=\"2\"><v>-1.50</v></c>"))
        #expect(sheet.contains("<c r=\"C2\" s=\"3\"><v>0.125</v></c>"))
        #expect(!sheet.contains("r=\"A3\"") && !sheet.contains("r=\"C3\""))   // empty and not-a-number cells are left out
        #expect(!sheet.contains("<f>"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ms-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try book.write(to: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var read = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { read.append($0) }
        #expect(String(decoding: read, as: UTF8.self) == sheet)
        #expect(archive.map(\.path) == book.parts().map(\.path))
    }

    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("LibreOffice opens the report's workbook and reads pounds and percentages from its sheets",
          .enabled(if: soffice != nil, "LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the xlsx is not opened by an office suite here"))
    func libreOffice() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        try scenario.run()
        let out = "\(scenario.root)/xlsx-csv"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.soffice!)
        // Every sheet to its own UTF-8 CSV, as the cells are shown (formats applied).
        process.arguments = ["-env:UserInstallation=file://\(scenario.root)/lo-profile", "--headless", "--convert-to",
                             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out,
                             "\(scenario.reportFolder)/data/report.xlsx"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let targets = try String(contentsOfFile: "\(out)/report-Targets.csv", encoding: .utf8).components(separatedBy: "\n")
        #expect(targets[0] == "Target,Measure,Segment,Direction,Goal,Actual,Coverage,Met,Gap (points),Gap,Note")
        #expect(targets.contains("\"Private-equity share, Homecare\",private_equity_share,service = Homecare,at most,25.0%,42.1%,100.0%,no,17.13,\"£3,050.00\","))
        let headline = try String(contentsOfFile: "\(out)/report-Headline.csv", encoding: .utf8)
        #expect(headline.contains("SME,53.0%,95.2%,\"£12,200.00\""))
        #expect(FileManager.default.fileExists(atPath: "\(out)/report-Data quality.csv"))
    }
}
