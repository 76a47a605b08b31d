import Foundation
@testable import MarketShapeCLI
import MarketShapeCore
import Pipeline
import Resolve
import Testing
import Warehouse

/// Issue 20: conventions a terminal user expects.
@Suite("Command conventions")
struct ConventionTests {
    @Test("--version names the release and the git revision the binary was built from")
    func versionNamesTheRevision() throws {
        let version = MarketShapeCommand.version
        #expect(version.wholeMatch(of: /\d+\.\d+\.\d+ \(git ([0-9a-f]{12}(-dirty)?|unknown)(, \d{4}-\d{2}-\d{2})?\)/) != nil, "\(version)")
        // The checkout's own revision (the tests run from one).
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", URL(fileURLWithPath: #filePath).deletingLastPathComponent().path, "rev-parse", "--short=12", "HEAD"]
        let out = Pipe()
        git.standardOutput = out
        git.standardError = FileHandle.nullDevice
        try git.run()
        git.waitUntilExit()
        if git.terminationStatus == 0 {
            let head = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(version.contains("git \(head)"))
        }
        let printed = try TerminalSession(["--version"], in: FileManager.default.temporaryDirectory.path, terminal: false)
        #expect(printed.status == 0)
        #expect(String(decoding: printed.raw, as: UTF8.self) == version + "\n")
    }

    @Test("the shell completions offer every command")
    func completionsOfferEveryCommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try TerminalSession(["--generate-completion-script", shell], in: FileManager.default.temporaryDirectory.path, terminal: false)
            #expect(script.status == 0)
            let text = String(decoding: script.raw, as: UTF8.self)
            for command in MarketShapeCommand.configuration.subcommands.map({ $0._commandName }) {
                #expect(text.contains(command), "\(shell) completion lacks \(command)")
            }
        }
    }

    @Test("explain counts every supplier that matches a name, not the first 20")
    func explainCountsAll() throws {
        let project = try SpendProject("explain", rows: (1...30).map { "02/02/2026,LEEDS \(["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"][$0 % 6]) \($0) LTD,\($0).00,Highways" }
                                       + ["02/02/2026,BRADFORD ONE LTD,9.00,Highways"])
        defer { project.remove() }
        #expect(MarketShapeCommand.execute(["run", project.pipeline]) == .success)
        let w = try Warehouse(path: project.warehouse)
        #expect(try SupplierReader(w).matching("Leeds").count == 30)
        #expect(MarketShapeCommand.execute(["explain", "supplier", "Leeds", "--pipeline", project.pipeline]) == .success)

        // status --json: the same state the text form prints.
        let state = try MarketShapeCommand.Status.state(of: try PipelineConfig.load(path: project.pipeline), file: "x.yml", last: 5, check: true)
        #expect(state.runs.map(\.status) == ["succeeded"])
        #expect(state.runs.first?.exitCode == 0)
        #expect(state.holds?.loaded == 31)
        #expect(state.integrityCheck == "ok")
        #expect(state.stages.count == StageName.allCases.count && state.stages.allSatisfy(\.current))
        #expect(MarketShapeCommand.execute(["status", project.pipeline, "--json"]) == .success)
        #expect(MarketShapeCommand.Status.text(state).contains("holds 1 current file(s): 31 rows loaded"))
    }

    @Test("generate refuses a folder that holds files unless --force")
    func generateRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-generate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "mine".write(toFile: dir + "/keep.txt", atomically: true, encoding: .utf8)
        #expect(MarketShapeCommand.execute(["generate", "--out", dir, "--rows", "200", "--months", "1"]) == .badUsage)
        #expect(FileManager.default.fileExists(atPath: dir + "/keep.txt"))
        #expect(MarketShapeCommand.execute(["generate", "--out", dir + "/new", "--rows", "200", "--months", "1"]) == .success)
        #expect(MarketShapeCommand.execute(["generate", "--out", dir, "--rows", "200", "--months", "1", "--force"]) == .success)
    }
}
