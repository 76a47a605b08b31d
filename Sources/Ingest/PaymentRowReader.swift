import MarketShapeCore
import SpendCSV
import Warehouse

/// Turns one record of a spend file into a staged line (appended to a `RowBatch`), or says why it is set aside.
/// A line is a few integers and two references: its payee and its spending context (body, directorate,
/// service…) are ids in `stg_payees` / `stg_contexts`, worked out once per distinct run of bytes, so text
/// repeated on every row is neither normalised nor stored again.
struct PaymentRowReader {
    let config: SourceConfig
    /// Index of the last non-empty header + 1: shorter rows are ragged.
    let width: Int
    let headerCount: Int
    /// The header's fields plus the unnamed trailing fields every row carries (`SourceConfig.trailingFields`).
    let rowCount: Int
    let amountColumn: Int
    let decimalComma: Bool
    private let dateColumn: Int
    private let dateIsPeriod: Bool
    let supplierColumn: Int
    private var dateCache: [String: SpendDate?] = [:]
    /// Column of each canonical field (by `CanonicalField.allCases` position), -1 when unmapped.
    private let columnOf: [Int]
    private var payees: StagingDictionary
    private var contexts: StagingDictionary
    private var rawKey: [UInt8] = Array(repeating: 0, count: 1024)
    /// The record columns whose bytes identify a payee, and a spending context (mapped fields only).
    private let payeeKeyColumns: [Int]
    private let contextKeyColumns: [Int]

    /// The fields of a payee, in `stg_payees` column order after `supplier_name`, `is_redacted`, `redaction_label`.
    static let payeeFields: [CanonicalField] = [.supplierRef, .companyNumber, .charityNumber, .vatNumber, .supplierPostcode]
    static let payeeColumns = ["supplier_name", "is_redacted", "redaction_label", "supplier_ref", "company_number", "charity_number",
                               "vat_number", "supplier_postcode"]
    /// The fields of a spending context, in `stg_contexts` column order.
    static let contextFields: [CanonicalField] = [.body, .bodyName, .directorate, .service, .expenseType, .costCentre, .category,
                                                  .purchaseCard, .capitalRevenue, .vcseFlag, .creditorType]
    static let contextColumns = ["body", "body_name", "directorate", "service", "expense_type", "cost_centre", "category",
                                 "is_purchase_card", "capital_revenue", "council_vcse_flag", "creditor_type"]
    static func lineSQL(rows: Int) -> String {
        "INSERT INTO stg_lines (line_key, paid_on, amount_pence, payee_id, context_id, transaction_ref, invoice_ref) VALUES "
            + Array(repeating: "(?,?,?,?,?,?,?)", count: rows).joined(separator: ",")
    }

    struct Reject: Error {
        var reason: RejectReason
        var column: Int?
        var message: String
        var amount: Pence?
    }

    struct Accepted {
        var date: SpendDate
        var amount: Pence
        var payee: Int
        var context: Int
    }

    /// A reader for one thread; `payees` and `contexts` are shared by every thread reading the same file.
    init(config: SourceConfig, payees: StagingIDs, contexts: StagingIDs) {
        self.config = config
        headerCount = config.headers.count
        rowCount = config.headers.count + (config.trailingFields ?? 0)
        width = (config.headers.lastIndex { !$0.isEmpty } ?? 0) + 1
        amountColumn = config.column(.amount)!
        decimalComma = config.decimalComma == true
        if let d = config.column(.paidOn) { dateColumn = d; dateIsPeriod = false }
        else { dateColumn = config.column(.period)!; dateIsPeriod = true }
        supplierColumn = config.column(.supplierName)!
        columnOf = CanonicalField.allCases.map { config.column($0) ?? -1 }
        payeeKeyColumns = [config.column(.supplierName)!] + Self.payeeFields.compactMap { config.column($0) }
        contextKeyColumns = Self.contextFields.compactMap { config.column($0) }
        self.payees = StagingDictionary(payees)
        self.contexts = StagingDictionary(contexts)
    }

    /// The payee dictionary of the warehouse `w`, as a load begins.
    static func payeeIDs(_ w: WarehouseStore) throws -> StagingIDs {
        try StagingIDs(w, table: "stg_payees", idColumn: "payee_id", columns: payeeColumns, kind: .payee)
    }

    /// The spending-context dictionary of the warehouse `w`, as a load begins.
    static func contextIDs(_ w: WarehouseStore) throws -> StagingIDs {
        try StagingIDs(w, table: "stg_contexts", idColumn: "context_id", columns: contextColumns, kind: .context)
    }

    /// The statements a load writes through, indexed by `RowBatch.Kind`.
    static func statements(_ w: WarehouseStore, payees: StagingIDs, contexts: StagingIDs) throws -> [SQLiteStatement] {
        [try w.prepare(lineSQL(rows: 1)),
         try w.prepare("INSERT INTO stg_rejects (file_id, line_no, column_no, reason_code, message, amount_pence, raw_record) VALUES (?,?,?,?,?,?,?)"),
         try w.prepare(payees.insertSQL), try w.prepare(contexts.insertSQL), try w.prepare(LineTallies.upsertSQL())]
    }

