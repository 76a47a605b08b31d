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

    public init(warehouse: WarehouseStore, runID: Int?) {
        self.warehouse = warehouse
        self.runID = runID
    }

    public func load(path: String, overrides: SourceOverrides = .none) throws -> FileAccounting {
        let sha = try FileDigest.sha256(path: path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if let existing = try warehouse.query("SELECT file_id FROM source_files WHERE sha256 = ? AND is_current = 1", [.text(sha)]).first?[0].int {
            var accounting = try Self.accounting(fileID: existing, warehouse: warehouse)
            accounting.action = .unchanged
            accounting.path = path
            return accounting
        }
        let config = try SpendFileSniffer().sniff(path: path, overrides: overrides)
        let configJSON = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        let fileName = URL(fileURLWithPath: path).lastPathComponent

        return try warehouse.transaction {
            try warehouse.run("""
                INSERT INTO source_files (path, file_name, sha256, bytes_count, loaded_at, run_id, config_json, vat_basis, read_count, loaded_count,
                  set_aside_count, read_pence, loaded_pence, set_aside_pence, set_aside_unpriced_count, preamble_lines_count, blank_lines_count)
                VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                """, [.text(path), .text(fileName), .text(sha), .integer(bytes), runID.sql, .text(configJSON), .text(config.vat)])
            let fileID = warehouse.lastInsertRowID
            var rows = try PaymentRowReader(config: config, warehouse: warehouse)
            let writer = BatchWriter(statements: try rows.statements(warehouse), grouped: try rows.groupedLines(warehouse))
            var a = FileAccounting(path: path, fileID: fileID, sha256: sha, bytes: bytes, action: .loaded, replacedFileIDs: [],
                                   read: 0, loaded: 0, setAside: 0, setAsideUnpriced: 0, readPence: 0, loadedPence: 0,
                                   setAsidePence: 0, preambleRecords: config.headerLine - 1, blankLines: 0, periodMonth: nil,
                                   firstPaidOn: nil, lastPaidOn: nil, setAsideByReason: [:], config: config)
            var months: [Int: (date: SpendDate, count: Int)] = [:]   // by year × 12 + month
            var first: SpendDate?, last: SpendDate?
            var recordNumber = 0
            // Parsing stays on this thread; a second thread writes the batches into the warehouse.
            let batchSize = 4096
            var batch = RowBatch(capacity: batchSize)
            writer.start()
            let summary: CSVReadSummary
            do {
                summary = try CSVReader(dialect: config.dialect).read(path: path) { record in
                    recordNumber += 1
                    if recordNumber <= config.headerLine { return }
                    a.read += 1
                    switch rows.read(record, fileID: fileID, into: &batch) {
                    case .success(let payment):
                        a.loaded += 1
                        a.loadedPence += payment.amount
                        a.readPence += payment.amount
                        months[payment.date.year * 12 + payment.date.month, default: (payment.date, 0)].count += 1
                        if first == nil || payment.date < first! { first = payment.date }
                        if last == nil || last! < payment.date { last = payment.date }
                    case .failure(var r):
                        if r.reason == .dateMissing, r.amount == a.loadedPence, rows.lacksDateAndPayee(record) {
                            r.reason = .totalRow
                            r.message = "no date or payee; the amount equals the sum of the \(a.loaded) rows loaded above it"
                            a.totalRowPence += r.amount!
                        }
                        a.setAside += 1
                        a.setAsideByReason[r.reason.rawValue, default: 0] += 1
                        if let p = r.amount { a.setAsidePence += p; a.readPence += p } else { a.setAsideUnpriced += 1 }
                        batch.add(.reject, [.integer(fileID), .integer(record.line), r.column.sql, .text(r.reason.rawValue), .text(r.message),
                                      r.amount.sql, .text(record.strings.map { CSVWriter.encode($0) }.joined(separator: ","))])
                    }
                    if batch.count >= batchSize {
                        try writer.submit(batch)
                        batch = RowBatch(capacity: batchSize)
                    }
                }
                if batch.count > 0 { try writer.submit(batch) }
                try writer.finish()
            } catch {
                try? writer.finish()
                throw error
            }
            a.blankLines = summary.blankLines
            a.transcodedFields = summary.transcodedFields
            a.periodMonth = months.values.max { ($0.count, $1.date) < ($1.count, $0.date) }?.date.monthKey
            a.firstPaidOn = first?.description
            a.lastPaidOn = last?.description
            try warehouse.run("""
                UPDATE source_files SET read_count = ?, loaded_count = ?, set_aside_count = ?, read_pence = ?, loaded_pence = ?,
                  set_aside_pence = ?, set_aside_unpriced_count = ?, preamble_lines_count = ?, blank_lines_count = ?,
                  period_month = ?, first_paid_on = ?, last_paid_on = ? WHERE file_id = ?
                """, [.integer(a.read), .integer(a.loaded), .integer(a.setAside), .integer(a.readPence), .integer(a.loadedPence),
                      .integer(a.setAsidePence), .integer(a.setAsideUnpriced), .integer(a.preambleRecords), .integer(a.blankLines),
                      a.periodMonth.sql, a.firstPaidOn.sql, a.lastPaidOn.sql, .integer(fileID)])
            a.replacedFileIDs = try replaceEarlierVersions(of: fileID, fileName: fileName, config: config, period: a.periodMonth)
            if !a.replacedFileIDs.isEmpty { a.action = .replaced }
            return a
        }
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
