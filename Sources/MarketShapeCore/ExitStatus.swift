/// The documented exit codes of every `marketshape` command, for cron and scripts.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// The command did everything it was asked.
    case success = 0
    /// Something went wrong that is not one of the cases below (an unreadable file, a crash-free internal error).
    case failure = 1
    /// The command line or the pipeline file is wrong; nothing was run.
    case badUsage = 2
    /// A data test failed or a data-quality threshold in the pipeline file was breached.
    case dataQuality = 3
    /// The run succeeded, but the spend file the body should have published by now (`expect:`) has not arrived.
    case late = 4
    /// `registers fetch`: a download failed (no connection, an HTTP error, a truncated or corrupt file); the previous
    /// version stays in use, and what arrived is kept for the next fetch to resume.
    case download = 5
    /// Another run holds this warehouse's lock; try again later (EX_TEMPFAIL).
    case locked = 75

    public var meaning: String {
        switch self {
        case .success: return "success"
        case .failure: return "failure (I/O or internal error)"
        case .badUsage: return "bad usage or malformed pipeline file; nothing ran"
        case .dataQuality: return "a data test failed or a quality threshold was breached"
        case .late: return "the run succeeded but the expected month's spend file has not arrived"
        case .download: return "a register download failed (network, HTTP error, truncated or corrupt file); the previous version stays in use"
        case .locked: return "another run holds the warehouse lock"
        }
    }
}

/// An error that knows which exit status it should end the process with.
public protocol ExitStatusProviding: Error {
    var exitStatus: ExitStatus { get }
}
