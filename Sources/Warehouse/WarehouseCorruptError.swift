import MarketShapeCore

/// SQLite found the warehouse file damaged (a corrupted page, a truncated file, not a database at all).
public struct WarehouseCorruptError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    /// What SQLite's check reported, first problems first (at most three are kept, one line each).
    public var problems: [String]

    public init(path: String, problems: [String]) {
        self.path = path
        self.problems = Array(problems.flatMap { $0.split(separator: "\n").map(String.init) }
            .filter { !$0.hasPrefix("*** in database") }.prefix(3))
    }

    public var exitStatus: ExitStatus { .failure }
    public var description: String {
        "\(path): the warehouse file is damaged (\(problems.joined(separator: "; "))). Nothing was run. "
            + "Restore it from a backup, or move it aside and run again to rebuild it from the spend files"
    }
}
