import ArgumentParser
import Foundation
import MarketShapeCore
import Resolve
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
            if query.trimmingCharacters(in: " ").isEmpty { throw ValidationError("give a supplier's name, id or identifier") }
        }

        public func run() throws {
            let config = try PipelineConfig.load(path: pipeline)
            guard FileManager.default.fileExists(atPath: config.warehouse) else { throw ValidationError("\(config.name) has never run: no warehouse at \(config.warehouse)") }
            let w = try Warehouse(path: config.warehouse)
            let q = query.trimmingCharacters(in: " ")
            let suppliers = SupplierReader(w)
            let matches = try suppliers.matching(q)
            guard !matches.isEmpty else { throw ValidationError("no supplier matches \"\(q)\" in \(config.name)") }
            if matches.count > 1 {
                print("\(matches.count) suppliers match \"\(q)\"; explain one by its id:")
                for r in matches { print("  \(r.supplier_id)  \(DisplayText.clean(r.display_name))  \(formatPounds(r.spend_pence))") }
                return
            }
            print(try Self.explanation(of: matches[0].supplier_key, in: w), terminator: "")
        }

        /// The explanation of one supplier, as printed.
        public static func explanation(of key: Int, in w: WarehouseStore) throws -> String {
            var out = ""
            func print(_ line: String) { out += line + "\n" }
            let suppliers = SupplierReader(w)
            guard let d = try suppliers.supplier(key) else { throw ValidationError("no supplier with key \(key)") }
            func yn(_ v: Bool?) -> String { v.map { $0 ? "yes" : "no" } ?? "unknown" }
            print("\(d.display_name) [\(d.supplier_id)]")
            print("  registered name  \(d.registered_name ?? "(not in a register)")")
            print("  resolved by      \(d.resolution_method) (score \(String(format: "%.3f", d.resolution_score ?? 0)))")
            print("  identifiers      company \(d.company_number ?? "–"), charity \(d.charity_number ?? "–"), society \(d.society_number ?? "–"), council id \(d.supplier_ref ?? "–")")
            print("  postcode         \(d.postcode ?? "unknown");  legal form \(d.legal_form ?? "unknown")")
            print("  classes          local \(yn(d.is_local)) · SME \(yn(d.is_sme))\(d.is_sme_proxy == true ? " (proxy)" : "") · VCSE \(yn(d.is_vcse)) · public body \(yn(d.is_public_body)) · ownership \(d.ownership)")
            if let group = d.owner_group, (d.owner_chain_length ?? 0) > 0 {
                print("  owner group      \(d.owner_group_name ?? group) [\(group)], \(d.owner_chain_length!) step\(d.owner_chain_length == 1 ? "" : "s") up the PSC register")
            }
            let paid = try suppliers.paidMonths(key)
            let span = paid.months == 0 ? "" : paid.months == 1 ? " in \(paid.first!)" : " in \(paid.months) months, \(paid.first!) to \(paid.last!)"
            print("  spend            \(formatPounds(d.spend_pence)) in \(d.payments_count) payments\(span) (all the current files, every scope)")
            print("evidence:")
            for e in try suppliers.evidence(key) {
                print("  \(e.classification.padding(toLength: 12, withPad: " ", startingAt: 0)) \(e.value)  ← \(e.source): \(e.detail)")
            }
            print("spend by service:")
            for s in try suppliers.spendByService(key, limit: 8) {
                print("  \(formatPounds(s.pence).padding(toLength: 16, withPad: " ", startingAt: 0)) \(s.payments) payments  \(s.label ?? "")")
            }
            print("scope of its payments:")
            for r in try suppliers.spendByScope(key, limit: 6) {
                print("  \(formatPounds(r.pence).padding(toLength: 16, withPad: " ", startingAt: 0)) \(r.payments) payments  \(r.label ?? ""): \(r.rule ?? "")")
            }
            for c in try suppliers.conflicts(key) {
                print("identifier conflict: \(c.scheme) \(c.value) given to \(c.kept_name) and \(c.lost_name): kept by \(c.kept_name)")
            }
            print("names in the spend files:")
            for n in try suppliers.spellings(key, limit: 8) {
                print("  \"\(n.supplier_name ?? "")\" × \(n.payments)")
            }
            return out
        }
    }
}
