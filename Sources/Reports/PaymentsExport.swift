import Classify
import Foundation
import Ingest
import MarketShapeCore
import Resolve
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

    /// Writes every staged payment of the current files (only those paid in `months`, `yyyy-mm`, when given) to `path`,
    /// reading each stage through the reader it publishes.
    public static func write(_ w: WarehouseStore, to path: String, months: Set<String>? = nil) throws -> Written {
        let supplierReader = SupplierReader(w)
        var evidence: [Int: [String]] = [:]
        for r in try supplierReader.evidence(for: SupplierClass.flags.map(\.0) + [.ownership]) {
            evidence[r.supplier_key, default: []].append("\(r.classification): \(r.value) (\(r.source): \(r.detail))")
        }
        func flag(_ v: Bool?) -> String { v.map { $0 ? "yes" : "no" } ?? "unknown" }
        var suppliers: [Int: [String]] = [:]
        for r in try supplierReader.all() {
            let sme = flag(r.is_sme) + (r.is_sme_proxy == true && r.is_sme != nil ? " (proxy)" : "")
            suppliers[r.supplier_key] = [String(r.supplier_key), r.supplier_id, r.display_name, r.resolution_method,
                                         r.resolution_score.map { String(format: "%.3f", $0) } ?? "", flag(r.is_local), sme, flag(r.is_vcse),
                                         flag(r.is_public_body), r.ownership]
        }
        let payees = Dictionary(try ResolutionReader(w).payees().map { ($0.payee_id, $0) }, uniquingKeysWith: { a, _ in a })
        var scopes: [Int: (scope: String, rule: String)] = [:]
        for r in try ScopeReader(w).pairs() { scopes[r.payee_id << 32 | r.context_id] = (r.scope, r.rule) }
        let staging = StagingReader(w)
        let files = Dictionary(try staging.currentFiles().map { ($0.file_id, $0.file_name) }, uniquingKeysWith: { a, _ in a })

        let writer = try CSVWriter(path: path + ".tmp", neutraliseFormulas: true)
        try writer.write(header)
        var written = Written(rows: 0, pence: 0)
        let unmatched = Array(repeating: "", count: header.count - 8)
        try staging.forEachLine { line in
            if let months, !months.contains(String(line.paidOn.prefix(7))) { return }
            let payee = payees[line.payeeID]
            let supplierKey = payee?.supplier_key
            let scope = scopes[line.payeeID << 32 | line.contextID] ?? ("unclassified", "not classified: run classify")
            try writer.write([files[line.fileID] ?? "", String(line.lineNo), line.paidOn, String(line.amountPence), payee?.name ?? ""]
                             + (supplierKey.flatMap { suppliers[$0] } ?? unmatched)
                             + [scope.scope, scope.rule, supplierKey.flatMap { evidence[$0] }?.joined(separator: "; ") ?? ""])
            written.rows += 1
            written.pence += line.amountPence
        }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return written
    }
}
