import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// One part of a spend file, read on one thread (the whole file when it is read on one). Each record becomes
/// a staged line or a set-aside row, in batches handed to the writer; the part keeps its own accounting, which
/// the loader adds up once every part is done.
struct SpendFilePart {
    /// A row with an amount but no date and no payee, in a part after the first: a totals row if its amount
    /// equals the sum of every row loaded above it, which is known only once the parts before it are done.
    struct TotalRowCandidate {
        var line: Int
        var amount: Pence
        /// Rows and pence loaded above it in this part.
        var loadedBefore: Int
        var loadedPenceBefore: Pence
    }

    /// More candidates than this in one part and the file is read whole instead (bounded memory).
    static let maximumCandidates = 100_000
    static let batchSize = 4096

    /// 0 for the part holding the header.
    let index: Int
    let range: Range<Int>
    /// The physical line the part starts on.
    var firstLine = 1
    /// Holding more tallies than this, the part hands them to the writer and starts afresh (`SpendFileLoader.spillTallies`).
    var spillTallies = Int.max
    var read = 0, loaded = 0, setAside = 0, setAsideUnpriced = 0
    var readPence: Pence = 0, loadedPence: Pence = 0, setAsidePence: Pence = 0, totalRowPence: Pence = 0
    /// Rows set aside with an amount, other than totals rows, and their pence: a totals row may sum them too.
    private var setAsidePriced = 0, setAsidePricedPence: Pence = 0
    /// What was loaded, and set aside with an amount, when the last totals row was (a subtotal sums the rows since);
    /// nil before the first.
    private var atLastTotal: (loaded: Int, loadedPence: Pence, priced: Int, pricedPence: Pence)?
    var setAsideByReason: [String: Int] = [:]
    /// Loaded rows per month (keyed by year × 12 + month).
    var months: [Int: (date: SpendDate, count: Int)] { monthTally.counts }
    private var monthTally = MonthTally()
    /// The loaded lines per month × payee × context not yet handed to the writer (`stg_tallies`).
    private var tallies = LineTallies()
    /// The loaded lines per payee, summed from the tallies handed to the writer (`stg_file_payees`).
    private(set) var payeeSums = PayeeSums()
    var first: SpendDate?, last: SpendDate?
    var candidates: [TotalRowCandidate] = []
    var summary = CSVReadSummary()

    init(index: Int, range: Range<Int>) {
        self.index = index
        self.range = range
    }

