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
    /// another thread writes into the warehouse and another works out the digest. The default is one per core: since
    /// the tallies took the per-line work off later stages and the writer stores only lines, the writer needs about a
    /// third of a core, and two parts on two cores read a 5-million-line file in three quarters of the time of one.
    public var parseThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// A file is split only into parts of at least this many bytes (so a monthly file is read on one thread).
    public var minimumPartBytes = 16 << 20
    /// A part holding more month × payee × context tallies than this hands them to the writer and starts afresh, so
    /// memory stays bounded whatever the file's size (a part of a million lines over a year holds about as many).
    /// 65,536 (about 8 MB a part): against 262,144, a 1,000,000-line file upserts a tenth more tally rows and its
    /// load peaks 40 MB lower.
    public var spillTallies = 1 << 16
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
        /// A row whose payee is a totals label, in a part after the first (the sum above it is not known there).
        case labelledTotalInLaterPart
        /// Records ran over line breaks and the whole file shows quoted fields going on after their closing quote,
        /// beyond the sample sniffing read: the file is read again, mended.
        case quotesNeedMending(repairs: Int, firstLine: Int?)
    }

    public init(warehouse: WarehouseStore, runID: Int?) {
        self.warehouse = warehouse
        self.runID = runID
    }

    /// Loads one file. `source` is its identity within the pipeline (default: its full path); `replaces` are the
    /// paths or globs of files it republishes; `listed` holds every source the pipeline lists this run (nil outside
    /// a pipeline), so that the same bytes under two listed paths load once and a file that moved is not re-read.
    /// `meter` counts the bytes and rows read (the live progress line).
    public func load(path: String, overrides: SourceOverrides = .none, source: String? = nil, replaces: [String] = [],
                     listed: Set<String>? = nil, meter: ProgressMeter = .silent()) throws -> FileAccounting {
        let source = source ?? URL(fileURLWithPath: path).standardizedFileURL.path
        let settings = Self.settingsDigest(overrides)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let stamp = FileStamp(path: path)
        struct Version: Decodable { var file_id: Int; var sha256: String; var settings_digest: String?; var file_stamp: String?; var source_path: String? }
        var retire = try warehouse.fetch(Version.self, "SELECT file_id, sha256, settings_digest, file_stamp, source_path FROM source_files WHERE is_current = 1 AND source_path = ?", [.text(source)])
            .map { (id: $0.file_id, sha: $0.sha256, settings: $0.settings_digest, stamp: $0.file_stamp) }
        // The same path with the same size, modification time and inode as when its bytes were hashed: unchanged.
        if let stamp = stamp?.text, let same = retire.first(where: { $0.stamp == stamp && $0.settings == settings }) {
            return try settled(same.id, path: path, action: .unchanged, other: nil)
        }
        // The digest is worked out alongside the parse. Only a current file of the same size can have the same
        // bytes, and only then is it waited for before reading.
        let digest = PendingDigest(path: path)
        if try warehouse.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1 AND bytes_count = ?", [.integer(bytes)]) > 0 {
            let sha = try digest.value()
            if let same = retire.first(where: { $0.sha == sha && $0.settings == settings }) {
                try warehouse.run("UPDATE source_files SET file_stamp = ? WHERE file_id = ?", [(stamp?.trusted).sql, .integer(same.id)])
                return try settled(same.id, path: path, action: .unchanged, other: nil)
            }
            if let other = try warehouse.fetch(Version.self, """
                SELECT file_id, sha256, settings_digest, file_stamp, source_path FROM source_files WHERE is_current = 1 AND sha256 = ? AND source_path IS NOT ?
                """, [.text(sha), .text(source)]).first {
                let otherID = other.file_id, otherSource = other.source_path ?? ""
                if listed?.contains(otherSource) ?? true {
                    try self.retire(retire.map(\.id), replacedBy: otherID, reason: "now the same bytes as \(otherSource)")
                    return try settled(otherID, path: path, action: .duplicate, other: otherSource)
                }
                if other.settings_digest == settings {
                    try self.retire(retire.map(\.id), replacedBy: otherID, reason: "now the same bytes as \(otherSource), which moved here")
                    try warehouse.run("UPDATE source_files SET source_path = ?, path = ?, file_name = ?, file_stamp = ? WHERE file_id = ?",
                                      [.text(source), .text(path), .text(URL(fileURLWithPath: path).lastPathComponent), (stamp?.trusted).sql, .integer(otherID)])
                    return try settled(otherID, path: path, action: .moved, other: otherSource)
                }
                retire.append((otherID, sha, other.settings_digest, nil))
            }
        }
        var replaced = retire.map(\.id)
        if !replaces.isEmpty {
            for file in try warehouse.fetch(CurrentFile.self, "SELECT file_id, path, source_path, loaded_count, loaded_pence FROM source_files WHERE is_current = 1") {
                if !replaced.contains(file.file_id), replaces.contains(where: { FileGlob.matches($0, file.path) }) { replaced.append(file.file_id) }
            }
        }
        // A UTF-16 file is read through a UTF-8 copy; it is known (path, hash, ledger) as itself.
        let utf16 = try UTF16File.utf8Copy(of: path)
        defer { if let utf16 { try? FileManager.default.removeItem(atPath: utf16.copy) } }
        let readFrom = utf16?.copy ?? path
        var config = try SpendFileSniffer().sniff(path: readFrom, overrides: overrides)
        if let utf16 {
            config.sourceEncoding = utf16.name
            config.notes.insert("encoding: \(utf16.name) (Excel's Unicode text), read through a UTF-8 copy", at: 0)
        }
        let readBytes = utf16 == nil ? bytes : ((try? FileManager.default.attributesOfItem(atPath: readFrom)[.size] as? Int) ?? bytes)
        // A file whose quotes are mended is read whole: a part could start inside a field the mending keeps open.
        let parts = config.dialect.mendsQuotes ? 1 : max(1, min(parseThreads, readBytes / max(minimumPartBytes, 1)))
        let identity = Identity(source: source, settings: settings, replaced: replaced, listed: listed, stamp: stamp?.trusted)
        do {
            return try load(path: path, readFrom: readFrom, bytes: bytes, config: config, digest: digest, parts: parts, identity: identity, meter: meter)
        } catch ReadWhole.quotesNeedMending(let repairs, let firstLine) {
            meter.reset()
            config.mendsQuotes = true
            config.notes.append("quotes: \(repairs) quoted field(s) go on after their closing quote (the first on line \(firstLine ?? 0)), found when records ran over line breaks: each is read as one field, the file on one thread")
            return try load(path: path, readFrom: readFrom, bytes: bytes, config: config, digest: digest, parts: 1, identity: identity, meter: meter)
        } catch is ReadWhole {
            meter.reset()
            return try load(path: path, readFrom: readFrom, bytes: bytes, config: config, digest: digest, parts: 1, identity: identity, meter: meter)
        }
    }

    /// What the loader decided about a file before reading it: its source, settings and the current files it replaces.
    struct Identity {
        var source: String
        var settings: String
        var replaced: [Int]
        var listed: Set<String>?
        var stamp: String?
    }

    /// The digest of the settings a file is read with (the pipeline's overrides and the version of the reading rules):
    /// a file whose settings change is read again.
    public static func settingsDigest(_ overrides: SourceOverrides) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(overrides)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return TextDigest.sha256("reading rules \(SpendFileSniffer.rulesVersion)\n" + json)
    }

    /// The stored accounting of a current file that is not read again.
    func settled(_ fileID: Int, path: String, action: FileAccounting.Action, other: String?) throws -> FileAccounting {
        var a = try Self.accounting(fileID: fileID, warehouse: warehouse)
        a.action = action
        a.path = path
        a.parts = 0
        a.otherPath = other
        return a
    }

    /// Takes files out of the current data, keeping their ledger rows: `replacedBy` the file that takes their place.
    public func retire(_ fileIDs: [Int], replacedBy: Int?, reason: String) throws {
        for id in fileIDs {
            try warehouse.run("UPDATE source_files SET is_current = 0, replaced_by_file_id = ?, retired_run_id = ?, retired_reason = ? WHERE file_id = ?",
                              [replacedBy.sql, runID.sql, .text(reason), .integer(id)])
            try warehouse.run("DELETE FROM stg_lines WHERE \(StagingReader.lineKeys(of: "?"))", [.integer(id), .integer(id)])
            try warehouse.run("DELETE FROM stg_rejects WHERE file_id = ?", [.integer(id)])
            try warehouse.run("DELETE FROM stg_file_payees WHERE file_id = ?", [.integer(id)])
            try warehouse.run("DELETE FROM stg_tallies WHERE file_id = ?", [.integer(id)])
        }
    }

    /// A current file as the loader compares it with others.
    struct CurrentFile: Decodable { var file_id: Int; var path: String; var source_path: String?; var loaded_count: Int; var loaded_pence: Int }

    /// A current file the pipeline no longer lists, taken out of the current data.
    public struct RetiredFile: Sendable {
        public var path: String
        public var rows: Int
        public var pence: Pence
    }

    /// Retires every current file whose source is not in `listed` (with `only`, that one source alone); returns what left
    /// the current data.
    public func retireUnlisted(_ listed: Set<String>, reason: String = "no longer listed by the pipeline", only: String? = nil) throws -> [RetiredFile] {
        var retired: [RetiredFile] = []
        try warehouse.transaction {
            for file in try warehouse.fetch(CurrentFile.self, "SELECT file_id, path, source_path, loaded_count, loaded_pence FROM source_files WHERE is_current = 1 ORDER BY file_id") {
                guard !listed.contains(file.source_path ?? ""), only == nil || file.source_path == only else { continue }
                try retire([file.file_id], replacedBy: nil, reason: reason)
                retired.append(RetiredFile(path: file.path, rows: file.loaded_count, pence: file.loaded_pence))
            }
        }
        return retired
    }

    /// Loads the file in one transaction, read in up to `parts` parts side by side.
    func load(path: String, readFrom: String, bytes: Int, config: SourceConfig, digest: PendingDigest, parts: Int, identity: Identity,
              meter: ProgressMeter = .silent()) throws -> FileAccounting {
        let configJSON = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let ranges = parts > 1 ? try FileSplit.ranges(path: readFrom, parts: parts) : [0..<Int.max]

        // A small page cache while loading: SQLite then writes pages out on the writer thread as the load goes,
        // instead of holding them all for the commit to write on this one.
        try warehouse.run("PRAGMA cache_size = \(-Self.loadCacheKiB)")
        defer { try? warehouse.run("PRAGMA cache_size = \(-Warehouse.cacheKiB)") }
        return try warehouse.transaction {
            try warehouse.run("""
                INSERT INTO source_files (path, file_name, sha256, bytes_count, loaded_at, run_id, config_json, vat_basis, read_count, loaded_count,
                  set_aside_count, read_pence, loaded_pence, set_aside_pence, set_aside_unpriced_count, preamble_lines_count, blank_lines_count,
                  source_path, settings_digest, file_stamp)
                VALUES (?, ?, '', ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?, ?)
                """, [.text(path), .text(fileName), .integer(bytes), runID.sql, .text(configJSON), .text(config.vat), .text(identity.source), .text(identity.settings),
                      identity.stamp.sql])
            let fileID = warehouse.lastInsertRowID
            let read = try readParts(path: readFrom, ranges: ranges, config: config, fileID: fileID, meter: meter)
            // A stray quote beyond the sniffed sample makes libcsv run a field on to the next quote, over line breaks,
            // swallowing the records between: records that ran over lines have the whole file checked (once).
            if !config.dialect.mendsQuotes && read.contains(where: { $0.summary.multiLineRecords > 0 }) {
                let found = try QuoteRepair.count(path: readFrom, delimiter: config.dialect.delimiter, quote: config.dialect.quote)
                if found.repairs > 0 { throw ReadWhole.quotesNeedMending(repairs: found.repairs, firstLine: found.firstLine) }
            }
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
            var payees = PayeeSums()
            for part in read { payees.add(part.payeeSums) }
            try payees.store(fileID: fileID, in: warehouse)
            try retire(identity.replaced, replacedBy: fileID, reason: "replaced by \(identity.source)")
            a.replacedFileIDs = identity.replaced
            if !a.replacedFileIDs.isEmpty { a.action = .replaced }
            a.repeats = try repeatedPayments(fileID: fileID, month: a.periodMonth, listed: identity.listed)
            return a
        }
    }

    /// Reads each range of the file on its own thread while a writer thread stores the batches; returns the
    /// parts in file order. Throws `ReadWhole` when a split turns out not to fall between records.
    func readParts(path: String, ranges: [Range<Int>], config: SourceConfig, fileID: Int, meter: ProgressMeter = .silent()) throws -> [SpendFilePart] {
        // Each part numbers its lines from the line breaks before it: every range's breaks are counted once.
        let breaks = try SideBySide.results(ranges.count - 1) { try FileSplit.lineBreaks(path: path, in: ranges[$0]) }.map { try $0.get() }
        let firstLines = breaks.reduce(into: [1]) { $0.append($0.last! + $1) }
        let payees = try PaymentRowReader.payeeIDs(warehouse), contexts = try PaymentRowReader.contextIDs(warehouse)
        let writer = BatchWriter(statements: try PaymentRowReader.statements(warehouse, payees: payees, contexts: contexts),
                                 grouped: try PaymentRowReader.grouped(warehouse))
        writer.start()
        let results = SideBySide.results(ranges.count) { i in
            var part = SpendFilePart(index: i, range: ranges[i])
            part.firstLine = firstLines[i]
            part.spillTallies = spillTallies
            var rows = PaymentRowReader(config: config, payees: payees, contexts: contexts)
            try part.read(path: path, config: config, rows: &rows, fileID: fileID, writer: writer, meter: meter)
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
            a.mendedQuotes += part.summary.mendedQuotes
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

    /// Current files of the same main month that repeat at least half of this file's payments (date, amount and payee).
    /// Files the pipeline no longer lists (about to be retired) are not compared.
    func repeatedPayments(fileID: Int, month: String?, listed: Set<String>?) throws -> [FileAccounting.Repeat] {
        guard let month else { return [] }
        let others = try warehouse.fetch(CurrentFile.self, """
            SELECT file_id, path, source_path, loaded_count, loaded_pence FROM source_files WHERE is_current = 1 AND file_id <> ? AND period_month = ?
            """, [.integer(fileID), .text(month)]).filter { listed?.contains($0.source_path ?? "") ?? true }
        guard !others.isEmpty else { return [] }
        struct Payment: Hashable { var date: Int; var pence: Int; var payee: Int }
        func payments(_ id: Int) throws -> [Payment: Int] {
            var counts: [Payment: Int] = [:]
            let lines = try warehouse.prepare("SELECT paid_on, amount_pence, payee_id FROM stg_lines WHERE \(StagingReader.lineKeys(of: "\(id)"))")
            let date = try lines.column("paid_on"), pence = try lines.column("amount_pence"), payee = try lines.column("payee_id")
            try lines.forEachRow { row in counts[Payment(date: row.int(date), pence: row.int(pence), payee: row.int(payee)), default: 0] += 1 }
            return counts
        }
        let mine = try payments(fileID)
        let total = mine.values.reduce(0, +)
        var found: [FileAccounting.Repeat] = []
        for other in others {
            let id = other.file_id
            let theirs = try payments(id)
            let shared = mine.reduce(0) { $0 + min($1.value, theirs[$1.key] ?? 0) }
            if total > 0 && shared * 2 >= total { found.append(.init(path: other.path, rows: shared)) }
        }
        return found
    }

    /// What the current files hold, from their ledger rows.
    public struct CurrentTotals: Decodable, Sendable {
        public var files: Int, loaded: Int, setAside: Int, loadedPence: Int
    }

    /// The current files' count, rows loaded and set aside, and pence loaded.
    public static func currentTotals(_ warehouse: WarehouseStore) throws -> CurrentTotals {
        try warehouse.fetch(CurrentTotals.self, """
            SELECT COUNT(*) AS files, coalesce(SUM(loaded_count), 0) AS loaded, coalesce(SUM(set_aside_count), 0) AS setAside,
              coalesce(SUM(loaded_pence), 0) AS loadedPence FROM source_files WHERE is_current = 1
            """)[0]
    }

    /// The stored accounting of a file already loaded.
    public static func accounting(fileID: Int, warehouse: WarehouseStore) throws -> FileAccounting {
        struct Ledger: Decodable {
            var path: String; var sha256: String; var bytes_count: Int; var read_count: Int; var loaded_count: Int; var set_aside_count: Int
            var set_aside_unpriced_count: Int; var read_pence: Int; var loaded_pence: Int; var set_aside_pence: Int
            var preamble_lines_count: Int; var blank_lines_count: Int; var period_month: String?; var first_paid_on: String?
            var last_paid_on: String?; var config_json: String
        }
        guard let r = try warehouse.fetch(Ledger.self, "SELECT * FROM source_files WHERE file_id = ?", [.integer(fileID)]).first else {
            throw WarehouseError(message: "no source file \(fileID)")
        }
        let config = try JSONDecoder().decode(SourceConfig.self, from: Data(r.config_json.utf8))
        struct Reason: Decodable { var reason_code: String; var rows_count: Int }
        var reasons: [String: Int] = [:]
        for row in try warehouse.fetch(Reason.self, "SELECT reason_code, COUNT(*) AS rows_count FROM stg_rejects WHERE file_id = ? GROUP BY reason_code", [.integer(fileID)]) {
            reasons[row.reason_code] = row.rows_count
        }
        var a = FileAccounting(path: r.path, fileID: fileID, sha256: r.sha256, bytes: r.bytes_count, action: .loaded,
                              replacedFileIDs: [], read: r.read_count, loaded: r.loaded_count, setAside: r.set_aside_count,
                              setAsideUnpriced: r.set_aside_unpriced_count, readPence: r.read_pence, loadedPence: r.loaded_pence,
                              setAsidePence: r.set_aside_pence, preambleRecords: r.preamble_lines_count, blankLines: r.blank_lines_count,
                              periodMonth: r.period_month, firstPaidOn: r.first_paid_on, lastPaidOn: r.last_paid_on,
                              setAsideByReason: reasons, config: config)
        a.totalRowPence = try warehouse.scalarInt("SELECT coalesce(SUM(amount_pence), 0) FROM stg_rejects WHERE file_id = ? AND reason_code = 'total_row'", [.integer(fileID)])
        return a
    }
}
