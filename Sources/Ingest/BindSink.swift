import Warehouse

/// Where a row's values go: straight into a prepared statement, or into a batch for the writer thread.
protocol BindSink {
    mutating func bind(_ index: Int32, _ value: Int)
    mutating func bindNull(_ index: Int32)
    mutating func bind(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>)
    mutating func bind(_ index: Int32, _ value: String)
}

extension SQLiteStatement: BindSink {}
