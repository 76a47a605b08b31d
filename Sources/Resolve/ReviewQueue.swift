import Foundation
import MarketShapeCore
import SpendCSV
import Warehouse

/// Writes the review queue: identifiers given to names that cannot be one organisation (kept apart: say which
/// name the identifier belongs to), then unresolved and low-confidence payees, largest spend first, in the
/// overrides layout, so an analyst can fill in the identifiers and feed the rows back as overrides. The queue is cut
/// where the rows stop mattering; the full list is written beside it.
public enum ReviewQueue {
    public static let header = ["Supplier ID", "Supplier Name", "Company Number", "Charity Number", "Postcode", "Employees", "Turnover",
                                "Balance Sheet", "Legal Form", "Ownership", "VCSE", "Note", "Spend", "Payments", "Why listed", "Suggested match"]

    /// What was written: the cut queue, the full list, and the pounds behind each.
    public struct Written: Sendable {
        public var path: String, count: Int
        /// How many of the rows are identifier conflicts (listed first, in both files).
        public var conflicts: Int
        public var allPath: String, allCount: Int
        /// Absolute spend of the payees listed in the cut queue, and of every unresolved or doubtful payee.
        public var listedPence: Int, doubtfulPence: Int

        /// The run's line: how few payees hold most of the spend that no register explains.
        public var summary: String {
            guard allCount > 0 else { return "nothing to review" }
            let share = doubtfulPence == 0 ? 0 : Int((Double(listedPence) / Double(doubtfulPence) * 100).rounded(.down))
            let payees = count - conflicts
            return "resolving the \(payees) payee(s) in \(path)\(conflicts > 0 ? " (after its \(conflicts) identifier conflict(s))" : "") would let \(share)% of the spend no register explains be classified "
                + "(\(formatPounds(listedPence, decimals: false)) of \(formatPounds(doubtfulPence, decimals: false))); all \(allCount - conflicts) in \(allPath)"
        }
    }

    /// The share of the unresolved and doubtful spend the cut queue covers at least.
    public static let cutShare = 0.8

    /// Writes `<folder>/review_queue_all.csv` (every row) and `<folder>/review_queue.csv` (the rows that matter): every
    /// identifier conflict, then the unresolved and doubtful payees, largest first, until they hold `cutShare` of those
    /// payees' spend, or more if that is what it takes for the resolved spend to reach `minimumCoverage` of all spend
    /// (the report's threshold for showing a share).
    @discardableResult
    public static func write(warehouse: WarehouseStore, folder: String, confident: Double, minimumCoverage: Double = 0.5) throws -> Written {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        struct Conflict: Decodable {
            var scheme: String; var value: String; var kept_name: String; var lost_name: String; var kept_pence: Int; var lost_pence: Int; var reason: String
        }
        let conflicts = try warehouse.fetch(Conflict.self, """
            SELECT scheme, value, kept_name, lost_name, kept_pence, lost_pence, reason FROM resolution_conflicts
            ORDER BY kept_pence + lost_pence DESC, value, lost_name
            """)
        // The identifier columns stay blank: fed back as an override, the disputed number would merge the names again.
        let conflictRows = conflicts.map { c in
            ["", c.lost_name, "", "", "", "", "", "", "", "", "", "", formatDecimalPounds(c.lost_pence), "",
             "identifier conflict: \(c.scheme) \(c.value) is also given to \(c.kept_name) (\(formatDecimalPounds(c.kept_pence))); \(c.reason); kept apart",
             "\(c.kept_name) keeps \(c.value)"]
        }
        struct Doubtful: Decodable {
            var supplier_ref: String?; var display_name: String; var company_number: String?; var charity_number: String?; var postcode: String?
            var spend_pence: Int; var payments_count: Int; var resolution_method: String; var resolution_score: Double?; var registered_name: String?
        }
        let doubtful = try warehouse.fetch(Doubtful.self, """
            SELECT supplier_ref, display_name, company_number, charity_number, postcode, spend_pence, payments_count, resolution_method,
                   resolution_score, registered_name
            FROM dim_suppliers
            WHERE override_line IS NULL AND (resolution_method = 'unresolved' OR resolution_score < ?)
            ORDER BY abs(spend_pence) DESC, display_name
            """, [.real(confident)])
        let doubtfulRows = doubtful.map { r in
            let unresolved = r.resolution_method == "unresolved"
            return [r.supplier_ref ?? "", r.display_name, unresolved ? "" : r.company_number ?? "", unresolved ? "" : r.charity_number ?? "",
                    r.postcode ?? "", "", "", "", "", "", "", "", formatDecimalPounds(r.spend_pence), String(r.payments_count),
                    unresolved ? "not found in any register" : "low-confidence match: \(r.resolution_method)",
                    unresolved ? "" : "\(r.registered_name ?? "") (\(r.company_number ?? r.charity_number ?? ""))"]
        }
        // Where to cut: enough of the doubtful spend, and enough for the resolved spend to reach the report's threshold.
        let doubtfulPence = doubtful.reduce(0) { $0 + abs($1.spend_pence) }
        let allPence = try warehouse.scalarInt("SELECT coalesce(SUM(abs(spend_pence)), 0) FROM dim_suppliers")
        let needed = max(cutShare * Double(doubtfulPence), minimumCoverage * Double(allPence) - Double(allPence - doubtfulPence))
        var listed = 0, listedPence = 0
        while listed < doubtful.count && Double(listedPence) < needed {
            listedPence += abs(doubtful[listed].spend_pence)
            listed += 1
        }
        let path = folder + "/review_queue.csv", allPath = folder + "/review_queue_all.csv"
        try writeAtomically(conflictRows + doubtfulRows, to: allPath)
        try writeAtomically(conflictRows + doubtfulRows.prefix(listed), to: path)
        return Written(path: path, count: conflicts.count + listed, conflicts: conflicts.count, allPath: allPath, allCount: conflicts.count + doubtful.count,
                       listedPence: listedPence, doubtfulPence: doubtfulPence)
    }

    /// Writes the header and `rows` to `path` through a temporary file, so a reader never sees half a queue.
    static func writeAtomically(_ rows: [[String]], to path: String) throws {
        let writer = try CSVWriter(path: path + ".tmp", neutraliseFormulas: true)
        try writer.write(header)
        for row in rows { try writer.write(row) }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
    }
}
