import Foundation
import Ingest
import Testing
import MarketShapeCore
import Warehouse

/// Paths to the test fixtures, found from this file so tests run from any folder.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func quirk(_ name: String) -> String { packageRoot.appendingPathComponent("Tests/IngestTests/Fixtures/\(name)").path }
    static func real(_ name: String) -> String { packageRoot.appendingPathComponent("../shared/fixtures/real/\(name)").standardizedFileURL.path }

    /// Writes `bytes` to a new file in the temporary folder and returns its path (the caller removes it).
    static func temporaryFile(_ bytes: [UInt8], name: String = "ms-test") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func temporaryFile(_ text: String, name: String = "ms-test") throws -> String { try temporaryFile(Array(text.utf8), name: name) }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// The error of type `E` that loading `bytes` (written to a temporary file) throws, with the file's path; nil (and
    /// a failed expectation) when it throws none.
    static func ingestError<E: Error>(_ type: E.Type, _ bytes: [UInt8]) throws -> (error: E?, path: String) {
        let path = try temporaryFile(bytes)
        defer { remove(path) }
        return (#expect(throws: type) { try ingest(path) }, path)
    }

    /// Loads one file into a fresh in-memory warehouse.
    static func ingest(_ path: String, overrides: SourceOverrides = .none) throws -> (FileAccounting, Warehouse) {
        let warehouse = try Warehouse(path: ":memory:")
        let accounting = try SpendFileLoader(warehouse: warehouse, runID: nil).load(path: path, overrides: overrides)
        return (accounting, warehouse)
    }
}

/// A deliberately separate CSV reading for cross-checks: an RFC 4180 state machine over raw bytes,
/// sharing no code with libcsv or AmountParser.
enum IndependentCSV {
    /// Records of the file (header included), each a list of fields as Latin-1 text.
    static func records(_ path: String) throws -> [[String]] {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [[String]] = [], record: [String] = [], field: [UInt8] = []
        var quoted = false, i = 0
        func endField() { record.append(String(bytes: field, encoding: .isoLatin1) ?? ""); field = [] }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 { if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { quoted = false } }
                else { field.append(b) }
            } else if b == 0x22 { quoted = true }
            else if b == 0x2C { endField() }
            else if b == 0x0D || b == 0x0A {
                if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                endField()
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
            } else { field.append(b) }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        return records
    }

    /// Pence of an amount text via Foundation's Decimal ("£", "," and spaces removed).
    static func pence(_ text: String) -> Int? {
        let cleaned = text.filter { !"£, \u{a0}".contains($0) }
        guard !cleaned.isEmpty, let d = Decimal(string: cleaned, locale: Locale(identifier: "en_GB")) else { return nil }
        return NSDecimalNumber(decimal: d * 100).intValue
    }
}
