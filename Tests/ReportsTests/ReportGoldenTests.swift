import Foundation
@testable import Reports
import Testing
import ZIPFoundation

/// The report of a small scenario, pinned byte for byte. After a deliberate change, regenerate with
/// `MARKETSHAPE_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` and read the diff before committing.
@Suite("Report golden files", .serialized)
struct ReportGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static let files = ["index.html", "summary.md", "data/report.json", "data/headline.csv", "data/targets.csv", "data/trend.csv",
                        "data/services.csv", "data/service_suppliers.csv", "data/suppliers.csv", "data/ownership.csv", "data/opportunities.csv", "data/places.csv", "data/dynamics.csv", "data/report.xlsx",
                        "data/data_quality.csv"]

    @Test("HTML, Markdown, CSV, JSON and the xlsx workbook match the golden files", arguments: files)
    func matches(file: String) throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        try scenario.run()
        let actual = file == "data/report.xlsx" ? try Self.workbookParts("\(scenario.reportFolder)/\(file)")
            : try Data(contentsOf: URL(fileURLWithPath: "\(scenario.reportFolder)/\(file)"))
        let goldenPath = "\(Self.golden)/\(file.replacingOccurrences(of: "/", with: "__"))\(file.hasSuffix(".xlsx") ? ".txt" : "")"
        if ProcessInfo.processInfo.environment["MARKETSHAPE_UPDATE_GOLDEN"] != nil {
            try actual.write(to: URL(fileURLWithPath: goldenPath))
        }
        let expected = try Data(contentsOf: URL(fileURLWithPath: goldenPath))
        if actual != expected {
            let kept = FileManager.default.temporaryDirectory.appendingPathComponent("actual__" + file.replacingOccurrences(of: "/", with: "__"))
            try actual.write(to: kept)
            Issue.record("\(file) differs from \(goldenPath); the new output is in \(kept.path)")
        }
    }

    /// The workbook's parts as text, each under its path: the xlsx pinned part by part, readable in a diff.
    static func workbookParts(_ path: String) throws -> Data {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var text = Data()
        for entry in archive {
            text.append(Data("== \(entry.path)\n".utf8))
            _ = try archive.extract(entry) { text.append($0) }
            text.append(Data("\n".utf8))
        }
        return text
    }

    @Test("hostile strings from a spend file are escaped in HTML and neutralised in CSV")
    func hostileInput() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        try scenario.run()
        let html = try String(contentsOfFile: "\(scenario.reportFolder)/index.html", encoding: .utf8)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)"))
        #expect(html.contains("Test Borough &lt;&amp;&gt;"))
        let services = try String(contentsOfFile: "\(scenario.reportFolder)/data/services.csv", encoding: .utf8)
        #expect(services.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        let suppliers = try String(contentsOfFile: "\(scenario.reportFolder)/data/suppliers.csv", encoding: .utf8)
        #expect(suppliers.contains("<script>alert(1)</script>"))   // CSV is data, not markup: kept as written
        let markdown = try String(contentsOfFile: "\(scenario.reportFolder)/summary.md", encoding: .utf8)
        #expect(!markdown.contains("<script>"))
    }

    @Test("the same warehouse and a pinned clock give byte-identical reports; a failed report leaves the good one in place")
    func deterministicAndAtomic() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        try scenario.run()
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(scenario.reportFolder)/data/report.json"))
        try scenario.run()
        let second = try Data(contentsOf: URL(fileURLWithPath: "\(scenario.reportFolder)/data/report.json"))
        // report.json carries the run id; everything else must be identical.
        let a = String(decoding: first, as: UTF8.self).replacingOccurrences(of: #""run_id" : \d+"#, with: "", options: .regularExpression)
        let b = String(decoding: second, as: UTF8.self).replacingOccurrences(of: #""run_id" : \d+"#, with: "", options: .regularExpression)
        #expect(a == b)
        // A report whose writing fails leaves the previous one untouched.
        #expect(throws: (any Error).self) {
            _ = try ReportFolderProbe.failingWrite(root: "\(scenario.root)/reports/scenario", period: "2025-09")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(scenario.reportFolder)/data/report.json")) == second)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(scenario.root)/reports/scenario/latest") == "2025-09")
    }
}

/// Issue 19: killed or failed reports left temporary folders and files that nothing cleaned.
@Suite("Report folders")
struct ReportFolderTests {
    @Test("a write removes what earlier killed writes left, and replaces the report in place")
    func leftovers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try ReportFolder.write(root: root, period: "2025-09") { try "first".write(toFile: $0 + "/index.html", atomically: false, encoding: .utf8) }
        let left = [".2025-09.tmp-99999", ".2025-08.old-12345", ".latest-4242"]
        for name in left { try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true) }
        try "partial".write(toFile: root + "/payments.csv.tmp", atomically: false, encoding: .utf8)
        _ = try ReportFolder.write(root: root, period: "2025-09") { try "second".write(toFile: $0 + "/index.html", atomically: false, encoding: .utf8) }
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: root))
        #expect(names == ["2025-09", "latest"])
        #expect(try String(contentsOfFile: root + "/latest/index.html", encoding: .utf8) == "second")
    }
}
