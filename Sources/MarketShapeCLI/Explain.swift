import ArgumentParser
import Foundation
import MarketShapeCore
import Warehouse

extension MarketShapeCommand {
    /// `marketshape explain supplier NAME-OR-ID --pipeline P`: how a payee was resolved and classified.
    public struct Explain: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Explain how a supplier was resolved and classified, with each piece of evidence and its spend.",
            discussion: "WHAT is `supplier`; QUERY is a supplier id (GB-COH-…), a company, charity or council supplier number, or part of a name.")

        public init() {}

        @Argument(help: "What to explain: supplier.") var what: String
        @Argument(help: "The supplier to explain.") var query: String
        @Option(help: "The pipeline file whose warehouse to read.") var pipeline: String

        public func validate() throws {
            if what != "supplier" { throw ValidationError("only `explain supplier` exists") }
        }

        public func run() throws {
            let config = try PipelineConfig.load(path: pipeline)
            guard FileManager.default.fileExists(atPath: config.warehouse) else { throw ValidationError("\(config.name) has never run: no warehouse at \(config.warehouse)") }
            let w = try Warehouse(path: config.warehouse)
            let q = query.trimmingCharacters(in: " ")
            struct Key: Decodable { var supplier_key: Int }
            var matches = try w.fetch(Key.self, """
                SELECT supplier_key FROM dim_suppliers WHERE supplier_id = ? OR company_number = ? OR charity_number = ? OR supplier_ref = ?
                ORDER BY spend_pence DESC
                """, [.text(q), .text(OrgIdentifiers.companyNumber(q) ?? q), .text(q), .text(q)]).map(\.supplier_key)
            if matches.isEmpty {
                matches = try w.fetch(Key.self, "SELECT supplier_key FROM dim_suppliers WHERE normalised_name LIKE ? ORDER BY spend_pence DESC LIMIT 20",
                                      [.text("%\(SupplierName.normalise(q))%")]).map(\.supplier_key)
            }
            guard !matches.isEmpty else { throw ValidationError("no supplier matches \"\(q)\" in \(config.name)") }
            if matches.count > 1 {
                print("\(matches.count) suppliers match \"\(q)\"; explain one by its id:")
                struct Match: Decodable { var supplier_id: String; var display_name: String; var spend_pence: Int }
                for key in matches {
                    let r = try w.fetch(Match.self, "SELECT supplier_id, display_name, spend_pence FROM dim_suppliers WHERE supplier_key = ?", [.integer(key)])[0]
                    print("  \(r.supplier_id)  \(r.display_name)  \(formatPounds(r.spend_pence))")
                }
                return
            }
            print(try Self.explanation(of: matches[0], in: w), terminator: "")
        }

        /// A supplier as `explain` shows it.
        struct Supplier: Decodable {
            var supplier_id: String; var display_name: String; var registered_name: String?; var resolution_method: String
            var resolution_score: Double?
            var company_number: String?; var charity_number: String?; var society_number: String?; var supplier_ref: String?
            var postcode: String?; var legal_form: String?
            var is_local: Bool?; var is_sme: Bool?; var is_sme_proxy: Bool?; var is_vcse: Bool?; var is_public_body: Bool?
            var ownership: String
            var spend_pence: Int; var payments_count: Int
        }
        struct Evidence: Decodable { var classification: String, value: String, source: String, detail: String }
        struct Spend: Decodable { var label: String, pence: Int, payments: Int }
        struct ScopeSpend: Decodable { var scope: String?; var scope_rule: String?; var pence: Int; var payments: Int }
        struct Conflict: Decodable { var scheme: String, value: String, kept_name: String, lost_name: String }
        struct Spelling: Decodable { var supplier_name: String?; var payments: Int }

        /// The explanation of one supplier, as printed.
        public static func explanation(of key: Int, in w: WarehouseStore) throws -> String {
            var out = ""
            func print(_ line: String) { out += line + "\n" }
            let d = try w.fetch(Supplier.self, "SELECT * FROM dim_suppliers WHERE supplier_key = ?", [.integer(key)])[0]
            func yn(_ v: Bool?) -> String { v.map { $0 ? "yes" : "no" } ?? "unknown" }
            print("\(d.display_name) [\(d.supplier_id)]")
            print("  registered name  \(d.registered_name ?? "(not in a register)")")
            print("  resolved by      \(d.resolution_method) (score \(String(format: "%.3f", d.resolution_score ?? 0)))")
            print("  identifiers      company \(d.company_number ?? "–"), charity \(d.charity_number ?? "–"), society \(d.society_number ?? "–"), council id \(d.supplier_ref ?? "–")")
            print("  postcode         \(d.postcode ?? "unknown");  legal form \(d.legal_form ?? "unknown")")
            print("  classes          local \(yn(d.is_local)) · SME \(yn(d.is_sme))\(d.is_sme_proxy == true ? " (proxy)" : "") · VCSE \(yn(d.is_vcse)) · public body \(yn(d.is_public_body)) · ownership \(d.ownership)")
            print("  spend            \(formatPounds(d.spend_pence)) in \(d.payments_count) payments")
            print("evidence:")
            for e in try w.fetch(Evidence.self, "SELECT classification, value, source, detail FROM supplier_evidence WHERE supplier_key = ? ORDER BY rowid", [.integer(key)]) {
                print("  \(e.classification.padding(toLength: 12, withPad: " ", startingAt: 0)) \(e.value)  ← \(e.source): \(e.detail)")
            }
            print("spend by service:")
            for s in try w.fetch(Spend.self, """
                SELECT coalesce(service, '(none)') AS label, SUM(amount_pence) AS pence, COUNT(*) AS payments FROM fct_payments WHERE supplier_key = ?
                GROUP BY 1 ORDER BY 2 DESC LIMIT 8
                """, [.integer(key)]) {
                print("  \(formatPounds(s.pence).padding(toLength: 16, withPad: " ", startingAt: 0)) \(s.payments) payments  \(s.label)")
            }
            print("scope of its payments:")
            for r in try w.fetch(ScopeSpend.self, """
                SELECT scope, scope_rule, SUM(amount_pence) AS pence, COUNT(*) AS payments FROM fct_payments WHERE supplier_key = ? GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 6
                """, [.integer(key)]) {
                print("  \(formatPounds(r.pence).padding(toLength: 16, withPad: " ", startingAt: 0)) \(r.payments) payments  \(r.scope ?? ""): \(r.scope_rule ?? "")")
            }
            let conflicts = try w.fetch(Conflict.self, """
                SELECT scheme, value, kept_name, lost_name FROM resolution_conflicts
                WHERE kept_name IN (SELECT p.supplier_name FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) WHERE m.supplier_key = ?)
                   OR lost_name IN (SELECT p.supplier_name FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) WHERE m.supplier_key = ?)
                """, [.integer(key), .integer(key)])
            for c in conflicts {
                print("identifier conflict: \(c.scheme) \(c.value) given to \(c.kept_name) and \(c.lost_name): kept by \(c.kept_name)")
            }
            print("names in the spend files:")
            for n in try w.fetch(Spelling.self, """
                SELECT p.supplier_name, COUNT(*) AS payments, SUM(f.amount_pence) AS pence FROM fct_payments f JOIN stg_payees p USING (payee_id)
                WHERE f.supplier_key = ? GROUP BY 1 ORDER BY 3 DESC LIMIT 8
                """, [.integer(key)]) {
                print("  \"\(n.supplier_name ?? "")\" × \(n.payments)")
            }
            return out
        }
    }
}
