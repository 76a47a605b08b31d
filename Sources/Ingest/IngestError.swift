import MarketShapeCore

/// Problems with the pipeline's spend inputs.
public enum IngestError: Error, CustomStringConvertible, ExitStatusProviding {
    /// A `spend:` entry matched no file.
    case noFiles(pattern: String)

    public var exitStatus: ExitStatus { .badUsage }
    public var description: String {
        switch self { case .noFiles(let p): return "spend input \(p) matches no file" }
    }
}
