import Foundation
import SpendCSV
import Warehouse

/// Writes every set-aside row of the current files to `rejects.csv`, with file, line, column and reason.
public enum RejectsExport {
    /// Writes `<folder>/rejects.csv` and returns its path.
    @discardableResult
    public static func write(warehouse: WarehouseStore, folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/rejects.csv"
        let temporary = path + ".tmp"
        let writer = try CSVWriter(path: temporary, neutraliseFormulas: true)
        try writer.write(["file", "line", "column", "reason", "message", "amount_pence", "record"])
        let rows = try warehouse.query("""
            SELECT f.path, r.line_no, r.column_no, r.reason_code, r.message, r.amount_pence, r.raw_record
            FROM stg_rejects r JOIN source_files f USING (file_id) WHERE f.is_current = 1 ORDER BY f.path, r.line_no
            """)
        for row in rows { try writer.write(row.map { $0.string ?? "" }) }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        return path
    }
}
