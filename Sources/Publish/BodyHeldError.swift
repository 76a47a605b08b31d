import MarketShapeCore

/// Publishing would replace a body that another pipeline published: two pipelines of one body (its GSS code), or a
/// demo or test pipeline under a real body's code. Refused unless the caller says it means to replace it.
public struct BodyHeldError: Error, CustomStringConvertible, ExitStatusProviding {
    public let bodyKey: String
    /// The pipeline that published the body now on the server.
    public let heldBy: String
    /// The pipeline being published.
    public let pipeline: String

    public var description: String {
        "the server already holds body \(bodyKey) as published by pipeline '\(heldBy)'; publishing pipeline '\(pipeline)' would replace it. "
            + "If it should (the body's pipeline was renamed, or replaced), publish again with --replace; if not, give this pipeline a body code of its own"
    }

    public var exitStatus: ExitStatus { .badUsage }
}
