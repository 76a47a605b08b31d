import Foundation
import MarketShapeCore
import SpendCSV

/// Writes the report's tables under `data/`: each as RFC 4180 CSV (pence and fractions, formulas neutralised), all of
/// them as one xlsx workbook (`report.xlsx`: a sheet per table, pounds and percentages), and the whole model as JSON.
public enum DataFilesWriter {
    public static func write(_ m: ReportModel, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let tables = ReportTable.all(m)
        for table in tables where table.name != "summary" {
            let w = try CSVWriter(path: "\(folder)/\(table.name).csv", neutraliseFormulas: true)
            try w.write(table.columns.map(\.key))
            for r in table.rows { try w.write(r.map(\.csv)) }
            try w.close()
        }
        try workbook(tables).write(to: "\(folder)/report.xlsx")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try Data(DisplayText.cleanJSON(Array(encoder.encode(m)))).write(to: URL(fileURLWithPath: "\(folder)/report.json"))
    }

    /// The report's tables as a workbook: one sheet per table, in the report's order.
    static func workbook(_ tables: [ReportTable]) -> XLSXWorkbook {
        XLSXWorkbook(sheets: tables.map { t in XLSXWorkbook.Sheet(name: t.title, header: t.columns.map(\.title), rows: t.rows.map { $0.map(\.cell) }) })
    }
}