    /// Lines and tallies go into the warehouse this many at a time.
    static func grouped(_ w: WarehouseStore, rows: Int = 32) throws -> [RowBatch.Grouped] {
        [RowBatch.Grouped(kind: .line, rows: rows, statement: try w.prepare(lineSQL(rows: rows))),
         RowBatch.Grouped(kind: .tally, rows: rows, statement: try w.prepare(LineTallies.upsertSQL(rows: rows)))]
    }

    /// Checks the record and, when it is a payment, appends its line (and any payee or context not seen
    /// before) to `batch`.
    mutating func read(_ record: CSVRecord, fileID: Int, into batch: inout RowBatch) -> Result<Accepted, Reject> {
        if record.isBlank { return .failure(Reject(reason: .blankRow, column: nil, message: "every field is empty", amount: nil)) }
        let amount = Self.amount(record.bytes(amountColumn), decimalComma: decimalComma)
        let pence = try? amount.get()
        if record.count < width || (record.count > rowCount && (rowCount..<record.count).contains { !trim(record.bytes($0)).isEmpty }) {
            return .failure(Reject(reason: .raggedRow, column: nil,
                                   message: "has \(record.count) fields where the header has \(width)\(rowCount > headerCount ? " (and rows carry \(rowCount - headerCount) unnamed field(s) after it)" : "")",
                                   amount: nil))
        }
        switch amount {
        case .failure(let problem):
            let text = record.string(amountColumn)
            return .failure(Reject(reason: problem == .missing ? .amountMissing : .amountInvalid, column: amountColumn + 1,
                                   message: "\(config.headers[amountColumn]) is \"\(text)\"", amount: nil))
        case .success: break
        }
        let dateBytes = trim(record.bytes(dateColumn))
        if dateBytes.isEmpty || isNotAvailable(dateBytes) {
            return .failure(Reject(reason: .dateMissing, column: dateColumn + 1, message: "\(config.headers[dateColumn]) is empty", amount: pence))
        }
        let format = dateIsPeriod ? DateFormat.yearMonthPeriod : config.dateFormat
        var parsed = SpendDate.parseFast(dateBytes, format: format)
        if parsed == nil {
            let dateText = String(decoding: dateBytes, as: UTF8.self)
            if let cached = dateCache[dateText] { parsed = cached } else {
                // A date in a form that can mean only one day (`2026-02-15`, `15-Feb-2026`, an Excel serial) is read
                // even where the file's own format is another: exports mix them. A slashed date is read only in the
                // file's order, which its other dates decided.
                parsed = format.parse(Substring(dateText))
                    ?? (dateIsPeriod ? nil : DateFormat.unambiguous.lazy.compactMap { $0.parse(Substring(dateText)) }.first)
                dateCache[dateText] = parsed
            }
        }
        guard let date = parsed else {
            return .failure(Reject(reason: .dateInvalid, column: dateColumn + 1,
                                   message: "\(config.headers[dateColumn]) \"\(String(decoding: dateBytes, as: UTF8.self))\" is not a \(format.rawValue) date", amount: pence))
        }
        let nameBytes = trim(record.bytes(supplierColumn))
        if (nameBytes.isEmpty || isNotAvailable(nameBytes)) && !Redaction.isRedacted(bytes: nameBytes) {
            return .failure(Reject(reason: .supplierMissing, column: supplierColumn + 1,
                                   message: "\(config.headers[supplierColumn]) is empty", amount: pence))
        }

        let payee = payeeID(record, name: nameBytes, &batch)
        let context = contextID(record, &batch)
        batch.begin(.line)
        batch.add(StagingReader.lineKey(fileID: fileID, line: record.line))
        batch.add(date.year * 10_000 + date.month * 100 + date.day)   // stored as the integer yyyymmdd
        batch.add(pence!)
        batch.add(payee)
        batch.add(context)
        batch.add(bytes: field(record, .transactionRef))
        batch.add(bytes: field(record, .invoiceRef))
        return .success(Accepted(date: date, amount: pence!, payee: payee, context: context))
    }

    /// The payee's id, by the bytes of its name and identifiers; normalised once per distinct set of bytes.
    mutating func payeeID(_ record: CSVRecord, name: UnsafeBufferPointer<UInt8>, _ batch: inout RowBatch) -> Int {
        let key = rawKey(record, payeeKeyColumns)
        if let id = payees.id(forBytes: key) { return id }
        let nameText = String(decoding: name, as: UTF8.self)
        let redacted = Redaction.isRedacted(bytes: name)
        let values: [SQLValue] = [redacted ? .null : .text(nameText), .integer(redacted ? 1 : 0), redacted ? .text(nameText) : .null,
                                  // Identifiers as published: resolve validates each scheme and counts what it cannot use.
                                  text(record, .supplierRef).sql, text(record, .companyNumber).sql,
                                  text(record, .charityNumber).sql, text(record, .vatNumber).sql,
                                  text(record, .supplierPostcode).flatMap(OrgIdentifiers.postcode).sql]
        return payees.id(forBytes: key, values: values, into: &batch)
    }

