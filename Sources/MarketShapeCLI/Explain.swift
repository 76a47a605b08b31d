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
            var matches = try w.query("""
                SELECT supplier_key FROM dim_suppliers WHERE supplier_id = ? OR company_number = ? OR charity_number = ? OR supplier_ref = ?
                ORDER BY spend_pence DESC
                """, [.text(q), .text(OrgIdentifiers.companyNumber(q) ?? q), .text(q), .text(q)]).compactMap { $0[0].int }
            if matches.isEmpty {
                matches = try w.query("SELECT supplier_key FROM dim_suppliers WHERE normalised_name LIKE ? ORDER BY spend_pence DESC LIMIT 20",
                                      [.text("%\(SupplierName.normalise(q))%")]).compactMap { $0[0].int }
            }
            guard !matches.isEmpty else { throw ValidationError("no supplier matches \"\(q)\" in \(config.name)") }
            if matches.count > 1 {
                print("\(matches.count) suppliers match \"\(q)\"; explain one by its id:")
                for key in matches {
                    let r = try w.query("SELECT supplier_id, display_name, spend_pence FROM dim_suppliers WHERE supplier_key = ?", [.integer(key)])[0]
                    print("  \(r[0].string ?? "")  \(r[1].string ?? "")  \(formatPounds(r[2].int ?? 0))")
                }
                return
            }
            print(try Self.explanation(of: matches[0], in: w), terminator: "")
        }

        /// The explanation of one supplier, as printed.
        public static func explanation(of key: Int, in w: WarehouseStore) throws -> String {
            var out = ""
            func print(_ line: String) { out += line + "\n" }
            let d = try w.query("""
                SELECT supplier_id, display_name, registered_name, resolution_method, resolution_score, company_number, charity_number,
                  society_number, supplier_ref, postcode, legal_form, is_local, is_sme, is_sme_proxy, is_vcse, is_public_body, ownership,
                  spend_pence, payments_count
                FROM dim_suppliers WHERE supplier_key = ?
                """, [.integer(key)])[0]
            func yn(_ v: SQLValue) -> String { v.isNull ? "unknown" : v.int == 1 ? "yes" : "no" }
            print("\(d[1].string ?? "") [\(d[0].string ?? "")]")
            print("  registered name  \(d[2].string ?? "(not in a register)")")
            print("  resolved by      \(d[3].string ?? "") (score \(String(format: "%.3f", d[4].double ?? 0)))")
            print("  identifiers      company \(d[5].string ?? "–"), charity \(d[6].string ?? "–"), society \(d[7].string ?? "–"), council id \(d[8].string ?? "–")")
            print("  postcode         \(d[9].string ?? "unknown");  legal form \(d[10].string ?? "unknown")")
            print("  classes          local \(yn(d[11])) · SME \(yn(d[12]))\(d[13].int == 1 ? " (proxy)" : "") · VCSE \(yn(d[14])) · public body \(yn(d[15])) · ownership \(d[16].string ?? "unknown")")
            print("  spend            \(formatPounds(d[17].int ?? 0)) in \(d[18].int ?? 0) payments")
            print("evidence:")
            for e in try w.query("SELECT classification, value, source, detail FROM supplier_evidence WHERE supplier_key = ? ORDER BY rowid", [.integer(key)]) {
                print("  \((e[0].string ?? "").padding(toLength: 12, withPad: " ", startingAt: 0)) \(e[1].string ?? "")  ← \(e[2].string ?? ""): \(e[3].string ?? "")")
            }
            print("spend by service:")
            for s in try w.query("SELECT coalesce(service, '(none)'), SUM(amount_pence), COUNT(*) FROM fct_payments WHERE supplier_key = ? GROUP BY 1 ORDER BY 2 DESC LIMIT 8", [.integer(key)]) {
                print("  \(formatPounds(s[1].int ?? 0).padding(toLength: 16, withPad: " ", startingAt: 0)) \(s[2].int ?? 0) payments  \(s[0].string ?? "")")
            }
            print("scope of its payments:")
            for r in try w.query("""
                SELECT scope, scope_rule, SUM(amount_pence), COUNT(*) FROM fct_payments WHERE supplier_key = ? GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 6
                """, [.integer(key)]) {
                print("  \(formatPounds(r[2].int ?? 0).padding(toLength: 16, withPad: " ", startingAt: 0)) \(r[3].int ?? 0) payments  \(r[0].string ?? ""): \(r[1].string ?? "")")
            }
            let conflicts = try w.query("""
                SELECT scheme, value, kept_name, lost_name FROM resolution_conflicts
                WHERE kept_name IN (SELECT p.supplier_name FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) WHERE m.supplier_key = ?)
                   OR lost_name IN (SELECT p.supplier_name FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) WHERE m.supplier_key = ?)
                """, [.integer(key), .integer(key)])
            for c in conflicts {
                print("identifier conflict: \(c[0].string ?? "") \(c[1].string ?? "") given to \(c[2].string ?? "") and \(c[3].string ?? ""): kept by \(c[2].string ?? "")")
            }
            print("names in the spend files:")
            for n in try w.query("""
                SELECT p.supplier_name, COUNT(*), SUM(f.amount_pence) FROM fct_payments f JOIN stg_payees p USING (payee_id)
                WHERE f.supplier_key = ? GROUP BY 1 ORDER BY 3 DESC LIMIT 8
                """, [.integer(key)]) {
                print("  \"\(n[0].string ?? "")\" × \(n[1].int ?? 0)")
            }
            return out
        }
    }
}
