import Foundation
import Logging
import MarketShapeCore
import Pipeline
import Measures
import Reports
import StageKit
import Testing
import Warehouse

/// Issue 20: councils publish late or stop publishing; the analyst should hear of a missing file, not read an old
/// report.
@Suite("Timeliness")
struct TimelinessTests {
    static func day(_ text: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "yyyy-MM-dd"
        return f.date(from: text)!
    }

    @Test("the month that should be published by a day", arguments: [
        ("2026-12-02", PublicationExpectation.Cadence.monthly, 30, "2026-10"), ("2026-11-30", .monthly, 30, "2026-10"),
        ("2026-11-29", .monthly, 30, "2026-09"), ("2026-01-15", .monthly, 0, "2025-12"), ("2026-03-01", .monthly, 0, "2026-02"),
        ("2026-12-02", .quarterly, 30, "2026-09"), ("2026-02-10", .quarterly, 30, "2025-12"), ("2026-05-01", .quarterly, 30, "2026-03"),
        ("2026-04-29", .quarterly, 30, "2025-12"),
    ])
    func expectedMonth(today: String, cadence: PublicationExpectation.Cadence, lag: Int, expected: String) {
        #expect(PublicationExpectation(cadence: cadence, lagDays: lag).expectedMonth(on: Self.day(today)) == expected)
    }

    @Test("expect: in the pipeline file, as a word or a mapping; a bad cadence is an error at its line")
    func parsed() throws {
        let base = "pipeline: x\nbody: X\nspend: [a.csv]\n"
        #expect(try PipelineConfig.parse(yaml: base + "expect: monthly\n", file: "/p/pipelines/x.yml").expect == PublicationExpectation(cadence: .monthly, lagDays: 30))
        #expect(try PipelineConfig.parse(yaml: base + "expect:\n  every: quarterly\n  lag_days: 45\n", file: "/p/pipelines/x.yml").expect
                == PublicationExpectation(cadence: .quarterly, lagDays: 45))
        let error = #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: base + "expect: weekly\n", file: "p.yml") }
        #expect(error?.problems.first?.line == 4)
        #expect(try PipelineConfig.parse(yaml: base, file: "/p/pipelines/x.yml").analysisSettingsJSON()
                == PipelineConfig.parse(yaml: base + "expect: monthly\n", file: "/p/pipelines/x.yml").analysisSettingsJSON())
    }

    @Test("a run whose newest complete month is the expected one exits 0; a month later it is late (exit 4) and says so")
    func lateRun() throws {
        let project = try TestProject(extraYAML: "periods: [month]\nexpect: monthly\n")   // April–June 2025
        defer { project.remove() }
        func runner(on day: String) throws -> PipelineRunner {
            PipelineRunner(config: try project.config(), console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() },
                           now: { Self.day(day) })
        }
        _ = try runner(on: "2025-08-15").run()
        let late = #expect(throws: PublicationLate.self) { try runner(on: "2025-09-15").run() }
        #expect(late?.exitStatus == .late)
        #expect(late?.message.contains("2025-07 should be here by now; the newest complete month held is 2025-06") == true)
        let w = try Warehouse(path: try project.config().warehouse)
        #expect(try w.query("SELECT status, exit_code FROM runs ORDER BY run_id DESC LIMIT 1").first == [.text("succeeded"), .integer(4)])
        let t = try Timeliness(w, config: try project.config(), now: Self.day("2025-09-15"))
        #expect(t.newestCompleteMonth == "2025-06" && t.expectedMonth == "2025-07" && t.isLate)
        #expect(t.daysSinceNewFile != nil)
    }
}

/// Issue 20: `sniff` mapped nothing to a segment, and the report then had an empty concentration table with no word
/// from `validate` or `run`.
@Suite("Segment warnings after measure")
struct SegmentWarningRunTests {
    @Test("a segment no file has a column for is named after measure; a real one is not")
    func missingSegmentColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-segwarn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = (1...40).map { "02/02/2026,SUPPLIER \($0 % 12) LTD,\($0).00,\(["Highways", "Adults", "Schools"][$0 % 3])" }
        try ("Date,Supplier Name,Amount,Expense Area\r\n" + rows.joined(separator: "\r\n") + "\r\n").write(toFile: dir + "/spend.csv", atomically: true, encoding: .utf8)
        try "pipeline: x\nbody: X\nspend: [spend.csv]\nsegments: [directorate, service]\n".write(toFile: dir + "/pipelines/x.yml", atomically: true, encoding: .utf8)
        let console = RecordingConsole()
        _ = try PipelineRunner(config: try PipelineConfig.load(path: dir + "/pipelines/x.yml"), console: console,
                               logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }).run()
        let warnings = console.lines.filter { $0.hasPrefix("WARNING: segment") }
        #expect(warnings == ["WARNING: segment directorate: no spend file has a column for it, so every payment is '(none)': map one under columns: (directorate: \"HEADER\") or drop it from segments:"])
    }
}

@Suite("Segment warnings")
struct SegmentWarningUnitTests {
    static func warehouse(_ rows: [(String, String)]) throws -> Warehouse {
        let w = try Warehouse(path: ":memory:")
        for (kind, segment) in rows {
            try w.run("INSERT INTO mart_concentration (period_kind, period, segment_kind, segment, suppliers_count, positive_pence, band, is_thin) VALUES ('month', '2026-01', ?, ?, 1, 1, 'x', 0)",
                      [.text(kind), .text(segment)])
        }
        return w
    }

    @Test("place is measured through the place mapping: warned only when no place kind was measured")
    func place() throws {
        let measured = try Self.warehouse([("service", "Highways"), ("place:ward", "Ward A")])
        #expect(try SegmentWarnings.warnings(measured, segments: ["service", "place"]).isEmpty)
        let none = try Self.warehouse([("service", "Highways")])
        #expect(try SegmentWarnings.warnings(none, segments: ["service", "place"]).map { $0.prefix(22) } == ["segment place: no plac"])
    }

    @Test("with nothing measured (a header-only month) no segment is blamed; with payments and no service, service is")
    func nothingMeasured() throws {
        #expect(try SegmentWarnings.warnings(try Self.warehouse([]), segments: ["service"]).isEmpty)
        let unnamed = try Self.warehouse([("all", "all"), ("service", SegmentCode.none)])
        #expect(try SegmentWarnings.warnings(unnamed, segments: ["service"]).map { $0.prefix(44) } == ["segment service: no spend file has a column "])
    }

    @Test("codes and too many values are named", arguments: [(6, true, "holds codes"), (501, false, "holds 501 distinct values")])
    func shapes(count: Int, codes: Bool, words: String) throws {
        let w = try Self.warehouse((0..<count).map { ("service", codes ? "A\(61000 + $0)" : "Service number \($0)") })
        #expect(try SegmentWarnings.warnings(w, segments: ["service"]).first?.contains(words) == true)
    }
}
