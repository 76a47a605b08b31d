import MarketShapeCore
import StageKit
import Warehouse

/// Writes the `runs`, `run_stages` and `run_tests` tables: every run, stage and data test, with status and totals.
public struct RunLedger {
    public let warehouse: WarehouseStore

    public init(warehouse: WarehouseStore) { self.warehouse = warehouse }

    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

    /// Starts a run. Called under the lock, so any run still marked `running` died without finishing: it is marked so.
    public func start(pipeline: String, command: String) throws -> Int {
        try warehouse.run("UPDATE runs SET status = ?, finished_at = coalesce(finished_at, \(Self.now)), message = 'interrupted: the process ended before the run finished' WHERE status = ?",
                          [.text(RunStatus.failed.rawValue), .text(RunStatus.running.rawValue)])
        try warehouse.run("UPDATE run_stages SET status = ? WHERE status = ?", [.text(RunStatus.interrupted.rawValue), .text(RunStatus.running.rawValue)])
        try warehouse.run("INSERT INTO runs (pipeline, command, started_at, status) VALUES (?, ?, \(Self.now), ?)", [.text(pipeline), .text(command), .text(RunStatus.running.rawValue)])
        return warehouse.lastInsertRowID
    }

    func stageStarted(runID: Int, stage: StageName) throws {
        try warehouse.run("INSERT INTO run_stages (run_id, stage, started_at, status) VALUES (?, ?, \(Self.now), ?)", [.integer(runID), .text(stage.rawValue), .text(RunStatus.running.rawValue)])
    }

    func stageFinished(runID: Int, stage: StageName, status: RunStatus, result: StageResult?, message: String?) throws {
        try warehouse.run("UPDATE run_stages SET finished_at = \(Self.now), status = ?, rows_count = ?, total_pence = ?, message = ? WHERE run_id = ? AND stage = ?",
                          [.text(status.rawValue), (result?.rowsCount).sql, (result?.totalPence).sql, (message ?? result?.summary).sql, .integer(runID), .text(stage.rawValue)])
    }

    func recordTest(runID: Int, stage: StageName, test: String, violations: [String]) throws {
        try warehouse.run("INSERT INTO run_tests (run_id, stage, test, passed, detail) VALUES (?, ?, ?, ?, ?)",
                          [.integer(runID), .text(stage.rawValue), .text(test), .integer(violations.isEmpty ? 1 : 0),
                           violations.isEmpty ? .null : .text(violations.prefix(20).joined(separator: "\n"))])
    }

    public func finish(runID: Int, status: RunStatus, exit: ExitStatus, message: String?) throws {
        try warehouse.run("UPDATE runs SET finished_at = \(Self.now), status = ?, exit_code = ?, message = ? WHERE run_id = ?",
                          [.text(status.rawValue), .integer(Int(exit.rawValue)), message.sql, .integer(runID)])
    }

    /// One run as the ledger keeps it.
    public struct Run: Decodable, Sendable {
        public var run_id: Int
        public var command: String
        public var started_at: String
        public var finished_at: String?
        public var status: String
        /// `status` as the vocabulary names it (nil for a value an older version wrote).
        public var runStatus: RunStatus? { RunStatus(rawValue: status) }
        public var exit_code: Int?
        public var message: String?
    }

    /// One stage of a run and how it ended.
    public struct Stage: Decodable, Sendable {
        public var stage: String
        public var status: String
    }

    /// The most recent runs, newest first.
    public func recent(limit: Int = 10) throws -> [Run] {
        try warehouse.fetch(Run.self, "SELECT run_id, command, started_at, finished_at, status, exit_code, message FROM runs ORDER BY run_id DESC LIMIT ?", [.integer(limit)])
    }

    /// The stages of run `runID`, in the order they ran.
    public func stages(of runID: Int) throws -> [Stage] {
        try warehouse.fetch(Stage.self, "SELECT stage, status FROM run_stages WHERE run_id = ? ORDER BY rowid", [.integer(runID)])
    }
}
