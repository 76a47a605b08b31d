@testable import Ingest
import MarketShapeCore
import Testing
import Warehouse

@Suite("Writer thread")
struct BatchWriterTests {
    func statements(_ db: SQLiteDatabase) throws -> (SQLiteStatement, SQLiteStatement) {
        try db.execute("CREATE TABLE p (a INTEGER CHECK (a < 100), b TEXT); CREATE TABLE r (a INTEGER)")
        return (try db.prepare("INSERT INTO p VALUES (?, ?)"), try db.prepare("INSERT INTO r VALUES (?)"))
    }

    @Test("batches written on the second thread arrive whole and in order")
    func writes() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let (p, r) = try statements(db)
        let writer = BatchWriter(statements: [p, r], depth: 2)
        writer.start()
        for b in 0..<10 {
            var batch = RowBatch(capacity: 8)
            for i in 0..<8 {
                batch.add(.line, [.integer((b * 8 + i) % 100), .text("row \(b * 8 + i)")])
            }
            batch.add(.reject, [.integer(b)])
            try writer.submit(batch)
        }
        try writer.finish()
        #expect(try db.query("SELECT COUNT(*), MIN(b), MAX(a) FROM p").first == [80, "row 0", 79])
        #expect(try db.query("SELECT COUNT(*) FROM r").first == [10])
    }

    @Test("a failure on the writer thread reaches the caller and does not hang")
    func failure() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let (p, r) = try statements(db)
        let writer = BatchWriter(statements: [p, r], depth: 1)
        writer.start()
        var bad = RowBatch(capacity: 1)
        bad.add(.line, [500, nil])
        #expect(throws: WarehouseError.self) {
            try writer.submit(bad)
            for _ in 0..<5 { var ok = RowBatch(capacity: 1); ok.add(.line, [1, nil]); try writer.submit(ok) }
            try writer.finish()
        }
        #expect(throws: WarehouseError.self) { try writer.finish() }   // a second call returns at once
    }
}
