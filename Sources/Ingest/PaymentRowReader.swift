import MarketShapeCore
import SpendCSV
import Warehouse

/// Turns one record of a spend file into a `stg_payments` row (bound in parameter order into a statement
/// or a batch), or says why it is set aside.
/// Text is bound to SQLite straight from the record's bytes; repeated values (dates, names,
/// identifiers) are parsed once per distinct value.
final class PaymentRowReader {
    let config: SourceConfig
    /// Index of the last non-empty header + 1: shorter rows are ragged.
    let width: Int
    let headerCount: Int
    private let amountColumn: Int
    private let dateColumn: Int
    private let dateIsPeriod: Bool
    private let supplierColumn: Int
    private var dateCache: [String: SpendDate?] = [:]
    /// Column of each canonical field (by `CanonicalField.allCases` position), -1 when unmapped.
    private let columnOf: [Int]
    private let dateBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 10)
    private var redactionCache = ByteCache<Bool>()
    private var companyCache = ByteCache<String?>()
    private var charityCache = ByteCache<String?>()
    private var vatCache = ByteCache<String?>()
    private var postcodeCache = ByteCache<String?>()

    struct Reject: Error {
        var reason: RejectReason
        var column: Int?
        var message: String
        var amount: Pence?
    }

    struct Accepted {
        var date: SpendDate
        var amount: Pence
    }

    init(config: SourceConfig) {
        self.config = config
        headerCount = config.headers.count
        width = (config.headers.lastIndex { !$0.isEmpty } ?? 0) + 1
        amountColumn = config.column(.amount)!
        if let d = config.column(.paidOn) { dateColumn = d; dateIsPeriod = false }
        else { dateColumn = config.column(.period)!; dateIsPeriod = true }
        supplierColumn = config.column(.supplierName)!
        columnOf = CanonicalField.allCases.map { config.column($0) ?? -1 }
    }

    deinit { dateBuffer.deallocate() }

    /// Checks the record and, when it is a payment, binds it to `insert` (parameters in `StagingInsert` order).
    func read<S: BindSink>(_ record: CSVRecord, fileID: Int, vatBasis: String, into insert: inout S) -> Result<Accepted, Reject> {
        if record.isBlank { return .failure(Reject(reason: .blankRow, column: nil, message: "every field is empty", amount: nil)) }
        let amount = AmountParser.parse(record.bytes(amountColumn))
        let pence = try? amount.get()
        if record.count < width || (record.count > headerCount && (headerCount..<record.count).contains { !trim(record.bytes($0)).isEmpty }) {
            return .failure(Reject(reason: .raggedRow, column: nil,
                                   message: "has \(record.count) fields where the header has \(width)", amount: nil))
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
                parsed = format.parse(Substring(dateText))
                dateCache[dateText] = parsed
            }
        }
        guard let date = parsed else {
            return .failure(Reject(reason: .dateInvalid, column: dateColumn + 1,
                                   message: "\(config.headers[dateColumn]) \"\(String(decoding: dateBytes, as: UTF8.self))\" is not a \(format.rawValue) date", amount: pence))
        }
        let nameBytes = trim(record.bytes(supplierColumn))
        let redacted = redactionCache.value(for: nameBytes) { Redaction.isRedacted(bytes: nameBytes) }
        if !redacted && (nameBytes.isEmpty || isNotAvailable(nameBytes)) {
            return .failure(Reject(reason: .supplierMissing, column: supplierColumn + 1,
                                   message: "\(config.headers[supplierColumn]) is empty", amount: pence))
        }

        insert.bind(1, fileID)
        insert.bind(2, record.line)
        bindText(&insert, 3, record, .body)
        bindText(&insert, 4, record, .bodyName)
        date.writeISO(into: dateBuffer)
        insert.bind(5, bytes: UnsafeBufferPointer(start: dateBuffer, count: 10))
        insert.bind(6, bytes: UnsafeBufferPointer(start: dateBuffer, count: 7))
        insert.bind(7, pence!)
        if redacted { insert.bindNull(8); insert.bind(9, 1); insert.bind(10, bytes: nameBytes) }
        else { insert.bind(8, bytes: nameBytes); insert.bind(9, 0); insert.bindNull(10) }
        bindText(&insert, 11, record, .supplierRef)
        bindNormalised(&insert, 12, record, .companyNumber, &companyCache, OrgIdentifiers.companyNumber)
        bindNormalised(&insert, 13, record, .charityNumber, &charityCache, OrgIdentifiers.charityNumber)
        bindNormalised(&insert, 14, record, .vatNumber, &vatCache, OrgIdentifiers.vatNumber)
        bindNormalised(&insert, 15, record, .supplierPostcode, &postcodeCache, OrgIdentifiers.postcode)
        bindText(&insert, 16, record, .directorate)
        bindText(&insert, 17, record, .service)
        bindText(&insert, 18, record, .expenseType)
        bindText(&insert, 19, record, .costCentre)
        bindText(&insert, 20, record, .category)
        bindText(&insert, 21, record, .transactionRef)
        bindText(&insert, 22, record, .invoiceRef)
        bindFlag(&insert, 23, record, .purchaseCard)
        bindCapitalRevenue(&insert, 24, record)
        bindFlag(&insert, 25, record, .vcseFlag)
        bindText(&insert, 26, record, .creditorType)
        insert.bind(27, vatBasis)
        return .success(Accepted(date: date, amount: pence!))
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

    func bindText<S: BindSink>(_ s: inout S, _ index: Int32, _ record: CSVRecord, _ f: CanonicalField) {
        s.bind(index, bytes: field(record, f))
    }

    func bindNormalised<S: BindSink>(_ s: inout S, _ index: Int32, _ record: CSVRecord, _ f: CanonicalField,
                        _ cache: inout ByteCache<String?>, _ normalise: (String) -> String?) {
        let b = field(record, f)
        if b.isEmpty { s.bindNull(index); return }
        let value = cache.value(for: b) { normalise(String(decoding: b, as: UTF8.self)) }
        if let value { s.bind(index, value) } else { s.bindNull(index) }
    }

    func bindFlag<S: BindSink>(_ s: inout S, _ index: Int32, _ record: CSVRecord, _ f: CanonicalField) {
        let b = field(record, f)
        guard let first = b.first else { s.bindNull(index); return }
        switch first | 0x20 {
        case UInt8(ascii: "y"), UInt8(ascii: "t"), UInt8(ascii: "1"): s.bind(index, 1)
        case UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "0"): s.bind(index, 0)
        default: s.bindNull(index)
        }
    }

    func bindCapitalRevenue<S: BindSink>(_ s: inout S, _ index: Int32, _ record: CSVRecord) {
        let b = field(record, .capitalRevenue)
        guard let first = b.first else { s.bindNull(index); return }
        switch first | 0x20 {
        case UInt8(ascii: "c"): s.bind(index, "capital")
        case UInt8(ascii: "r"): s.bind(index, "revenue")
        default: s.bind(index, bytes: b)
        }
    }
}
