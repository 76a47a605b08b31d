import MarketShapeCore

/// One stage of the pipeline: it reads named warehouse tables and writes others.
public protocol PipelineStage {
    var name: StageName { get }
    /// Does the stage's work.
    func run(_ context: StageContext) throws -> StageResult
    /// The checks the runner makes after the stage; any failure stops the run.
    func dataTests(_ context: StageContext) -> [DataTest]
}

/// What a stage reports back to the runner and the ledger.
public struct StageResult: Sendable {
    public var rowsCount: Int
    public var totalPence: Pence?
    /// One line for people: what the stage did.
    public var summary: String
    /// Data-quality thresholds the stage found breached (the run exits with `dataQuality`).
    public var breaches: [String]

    public init(rowsCount: Int, totalPence: Pence? = nil, summary: String, breaches: [String] = []) {
        self.rowsCount = rowsCount; self.totalPence = totalPence; self.summary = summary; self.breaches = breaches
    }
}
