import MarketShapeCore

/// A failure inside the warehouse, with the SQL that caused it.
public struct WarehouseError: Error, CustomStringConvertible, ExitStatusProviding {
    public var message: String
    public var sql: String?

    public init(message: String, sql: String? = nil) { self.message = message; self.sql = sql }

    public var exitStatus: ExitStatus { .failure }
    public var description: String { sql.map { "warehouse: \(message) (in: \($0.prefix(200)))" } ?? "warehouse: \(message)" }
}
