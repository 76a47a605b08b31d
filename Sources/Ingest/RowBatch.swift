import MarketShapeCore
import Warehouse

/// A batch of rows encoded for the writer thread: each value is an integer, NULL, or a range of one shared
/// byte buffer, so a batch of thousands of rows costs a handful of allocations. Each row goes to the
/// statement of its kind, values in parameter order.
struct RowBatch {
    /// Which statement a row is for (the index into the statements given to `write`).
    enum Kind: Int { case line, reject, payee, context }
    enum Value {
        case null
        case integer(Int)
        case text(start: Int, count: Int)
    }

    private(set) var kinds: [Kind] = []
    /// Where each row's values start in `values`.
    private(set) var rowStarts: [Int] = []
    private(set) var values: [Value] = []
    private(set) var bytes: [UInt8] = []

    var count: Int { kinds.count }

    init(capacity: Int) {
        kinds.reserveCapacity(capacity)
        rowStarts.reserveCapacity(capacity)
        values.reserveCapacity(capacity * 8)
        bytes.reserveCapacity(capacity * 40)
    }

    /// Starts a row; its values follow in parameter order.
    mutating func begin(_ kind: Kind) {
        kinds.append(kind)
        rowStarts.append(values.count)
    }

    mutating func add(_ value: Int) { values.append(.integer(value)) }
    mutating func addNull() { values.append(.null) }
    /// Empty text is stored as NULL.
    mutating func add(bytes b: UnsafeBufferPointer<UInt8>) {
        if b.isEmpty { values.append(.null); return }
        values.append(.text(start: bytes.count, count: b.count))
        bytes.append(contentsOf: b)
    }
    mutating func add(_ value: SQLValue) {
        switch value {
        case .null: addNull()
        case .integer(let n): add(n)
        case .text(var s): s.withUTF8 { add(bytes: $0) }
        case .real(let d): var s = String(d); s.withUTF8 { add(bytes: $0) }
        }
    }

    /// Appends a whole row.
    mutating func add(_ kind: Kind, _ row: [SQLValue]) {
        begin(kind)
        for v in row { add(v) }
    }

    /// Binds and runs every row into the statement for its kind (`statements[kind.rawValue]`).
    func write(into statements: [SQLiteStatement]) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            for (row, kind) in kinds.enumerated() {
                let statement = statements[kind.rawValue]
                let end = row + 1 < rowStarts.count ? rowStarts[row + 1] : values.count
                var index: Int32 = 1
                for value in values[rowStarts[row]..<end] {
                    switch value {
                    case .null: statement.bindNull(index)
                    case .integer(let n): statement.bind(index, n)
                    case .text(let start, let count): statement.bind(index, bytes: UnsafeBufferPointer(rebasing: buffer[start..<start + count]))
                    }
                    index += 1
                }
                try statement.run()
            }
        }
    }
}
