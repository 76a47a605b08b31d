import Foundation
import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Stage 1: every spend file of the pipeline into the staging area (`stg_lines`, `stg_payees`, `stg_contexts`,
/// read together as the `stg_payments` view), or `stg_rejects` with a reason.
public struct IngestStage: PipelineStage {
    public let name = StageName.ingest
    /// Take every file out of the current data first and read them all again (`run --rebuild`).
    public var rebuild: Bool

    public init(rebuild: Bool = false) { self.rebuild = rebuild }

    public func run(_ context: StageContext) throws -> StageResult {
        var files: [(path: String, input: PipelineConfig.SpendInput)] = []
        for input in context.config.spend {
            let matched = FileGlob.expand(input.path)
            if matched.isEmpty || (matched == [input.path] && !FileManager.default.fileExists(atPath: input.path)) {
                throw IngestError.noFiles(pattern: input.path)
            }
            // A file listed twice (two globs) is read once, with the settings of the first entry that lists it.
            files += matched.filter { path in !files.contains { $0.path == path } }.map { ($0, input) }
        }
        // A file another listed file `replaces:` is not read: its rows leave the current data when the new one loads.
        var replacedBy: [String: String] = [:]
        files = files.filter { file in
            guard let by = files.first(where: { $0.path != file.path && $0.input.replaces.contains { FileGlob.matches($0, file.path) } }) else { return true }
            replacedBy[file.path] = by.path
            context.console.line("  \(URL(fileURLWithPath: file.path).lastPathComponent): replaced by \(URL(fileURLWithPath: by.path).lastPathComponent) (`replaces:`), not read")
            return false
        }
        let listed = Set(files.map { context.config.sourcePath(of: $0.path) })
        let loader = SpendFileLoader(warehouse: context.warehouse, runID: context.runID)
        if rebuild {
            let all = try loader.retireUnlisted([], reason: "rebuilt from the current inputs")
            context.console.line("  rebuild: \(all.count) file(s) taken out of the current data, to be read again")
        }
        var read = 0, setAside = 0
        var repeated: [String] = []
        for (n, (path, input)) in files.enumerated() {
            let meter = context.console.meter(file: path, label: "file \(n + 1) of \(files.count) \(URL(fileURLWithPath: path).lastPathComponent)")
            defer { meter.finish() }
            let a = try loader.load(path: path, overrides: input.overrides, source: context.config.sourcePath(of: path),
                                    replaces: input.replaces, listed: listed, meter: meter)
            context.console.line("  " + a.summaryLine)
            context.logger.info("ingested \(path)", metadata: ["action": "\(a.action.rawValue)", "read": "\(a.read)", "loaded": "\(a.loaded)", "set_aside": "\(a.setAside)"])
            try context.warehouse.run("""
                INSERT INTO run_inputs (run_id, path, sha256, bytes_count, action, read_count, loaded_count, set_aside_count, loaded_pence, set_aside_pence)
                VALUES (?,?,?,?,?,?,?,?,?,?)
                """, [.integer(context.runID), .text(path), .text(a.sha256), .integer(a.bytes), .text(a.action.rawValue), .integer(a.read),
                      .integer(a.loaded), .integer(a.setAside), .integer(a.loadedPence), .integer(a.setAsidePence)])
            read += a.read
            // A file's own totals row is set aside but is no fault in the data: it does not count against the threshold.
            setAside += a.setAside - (a.setAsideByReason[RejectReason.totalRow.rawValue] ?? 0)
            for r in a.repeats {
                let warning = "\(URL(fileURLWithPath: path).lastPathComponent) repeats \(r.rows) of its \(a.loaded) rows from \(URL(fileURLWithPath: r.path).lastPathComponent) "
                    + "(same date, amount and payee): both are counted; if it republishes that file, declare it with `replaces:` in the pipeline file"
                context.logger.warning("\(warning)")
                repeated.append(warning)
            }
        }
        // Files a listed file `replaces:`, then files no longer listed, leave the current data; their ledger rows stay.
        for (path, by) in replacedBy.sorted(by: { $0.key < $1.key }) {
            let gone = try loader.retireUnlisted(listed, reason: "replaced by \(context.config.sourcePath(of: by)) (replaces:)", only: context.config.sourcePath(of: path))
            for file in gone {
                context.console.line("  retired \(URL(fileURLWithPath: file.path).lastPathComponent): \(file.rows) rows, \(formatPounds(file.pence)); replaced by \(URL(fileURLWithPath: by).lastPathComponent) (`replaces:`)")
            }
        }
        let retired = try loader.retireUnlisted(listed)
        if !retired.isEmpty {
            let rows = retired.reduce(0) { $0 + $1.rows }, pence = retired.reduce(0) { $0 + $1.pence }
            context.console.line("  retired \(retired.count) file(s): \(rows) rows, \(formatPounds(pence)); no longer listed by the pipeline (kept in the ledger): "
                                 + retired.map { URL(fileURLWithPath: $0.path).lastPathComponent }.joined(separator: ", "))
            context.logger.info("retired files no longer listed", metadata: ["files": "\(retired.count)", "rows": "\(rows)", "pence": "\(pence)"])
        }
        let rejectsPath = try RejectsExport.write(warehouse: context.warehouse, folder: context.config.reports)
        // From the current files' ledger, which the data tests check against the lines (no second scan of every line).
        let totals = try SpendFileLoader.currentTotals(context.warehouse)
        let loaded = totals.loaded, pence = totals.loadedPence
        // A file repeating most of another's payments is probably a republished version counted twice: the run finishes and
        // exits with the data-quality code, once, when the file loads.
        var breaches: [String] = repeated
        if read > 0 {
            let share = Double(setAside) / Double(read)
            if share > context.config.quality.maxSetAsideShare {
                breaches.append(String(format: "%.1f%% of rows read this run were set aside; the pipeline allows at most %.1f%% (see %@)",
                                       share * 100, context.config.quality.maxSetAsideShare * 100, rejectsPath))
            }
        }
        return StageResult(rowsCount: loaded, totalPence: pence,
                           summary: "\(files.count) file(s); warehouse holds \(loaded) current payment rows, \(formatPounds(pence)); set-aside rows in \(rejectsPath)",
                           breaches: breaches)
    }

    /// The files loaded by run `runID` whose lines, tallies, payee tallies and ledger disagree, one message each.
    static func linesAgree(_ w: WarehouseStore, runID: Int) throws -> [String] {
        struct File: Decodable {
            var file_id: Int; var file_name: String; var loaded_count: Int; var loaded_pence: Int
            var payee_tallies: Int; var payee_pence: Int; var payee_gross: Int
        }
        let files = try w.fetch(File.self, """
            SELECT f.file_id, f.file_name, f.loaded_count, f.loaded_pence, coalesce(p.n, 0) AS payee_tallies, coalesce(p.pence, 0) AS payee_pence,
              coalesce(p.gross, 0) AS payee_gross
            FROM source_files f LEFT JOIN (SELECT file_id, SUM(payments_count) n, SUM(net_pence) pence, SUM(gross_pence) gross FROM stg_file_payees
                                           GROUP BY file_id) p USING (file_id)
            WHERE f.is_current = 1 AND f.run_id = ? ORDER BY f.file_id
            """, [.integer(runID)])
        let lines = try LineSums.lines(ofFiles: files.map(\.file_id), in: w, path: (w as? Warehouse)?.path)
        return try files.compactMap { f in
            let l = lines[f.file_id] ?? LineSums()
            let (t, credit) = try LineSums.tallies(ofFile: f.file_id, in: w)
            // The tallies' credit notes are half the difference of net and gross; every other sum is compared whole.
            let agree = l.count == f.loaded_count && l.net == f.loaded_pence && t == l && credit * 2 == l.net - l.gross
                && f.payee_tallies == t.count && f.payee_pence == t.net && f.payee_gross == t.gross
            return agree ? nil : "\(f.file_name): ledger \(f.loaded_count) rows / \(f.loaded_pence)p; lines \(l.count) / \(l.net)p; tallies \(t.count) / "
                + "\(t.net)p; payee tallies \(f.payee_tallies) / \(f.payee_pence)p"
        }
    }

    /// The lines of files loaded by this run are checked in full (every file on the first run or a rebuild); for the
    /// rest, cheap invariants over the ledger. Lines never change once loaded, so a file checked once stays checked.
    public func dataTests(_ context: StageContext) -> [DataTest] {
        let loadedNow = "SELECT file_id FROM source_files WHERE is_current = 1 AND run_id = \(context.runID)"
        return [
            // Dictionary ids are given in order from 1 and never deleted, so every line's payee and context exist when
            // the ids in use lie in 1…n and the dictionaries hold every id up to the largest: one scan of the tallies (which
            // hold the lines' ids, as the test below checks), no lookups.
            .expression("every line's payee and context are in stg_payees and stg_contexts",
                        """
                        SELECT 'lines use payee ids ' || l.p0 || '–' || l.p1 || ' and context ids ' || l.c0 || '–' || l.c1
                          || ' but the dictionaries hold ' || (SELECT COUNT(*) FROM stg_payees WHERE payee_id BETWEEN 1 AND l.p1)
                          || ' payees and ' || (SELECT COUNT(*) FROM stg_contexts WHERE context_id BETWEEN 1 AND l.c1) || ' contexts'
                        FROM (SELECT MIN(payee_id) p0, MAX(payee_id) p1, MIN(context_id) c0, MAX(context_id) c1 FROM stg_tallies WHERE file_id IN (\(loadedNow))) l
                        WHERE l.p0 IS NOT NULL AND (l.p0 < 1 OR l.c0 < 1
                          OR (SELECT COUNT(*) FROM stg_payees WHERE payee_id BETWEEN 1 AND l.p1) < l.p1
                          OR (SELECT COUNT(*) FROM stg_contexts WHERE context_id BETWEEN 1 AND l.c1) < l.c1)
                        """),
            .expression("each line is loaded or set aside, never both",
                        "SELECT 'file ' || p.file_id || ' line ' || p.line_no || ' is both loaded and set aside' FROM stg_rejects r CROSS JOIN stg_lines p ON p.line_key = \(StagingReader.lineKeySQL(fileID: "r.file_id", line: "r.line_no"))"),
            .expression("rows read = loaded + set aside, per file",
                        "SELECT file_name || ': read ' || read_count || ' ≠ loaded ' || loaded_count || ' + set aside ' || set_aside_count FROM source_files WHERE is_current = 1 AND read_count <> loaded_count + set_aside_count"),
            .expression("pence read = pence loaded + pence set aside, per file",
                        "SELECT file_name || ': ' || read_pence || ' ≠ ' || loaded_pence || ' + ' || set_aside_pence FROM source_files WHERE is_current = 1 AND read_pence <> loaded_pence + set_aside_pence"),
            // The one read of the new files' lines: per file, its ledger, its tallies (which every later stage reads
            // instead of the lines) and its payee tallies must agree with them. Beside the counts and sums (net and
            // gross, which fix the credit notes too), the pence weighted by each line's payee, context, year and month (a sum
            // wrapping at 2⁶⁴) say each line's pence were tallied under its own: one streaming pass, no sort, each file's
            // lines read in two halves side by side (`LineSums`).
            .check("each file loaded by this run: its lines, its tallies and its ledger agree") { [runID = context.runID] w in
                try Self.linesAgree(w, runID: runID)
            },
            .expression("a file out of the current data holds no lines and no set-aside rows",
                        """
                        SELECT f.file_name || ' (file ' || f.file_id || ') is not current but still holds rows' FROM source_files f
                        WHERE f.is_current = 0 AND (EXISTS (SELECT 1 FROM stg_lines l WHERE \(StagingReader.lineKeys(of: "f.file_id", alias: "l"))) OR EXISTS (SELECT 1 FROM stg_rejects r WHERE r.file_id = f.file_id)
                          OR EXISTS (SELECT 1 FROM stg_file_payees t WHERE t.file_id = f.file_id) OR EXISTS (SELECT 1 FROM stg_tallies t WHERE t.file_id = f.file_id))
                        """),
            .expression("stg_rejects holds what each file says it set aside",
                        """
                        SELECT f.file_name || ': ledger says ' || f.set_aside_count || ' set aside, table has ' || coalesce(r.n, 0)
                        FROM source_files f LEFT JOIN (SELECT file_id, COUNT(*) n, SUM(coalesce(amount_pence, 0)) pence FROM stg_rejects GROUP BY file_id) r USING (file_id)
                        WHERE f.is_current = 1 AND (coalesce(r.n, 0) <> f.set_aside_count OR coalesce(r.pence, 0) <> f.set_aside_pence)
                        """),
        ]
    }
}
