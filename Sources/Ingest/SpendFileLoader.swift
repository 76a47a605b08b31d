import Foundation
import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Loads one spend file into the staging area (`stg_lines` with its `stg_payees` and `stg_contexts`, read
/// together as the `stg_payments` view) or `stg_rejects`, in one transaction, accounting for every row.
///
/// Loading the same bytes twice changes nothing. A file with the same name as one already loaded,
/// or with the same layout, body and month, is a republished version: it replaces the earlier one.
public struct SpendFileLoader {
    public let warehouse: WarehouseStore
    public let runID: Int?
    /// Threads that parse one file side by side, each its own part. 1 reads every file on one thread. Either way
    /// another thread writes into the warehouse and another works out the digest, so the default leaves one core
    /// to them: on two cores, parsing a second part cost more in contention than it saved (see the README).
    public var parseThreads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    /// A file is split only into parts of at least this many bytes (so a monthly file is read on one thread).
    public var minimumPartBytes = 16 << 20
    /// SQLite's page cache during a load, in KiB.
    static let loadCacheKiB = 8192

    /// Why a file read in parts is read again, whole, on one thread.
    enum ReadWhole: Error {
        /// A split point fell inside a quoted field that holds a line break.
        case splitInsideRecord
        /// A split point fell before the end of the header (only with parts far smaller than a sniffing sample).
        case splitBeforeHeader
        /// Too many rows without date or payee to hold until the totals above them are known.
        case tooManyTotalRowCandidates
    }

    public init(warehouse: WarehouseStore, runID: Int?) {
        self.warehouse = warehouse
        self.runID = runID
    }

    public func load(path: String, overrides: SourceOverrides = .none) throws -> FileAccounting {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        // The digest is worked out alongside the parse. Only a current file of the same size can have the same
        // bytes, and only then is it waited for before reading.
        let digest = PendingDigest(path: path)
        if try warehouse.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1 AND bytes_count = ?", [.integer(bytes)]) > 0,
           let existing = try warehouse.query("SELECT file_id FROM source_files WHERE sha256 = ? AND is_current = 1", [.text(try digest.value())]).first?[0].int {
            var accounting = try Self.accounting(fileID: existing, warehouse: warehouse)
            accounting.action = .unchanged
            accounting.path = path
            accounting.parts = 0
            return accounting
        }
        let config = try SpendFileSniffer().sniff(path: path, overrides: overrides)
        let parts = max(1, min(parseThreads, bytes / max(minimumPartBytes, 1)))
        do {
            return try load(path: path, bytes: bytes, config: config, digest: digest, parts: parts)
        } catch is ReadWhole {
            return try load(path: path, bytes: bytes, config: config, digest: digest, parts: 1)
        }
    }

    /// Loads the file in one transaction, read in up to `parts` parts side by side.
    func load(path: String, bytes: Int, config: SourceConfig, digest: PendingDigest, parts: Int) throws -> FileAccounting {
        let configJSON = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let ranges = parts > 1 ? try FileSplit.ranges(path: path, parts: parts) : [0..<Int.max]

        // A small page cache while loading: SQLite then writes pages out on the writer thread as the load goes,
        // instead of holding them all for the commit to write on this one.
        try warehouse.run("PRAGMA cache_size = \(-Self.loadCacheKiB)")
        defer { try? warehouse.run("PRAGMA cache_size = \(-Warehouse.cacheKiB)") }
        return try warehouse.transaction {
            try warehouse.run("""
                INSERT INTO source_files (path, file_name, sha256, bytes_count, loaded_at, run_id, config_json, vat_basis, read_count, loaded_count,
                  set_aside_count, read_pence, loaded_pence, set_aside_pence, set_aside_unpriced_count, preamble_lines_count, blank_lines_count)
                VALUES (?, ?, '', ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                """, [.text(path), .text(fileName), .integer(bytes), runID.sql, .text(configJSON), .text(config.vat)])
            let fileID = warehouse.lastInsertRowID
            let read = try readParts(path: path, ranges: ranges, config: config, fileID: fileID)
            var a = FileAccounting(path: path, fileID: fileID, sha256: try digest.value(), bytes: bytes, action: .loaded, replacedFileIDs: [],
                                   read: 0, loaded: 0, setAside: 0, setAsideUnpriced: 0, readPence: 0, loadedPence: 0,
                                   setAsidePence: 0, preambleRecords: config.headerLine - 1, blankLines: 0, periodMonth: nil,
                                   firstPaidOn: nil, lastPaidOn: nil, setAsideByReason: [:], config: config)
            try add(read, to: &a)
            a.parts = read.count
            try warehouse.run("""
                UPDATE source_files SET sha256 = ?, read_count = ?, loaded_count = ?, set_aside_count = ?, read_pence = ?, loaded_pence = ?,
                  set_aside_pence = ?, set_aside_unpriced_count = ?, preamble_lines_count = ?, blank_lines_count = ?,
                  period_month = ?, first_paid_on = ?, last_paid_on = ? WHERE file_id = ?
                """, [.text(a.sha256), .integer(a.read), .integer(a.loaded), .integer(a.setAside), .integer(a.readPence), .integer(a.loadedPence),
                      .integer(a.setAsidePence), .integer(a.setAsideUnpriced), .integer(a.preambleRecords), .integer(a.blankLines),
                      a.periodMonth.sql, a.firstPaidOn.sql, a.lastPaidOn.sql, .integer(fileID)])
            a.replacedFileIDs = try replaceEarlierVersions(of: fileID, fileName: fileName, config: config, period: a.periodMonth)
            if !a.replacedFileIDs.isEmpty { a.action = .replaced }
            return a
        }
    }

    /// Reads each range of the file on its own thread while a writer thread stores the batches; returns the
    /// parts in file order. Throws `ReadWhole` when a split turns out not to fall between records.
    func readParts(path: String, ranges: [Range<Int>], config: SourceConfig, fileID: Int) throws -> [SpendFilePart] {
        // Each part numbers its lines from the line breaks before it: every range's breaks are counted once.
        let breaks = try SideBySide.results(ranges.count - 1) { try FileSplit.lineBreaks(path: path, in: ranges[$0]) }.map { try $0.get() }
        let firstLines = breaks.reduce(into: [1]) { $0.append($0.last! + $1) }
        let payees = try PaymentRowReader.payeeIDs(warehouse), contexts = try PaymentRowReader.contextIDs(warehouse)
        let writer = BatchWriter(statements: try PaymentRowReader.statements(warehouse, payees: payees, contexts: contexts),
                                 grouped: try PaymentRowReader.groupedLines(warehouse))
        writer.start()
        let results = SideBySide.results(ranges.count) { i in
            var part = SpendFilePart(index: i, range: ranges[i])
            part.firstLine = firstLines[i]
            var rows = PaymentRowReader(config: config, payees: payees, contexts: contexts)
            try part.read(path: path, config: config, rows: &rows, fileID: fileID, writer: writer)
            return part
        }
        let written = Result { try writer.finish() }
        var parts: [SpendFilePart] = []
        for i in ranges.indices {
            // Each part is checked only once the split before it is known to be sound, so its error is its own.
            let part = try results[i].get()
            if i + 1 < ranges.count && (!part.summary.endedBetweenRecords || part.summary.nextLine != firstLines[i + 1]) {
                throw ReadWhole.splitInsideRecord
            }
            parts.append(part)
        }
        try written.get()
        return parts
    }

    /// Adds up the parts' accounting. A row without date or payee in a later part becomes a totals row now that
    /// the sum above it is known.
    func add(_ parts: [SpendFilePart], to a: inout FileAccounting) throws {
        var months: [Int: (date: SpendDate, count: Int)] = [:]
        var first: SpendDate?, last: SpendDate?
        for part in parts {
            let loadedAbove = a.loaded, penceAbove = a.loadedPence
            a.read += part.read
            a.loaded += part.loaded
            a.setAside += part.setAside
            a.setAsideUnpriced += part.setAsideUnpriced
            a.readPence += part.readPence
            a.loadedPence += part.loadedPence
            a.setAsidePence += part.setAsidePence
            a.totalRowPence += part.totalRowPence
            a.blankLines += part.summary.blankLines
            a.transcodedFields += part.summary.transcodedFields
            a.setAsideByReason.merge(part.setAsideByReason, uniquingKeysWith: +)
            months.merge(part.months) { ($0.date, $0.count + $1.count) }
            if let f = part.first, first == nil || f < first! { first = f }
            if let l = part.last, last == nil || last! < l { last = l }
            for c in part.candidates where c.amount == penceAbove + c.loadedPenceBefore {
                try warehouse.run("UPDATE stg_rejects SET reason_code = ?, message = ? WHERE file_id = ? AND line_no = ?",
                                  [.text(RejectReason.totalRow.rawValue), .text(SpendFilePart.totalRowMessage(loadedAbove: loadedAbove + c.loadedBefore)),
                                   .integer(a.fileID), .integer(c.line)])
                a.setAsideByReason[RejectReason.dateMissing.rawValue, default: 0] -= 1
                a.setAsideByReason[RejectReason.totalRow.rawValue, default: 0] += 1
                a.totalRowPence += c.amount
            }
        }
        a.setAsideByReason = a.setAsideByReason.filter { $0.value > 0 }
        a.periodMonth = months.values.max { ($0.count, $1.date) < ($1.count, $0.date) }?.date.monthKey
        a.firstPaidOn = first?.description
        a.lastPaidOn = last?.description
    }

    /// Retires earlier current files that this one republishes; returns their ids.
    func replaceEarlierVersions(of fileID: Int, fileName: String, config: SourceConfig, period: String?) throws -> [Int] {
        let candidates = try warehouse.query("SELECT file_id, file_name, config_json, period_month FROM source_files WHERE is_current = 1 AND file_id <> ?", [.integer(fileID)])
        var replaced: [Int] = []
        for row in candidates {
            guard let id = row[0].int else { continue }
            let sameName = row[1].string == fileName
            let earlier = (row[2].string?.data(using: .utf8)).flatMap { try? JSONDecoder().decode(SourceConfig.self, from: $0) }
            let sameLayout = period != nil && row[3].string == period && earlier?.headers == config.headers
            let sameLayoutAndPeriod = try sameLayout && sameBody(id, fileID)
            if sameName || sameLayoutAndPeriod {
                try warehouse.run("UPDATE source_files SET is_current = 0, replaced_by_file_id = ? WHERE file_id = ?", [.integer(fileID), .integer(id)])
                try warehouse.run("DELETE FROM stg_lines WHERE file_id = ?", [.integer(id)])
                try warehouse.run("DELETE FROM stg_rejects WHERE file_id = ?", [.integer(id)])
                replaced.append(id)
            }
        }
        return replaced
    }

    func sameBody(_ a: Int, _ b: Int) throws -> Bool {
        let bodies = try warehouse.query("SELECT DISTINCT coalesce(body_name, body, '') FROM stg_payments WHERE file_id IN (?, ?)", [.integer(a), .integer(b)])
        return bodies.count <= 1
    }

    /// The stored accounting of a file already loaded.
    public static func accounting(fileID: Int, warehouse: WarehouseStore) throws -> FileAccounting {
        guard let r = try warehouse.query("""
            SELECT path, sha256, bytes_count, read_count, loaded_count, set_aside_count, set_aside_unpriced_count, read_pence,
              loaded_pence, set_aside_pence, preamble_lines_count, blank_lines_count, period_month, first_paid_on, last_paid_on, config_json
            FROM source_files WHERE file_id = ?
            """, [.integer(fileID)]).first else { throw WarehouseError(message: "no source file \(fileID)") }
        let config = try JSONDecoder().decode(SourceConfig.self, from: Data((r[15].string ?? "{}").utf8))
        var reasons: [String: Int] = [:]
        for row in try warehouse.query("SELECT reason_code, COUNT(*) FROM stg_rejects WHERE file_id = ? GROUP BY reason_code", [.integer(fileID)]) {
            reasons[row[0].string ?? "?"] = row[1].int ?? 0
        }
        var a = FileAccounting(path: r[0].string ?? "", fileID: fileID, sha256: r[1].string ?? "", bytes: r[2].int ?? 0, action: .loaded,
                              replacedFileIDs: [], read: r[3].int ?? 0, loaded: r[4].int ?? 0, setAside: r[5].int ?? 0,
                              setAsideUnpriced: r[6].int ?? 0, readPence: r[7].int ?? 0, loadedPence: r[8].int ?? 0,
                              setAsidePence: r[9].int ?? 0, preambleRecords: r[10].int ?? 0, blankLines: r[11].int ?? 0,
                              periodMonth: r[12].string, firstPaidOn: r[13].string, lastPaidOn: r[14].string,
                              setAsideByReason: reasons, config: config)
        a.totalRowPence = try warehouse.scalarInt("SELECT coalesce(SUM(amount_pence), 0) FROM stg_rejects WHERE file_id = ? AND reason_code = 'total_row'", [.integer(fileID)])
        return a
    }
}
