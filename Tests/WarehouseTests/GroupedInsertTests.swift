import Testing
import Warehouse

@Suite("Grouped inserts")
struct GroupedInsertTests {
    @Test("rows go in whole and in order, in full groups and the rest one by one", arguments: [1, 5, 6, 7, 13])
    func everyRowInOrder(count: Int) throws {
        let w = try Warehouse(path: ":memory:")
        try w.execute("CREATE TEMP TABLE t (n INTEGER, label TEXT, extra INTEGER)")
        let insert = try GroupedInsert(w, "INSERT INTO t (n, label, extra)", width: 3, rows: 3)
        for n in 0..<count {
            try insert.add(row: [.integer(n), .text("row \(n)"), n.isMultiple(of: 2) ? .null : .integer(-n)])
        }
        #expect(try w.scalarInt("SELECT COUNT(*) FROM t") == count / 3 * 3)
        try insert.finish()
        let expected: [[SQLValue]] = (0..<count).map { [.integer($0), .text("row \($0)"), $0.isMultiple(of: 2) ? .null : .integer(-$0)] }
        #expect(try w.query("SELECT n, label, extra FROM t ORDER BY rowid") == expected)
    }

    @Test("INSERT OR REPLACE keeps the later of two rows of one key, inside a group and across groups, as row by row would")
    func laterRowWins() throws {
        let w = try Warehouse(path: ":memory:")
        try w.execute("CREATE TEMP TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
        let insert = try GroupedInsert(w, "INSERT OR REPLACE INTO t (k, v)", width: 2, rows: 2)
        for (k, v) in [(1, "a"), (1, "b"), (2, "c"), (3, "d"), (2, "e")] { try insert.add(row: [.integer(k), .text(v)]) }
        try insert.finish()
        #expect(try w.query("SELECT k, v FROM t ORDER BY k") == [[1, "b"], [2, "e"], [3, "d"]])
    }

    @Test("a constraint a group breaks is an error naming the statement, not a silent skip")
    func constraintFails() throws {
        let w = try Warehouse(path: ":memory:")
        try w.execute("CREATE TEMP TABLE t (k INTEGER PRIMARY KEY)")
        let insert = try GroupedInsert(w, "INSERT INTO t (k)", width: 1, rows: 2)
        try insert.add(.integer(1))
        #expect(throws: WarehouseError.self) { try insert.add(.integer(1)) }
    }
}
