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
        let conflicts = try warehouse.query("""
            SELECT scheme, value, kept_name, lost_name, kept_pence, lost_pence, reason FROM resolution_conflicts
            ORDER BY kept_pence + lost_pence DESC, value, lost_name
            """)
        for c in conflicts {
            let scheme = c[0].string ?? "", value = c[1].string ?? ""
            // The identifier columns stay blank: fed back as an override, the disputed number would merge the names again.
            try writer.write(["", c[3].string ?? "", "", "", "", "", "", "", "", "", "", "", formatDecimalPounds(c[5].int ?? 0), "",
                              "identifier conflict: \(scheme) \(value) is also given to \(c[2].string ?? "") (\(formatDecimalPounds(c[4].int ?? 0))); \(c[6].string ?? ""); kept apart",
                              "\(c[2].string ?? "") keeps \(value)"])
        }
        let rows = try warehouse.query("""
            SELECT supplier_ref, display_name, company_number, charity_number, postcode, spend_pence, payments_count, resolution_method,
                   resolution_score, registered_name
            FROM dim_suppliers
            WHERE override_line IS NULL AND (resolution_method = 'unresolved' OR resolution_score < ?)
            ORDER BY abs(spend_pence) DESC, display_name
            """, [.real(confident)])
        for r in rows {
            let unresolved = r[7].string == "unresolved"
            try writer.write([r[0].string ?? "", r[1].string ?? "", unresolved ? "" : r[2].string ?? "", unresolved ? "" : r[3].string ?? "",
                              r[4].string ?? "", "", "", "", "", "", "", "", formatDecimalPounds(r[5].int ?? 0), String(r[6].int ?? 0),
                              unresolved ? "not found in any register" : "low-confidence match: \(r[7].string ?? "")",
                              unresolved ? "" : "\(r[9].string ?? "") (\(r[2].string ?? r[3].string ?? ""))"])
        }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return (path, conflicts.count + rows.count)
    }
}
