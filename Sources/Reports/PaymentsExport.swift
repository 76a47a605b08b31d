import Foundation
import MarketShapeCore
import SpendCSV
import Warehouse

/// `export payments`: one RFC 4180 row per staged payment with its supplier, how it was resolved, and its classes
/// with their evidence in short, and the payment's scope with the rule that decided it: what an analyst loads into a spreadsheet or BI tool, and what an independent check
/// joins back to the published file by file name and line.
public enum PaymentsExport {
    public static let header = ["source_file", "line", "paid_on", "amount_pence", "payee_as_published", "supplier_key", "supplier_id",
                                "supplier_name", "resolution_method", "resolution_score", "is_local", "is_sme", "is_vcse", "is_public_body",
                                "ownership", "scope", "scope_rule", "evidence"]

    /// What was written.
    public struct Written: Sendable, Equatable {
        public var rows: Int, pence: Int
    }

    /// Writes every staged payment of the current files (only those paid in `months`, `yyyy-mm`, when given) to `path`.
    public static func write(_ w: WarehouseStore, to path: String, months: Set<String>? = nil) throws -> Written {
        struct Supplier { var cells: [String] }
        var suppliers: [Int: Supplier] = [:]
        var evidence: [Int: [String]] = [:]
        struct Evidence: Decodable { var supplier_key: Int; var classification: String; var value: String; var source: String; var detail: String }
        for r in try w.fetch(Evidence.self, """
            SELECT supplier_key, classification, value, source, detail FROM supplier_evidence
            WHERE classification IN (\(SupplierClass.describedSQL)) ORDER BY supplier_key, rowid
            """) {
            evidence[r.supplier_key, default: []].append("\(r.classification): \(r.value) (\(r.source): \(r.detail))")
        }
        func flag(_ v: Bool?) -> String { v.map { $0 ? "yes" : "no" } ?? "unknown" }
        struct Row: Decodable {
            var supplier_key: Int; var supplier_id: String; var display_name: String; var resolution_method: String; var resolution_score: Double?
            var is_local: Bool?; var is_sme: Bool?; var is_sme_proxy: Bool?; var is_vcse: Bool?; var is_public_body: Bool?; var ownership: String?
        }
        for r in try w.fetch(Row.self, """
            SELECT supplier_key, supplier_id, display_name, resolution_method, resolution_score, is_local, is_sme, is_sme_proxy, is_vcse,
                   is_public_body, ownership FROM dim_suppliers
            """) {
            let sme = flag(r.is_sme) + (r.is_sme_proxy == true && r.is_sme != nil ? " (proxy)" : "")
            suppliers[r.supplier_key] = Supplier(cells: [String(r.supplier_key), r.supplier_id, r.display_name, r.resolution_method,
                                                         r.resolution_score.map { String(format: "%.3f", $0) } ?? "", flag(r.is_local), sme, flag(r.is_vcse),
                                                         flag(r.is_public_body), r.ownership ?? "unknown"])
        }
        var payees: [Int: (name: String, supplier: Int?)] = [:]
        struct Payee: Decodable { var payee_id: Int; var name: String; var supplier_key: Int? }
        for r in try w.fetch(Payee.self, """
            SELECT p.payee_id, coalesce(p.supplier_name, p.redaction_label, '') AS name, m.supplier_key
            FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id)
            """) { payees[r.payee_id] = (r.name, r.supplier_key) }
        var scopes: [Int: (scope: String, rule: String)] = [:]
        struct PairScope: Decodable { var payee_id: Int; var context_id: Int; var scope: String; var rule: String }
        for r in try w.fetch(PairScope.self, "SELECT payee_id, context_id, scope, rule FROM map_payment_scope") {
            scopes[r.payee_id << 32 | r.context_id] = (r.scope, r.rule)
        }
        var files: [Int: String] = [:]
        struct File: Decodable { var file_id: Int; var file_name: String }
        for r in try w.fetch(File.self, "SELECT file_id, file_name FROM source_files WHERE is_current = 1") { files[r.file_id] = r.file_name }

        let writer = try CSVWriter(path: path + ".tmp", neutraliseFormulas: true)
        try writer.write(header)
        var written = Written(rows: 0, pence: 0)
        let unmatched = Array(repeating: "", count: header.count - 8)
        try w.prepare("SELECT file_id, line_no, paid_on, amount_pence, payee_id, context_id FROM stg_lines ORDER BY file_id, line_no").forEachRow { row in
            let paidOn = String(decoding: row.bytes(2), as: UTF8.self)
            if let months, !months.contains(String(paidOn.prefix(7))) { return }
            let payee = payees[row.int(4)]
            let supplierKey = payee?.supplier
            let supplier = supplierKey.flatMap { suppliers[$0] }?.cells ?? unmatched
            let scope = scopes[row.int(4) << 32 | row.int(5)] ?? ("unclassified", "not classified: run classify")
            try writer.write([files[row.int(0)] ?? "", String(row.int(1)), paidOn, String(row.int(3)), payee?.name ?? ""] + supplier
                             + [scope.scope, scope.rule, supplierKey.flatMap { evidence[$0] }?.joined(separator: "; ") ?? ""])
            written.rows += 1
            written.pence += row.int(3)
        }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return written
    }
}
