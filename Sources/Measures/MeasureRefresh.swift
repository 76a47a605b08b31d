import Foundation
import MarketShapeCore
import StageKit
import Warehouse

/// What a measure run recomputes. The stage keeps each month's sums (`mart_month_sums`, `mart_month_scopes`,
/// `mart_month_outside`) and a copy of what it read (`mart_inputs`, `mart_input_*`: the files and the months of their
/// lines, each payee's supplier, each payee × context's scope and rule, each supplier's classes, ownership and wards).
/// A month is summed again from its lines when a file with lines in it came or went, or one of its payees changed
/// supplier or scope, or one of its suppliers changed class; a period is rebuilt when it holds such a month or its
/// months changed; its dynamics when it or the period it compares with was rebuilt. Anything else (other settings,
/// another place mapping, no copy yet, or more than half the months touched) rebuilds every month.
struct MeasureRefresh {
    /// The months to sum again from the tallies (year × 12 + month − 1); nil: every month, from every tally.
    var months: Set<Int>?
    /// The current files with lines in those months (incremental only).
    var files: [Int] = []
    /// Why the run is full, or what it recomputes, for the log and the summary.
    var reason: String

    /// The digest of everything that, changed, rebuilds every month: the settings, the place levels and the place
    /// mapping (a context's places follow from its values and the mapping; a new context comes with new lines).
    static func settingsDigest(_ w: WarehouseStore, config: PipelineConfig, levels: [String]) throws -> String {
        struct Mapping: Decodable { var match_column: String; var match_value: String; var place_level: String; var place_name: String }
        let places = try w.fetch(Mapping.self, "SELECT match_column, match_value, place_level, place_name FROM map_places ORDER BY 1, 2, 3, 4")
            .map { [$0.match_column, $0.match_value, $0.place_level, $0.place_name].joined(separator: "\u{1}") }.joined(separator: "\u{2}")
        // The measure rules' version too: marts built by older rules are rebuilt, not kept month by month.
        let rules = StageName.measure.rulesVersion > 2 ? "\u{3}rules \(StageName.measure.rulesVersion)" : ""
        return TextDigest.sha256(config.analysisSettingsJSON() + "\u{3}" + levels.joined(separator: "\u{1}") + "\u{3}" + places + rules)
    }

    /// Each payee's supplier as the aggregation sees it (-1 redacted, -2 no supplier), into `temp.measure_payees`.
    static let currentPayees = """
        DROP TABLE IF EXISTS temp.measure_payees;
        CREATE TEMP TABLE measure_payees AS
          SELECT p.payee_id, coalesce(d.supplier_key, CASE WHEN p.is_redacted = 1 THEN -1 ELSE -2 END) AS supplier_key
          FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id) LEFT JOIN dim_suppliers d ON d.supplier_key = m.supplier_key;
        CREATE UNIQUE INDEX temp.measure_payees_id ON measure_payees(payee_id);
        DROP TABLE IF EXISTS temp.measure_suppliers;
        CREATE TEMP TABLE measure_suppliers AS
          SELECT d.supplier_key, coalesce(d.is_local, '?') || '|' || coalesce(d.is_sme, '?') || '|' || coalesce(d.is_vcse, '?') || '|'
            || coalesce(d.ownership, '?') || '|' || coalesce(d.is_public_body, '?') || '|' || coalesce(d.owner_group, '') || '|'
            || coalesce((SELECT group_concat(place_name, ';') FROM (SELECT place_name FROM supplier_places s WHERE s.supplier_key = d.supplier_key ORDER BY 1)), '') AS facts
          FROM dim_suppliers d;
        CREATE UNIQUE INDEX temp.measure_suppliers_key ON measure_suppliers(supplier_key);
        """

