import MarketShapeCore

/// Why a run stopped or ended in a data-quality state.
public enum RunFailure: Error, CustomStringConvertible, ExitStatusProviding {
    /// Declared data tests failed after a stage; the run stopped there.
    case dataTestsFailed(stage: StageName, failures: [(name: String, violations: [String])])
    /// The run finished but breached a quality threshold.
    case thresholdsBreached([String])

    public var exitStatus: ExitStatus { .dataQuality }

    public var description: String {
        switch self {
        case .dataTestsFailed(let stage, let failures):
            var text = "data tests failed after the \(stage.rawValue) stage; the run stopped:"
            for f in failures {
                text += "\n  ✗ \(f.name): \(f.violations.count) violation(s)"
                for v in f.violations.prefix(5) { text += "\n      \(v)" }
            }
            return text
        case .thresholdsBreached(let breaches):
            return "data-quality threshold breached:\n" + breaches.map { "  ✗ \($0)" }.joined(separator: "\n")
        }
    }
}

/// The run succeeded, but the month the body should have published by now is not in the warehouse (`expect:`).
public struct PublicationLate: Error, CustomStringConvertible, ExitStatusProviding {
    public var message: String
    public var exitStatus: ExitStatus { .late }
    public var description: String { message }
}
