import MarketShapeCore
import Warehouse

/// A batch of rows encoded for the writer thread: each value is an integer, NULL, or a range of one shared
/// byte buffer, so a batch of thousands of rows costs a handful of allocations.
struct RowBatch: BindSink {
    enum Kind: UInt8 { case payment, reject }
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
        values.reserveCapacity(capacity * 28)
        bytes.reserveCapacity(capacity * 160)
    }

    /// Starts a row; its values follow in parameter order (1, 2, 3…).
    mutating func begin(_ kind: Kind) {
        kinds.append(kind)
        rowStarts.append(values.count)
    }

    /// Drops a row begun but not finished (a record that turned out to be set aside).
    mutating func cancelRow() {
        guard let start = rowStarts.popLast() else { return }
        kinds.removeLast()
        values.removeSubrange(start...)
    }

    mutating func bind(_ index: Int32, _ value: Int) { values.append(.integer(value)) }
    mutating func bindNull(_ index: Int32) { values.append(.null) }
    mutating func bind(_ index: Int32, bytes b: UnsafeBufferPointer<UInt8>) {
        if b.isEmpty { values.append(.null); return }
        values.append(.text(start: bytes.count, count: b.count))
        bytes.append(contentsOf: b)
    }
    mutating func bind(_ index: Int32, _ value: String) {
        var v = value
        v.withUTF8 { bind(index, bytes: $0) }
    }

    /// Appends a set-aside row's values.
    mutating func reject(_ row: [SQLValue]) {
        begin(.reject)
        for (i, v) in row.enumerated() {
            switch v {
            case .null: bindNull(Int32(i + 1))
            case .integer(let n): bind(Int32(i + 1), n)
            case .text(let s): bind(Int32(i + 1), s)
            case .real(let d): bind(Int32(i + 1), String(d))
            }
        }
    }

    /// Binds and runs every row into the statement for its kind.
    func write(payments: SQLiteStatement, rejects: SQLiteStatement) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            for (row, kind) in kinds.enumerated() {
                let statement = kind == .payment ? payments : rejects
                let end = row + 1 < rowStarts.count ? rowStarts[row + 1] : values.count
                for (i, value) in values[rowStarts[row]..<end].enumerated() {
                    let index = Int32(i + 1)
                    switch value {
                    case .null: statement.bindNull(index)
                    case .integer(let n): statement.bind(index, n)
                    case .text(let start, let count): statement.bind(index, bytes: UnsafeBufferPointer(rebasing: buffer[start..<start + count]))
                    }
                }
                try statement.run()
            }
        }
    }
}
