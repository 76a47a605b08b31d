import Foundation
import Logging
import MarketShapeCore
import Pipeline
import Testing
@testable import StageKit

/// The live progress line: drawn on a terminal, finished without a trace, absent from a pipe.
@Suite struct ProgressTests {
    /// A project whose run takes long enough to draw: 20,000 rows in one file.
    static func project(_ label: String) throws -> SpendProject {
        try SpendProject(label, rows: (1...20_000).map { "02/02/2026,SUPPLIER \($0 % 900) LTD,\($0 % 5000).25,\(["Highways", "Care", "Waste"][$0 % 3])" })
    }

    /// What a run printed, with the project folder and every figure that varies from run to run (timings) made alike.
    static func normalised(_ lines: [String], dir: String) -> [String] {
        lines.map { $0.replacingOccurrences(of: dir, with: "DIR").replacingOccurrences(of: #"[0-9]+(\.[0-9]+)?"#, with: "N", options: .regularExpression) }
    }

    @Test func runOnATerminalDrawsTheLiveLineAndLeavesOnlyItsResultLines() throws {
        let onTerminal = try Self.project("pty"), onPipe = try Self.project("pipe")
        defer { onTerminal.remove(); onPipe.remove() }
        let tty = try TerminalSession(["run", "pipelines/x.yml"], in: onTerminal.dir, terminal: true)
        let piped = try TerminalSession(["run", "pipelines/x.yml"], in: onPipe.dir, terminal: false)
        #expect(tty.status == 0 && piped.status == 0)
        let raw = String(decoding: tty.raw, as: UTF8.self)
        // It appears: each stage's live line, the file meter with its byte counts, erased with ESC [ K.
        for stage in ["[1/6] ingest", "[2/6] resolve", "[3/6] classify", "[5/6] measure", "[6/6] report"] {
            #expect(raw.contains("\r" + stage), "no live line for \(stage)")
        }
        #expect(raw.contains("file 1 of 1 spend.csv"))
        #expect(raw.contains("KB of "))
        #expect(raw.contains("\u{1B}[K"))
        // It finishes and leaves no garbage: the screen holds exactly the lines the same run prints into a pipe,
        // and the cursor ends on an empty line.
        let screen = tty.screen
        #expect(screen.last == "")
        let pipedLines = String(decoding: piped.raw, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Self.normalised(Array(screen.dropLast()), dir: onTerminal.dir) == Self.normalised(Array(pipedLines.dropLast()), dir: onPipe.dir))
        // No line wider than the terminal (a wrapped live line could not be redrawn in place).
        for segment in raw.split(separator: "\r") where segment.hasSuffix("\u{1B}[K") {
            #expect(segment.count - 3 <= 99, "live line too wide: \(segment)")
        }
    }

    @Test func logLinesOnTheSameTerminalNeverLandInsideTheLiveLine() throws {
        let onTerminal = try Self.project("pty-log"), onPipe = try Self.project("pipe-log")
        defer { onTerminal.remove(); onPipe.remove() }
        // -v: every stage's log lines go to stderr, on the same terminal, while the live line is drawn.
        let tty = try TerminalSession(["run", "pipelines/x.yml", "-v"], in: onTerminal.dir, terminal: true, stderrToo: true)
        let piped = try TerminalSession(["run", "pipelines/x.yml"], in: onPipe.dir, terminal: false)
        #expect(tty.status == 0)
        let screen = tty.screen
        #expect(screen.last == "")
        let logLines = screen.filter { $0.wholeMatch(of: /\d{4}-\d{2}-\d{2}T.*/) != nil }
        #expect(logLines.count > 10)
        #expect(logLines.contains { $0.contains("stage classify started") })
        // Whatever is not a whole log line is exactly what a piped run prints: no live text glued to a log line.
        let rest = screen.dropLast().filter { $0.wholeMatch(of: /\d{4}-\d{2}-\d{2}T.*/) == nil }
        let pipedLines = String(decoding: piped.raw, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Self.normalised(rest, dir: onTerminal.dir) == Self.normalised(Array(pipedLines.dropLast()), dir: onPipe.dir))
    }

    @Test func aPipeGetsNoProgressAtAll() throws {
        let project = try Self.project("quiet")
        defer { project.remove() }
        let piped = try TerminalSession(["run", "pipelines/x.yml"], in: project.dir, terminal: false)
        #expect(piped.status == 0)
        let raw = String(decoding: piped.raw, as: UTF8.self)
        #expect(!raw.contains("\r"))
        #expect(!raw.contains("\u{1B}"))
        #expect(!raw.contains("[1/6]"))
        #expect(raw.contains("run 1 succeeded"))
    }

    @Test func generateShowsRowsRateAndTimeLeftOnATerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-generate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tty = try TerminalSession(["generate", "--out", "borough", "--rows", "60000"], in: dir, terminal: true)
        #expect(tty.status == 0)
        let raw = String(decoding: tty.raw, as: UTF8.self)
        #expect(raw.contains("generate: spend files"))
        #expect(raw.contains(" of 60,000 rows"))
        #expect(tty.screen == ["wrote 6 monthly spend files (60000 rows), registers for 263 suppliers, places.csv and truth.csv under borough (seed 2025)", ""])
    }

    @Test func aMeterSaysHowFarHowFastAndHowLongIsLeft() {
        let meter = ProgressMeter.silent("devon.csv", total: 4_000_000, unit: .bytes)
        meter.advance(by: 1_000_000)
        meter.addRows(12_345)
        #expect(meter.text(at: meter.started + .seconds(2)) == "devon.csv · 1.0 MB of 4.0 MB · 12,345 rows · 500 KB/s · 6 s left · 2 s")
        // Under half a second a rate is noise: none is shown.
        #expect(meter.text(at: meter.started + .milliseconds(200)) == "devon.csv · 1.0 MB of 4.0 MB · 12,345 rows · 0 s")
        let rows = ProgressMeter.silent("", total: 90_000, unit: .rows)
        rows.set(30_000)
        #expect(rows.text(at: rows.started + .seconds(150)) == "30,000 of 90,000 rows · 200 rows/s · 5 min 00 s left · 2 min 30 s")
        let step = ProgressMeter.silent("concentration")
        #expect(step.text(at: step.started + .seconds(4000)) == "concentration · 1 h 06 min")
    }

    @Test func aLiveLineIsCutToTheTerminalWidth() {
        #expect(StandardConsole.fit("abcdef", width: 4) == "abc…")
        #expect(StandardConsole.fit("abcd", width: 4) == "abcd")
    }

    @Test func theStagesMeterEachFileRegisterAndLongStep() throws {
        // Without a terminal a meter draws nothing, but every stage still asks for one per file and per long step.
        let project = try Self.project("meters")
        defer { project.remove() }
        let console = RecordingConsole()
        _ = try PipelineRunner(config: try PipelineConfig.load(path: project.pipeline), console: console,
                               logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }).run()
        // The file's meter counted every byte and every row of it (the header is not a row).
        let file = try #require(console.meters.first { $0.label == "file 1 of 1 spend.csv" })
        let size = try #require(try FileManager.default.attributesOfItem(atPath: project.dir + "/spend.csv")[.size] as? Int)
        #expect(file.total == size && file.snapshot.done == size && file.snapshot.rows == 20_000)
        let clusters = try #require(console.meters.first { $0.label == "payee clusters matched to registers" })
        #expect(clusters.total == 900 && clusters.snapshot.done == 900)
        for label in ["file 1 of 1 spend.csv", "payments per payee", "payee clusters matched to registers", "scopes", "concentration", "dynamics"] {
            #expect(console.meterLabels.contains(label), "no meter for \(label): \(console.meterLabels)")
        }
    }
}
