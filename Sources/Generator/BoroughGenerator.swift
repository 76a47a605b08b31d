/// Placeholder replaced below.
public struct BoroughGenerator {
    public init(seed: UInt64, rows: Int, months: Int, start: String) {}
    public func write(to folder: String) throws -> String { "" }
}