    /// The spending context's id, by the bytes of its fields; worked out once per distinct set of bytes.
    mutating func contextID(_ record: CSVRecord, _ batch: inout RowBatch) -> Int {
        let key = rawKey(record, contextKeyColumns)
        if let id = contexts.id(forBytes: key) { return id }
        let values: [SQLValue] = Self.contextFields.map { f in
            switch f {
            case .purchaseCard, .vcseFlag: return flag(record, f)
            case .capitalRevenue: return capitalRevenue(record)
            default: return text(record, f).sql
            }
        }
        return contexts.id(forBytes: key, values: values, into: &batch)
    }

    /// The raw bytes of `columns` (each after its length), copied into the reused key buffer: what the caches
    /// are keyed by. Untrimmed: spellings that differ only in spaces get separate raw entries but the same id.
    private mutating func rawKey(_ record: CSVRecord, _ columns: [Int]) -> ArraySlice<UInt8> {
        var needed = 0
        for c in columns { needed += 4 + record.bytes(c).count }
        if rawKey.count < needed { rawKey = Array(repeating: 0, count: needed * 2) }
        rawKey.withUnsafeMutableBytes { out in
            var at = 0
            for c in columns {
                let b = record.bytes(c)
                out.storeBytes(of: UInt32(b.count), toByteOffset: at, as: UInt32.self)
                at += 4
                if let base = b.baseAddress { (out.baseAddress! + at).copyMemory(from: base, byteCount: b.count) }
                at += b.count
            }
        }
        return rawKey[0..<needed]
    }

    /// An amount cell in pence; with `decimalComma` (`1.234,50`), read with its commas and points swapped.
    @inline(__always)
    static func amount(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Result<Pence, AmountProblem> {
        guard decimalComma else { return AmountParser.parse(b) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(b.count, 1)) { swapped in
            for (i, c) in b.enumerated() { swapped[i] = c == 0x2C ? 0x2E : c == 0x2E ? 0x2C : c }
            return AmountParser.parse(UnsafeBufferPointer(rebasing: swapped[..<b.count]))
        }
    }

    /// The record's amount, when its payee is a totals label (`Total`, `Grand Total`, `Sub-total`…) and its amount
    /// reads: a row that may be the file's own sum, set aside when it equals the rows above it. Static, with the
    /// columns given: called through a reader captured in a closure, a method would copy the whole reader (its
    /// dictionaries retained and released) on every row.
    @inline(__always)
    static func labelledTotal(_ record: CSVRecord, supplierColumn: Int, amountColumn: Int, decimalComma: Bool) -> Pence? {
        guard record.count > supplierColumn, TotalsLabel.matches(ByteTrim.trimmed(record.bytes(supplierColumn))) else { return nil }
        return try? amount(record.bytes(amountColumn), decimalComma: decimalComma).get()
    }

    /// True when the record has no date and no payee: a totals row, if its amount matches the sum above it.
    func lacksDateAndPayee(_ record: CSVRecord) -> Bool {
        trim(record.bytes(dateColumn)).isEmpty && trim(record.bytes(supplierColumn)).isEmpty
    }

    /// Trims spaces, tabs and non-breaking spaces.
    @inline(__always)
    func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> { ByteTrim.trimmed(b) }

    @inline(__always)
    func isNotAvailable(_ b: UnsafeBufferPointer<UInt8>) -> Bool { NotAvailable.matches(b) }

    @inline(__always)
    func field(_ record: CSVRecord, _ field: CanonicalField) -> UnsafeBufferPointer<UInt8> {
        let i = columnOf[field.index]
        guard i >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let b = trim(record.bytes(i))
        return isNotAvailable(b) ? UnsafeBufferPointer(start: nil, count: 0) : b
    }

    /// A mapped field as text, nil when empty or not available.
    func text(_ record: CSVRecord, _ f: CanonicalField) -> String? {
        let b = field(record, f)
        return b.isEmpty ? nil : String(decoding: b, as: UTF8.self)
    }

    /// A yes/no field as 1 / 0, NULL when empty or not recognised.
    func flag(_ record: CSVRecord, _ f: CanonicalField) -> SQLValue {
        guard let first = field(record, f).first else { return .null }
        switch first | 0x20 {
        case UInt8(ascii: "y"), UInt8(ascii: "t"), UInt8(ascii: "1"): return .integer(1)
        case UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "0"): return .integer(0)
        default: return .null
        }
    }

    /// `capital` or `revenue` from their spellings (C, Cap, R, Rev…); other text kept as written.
    func capitalRevenue(_ record: CSVRecord) -> SQLValue {
        let b = field(record, .capitalRevenue)
        guard let first = b.first else { return .null }
        switch first | 0x20 {
        case UInt8(ascii: "c"): return .text("capital")
        case UInt8(ascii: "r"): return .text("revenue")
        default: return .text(String(decoding: b, as: UTF8.self))
        }
    }
}
