import ArgumentParser
import Foundation
@testable import MarketShapeCLI
import Logging
import MarketShapeCore
import Pipeline
import Testing

@Suite("CLI exit codes")
struct ExitCodeTests {
    @Test("bad usage exits 2", arguments: [["run"], ["run", "x.yml", "--from", "ingest", "--only", "report"], ["frobnicate"],
                                           ["report", "x.yml", "--period", "2026-13"], ["run", "x.yml", "--from", "nowhere"]])
    func badUsage(arguments: [String]) {
        #expect(MarketShapeCommand.execute(arguments) == .badUsage)
    }

    @Test("a malformed or missing pipeline file exits 2")
    func malformedPipeline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ms-bad-\(UUID().uuidString).yml").path
        try "pipeline: x\nbody: B\nspend: [a.csv]\nsegmentz: []\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(MarketShapeCommand.execute(["run", path]) == .badUsage)
        #expect(MarketShapeCommand.execute(["validate", path]) == .badUsage)
        #expect(MarketShapeCommand.execute(["run", path + ".missing"]) == .badUsage)
    }

    @Test("ingest --warehouse and registers import take the warehouse lock: a held lock exits 75 and loads nothing")
    func writersTakeTheLock() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spend = dir + "/spend.csv", warehouse = dir + "/w.sqlite"
        try "Date,Supplier Name,Amount,Expense Area\r\n02/02/2026,ACME LTD,5.00,Highways\r\n".write(toFile: spend, atomically: true, encoding: .utf8)
        let lock = try WarehouseLock(warehouse: warehouse)
        #expect(MarketShapeCommand.execute(["ingest", spend, "--warehouse", warehouse]) == .locked)
        #expect(MarketShapeCommand.execute(["registers", "import", "overrides", spend, "--warehouse", warehouse]) == .locked)
        #expect(!FileManager.default.fileExists(atPath: warehouse))
        lock.release()
        #expect(MarketShapeCommand.execute(["ingest", spend, "--warehouse", warehouse]) == .success)
    }

    @Test("the documented codes are distinct")
    func distinct() {
        #expect(Set(ExitStatus.allCases.map(\.rawValue)) == [0, 1, 2, 3, 4, 5, 75])
    }
}

/// Issue 19: every run-time error was printed twice on stderr (the runner's log line and the command's message).
@Suite("Errors are printed once")
struct ErrorsPrintedOnceTests {
    final class Recorded: @unchecked Sendable { var messages: [String] = [] }
    struct Recording: LogHandler {
        let recorded: Recorded
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { metadata[key] } set { metadata[key] = newValue } }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            recorded.messages.append("\(message)")
        }
    }

    @Test("the stderr handler leaves out what the command prints itself, and passes everything else")
    func shownOnce() {
        let recorded = Recorded()
        let logger = Logger(label: "t") { _ in ShownOnceLogHandler(Recording(recorded: recorded)) }
        logger.error("run 1 ended: x", metadata: [PipelineRunner.shownByCaller: "yes"])
        logger.warning("a warning")
        #expect(recorded.messages == ["a warning"])
    }
}

/// Issue 19: a missing or unusable warehouse folder exited 75 (a held lock), so cron retried a permanent error.
@Suite("Only a held lock is 75")
struct LockExitTests {
    @Test("a warehouse path under a file exits 1 and names the folder; a held lock still exits 75")
    func folderInTheWay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-lockdir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/afile", atomically: true, encoding: .utf8)
        #expect(throws: WarehouseFolderError.self) { _ = try WarehouseLock(warehouse: dir + "/afile/w/x.sqlite") }
        try "pipeline: x\nbody: X\nspend: [a.csv]\nwarehouse: \(dir)/afile/w/x.sqlite\n".write(toFile: dir + "/pipelines/x.yml", atomically: true, encoding: .utf8)
        #expect(MarketShapeCommand.execute(["run", dir + "/pipelines/x.yml"]) == .failure)
        let held = try WarehouseLock(warehouse: dir + "/w.sqlite")
        defer { held.release() }
        #expect(throws: LockHeldError.self) { _ = try WarehouseLock(warehouse: dir + "/w.sqlite") }
    }
}

