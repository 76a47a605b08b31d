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
        struct Reject: Decodable {
            var path: String; var line_no: Int; var column_no: Int?; var reason_code: String; var message: String; var amount_pence: Int?; var raw_record: String
        }
        let rows = try warehouse.fetch(Reject.self, """
            SELECT f.path, r.line_no, r.column_no, r.reason_code, r.message, r.amount_pence, r.raw_record
            FROM stg_rejects r JOIN source_files f USING (file_id) WHERE f.is_current = 1 ORDER BY f.path, r.line_no
            """)
        for r in rows {
            try writer.write([r.path, String(r.line_no), r.column_no.map(String.init) ?? "", r.reason_code, r.message, r.amount_pence.map(String.init) ?? "", r.raw_record])
        }
        try writer.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        return path
    }
}