    /// Decides what this run recomputes.
    static func plan(_ w: WarehouseStore, settings: String) throws -> MeasureRefresh {
        try w.execute(currentPayees)
        guard try storedInput(w, "settings") == settings else {
            return MeasureRefresh(months: nil, reason: "every month (no earlier measures from these settings and places)")
        }
        var dirty = Set<Int>()
        func months(_ sql: String, _ values: [SQLValue] = []) throws {
            for r in try w.fetch(Month.self, sql, values) { if let m = month(r.period_month) { dirty.insert(m) } }
        }
        // Files that came or went.
        let current = Set(try w.fetch(File.self, "SELECT file_id FROM source_files WHERE is_current = 1").map(\.file_id))
        let measured = Set(try w.fetch(File.self, "SELECT DISTINCT file_id FROM mart_input_files").map(\.file_id))
        for gone in measured.subtracting(current) { try months("SELECT period_month FROM mart_input_files WHERE file_id = ?", [.integer(gone)]) }
        var addedMonths: [Int: Set<Int>] = [:]
        for added in current.subtracting(measured).sorted() {
            let found = try w.fetch(Month.self, "SELECT DISTINCT period_month FROM stg_tallies WHERE file_id = ?", [.integer(added)])
                .compactMap { month($0.period_month) }
            addedMonths[added] = Set(found)
            dirty.formUnion(found)
        }
        let filesChanged = dirty.count
        // Payees whose supplier changed, payee × context pairs whose scope or rule changed, suppliers whose classes changed:
        // the months their earlier sums lie in.
        // Lines leave only with their files (above), so a payee, pair or supplier with no lines now changes no other
        // month: only those still paid are compared (a paid payee always has a supplier or is redacted, -1).
        let payeesMoved = try w.fetch(Payee.self, """
            SELECT o.payee_id, o.supplier_key FROM mart_input_payees o JOIN measure_payees n USING (payee_id)
            WHERE n.supplier_key <> o.supplier_key AND n.supplier_key <> -2
            UNION
            SELECT o.payee_id, p.supplier_key FROM (SELECT DISTINCT o.payee_id FROM mart_input_scopes o JOIN map_payment_scope n USING (payee_id, context_id)
              WHERE n.scope IS NOT o.scope OR n.rule IS NOT o.rule) o JOIN mart_input_payees p USING (payee_id)
            """)
        var keys = Set(payeesMoved.map(\.supplier_key))
        let suppliersChanged = try w.fetch(Key.self, "SELECT o.supplier_key FROM mart_input_suppliers o JOIN measure_suppliers n USING (supplier_key) WHERE n.facts IS NOT o.facts")
            .map(\.supplier_key)
        keys.formUnion(suppliersChanged)
        // One pass over the stored month sums for every supplier concerned.
        try w.execute("DROP TABLE IF EXISTS temp.measure_changed; CREATE TEMP TABLE measure_changed (supplier_key INTEGER PRIMARY KEY)")
        let changed = try w.prepare("INSERT INTO measure_changed VALUES (?)")
        for key in keys { changed.bind([.integer(key)]); try changed.run() }
        if !keys.isEmpty {
            try months("SELECT DISTINCT period_month FROM mart_month_sums WHERE supplier_key IN (SELECT supplier_key FROM measure_changed)")
        }
        for payee in Set(payeesMoved.map(\.payee_id)) {
            try months("SELECT DISTINCT period_month FROM mart_month_outside WHERE payee_id = ?", [.integer(payee)])
        }
        let all = try w.scalarInt("SELECT COUNT(DISTINCT period_month) FROM mart_month_scopes")
        if dirty.count * 2 > all {
            return MeasureRefresh(months: nil, reason: "every month (\(dirty.count) of \(all) changed)")
        }
        var files = Set<Int>()
        for (id, found) in addedMonths where !found.isDisjoint(with: dirty) { files.insert(id) }
        for m in dirty {
            for r in try w.fetch(File.self, "SELECT file_id FROM mart_input_files WHERE period_month = ?", [.text(PeriodCalendar.monthName(m))]) {
                if current.contains(r.file_id) { files.insert(r.file_id) }
            }
        }
        return MeasureRefresh(months: dirty, files: files.sorted(),
                              reason: "\(dirty.count) month(s) summed again (\(filesChanged) for files that came or went, \(Set(payeesMoved.map(\.payee_id)).count) payee(s) and \(suppliersChanged.count) supplier(s) changed)")
    }

