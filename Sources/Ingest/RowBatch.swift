import MarketShapeCore
import Warehouse

/// A batch of rows encoded for the writer thread: each value is an integer, NULL, or a range of one shared
/// byte buffer, so a batch of thousands of rows costs a handful of allocations. Each row goes to the
/// statement of its kind, values in parameter order.
struct RowBatch {
    /// Which statement a row is for (the index into the statements given to `write`).
    enum Kind: Int { case line, reject, payee, context, tally }
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

    /// Empties the batch, keeping its storage for the next rows (a batch is about a megabyte: reused, its pages
    /// are not handed back to the kernel and zeroed again for every batch).
    mutating func removeAll() {
        kinds.removeAll(keepingCapacity: true)
        rowStarts.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
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

    /// A statement inserting `rows` rows of one kind at once (`VALUES (…), (…), …`): fewer statement runs.
    struct Grouped {
        let kind: Kind
        let rows: Int
        let statement: SQLiteStatement
    }

    /// Binds and runs every row into the statement for its kind (`statements[kind.rawValue]`); rows of a kind in
    /// `grouped` go in groups through its statement, the last few one by one.
    func write(into statements: [SQLiteStatement], grouped: [Grouped] = []) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            try values.withUnsafeBufferPointer { values in
                try rowStarts.withUnsafeBufferPointer { rowStarts in
                    func bind(_ row: Int, _ statement: SQLiteStatement, from first: Int32) {
                        let end = row + 1 < rowStarts.count ? rowStarts[row + 1] : values.count
                        var index = first
                        for v in rowStarts[row]..<end {
                            switch values[v] {
                            case .null: statement.bindNull(index)
                            case .integer(let n): statement.bind(index, n)
                            case .text(let start, let count): statement.bind(index, bytes: UnsafeBufferPointer(rebasing: buffer[start..<start + count]))
                            }
                            index += 1
                        }
                    }
                    // Per kind: its group (an index into `grouped`), and the rows bound into it and not yet run.
                    let groupOfKind = (0..<statements.count).map { k in grouped.firstIndex { $0.kind.rawValue == k } }
                    var pending = Array(repeating: [Int](), count: grouped.count)
                    for (row, kind) in kinds.enumerated() {
                        if let g = groupOfKind[kind.rawValue] {
                            let width = Int32((row + 1 < rowStarts.count ? rowStarts[row + 1] : values.count) - rowStarts[row])
                            bind(row, grouped[g].statement, from: Int32(pending[g].count) * width + 1)
                            pending[g].append(row)
                            if pending[g].count == grouped[g].rows { try grouped[g].statement.run(); pending[g].removeAll(keepingCapacity: true) }
                            continue
                        }
                        bind(row, statements[kind.rawValue], from: 1)
                        try statements[kind.rawValue].run()
                    }
                    for row in pending.joined() {
                        bind(row, statements[kinds[row].rawValue], from: 1)
                        try statements[kinds[row].rawValue].run()
                    }
                }
            }
        }
    }
}
