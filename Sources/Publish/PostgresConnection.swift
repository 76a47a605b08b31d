import CLibPQ
import Foundation
import MarketShapeCore

/// A PostgreSQL server said no, or could not be reached.
public struct PostgresError: Error, CustomStringConvertible, ExitStatusProviding {
    public var message: String
    public var sql: String?
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "PostgreSQL: \(message)" + (sql.map { " (in: \($0.prefix(160)))" } ?? "") }
}

/// One connection through libpq: statements with text parameters, and `COPY … FROM STDIN` streamed in 1 MiB chunks.
/// The address is a libpq URL (`postgresql://user@host:5432/db`); the password comes from `PGPASSWORD` or `~/.pgpass`,
/// as libpq reads them, never from the pipeline file.
/// One thread at a time may use a connection (libpq's rule); it may move between threads.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer

    public init(url: String) throws {
        guard let conn = PQconnectdb(url) else { throw PostgresError(message: "out of memory connecting to \(Self.redacted(url))") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(conn)
            throw PostgresError(message: "cannot connect to \(Self.redacted(url)): \(message)")
        }
        handle = conn
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// The URL without any password written into it.
    public static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "…"
        return c.string ?? url
    }

    /// Runs `sql` with `$1`, `$2`… bound to `parameters` (text, or NULL); returns the rows as text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        // Without parameters, the simple protocol: a migration may hold several statements.
        let result: OpaquePointer? = parameters.isEmpty ? PQexec(handle, sql) : withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result else { throw PostgresError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw PostgresError(message: String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines), sql: sql)
        }
        var rows: [[String?]] = []
        for r in 0..<PQntuples(result) {
            rows.append((0..<PQnfields(result)).map { c in PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c)) })
        }
        return rows
    }

    /// One value: the first column of the first row.
    public func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        try execute(sql, parameters).first?.first ?? nil
    }

    /// Runs `copy` (`COPY table (columns) FROM STDIN`) and feeds it what `body` writes; returns the rows copied.
    @discardableResult
    public func copy(_ copy: String, _ body: (CopyWriter) throws -> Void) throws -> Int {
        guard let start = PQexec(handle, copy) else { throw PostgresError(message: String(cString: PQerrorMessage(handle)), sql: copy) }
        let status = PQresultStatus(start)
        let startError = String(cString: PQresultErrorMessage(start))
        PQclear(start)
        guard status == PGRES_COPY_IN else { throw PostgresError(message: startError.trimmingCharacters(in: .whitespacesAndNewlines), sql: copy) }
        let writer = CopyWriter(connection: self)
        var failure: Error?
        do { try body(writer); try writer.flush() } catch { failure = error }
        let ended = failure.map { e in PQputCopyEnd(handle, "\(e)") } ?? PQputCopyEnd(handle, nil)
        var serverError: String?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK { serverError = String(cString: PQresultErrorMessage(result)) }
            PQclear(result)
        }
        if let failure { throw failure }
        if ended != 1 || serverError != nil {
            throw PostgresError(message: (serverError ?? String(cString: PQerrorMessage(handle))).trimmingCharacters(in: .whitespacesAndNewlines), sql: copy)
        }
        return writer.rows
    }

    func put(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        let sent = bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        if sent != 1 { throw PostgresError(message: String(cString: PQerrorMessage(handle))) }
    }

    private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// Writes rows in COPY's text format (tab-separated, `\N` for NULL, backslash escapes), buffered.
public final class CopyWriter {
    let connection: PostgresConnection
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(1 << 20)
    }

    /// Starts a field (a tab before every field but the first of a row).
    @inline(__always) public func separator() { buffer.append(0x09) }
    /// A NULL field.
    @inline(__always) public func null() { buffer.append(0x5C); buffer.append(0x4E) }
    /// A text field from its UTF-8 bytes, escaped. Runs without a byte to escape are copied whole.
    public func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
            if i > start { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            buffer.append(0x5C)
            buffer.append(b == 0x5C ? 0x5C : b == 0x09 ? 0x74 : b == 0x0A ? 0x6E : 0x72)
            start = i + 1
        }
        if start < bytes.count { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }
    /// A text field.
    public func text(_ s: String) {
        var s = s
        s.withUTF8 { text($0) }
    }
    /// An integer field, its digits written straight into the buffer.
    public func integer(_ n: Int) {
        if n == 0 { buffer.append(0x30); return }
        if n == Int.min { buffer.append(contentsOf: String(n).utf8); return }
        var v = n < 0 ? -n : n
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: enough for 19 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 { raw[23 - count] = UInt8(0x30 + v % 10); v /= 10; count += 1 }
            if n < 0 { buffer.append(0x2D) }
            buffer.append(contentsOf: raw[(24 - count)...])
        }
    }
    /// A double, in the shortest form that reads back as the same double.
    public func double(_ d: Double) { buffer.append(contentsOf: (d.isFinite ? "\(d)" : d.isNaN ? "NaN" : d > 0 ? "Infinity" : "-Infinity").utf8) }
    /// Ends a row; sends the buffer when it passes 1 MiB.
    public func endRow() throws {
        buffer.append(0x0A)
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try buffer.withUnsafeBytes { try connection.put($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
