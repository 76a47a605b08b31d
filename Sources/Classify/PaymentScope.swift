import MarketShapeCore
import Registers
import StageKit
import Warehouse

/// Decides every payment's scope (`Scope`) with the rule that decided it, once per distinct payee × spending
/// context, into `map_payment_scope`. In order: the analyst's rules in the pipeline file (first match wins), the
/// overrides register's scope column, payees whose name says payroll, tax, pensions or treasury (HMRC, pension
/// funds, unions, credit unions, PWLB…), redacted personal data, the spending context's text (precepts, levies, PAYE,
/// loans…), payees that are public bodies, contexts of money for people (direct payments, allowances), people (a
/// personal title, `Foster Care`); everything else is market.
enum PaymentScope {
    struct Payee { var name: String; var normalised: String; var redaction: String?; var supplier: Int? }
    struct Supplier { var isPublic: Bool; var publicEvidence: String; var overrideScope: Scope?; var overrideOrigin: String }

    /// Rebuilds `map_payment_scope`; returns a summary of the scopes for the stage's line.
    static func assign(_ context: StageContext) throws -> String {
        let w = context.warehouse
        try w.execute("DELETE FROM map_payment_scope")
        var payees: [Int: Payee] = [:]
        for r in try w.query("""
            SELECT p.payee_id, coalesce(p.supplier_name, ''), p.redaction_label, m.supplier_key
            FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id)
            """) {
            let name = r[1].string ?? ""
            payees[r[0].int!] = Payee(name: name, normalised: SupplierName.normalise(name), redaction: r[2].string, supplier: r[3].int)
        }
        let overridesVersion = try RegisterSync.currentVersions(w)[.overrides] ?? "analyst overrides"
        var suppliers: [Int: Supplier] = [:]
        for r in try w.query("""
            SELECT d.supplier_key, coalesce(d.is_public_body, 0),
              (SELECT e.source || ': ' || e.detail FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = 'public_body' LIMIT 1),
              o.scope, o.line_no
            FROM dim_suppliers d LEFT JOIN reg_overrides o ON o.line_no = d.override_line
            """) {
            suppliers[r[0].int!] = Supplier(isPublic: r[1].int == 1, publicEvidence: r[2].string ?? "",
                                            overrideScope: r[3].string.flatMap { Scope(rawValue: $0.lowercased().replacingOccurrences(of: " ", with: "_")) },
                                            overrideOrigin: "\(overridesVersion) line \(r[4].int ?? 0)")
        }
        let fields = ["directorate", "service", "expense_type", "category", "cost_centre"]
        var contexts: [Int: [String: String]] = [:]
        for r in try w.query("SELECT context_id, \(fields.joined(separator: ", ")) FROM stg_contexts") {
            var values: [String: String] = [:]
            for (i, f) in fields.enumerated() { if let v = r[i + 1].string { values[f] = v } }
            contexts[r[0].int!] = values
        }
        // The distinct payee × context pairs paid, in one pass over the lines.
        var pairs = Set<Int>()
        try w.prepare("SELECT payee_id, context_id FROM stg_lines").forEachRow { row in pairs.insert(row.int(0) << 32 | row.int(1)) }

        let insert = try w.prepare("INSERT INTO map_payment_scope (payee_id, context_id, scope, rule) VALUES (?,?,?,?)")
        var counts: [Scope: Int] = [:]
        for pair in pairs.sorted() {
            let payeeID = pair >> 32, contextID = pair & 0xFFFF_FFFF
            let payee = payees[payeeID] ?? Payee(name: "", normalised: "", redaction: nil, supplier: nil)
            let values = contexts[contextID] ?? [:]
            let decision = decide(payee, payee.supplier.flatMap { suppliers[$0] }, values, rules: context.config.scopeRules)
            counts[decision.scope, default: 0] += 1
            insert.bind([.integer(payeeID), .integer(contextID), .text(decision.scope.rawValue), .text(decision.rule)])
            try insert.run()
        }
        return "scope of \(pairs.count) payee × context pairs: "
            + Scope.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
    }

    /// The scope of payments to `payee` in a context with `values`, and the rule that decided it.
    static func decide(_ payee: Payee, _ supplier: Supplier?, _ values: [String: String], rules: [ScopeRule]) -> (scope: Scope, rule: String) {
        let published = payee.redaction ?? payee.name
        for (i, rule) in rules.enumerated() where rule.matches({ $0 == "supplier" ? published : values[$0] }) {
            let conditions = rule.conditions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return (rule.scope, "pipeline scope rule \(i + 1) (\(rule.origin)): \(conditions)")
        }
        if let s = supplier, let scope = s.overrideScope { return (scope, "the analyst's scope column (\(s.overrideOrigin))") }
        if let hit = ScopeRules.payee(payee.normalised) { return (hit.scope, "payee name contains \"\(hit.phrase)\"") }
        if let label = payee.redaction {
            let personal = ["PERSONAL", "INDIVIDUAL", "PRIVATE", "NAME"].contains { label.uppercased().contains($0) }
            return personal ? (.individuals, "payee redacted as personal data (\"\(label)\")")
                            : (.market, "payee redacted (\"\(label)\"), not as personal data: a supplier the council withheld")
        }
        let text = ["expense_type", "category", "service", "directorate"].map { (field: $0, value: values[$0]) }
        let hit = ScopeRules.context(text)
        let why = hit.map { "\($0.field) \"\($0.value)\" contains \"\($0.phrase)\"" } ?? ""
        if let hit, hit.scope != .individuals { return (hit.scope, why) }
        // Money for people paid to another public body (a transfer payment to a council) is the public body's.
        if let s = supplier, s.isPublic { return (.publicSector, "payee is a public body (\(s.publicEvidence))") }
        if let hit { return (hit.scope, why) }
        if let why = ScopeRules.person(payee.normalised) { return (.individuals, why) }
        return (.market, "no rule put it outside the market")
    }
}
