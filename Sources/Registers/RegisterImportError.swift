import MarketShapeCore

/// A register file that cannot be imported.
public struct RegisterImportError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    public var message: String
    public var exitStatus: ExitStatus { .dataQuality }
    public var description: String { "\(path): \(message)" }
}
