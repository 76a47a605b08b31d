import Foundation
import MarketShapeCore
import SpendCSV
import Warehouse

/// Writes `review_queue.csv`: identifiers given to names that cannot be one organisation (kept apart: say which
/// name the identifier belongs to), then unresolved and low-confidence payees, largest spend first, in the
/// overrides layout, so an analyst can fill in the identifiers and feed the rows back as overrides.
public enum ReviewQueue {
    public static let header = ["Supplier ID", "Supplier Name", "Company Number", "Charity Number", "Postcode", "Employees", "Turnover",
                                "Balance Sheet", "Legal Form", "Ownership", "VCSE", "Note", "Spend", "Payments", "Why listed", "Suggested match"]

    /// Writes `<folder>/review_queue.csv` and returns its path and the number of payees listed.
    @discardableResult
    public static func write(warehouse: WarehouseStore, folder: String, confident: Double) throws -> (path: String, count: Int) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/review_queue.csv"
        let writer = try CSVWriter(path: path + ".tmp", neutraliseFormulas: true)
        try writer.write(header)
        struct Conflict: Decodable {
            var scheme: String; var value: String; var kept_name: String; var lost_name: String; var kept_pence: Int; var lost_pence: Int; var reason: String
        }
        let conflicts = try warehouse.fetch(Conflict.self, """
            SELECT scheme, value, kept_name, lost_name, kept_pence, lost_pence, reason FROM resolution_conflicts
            ORDER BY kept_pence + lost_pence DESC, value, lost_name
            """)
        for c in conflicts {
            // The identifier columns stay blank: fed back as an override, the disputed number would merge the names again.
            try writer.write(["", c.lost_name, "", "", "", "", "", "", "", "", "", "", formatDecimalPounds(c.lost_pence), "",
                              "identifier conflict: \(c.scheme) \(c.value) is also given to \(c.kept_name) (\(formatDecimalPounds(c.kept_pence))); \(c.reason); kept apart",
                              "\(c.kept_name) keeps \(c.value)"])
        }
        struct Doubtful: Decodable {
            var supplier_ref: String?; var display_name: String; var company_number: String?; var charity_number: String?; var postcode: String?
            var spend_pence: Int; var payments_count: Int; var resolution_method: String; var resolution_score: Double?; var registered_name: String?
        }
        let rows = try warehouse.fetch(Doubtful.self, """
            SELECT supplier_ref, display_name, company_number, charity_number, postcode, spend_pence, payments_count, resolution_method,
                   resolution_score, registered_name
            FROM dim_suppliers
            WHERE override_line IS NULL AND (resolution_method = 'unresolved' OR resolution_score < ?)
            ORDER BY abs(spend_pence) DESC, display_name
            """, [.real(confident)])
        for r in rows {
            let unresolved = r.resolution_method == "unresolved"
            try writer.write([r.supplier_ref ?? "", r.display_name, unresolved ? "" : r.company_number ?? "", unresolved ? "" : r.charity_number ?? "",
                              r.postcode ?? "", "", "", "", "", "", "", "", formatDecimalPounds(r.spend_pence), String(r.payments_count),
                              unresolved ? "not found in any register" : "low-confidence match: \(r.resolution_method)",
                              unresolved ? "" : "\(r.registered_name ?? "") (\(r.company_number ?? r.charity_number ?? ""))"])
        }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return (path, conflicts.count + rows.count)
    }
}