    /// Records what this run read, for the next run to compare with. `fileMonths` are the months of the files read
    /// (every current file after a full run).
    static func record(_ w: WarehouseStore, settings: String, calendar: [SegmentAggregation.PeriodID: (seq: Int, months: [Int])],
                       fileMonths: [Int: Set<Int>], full: Bool) throws {
        try w.execute("""
            DELETE FROM mart_input_files WHERE file_id NOT IN (SELECT file_id FROM source_files WHERE is_current = 1);
            DELETE FROM mart_input_payees; INSERT INTO mart_input_payees SELECT payee_id, supplier_key FROM measure_payees;
            DELETE FROM mart_input_scopes WHERE NOT EXISTS (SELECT 1 FROM map_payment_scope n
              WHERE n.payee_id = mart_input_scopes.payee_id AND n.context_id = mart_input_scopes.context_id);
            INSERT OR REPLACE INTO mart_input_scopes SELECT n.payee_id, n.context_id, n.scope, n.rule FROM map_payment_scope n
              LEFT JOIN mart_input_scopes o USING (payee_id, context_id) WHERE o.scope IS NOT n.scope OR o.rule IS NOT n.rule;
            DELETE FROM mart_input_suppliers; INSERT INTO mart_input_suppliers SELECT supplier_key, facts FROM measure_suppliers;
            """)
        if full { try w.run("DELETE FROM mart_input_files") }
        let file = try w.prepare("INSERT OR IGNORE INTO mart_input_files VALUES (?, ?)")
        for (id, months) in fileMonths {
            for m in months { file.bind([.integer(id), .text(PeriodCalendar.monthName(m))]); try file.run() }
        }
        try w.run("INSERT OR REPLACE INTO mart_inputs VALUES ('settings', ?)", [.text(settings)])
        try w.run("INSERT OR REPLACE INTO mart_inputs VALUES ('periods', ?)", [.text(encode(calendar))])
    }

    /// The periods and their months, as stored in `mart_inputs`.
    static func encode(_ calendar: [SegmentAggregation.PeriodID: (seq: Int, months: [Int])]) -> String {
        calendar.sorted { $0.key < $1.key }.map { "\($0.key.kind)\u{1}\($0.key.name)\u{1}" + $0.value.months.map(String.init).joined(separator: ",") }
            .joined(separator: "\n")
    }

    static func storedCalendar(_ w: WarehouseStore) throws -> [SegmentAggregation.PeriodID: [Int]] {
        var found: [SegmentAggregation.PeriodID: [Int]] = [:]
        for line in (try storedInput(w, "periods") ?? "").split(separator: "\n") {
            let parts = line.split(separator: "\u{1}", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            found[.init(kind: String(parts[0]), name: String(parts[1]))] = parts[2].split(separator: ",").compactMap { Int($0) }
        }
        return found
    }

    /// What `record` stored under `name` in `mart_inputs`.
    static func storedInput(_ w: WarehouseStore, _ name: String) throws -> String? {
        struct Input: Decodable { var value: String }
        return try w.fetch(Input.self, "SELECT value FROM mart_inputs WHERE name = ?", [.text(name)]).first?.value
    }

    struct Month: Decodable { var period_month: String }
    struct File: Decodable { var file_id: Int }
    struct Key: Decodable { var supplier_key: Int }
    struct Payee: Decodable { var payee_id: Int; var supplier_key: Int }

    /// `2025-09` as 2025 × 12 + 8.
    static func month(_ text: String) -> Int? {
        guard text.count == 7, let y = Int(text.prefix(4)), let m = Int(text.suffix(2)), (1...12).contains(m) else { return nil }
        return y * 12 + m - 1
    }
}
