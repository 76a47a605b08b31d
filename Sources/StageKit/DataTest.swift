import Warehouse

/// A declared check on warehouse tables, run after a stage (dbt-style): each finds violating rows.
public struct DataTest: Sendable {
    /// A short name, e.g. `not_null(stg_payments.amount_pence)`.
    public let name: String
    /// How the test finds its violations.
    private enum Finder: Sendable {
        /// A query returning one row per violation, with a human-readable first column.
        case query(String)
        /// Worked out in Swift: the messages of the violations.
        case check(@Sendable (WarehouseStore) throws -> [String])
    }
    private let finder: Finder

    /// The test's query (nil for a test worked out in Swift).
    public var violationsSQL: String? {
        if case .query(let sql) = finder { return sql }
        return nil
    }

    public init(name: String, violationsSQL: String) { self.name = name; finder = .query(violationsSQL) }

    private init(name: String, check: @escaping @Sendable (WarehouseStore) throws -> [String]) { self.name = name; finder = .check(check) }

    /// A test that reads what it checks itself (a hot loop, or work split over connections), returning one message
    /// per violation.
    public static func check(_ name: String, _ body: @escaping @Sendable (WarehouseStore) throws -> [String]) -> DataTest {
        DataTest(name: name, check: body)
    }

    /// The test's violations in `w`, one message each.
    public func violations(in w: WarehouseStore) throws -> [String] {
        switch finder {
        case .check(let check): return try check(w)
        case .query(let sql):
            // A query yields one message per violation, in its first column: named here, so it is read by name.
            struct Violation: Decodable { var message: String? }
            return try w.fetch(Violation.self, "WITH violation(message) AS (\(sql)) SELECT message FROM violation").map { $0.message ?? "?" }
        }
    }

    /// No NULLs in `column`.
    public static func notNull(_ table: String, _ column: String) -> DataTest {
        DataTest(name: "not_null(\(table).\(column))",
                 violationsSQL: "SELECT 'row ' || rowid || ' has no \(column)' FROM \(table) WHERE \(column) IS NULL")
    }

    /// No two rows share `columns`.
    public static func unique(_ table: String, _ columns: [String]) -> DataTest {
        let list = columns.joined(separator: ", ")
        return DataTest(name: "unique(\(table).\(list))",
                        violationsSQL: "SELECT '\(list) = ' || \(columns.joined(separator: " || ', ' || ")) || ' appears ' || COUNT(*) || ' times' FROM \(table) GROUP BY \(list) HAVING COUNT(*) > 1")
    }

    /// Every non-NULL `column` of `table` exists in `parent.parentColumn`.
    public static func relationship(_ table: String, _ column: String, to parent: String, _ parentColumn: String) -> DataTest {
        DataTest(name: "relationship(\(table).\(column) → \(parent).\(parentColumn))",
                 violationsSQL: "SELECT '\(column) = ' || t.\(column) || ' has no \(parent) row' FROM \(table) t WHERE t.\(column) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(parent) p WHERE p.\(parentColumn) = t.\(column))")
    }

    /// An expression that must hold: `sql` returns one message per violation.
    public static func expression(_ name: String, _ sql: String) -> DataTest {
        DataTest(name: name, violationsSQL: sql)
    }
}

/// The outcome of one data test.
public struct DataTestResult: Sendable {
    public let test: DataTest
    public let violations: [String]
    public var passed: Bool { violations.isEmpty }
}
