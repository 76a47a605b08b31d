import CSQLite

// Computed, not stored: a stored global is initialised lazily and checked on every bind.
private var SQLITE_TRANSIENT: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
private var SQLITE_STATIC: sqlite3_destructor_type { unsafeBitCast(0, to: sqlite3_destructor_type.self) }

/// A prepared statement. Binding is 1-based, as in SQLite; text binds copy the bytes.
public final class SQLiteStatement {
    @usableFromInline let handle: OpaquePointer
    let sql: String
    unowned let database: SQLiteDatabase

    init(database: SQLiteDatabase, sql: String) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw WarehouseError(message: database.lastError, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    @inline(__always) public func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    @inline(__always) public func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    @inline(__always) public func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }
    @inline(__always) public func bind(_ index: Int32, _ value: String) { sqlite3_bind_text(handle, index, value, -1, SQLITE_TRANSIENT) }

    /// Binds UTF-8 bytes as text, or NULL when empty. The bytes are not copied: they must stay
    /// unchanged until the statement has run (as a parser's row buffer does within its callback).
    @inline(__always)
    public func bind(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty { sqlite3_bind_null(handle, index) }
        else { sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_STATIC) }
    }

    public func bind(_ index: Int32, _ value: SQLValue) {
        switch value {
        case .null: bindNull(index)
        case .integer(let v): bind(index, v)
        case .real(let v): bind(index, v)
        case .text(let v): bind(index, v)
        }
    }

    /// Binds every value in order, from index 1.
    public func bind(_ values: [SQLValue]) {
        for (i, v) in values.enumerated() { bind(Int32(i + 1), v) }
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    public func run() throws {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw WarehouseError(message: database.lastError, sql: sql) }
    }

    /// Steps through the rows, handing each as values.
    public func rows() throws -> [[SQLValue]] {
        defer { sqlite3_reset(handle) }
        var result: [[SQLValue]] = []
        let columns = sqlite3_column_count(handle)
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return result }
            guard rc == SQLITE_ROW else { throw WarehouseError(message: database.lastError, sql: sql) }
            result.append((0..<columns).map(value))
        }
    }

    /// The result's column names (what `AS` names them), in order.
    public var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// Steps through the rows, decoding each into `T` by column name (`RowDecoder`).
    public func decodedRows<T: Decodable>(_ type: T.Type) throws -> [T] {
        let columns = RowDecoder.ColumnIndex(columnNames)
        return try rows().map { try RowDecoder.decode(type, columns: columns, values: $0) }
    }

    /// Streams the rows without building values: `body` reads the current row through `int` and `bytes`.
    public func forEachRow(_ body: (SQLiteStatement) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw WarehouseError(message: database.lastError, sql: sql) }
            try body(self)
        }
    }

    /// A result column, found by its name once per statement (`let payee = try statement.column("payee_id")`) and then
    /// read from every row streamed by `forEachRow` without a search: `row.int(payee)`. Readers name what they read;
    /// only this module reads columns by position.
    public struct Column: Sendable, Hashable {
        @usableFromInline let index: Int32
    }

    /// The result column called `name` (what `AS` names it); an error naming the columns there are when none is.
    public func column(_ name: String) throws -> Column {
        guard let i = columnNames.firstIndex(of: name) else {
            throw WarehouseError(message: "the query has no column \(name) (it has \(columnNames.joined(separator: ", ")))", sql: sql)
        }
        return Column(index: Int32(i))
    }

    /// The current row's value in `column` as an integer (0 when NULL).
    /// (Inlinable: it is read for every row of the hot loops, in other modules.)
    @inlinable @inline(__always) public func int(_ column: Column) -> Int { int(column.index) }
    /// The current row's value in `column` as UTF-8 bytes, valid until the next step.
    @inlinable @inline(__always) public func bytes(_ column: Column) -> UnsafeBufferPointer<UInt8> { bytes(column.index) }
    /// The current row's value in `column` as text ("" when NULL).
    @inline(__always) public func text(_ column: Column) -> String { text(column.index) }
    /// The current row's value in `column`.
    public func value(_ column: Column) -> SQLValue { value(column.index) }

    /// How SQLite stores a value (its storage class).
    public enum StorageClass: Sendable { case integer, real, text, blob, null }

    /// How the current row's value in `column` is stored.
    public func storageClass(_ column: Column) -> StorageClass {
        switch sqlite3_column_type(handle, column.index) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_NULL: return .null
        case SQLITE_BLOB: return .blob
        default: return .text
        }
    }

    /// The current row's value in `column` as a double.
    @inline(__always) public func double(_ column: Column) -> Double { sqlite3_column_double(handle, column.index) }

    /// The result columns, in order.
    public var columns: [Column] { (0..<Int32(sqlite3_column_count(handle))).map { Column(index: $0) } }

    /// Column `column` (0-based) of the current row as an integer (0 when NULL).
    @inlinable @inline(__always) func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    /// Column `column` of the current row as UTF-8 bytes, valid until the next step.
    @inlinable @inline(__always) func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Column `column` of the current row as text ("" when NULL).
    @inline(__always) func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

    func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite3_column_int64(handle, column)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: return .null
        default: return .text(String(cString: sqlite3_column_text(handle, column)))
        }
    }
}
