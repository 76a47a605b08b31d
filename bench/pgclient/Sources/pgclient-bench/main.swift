import CLibPQ
import Foundation
import Logging
import NIOCore
import PostgresNIO

// Usage: pgclient-bench URL ROWS — COPYs ROWS payment-like rows (text format) into a fresh table with each client,
// three rounds interleaved, and prints rows/s per client.
let url = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "postgresql://postgres@127.0.0.1:55432/marketshape"
let rows = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 1_000_000

/// The rows, in COPY text format, as 1 MiB chunks (built once; both clients send the same bytes).
func payload() -> [[UInt8]] {
    var chunks: [[UInt8]] = [], chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 20)
    for i in 0..<rows {
        let line = "E09000007\t\(i / 3000)\t\(i % 3000 + 2)\t2025-0\(i % 9 + 1)-15\t2025-0\(i % 9 + 1)\t\(i * 7919 % 9_000_000)\t\(i % 5000)\t0\t\\N\tAdult Social Care\tHomecare\tHC-\(i % 40)\tmarket\tno rule\n"
        chunk.append(contentsOf: line.utf8)
        if chunk.count >= 1 << 20 { chunks.append(chunk); chunk.removeAll(keepingCapacity: true) }
    }
    if !chunk.isEmpty { chunks.append(chunk) }
    return chunks
}
let ddl = "DROP TABLE IF EXISTS pgclient_bench; CREATE UNLOGGED TABLE pgclient_bench (body_key text, file_id bigint, line_no bigint, paid_on text, period_month text, amount_pence bigint, supplier_key bigint, is_redacted bigint, is_purchase_card bigint, directorate text, service text, cost_centre text, scope text, scope_rule text)"

func libpq(_ chunks: [[UInt8]]) throws -> Double {
    guard let conn = PQconnectdb(url), PQstatus(conn) == CONNECTION_OK else { throw NSError(domain: "libpq", code: 1) }
    defer { PQfinish(conn) }
    PQclear(PQexec(conn, ddl))
    let start = Date()
    PQclear(PQexec(conn, "COPY pgclient_bench FROM STDIN"))
    for c in chunks { _ = c.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) } } }
    PQputCopyEnd(conn, nil)
    while let r = PQgetResult(conn) { PQclear(r) }
    return Date().timeIntervalSince(start)
}

func nio(_ chunks: [[UInt8]]) async throws -> Double {
    let c = URLComponents(string: url)!
    let config = PostgresConnection.Configuration(host: c.host!, port: c.port ?? 5432, username: c.user ?? "postgres", password: nil,
                                                  database: String(c.path.dropFirst()), tls: .disable)
    let logger = Logger(label: "bench")
    let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
    _ = try await connection.query("DROP TABLE IF EXISTS pgclient_bench", logger: logger)
    _ = try await connection.query(PostgresQuery(unsafeSQL: String(ddl.split(separator: ";")[1])), logger: logger)
    let start = Date()
    try await connection.copyFrom(table: "pgclient_bench", logger: logger) { writer in
        for chunk in chunks { try await writer.write(ByteBuffer(bytes: chunk)) }
    }
    let seconds = Date().timeIntervalSince(start)
    try await connection.close()
    return seconds
}

let chunks = payload()
print("\(rows) rows, \(chunks.map(\.count).reduce(0, +) / 1_000_000) MB of COPY text")
for round in 1...3 {
    let a = try libpq(chunks)
    let b = try await nio(chunks)
    print(String(format: "round %d: libpq %.2f s (%.0f rows/s), postgres-nio %.2f s (%.0f rows/s)", round, a, Double(rows) / a, b, Double(rows) / b))
}
