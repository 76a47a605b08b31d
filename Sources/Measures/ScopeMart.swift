import MarketShapeCore
import Warehouse

/// `mart_scope` (every period's spend and payments in each scope, so the whole spend reconciles across scopes) and
/// `mart_scope_payees` (the largest payees of each period in each scope that is not measured, with the rule that put
/// them there: what the report shows so nothing disappears from view).
enum ScopeMart {
    /// How many payees per period and scope `mart_scope_payees` keeps.
    static let payeesKept = 25

    static func build(_ w: WarehouseStore, _ a: SegmentAggregation) throws {
        let scope = try w.prepare("INSERT INTO mart_scope (period_kind, period, scope, total_pence, payments_count) VALUES (?,?,?,?,?)")
        for (key, v) in a.scopeSums.sorted(by: { ($0.key.month, $0.key.scope.rawValue) < ($1.key.month, $1.key.scope.rawValue) }) where a.writes(key.month) {
            let p = a.periods[Int(key.month)]
            scope.bind([.text(p.kind), .text(p.name), .text(key.scope.rawValue), .integer(v.pence), .integer(v.payments)])
            try scope.run()
        }
        // Names and rules of the payees outside the measured scopes only (a few hundred, of thousands).
        try w.execute("DROP TABLE IF EXISTS temp.scope_outside; CREATE TEMP TABLE scope_outside (payee_id INTEGER PRIMARY KEY)")
        let outside = try w.prepare("INSERT INTO scope_outside VALUES (?)")
        for id in Set(a.outsideSums.keys.map(\.payee)) { outside.bind([.integer(Int(id))]); try outside.run() }
        var names: [Int: (name: String, supplier: Int?)] = [:]
        struct Payee: Decodable { var payee_id: Int; var name: String; var supplier_key: Int? }
        for r in try w.fetch(Payee.self, """
            SELECT p.payee_id, coalesce(p.supplier_name, p.redaction_label, '') AS name, m.supplier_key
            FROM scope_outside o JOIN stg_payees p USING (payee_id) LEFT JOIN map_payee_suppliers m USING (payee_id)
            """) { names[r.payee_id] = (r.name, r.supplier_key) }
        var rules: [String: String] = [:]
        struct Rule: Decodable { var payee_id: Int; var scope: String; var rule: String }
        for r in try w.fetch(Rule.self, """
            SELECT s.payee_id, s.scope, MIN(s.rule) AS rule FROM scope_outside o JOIN map_payment_scope s USING (payee_id) GROUP BY 1, 2
            """) {
            rules["\(r.payee_id)\u{0}\(r.scope)"] = r.rule
        }
        let payee = try w.prepare("""
            INSERT INTO mart_scope_payees (period_kind, period, scope, supplier_key, payee_name, rule, total_pence, payments_count) VALUES (?,?,?,?,?,?,?,?)
            """)
        let grouped = Dictionary(grouping: a.outsideSums, by: { SegmentAggregation.ScopeKey(month: $0.key.month, scope: $0.key.scope) })
        for (key, rows) in grouped.sorted(by: { ($0.key.month, $0.key.scope.rawValue) < ($1.key.month, $1.key.scope.rawValue) }) where a.writes(key.month) {
            let p = a.periods[Int(key.month)]
            let top = rows.sorted { (abs($0.value.pence), $1.key.payee) > (abs($1.value.pence), $0.key.payee) }.prefix(payeesKept)
            for (k, v) in top {
                let n = names[Int(k.payee)]
                payee.bind([.text(p.kind), .text(p.name), .text(key.scope.rawValue), n?.supplier.sql ?? .null, .text(n?.name ?? ""),
                            .text(rules["\(k.payee)\u{0}\(key.scope.rawValue)"] ?? ""), .integer(v.pence), .integer(v.payments)])
                try payee.run()
            }
        }
    }
}
