import MarketShapeCore
import Warehouse

/// The ids of one dictionary table of the staging area (`stg_payees`, `stg_contexts`): each distinct row of
/// values is stored once and staged lines refer to it by id. Loaded from the warehouse when a file's load
/// begins, so a payee seen last month keeps its id this month; new rows get the next ids.
///
/// Ids are remembered two ways: by the row's values (what is stored), and, for this load, by the raw bytes
/// the values were worked out from, so each distinct spelling in a file is normalised once.
struct StagingDictionary {
    let table: String
    let idColumn: String
    let columns: [String]
    /// The batch row kind of a new entry.
    let kind: RowBatch.Kind
    private var idOfValues = ByteCache<Int>()
    private var idOfBytes = ByteCache<Int>()
    private(set) var nextID: Int
    private var key: [UInt8] = []

    /// Reads every row of `table` already in the warehouse.
    init(_ w: WarehouseStore, table: String, idColumn: String, columns: [String], kind: RowBatch.Kind) throws {
        self.table = table
        self.idColumn = idColumn
        self.columns = columns
        self.kind = kind
        nextID = 1
        for row in try w.query("SELECT \(idColumn), \(columns.joined(separator: ", ")) FROM \(table)") {
            let stored = row[0].int ?? 0
            encodeKey(row.dropFirst())
            let key = self.key
            key.withUnsafeBufferPointer { idOfValues.insert(stored, for: $0) }
            nextID = max(nextID, stored + 1)
        }
    }

    /// The SQL that inserts a new row: the id, then `columns` in order.
    var insertSQL: String {
        "INSERT INTO \(table) (\(idColumn), \(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count + 1).joined(separator: ",")))"
    }

    /// The id already given in this load to the raw bytes `raw`, if any.
    func id(forBytes raw: ArraySlice<UInt8>) -> Int? {
        raw.withUnsafeBufferPointer { idOfBytes.value(for: $0) }
    }

    /// The id of `values` (one per column), worked out from the raw bytes `raw`. A row not seen before gets the
    /// next id and is appended to `batch`.
    mutating func id(forBytes raw: ArraySlice<UInt8>, values: [SQLValue], into batch: inout RowBatch) -> Int {
        encodeKey(values[...])
        let key = self.key
        let id: Int
        if let known = key.withUnsafeBufferPointer({ idOfValues.value(for: $0) }) {
            id = known
        } else {
            id = nextID
            nextID += 1
            key.withUnsafeBufferPointer { idOfValues.insert(id, for: $0) }
            batch.add(kind, [.integer(id)] + values)
        }
        raw.withUnsafeBufferPointer { idOfBytes.insert(id, for: $0) }
        return id
    }

    private mutating func encodeKey(_ values: ArraySlice<SQLValue>) {
        key.removeAll(keepingCapacity: true)
        for value in values { Self.encode(value, into: &key) }
    }

    /// Appends an unambiguous encoding of `value`: a type tag, then a length and the bytes for text.
    static func encode(_ value: SQLValue, into key: inout [UInt8]) {
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
