/// How a run, or one stage of it, stands in the runs ledger (`runs.status`, `run_stages.status`).
public enum RunStatus: String, CaseIterable, Sendable, Codable {
    /// Started and not finished (or the process died: the next run marks it `failed` or `interrupted`).
    case running
    case succeeded
    /// An error stopped it.
    case failed
    /// A run that finished with the data-quality exit code (a data test failed or a threshold was breached).
    case dataQuality = "data_quality"
    /// A stage whose data tests failed after it ran.
    case dataTestsFailed = "data_tests_failed"
    /// A stage still running when its process ended.
    case interrupted
}
