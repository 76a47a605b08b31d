import Foundation
import MarketShapeCore
import Warehouse

/// The ids of one dictionary table of the staging area (`stg_payees`, `stg_contexts`), shared by the threads
/// that read the parts of one file: each distinct row of values is stored once and gets one id, whichever
/// thread meets it first. Loaded from the warehouse when a file's load begins, so a payee seen last month
/// keeps its id this month; new rows get the next ids.
///
/// Only a thread's first sight of a spelling reaches this table (see `StagingDictionary`), so the lock is
/// taken once per distinct spelling, not once per line.
final class StagingIDs: @unchecked Sendable {
    let table: String
    let idColumn: String
    let columns: [String]
    /// The batch row kind of a new entry.
    let kind: RowBatch.Kind
    private let lock = NSLock()
    private var idOfValues = ByteCache<Int>()
    private var nextID = 1

    /// Reads every row of `table` already in the warehouse.
    init(_ w: WarehouseStore, table: String, idColumn: String, columns: [String], kind: RowBatch.Kind) throws {
        self.table = table
        self.idColumn = idColumn
        self.columns = columns
        self.kind = kind
        var key: [UInt8] = []
        let rows = try w.prepare("SELECT \(idColumn), \(columns.joined(separator: ", ")) FROM \(table)")
        let id = try rows.column(idColumn), cells = try columns.map { try rows.column($0) }
        try rows.forEachRow { row in
            let stored = row.int(id)
            Self.encode(cells.map(row.value)[...], into: &key)
            key.withUnsafeBufferPointer { idOfValues.insert(stored, for: $0) }
            nextID = max(nextID, stored + 1)
        }
    }

    /// The SQL that inserts a new row: the id, then `columns` in order.
    var insertSQL: String {
        "INSERT INTO \(table) (\(idColumn), \(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count + 1).joined(separator: ",")))"
    }

    /// The id of the row whose values encode to `key` (see `encode`), and whether this call gave it.
    func id(forKey key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let known = idOfValues.value(for: key) { return (known, false) }
        let id = nextID
        nextID += 1
        idOfValues.insert(id, for: key)
        return (id, true)
    }

    /// Replaces `key` with an unambiguous encoding of `values`: per value a type tag, then a length and the
    /// bytes for text.
    static func encode(_ values: ArraySlice<SQLValue>, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        for value in values {
            switch value {
            case .null: key.append(0)
            case .integer(let n): key.append(1); withUnsafeBytes(of: n.littleEndian) { key.append(contentsOf: $0) }
            case .real(let d): key.append(2); withUnsafeBytes(of: d.bitPattern.littleEndian) { key.append(contentsOf: $0) }
            case .text(let s):
                key.append(3)
                withUnsafeBytes(of: UInt32(s.utf8.count).littleEndian) { key.append(contentsOf: $0) }
                key.append(contentsOf: s.utf8)
            }
        }
    }
}