/// Issue 19: `status` showed a killed run as "(running)" until the next run.
@Suite("A killed run is interrupted")
struct InterruptedRunTests {
    @Test("a run is running only while a process holds the warehouse lock")
    func lockDecides() throws {
        let warehouse = FileManager.default.temporaryDirectory.appendingPathComponent("ms-status-\(UUID().uuidString)").path + "/w.sqlite"
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: warehouse).deletingLastPathComponent().path) }
        #expect(!MarketShapeCommand.Status.lockIsHeld(warehouse))
        let lock = try WarehouseLock(warehouse: warehouse)
        #expect(MarketShapeCommand.Status.lockIsHeld(warehouse))
        lock.release()
        #expect(!MarketShapeCommand.Status.lockIsHeld(warehouse))
    }
}

/// Issue 19: raw Foundation texts (`NSCocoaErrorDomain Code=516`) reached the user.
@Suite("File errors in plain words")
struct PlainFileErrorTests {
    @Test("each file error names the path and what is wrong", arguments: [
        (CocoaError.Code.fileWriteFileExists, "something is already there"), (.fileWriteOutOfSpace, "the disk is full"),
        (.fileWriteVolumeReadOnly, "read-only"), (.fileReadNoSuchFile, "does not exist"), (.fileWriteNoPermission, "no permission"),
    ])
    func plain(code: CocoaError.Code, words: String) throws {
        let error = CocoaError(code, userInfo: [NSFilePathErrorKey: "/srv/reports/devon"])
        let text = try #require(PlainFileError.message(for: error))
        #expect(text.hasPrefix("/srv/reports/devon ") && text.contains(words))
        #expect(!text.contains("NSCocoaErrorDomain"))
    }

    @Test("an error that is not about a file keeps its own message")
    func notAFileError() {
        #expect(PlainFileError.message(for: ValidationError("x")) == nil)
    }

    @Test("a reports path that is a file exits 1")
    func reportsPathIsAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-reportsfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Date,Supplier Name,Amount,Expense Area\r\n02/02/2026,ACME LTD,5.00,Highways\r\n".write(toFile: dir + "/spend.csv", atomically: true, encoding: .utf8)
        try "x".write(toFile: dir + "/reports", atomically: true, encoding: .utf8)
        try "pipeline: p\nbody: B\nspend: [spend.csv]\nreports: reports\n".write(toFile: dir + "/pipelines/p.yml", atomically: true, encoding: .utf8)
        #expect(MarketShapeCommand.execute(["run", dir + "/pipelines/p.yml"]) == .failure)
    }
}

/// Issue 19: a corrupted warehouse page passed unnoticed: `run` and `report` exited 0.
@Suite("A damaged warehouse stops the run")
struct DamagedWarehouseTests {
    @Test("run, report and status --check exit 1 on a damaged warehouse; a sound one passes status --check")
    func damaged() throws {
        let project = try SpendProject("damaged", rows: (1...3000).map { "02/02/2026,SUPPLIER \($0) LTD,\($0).00,Highways" })
        defer { project.remove() }
        let pipeline = project.pipeline
        #expect(MarketShapeCommand.execute(["run", pipeline]) == .success)
        #expect(MarketShapeCommand.execute(["status", pipeline, "--check"]) == .success)
        let warehouse = project.warehouse
        let handle = try #require(FileHandle(forUpdatingAtPath: warehouse))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2 / 4096 * 4096 + 64)
        handle.write(Data(repeating: 0xDE, count: 3000))
        try handle.close()
        #expect(MarketShapeCommand.execute(["run", pipeline]) == .failure)
        #expect(MarketShapeCommand.execute(["report", pipeline]) == .failure)
        #expect(MarketShapeCommand.execute(["status", pipeline, "--check"]) == .failure)
    }
}
