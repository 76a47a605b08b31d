/// Writes rows into one table a group at a time: `INSERT … VALUES (…), (…), …` with `rows` rows to a statement.
/// A statement run costs SQLite about as much as the row it writes, so a mart of hundreds of thousands of rows is
/// written in about half the time it takes row by row. Values are held until a group is full; `finish` writes the
/// rows left over one by one. Rows go in in the order given, so `INSERT OR REPLACE` and `ON CONFLICT` behave as they
/// would row by row. Rows not yet written when the insert goes away without `finish` (a stage that threw) are dropped
/// with the stage's transaction.
public final class GroupedInsert {
    private let one: SQLiteStatement
    private let group: SQLiteStatement
    private let width: Int
    private let rows: Int
    private var values: [SQLValue] = []

    /// `head` is the statement up to `VALUES` (`INSERT INTO t (a, b)`), `tail` what follows the rows (an
    /// `ON CONFLICT` clause); `width` is the number of values in a row.
    public init(_ w: WarehouseStore, _ head: String, width: Int, tail: String = "", rows: Int = 32) throws {
        precondition(width > 0 && rows > 0 && width * rows <= 999, "at most 999 values to a statement")
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        one = try w.prepare("\(head) VALUES \(row) \(tail)")
        group = try w.prepare("\(head) VALUES \(Array(repeating: row, count: rows).joined(separator: ",")) \(tail)")
        self.width = width
        self.rows = rows
        values.reserveCapacity(width * rows)
    }

    /// Adds the next value of the current row; a group is written when it is full.
    public func add(_ value: SQLValue) throws {
        values.append(value)
        if values.count == width * rows {
            // Emptied whether or not the group goes in: a failed group is the caller's error, never written twice.
            defer { values.removeAll(keepingCapacity: true) }
            for (i, v) in values.enumerated() { group.bind(Int32(i + 1), v) }
            try group.run()
        }
    }

    /// Adds a whole row.
    public func add(row: [SQLValue]) throws {
        precondition(row.count == width, "a row of \(row.count) values for a table row of \(width)")
        for v in row { try add(v) }
    }

    /// Writes the rows still held, one by one. The insert can be used again afterwards.
    public func finish() throws {
        precondition(values.count % width == 0, "an unfinished row of \(values.count % width) values")
        defer { values.removeAll(keepingCapacity: true) }
        for start in stride(from: 0, to: values.count, by: width) {
            for i in 0..<width { one.bind(Int32(i + 1), values[start + i]) }
            try one.run()
        }
    }
}