    /// Reads the part's records through `rows` and hands the batches to `writer`.
    mutating func read(path: String, config: SourceConfig, rows: inout PaymentRowReader, fileID: Int, writer: BatchWriter,
                       meter: ProgressMeter = .silent()) throws {
        var recordNumber = 0
        var batch = writer.emptyBatch(capacity: Self.batchSize)
        let reader = CSVReader(dialect: config.dialect)
        reader.onBytesRead = { meter.advance(by: $0) }
        var rowsCounted = 0   // rows told to the meter
        let supplierColumn = rows.supplierColumn, amountColumn = rows.amountColumn, decimalComma = rows.decimalComma
        summary = try reader.read(path: path, range: range, firstLine: firstLine) { record in
            recordNumber += 1
            if index == 0 && recordNumber <= config.headerLine { return }
            read += 1
            // A payee column saying `Grand Total` on a row whose amount is the sum of the rows above it (or of those
            // since the last such row: a subtotal) is the file's own arithmetic, not a payment. Only the part holding the
            // file's start knows the sum above; a later part's is known only once the parts before it are read, so a
            // labelled row there has the file read whole instead.
            var labelled: Result<PaymentRowReader.Accepted, PaymentRowReader.Reject>?
            if let amount = PaymentRowReader.labelledTotal(record, supplierColumn: supplierColumn, amountColumn: amountColumn, decimalComma: decimalComma) {
                if index > 0 { throw SpendFileLoader.ReadWhole.labelledTotalInLaterPart }
                if let sum = sumAbove(amount) {
                    labelled = .failure(PaymentRowReader.Reject(reason: .totalRow, column: nil, message: "payee \"\(record.string(supplierColumn))\"; the amount equals \(sum)", amount: amount))
                }
            }
            switch labelled ?? rows.read(record, fileID: fileID, into: &batch) {
            case .success(let payment):
                loaded += 1
                loadedPence += payment.amount
                readPence += payment.amount
                monthTally.add(payment.date)
                tallies.add(month: payment.date.year * 12 + payment.date.month - 1, payee: payment.payee, context: payment.context, pence: payment.amount)
                if first == nil || payment.date < first! { first = payment.date }
                if last == nil || last! < payment.date { last = payment.date }
            case .failure(var r):
                if r.reason == .dateMissing, let amount = r.amount, rows.lacksDateAndPayee(record) {
                    if index == 0, let sum = sumAbove(amount) {
                        r.reason = .totalRow
                        r.message = "no date or payee; the amount equals \(sum)"
                    } else if index > 0 {
                        guard candidates.count < Self.maximumCandidates else { throw SpendFileLoader.ReadWhole.tooManyTotalRowCandidates }
                        candidates.append(TotalRowCandidate(line: record.line, amount: amount, loadedBefore: loaded, loadedPenceBefore: loadedPence))
                    }
                }
                if r.reason == .totalRow { totalRowPence += r.amount ?? 0 }
                setAside += 1
                setAsideByReason[r.reason.rawValue, default: 0] += 1
                if let p = r.amount { setAsidePence += p; readPence += p } else { setAsideUnpriced += 1 }
                if r.reason != .totalRow, let p = r.amount { setAsidePriced += 1; setAsidePricedPence += p }
                // The record as CSV; a record of one empty field is `""`, never the empty text the batch would store as NULL.
                let raw = record.strings.map { CSVWriter.encode($0) }.joined(separator: ",")
                batch.add(.reject, [.integer(fileID), .integer(record.line), r.column.sql, .text(r.reason.rawValue), .text(r.message),
                                    r.amount.sql, .text(raw.isEmpty ? "\"\"" : raw)])
            }
            if batch.count >= Self.batchSize {
                meter.addRows(read - rowsCounted); rowsCounted = read
                try writer.submit(batch)
                batch = writer.emptyBatch(capacity: Self.batchSize)
            }
            if read & 255 == 0 && tallies.count > spillTallies {
                try tallies.handOver(fileID: fileID, rows: Self.batchSize, to: writer, payees: &payeeSums)
            }
        }
        meter.addRows(read - rowsCounted)
        if batch.count > 0 { try writer.submit(batch) }
        try tallies.handOver(fileID: fileID, rows: Self.batchSize, to: writer, payees: &payeeSums)
        monthTally.close()
        if index == 0 && summary.stoppedEarly && recordNumber < config.headerLine { throw SpendFileLoader.ReadWhole.splitBeforeHeader }
    }

    static func totalRowMessage(loadedAbove: Int) -> String {
        "no date or payee; the amount equals the sum of the \(loadedAbove) rows loaded above it"
    }

    /// When `amount` is the sum of the rows above it in this part (the rows loaded; or those and the rows set aside
    /// with an amount, as a council's total counts every row it printed; either since the totals row before it, a
    /// subtotal), says which, and marks this row as the last total. Nil when it is no such sum.
    mutating func sumAbove(_ amount: Pence) -> String? {
        let priced = loaded + setAsidePriced, pricedPence = loadedPence + setAsidePricedPence
        let found: String?
        if amount == loadedPence { found = "the sum of the \(loaded) rows loaded above it" }
        else if let last = atLastTotal, amount == loadedPence - last.loadedPence {
            found = "the sum of the \(loaded - last.loaded) rows loaded since the totals row before it"
        } else if setAsidePriced > 0 && amount == pricedPence { found = "the sum of the \(priced) rows read above it (\(setAsidePriced) of them set aside)" }
        else if let last = atLastTotal, priced - last.priced > loaded - last.loaded, amount == pricedPence - last.pricedPence {
            found = "the sum of the \(priced - last.priced) rows read since the totals row before it (\(priced - last.priced - loaded + last.loaded) of them set aside)"
        } else { found = nil }
        if found != nil { atLastTotal = (loaded, loadedPence, priced, pricedPence) }
        return found
    }
}

/// Rows per month (keyed by year × 12 + month, with a date of that month), counted a run at a time: rows of one
/// month mostly come together, so the dictionary is touched when the month changes, not on every row.
struct MonthTally {
    private(set) var counts: [Int: (date: SpendDate, count: Int)] = [:]
    private var runKey = -1
    private var runDate: SpendDate?
    private var runCount = 0

    mutating func add(_ date: SpendDate) {
        let key = date.year * 12 + date.month
        if key != runKey {
            close()
            runKey = key
            runDate = date
        }
        runCount += 1
    }

    /// Adds the current run to `counts`.
    mutating func close() {
        if let runDate, runCount > 0 { counts[runKey, default: (runDate, 0)].count += runCount }
        runCount = 0
    }
}
