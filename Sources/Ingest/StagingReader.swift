import Warehouse

/// What the ingest stage publishes for later stages and the CLI: the current files' ledger and what the staging
/// tables hold, read by name into typed rows.
public struct StagingReader {
    public let warehouse: WarehouseStore

    public init(_ warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// A current file's ledger row: what it read, loaded and set aside.
    public struct File: Decodable, Sendable {
        public var file_id: Int; public var file_name: String; public var sha256: String; public var read_count: Int; public var loaded_count: Int
        public var set_aside_count: Int; public var loaded_pence: Int; public var set_aside_pence: Int
    }
    /// How many current rows were set aside for one reason.
    public struct Reason: Decodable, Sendable { public var reason_code: String; public var rows_count: Int; public var pence: Int }
    /// A current file's payments dated outside the months it was published for.
    public struct Outside: Decodable, Sendable {
        public var file_name: String; public var rows_count: Int; public var pence: Int; public var first_month: String; public var last_month: String
    }

    /// The SQL of a staged line's date (`stg_lines.paid_on`, the integer yyyymmdd) as `yyyy-mm-dd`.
    public static func isoDate(_ column: String) -> String { "printf('%04d-%02d-%02d', \(column) / 10000, \(column) / 100 % 100, \(column) % 100)" }

    /// The SQL of a staged line's month (`stg_lines.paid_on`, the integer yyyymmdd) as `yyyy-mm`.
    public static func month(_ column: String) -> String { "printf('%04d-%02d', \(column) / 10000, \(column) / 100 % 100)" }

    /// A staged line's key (`stg_lines.line_key`): its file's id × 2³² + its line number, so a file's lines are one
    /// range of keys, in line order.
    @inline(__always)
    public static func lineKey(fileID: Int, line: Int) -> Int { fileID << 32 | line }

    /// The SQL of the key of line `line` of file `fileID` (both SQL expressions), as `lineKey(fileID:line:)` makes it.
    public static func lineKeySQL(fileID: String, line: String) -> String { "((\(fileID)) << 32) + (\(line))" }

    /// The SQL condition "a line of the file `fileID`" (an SQL expression: a number or a column) as a range of
    /// `stg_lines.line_key`, which SQLite seeks to (a condition on `file_id`, computed from the key, would scan every line).
    public static func lineKeys(of fileID: String, alias: String? = nil) -> String {
        let key = alias.map { "\($0).line_key" } ?? "line_key"
        return "\(key) BETWEEN \(lineKeySQL(fileID: fileID, line: "0")) AND \(lineKeySQL(fileID: fileID, line: "4294967295"))"
    }

    /// The current files, by name.
    public func currentFiles() throws -> [File] {
        try warehouse.fetch(File.self, """
            SELECT file_id, file_name, sha256, read_count, loaded_count, set_aside_count, loaded_pence, set_aside_pence FROM source_files WHERE is_current = 1 ORDER BY file_name
            """)
    }

    /// When the newest of the current files first arrived (`loaded_at` of the first load of its bytes, so a re-read under
    /// new reading rules is no new file); nil when no file is current.
    public func newestArrival() throws -> String? {
        try warehouse.query("""
            SELECT max(first) FROM (SELECT (SELECT min(s2.loaded_at) FROM source_files s2 WHERE s2.sha256 = s.sha256) AS first
            FROM source_files s WHERE s.is_current = 1)
            """).first?.first?.string
    }

    /// A staged line as an export streams it.
    public struct Line: Sendable {
        public var fileID: Int; public var lineNo: Int; public var paidOn: String; public var amountPence: Int; public var payeeID: Int; public var contextID: Int
    }

    /// Streams every staged line of the current files in file and line order. A hot loop over millions of rows, so the
    /// columns are read by position here, in the module that owns the table, and handed on typed.
    public func forEachLine(_ body: (Line) throws -> Void) throws {
        let lines = try warehouse.prepare("SELECT file_id, line_no, \(Self.isoDate("paid_on")) AS paid_on, amount_pence, payee_id, context_id FROM stg_lines ORDER BY line_key")
        let file = try lines.column("file_id"), line = try lines.column("line_no"), paidOn = try lines.column("paid_on"),
            amount = try lines.column("amount_pence"), payee = try lines.column("payee_id"), context = try lines.column("context_id")
        try lines.forEachRow { row in
            try body(Line(fileID: row.int(file), lineNo: row.int(line), paidOn: row.text(paidOn), amountPence: row.int(amount),
                          payeeID: row.int(payee), contextID: row.int(context)))
        }
    }

    /// A staged payee's payments and pence over the current files.
    public struct PayeeTotal: Sendable, Equatable { public var payeeID: Int; public var payments: Int; public var netPence: Int; public var grossPence: Int }

    /// Each payee's payments, net and absolute pence over the current files, from the per-file tallies ingest keeps
    /// (`stg_file_payees`, checked against the lines when each file loads), by payee id. Summed here in one pass by
    /// position (a few hundred thousand tallies at five years) rather than sorted by SQL.
    public func payeeTotals() throws -> [PayeeTotal] {
        var totals: [PayeeTotal?] = []
        let tallies = try warehouse.prepare("SELECT payee_id, payments_count, net_pence, gross_pence FROM stg_file_payees")
        let payee = try tallies.column("payee_id"), payments = try tallies.column("payments_count"), net = try tallies.column("net_pence"),
            gross = try tallies.column("gross_pence")
        try tallies.forEachRow { row in
            let id = row.int(payee)
            if totals.count <= id { totals.append(contentsOf: repeatElement(nil, count: id + 1 - totals.count)) }
            var t = totals[id] ?? PayeeTotal(payeeID: id, payments: 0, netPence: 0, grossPence: 0)
            t.payments += row.int(payments); t.netPence += row.int(net); t.grossPence += row.int(gross)
            totals[id] = t
        }
        return totals.compactMap { $0 }
    }

    /// The current files' count, rows loaded and set aside, and pence loaded.
    public func currentTotals() throws -> SpendFileLoader.CurrentTotals { try SpendFileLoader.currentTotals(warehouse) }

    /// The current set-aside rows by reason, most first.
    public func setAsideByReason() throws -> [Reason] {
        try warehouse.fetch(Reason.self, """
            SELECT reason_code, COUNT(*) AS rows_count, coalesce(SUM(r.amount_pence), 0) AS pence FROM stg_rejects r JOIN source_files f USING (file_id) WHERE f.is_current = 1 GROUP BY 1 ORDER BY 2 DESC, 1
            """)
    }

    /// The payments of files published for `months` (`yyyy-mm`, an unbroken run) that are dated outside them. Only a file
    /// whose first or last payment lies outside can hold any, so only those files' tallies are read.
    public func paymentsOutside(_ months: [String]) throws -> [Outside] {
        let list = months.map { "'\($0)'" }.joined(separator: ",")
        return try warehouse.fetch(Outside.self, """
            SELECT f.file_name, SUM(t.payments_count) AS rows_count, SUM(t.net_pence) AS pence, MIN(t.period_month) AS first_month,
              MAX(t.period_month) AS last_month
            FROM source_files f JOIN stg_tallies t USING (file_id)
            WHERE f.is_current = 1 AND f.period_month IN (\(list))
              AND (substr(f.first_paid_on, 1, 7) NOT IN (\(list)) OR substr(f.last_paid_on, 1, 7) NOT IN (\(list)))
              AND t.period_month NOT IN (\(list))
            GROUP BY f.file_id ORDER BY f.file_name
            """)
    }

    /// The directorates a service (trimmed, as segments are) sits under in the spending contexts.
    public func directorates(ofService service: String) throws -> [String] {
        struct Directorate: Decodable { var directorate: String }
        return try warehouse.fetch(Directorate.self, "SELECT DISTINCT directorate FROM stg_contexts WHERE trim(service) = ? AND directorate IS NOT NULL",
                                   [.text(service)]).map(\.directorate)
    }

    /// The expense types and categories each service (trimmed, as segments are) is paid under: what says two services
    /// buy related things.
    public func serviceTerms() throws -> [String: Set<String>] {
        struct Term: Decodable { var service: String; var term: String }
        var terms: [String: Set<String>] = [:]
        for t in try warehouse.fetch(Term.self, """
            SELECT DISTINCT trim(service) AS service, lower(trim(expense_type)) AS term FROM stg_contexts WHERE service IS NOT NULL AND trim(coalesce(expense_type, '')) <> ''
            UNION SELECT DISTINCT trim(service), lower(trim(category)) FROM stg_contexts WHERE service IS NOT NULL AND trim(coalesce(category, '')) <> ''
            """) { terms[t.service, default: []].insert(t.term) }
        return terms
    }
}
