import Foundation
import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Streams a register file through libcsv into its `reg_*` table, replacing the previous version.
/// Memory stays bounded whatever the file's size; the header is matched by synonyms as in ingest.
public struct RegisterImporter {
    public let warehouse: WarehouseStore

    public init(warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// Where a register file came from, when `registers fetch` downloaded it: recorded with the version it imports as.
    public struct Provenance: Sendable, Equatable {
        public var sourceURL: String
        public var retrievedAt: String
        public init(sourceURL: String, retrievedAt: String) { self.sourceURL = sourceURL; self.retrievedAt = retrievedAt }
    }

    /// Imports `path` as `kind` unless the same bytes, read by the same rules, are already the current version; `meter`
    /// counts the bytes read. The table is replaced in one transaction: until it commits, the previous version is in use.
    public func importFile(_ kind: RegisterKind, path: String, meter: ProgressMeter = .silent(), provenance: Provenance? = nil) throws -> RegisterImport {
        let sha = try FileDigest.sha256(path: path)
        struct Version: Decodable { var version_id: Int; var rows_count: Int }
        if let current = try warehouse.fetch(Version.self, """
            SELECT version_id, rows_count FROM register_versions WHERE kind = ? AND is_current = 1 AND sha256 = ? AND reader_version = ?
            """, [.text(kind.rawValue), .text(sha), .integer(kind.readerVersion)]).first {
            return RegisterImport(kind: kind, path: path, sha256: sha, versionID: current.version_id, read: current.rows_count,
                                  imported: current.rows_count, skipped: [:], seconds: 0, changed: false)
        }
        let started = Date()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return try warehouse.transaction {
            try warehouse.execute("DELETE FROM \(kind.table)")
            var result = RegisterImport(kind: kind, path: path, sha256: sha, versionID: 0, read: 0, imported: 0, skipped: [:], seconds: 0, changed: true)
            if kind == .psc {
                try PSCImporter(warehouse: warehouse).read(path: path, meter: meter, into: &result)
            } else {
                try importCSV(kind, path: path, meter: meter, into: &result)
            }
            try warehouse.run("UPDATE register_versions SET is_current = 0 WHERE kind = ?", [.text(kind.rawValue)])
            result.seconds = Date().timeIntervalSince(started)
            try warehouse.run("""
                INSERT INTO register_versions (kind, path, sha256, rows_count, skipped_count, imported_at, is_current, reader_version, bytes, source_url, retrieved_at)
                VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), 1, ?, ?, ?, ?)
                """, [.text(kind.rawValue), .text(path), .text(sha), .integer(result.imported), .integer(result.skipped.values.reduce(0, +)),
                      .integer(kind.readerVersion), bytes.map(SQLValue.integer) ?? .null, provenance.map { .text($0.sourceURL) } ?? .null,
                      provenance.map { .text($0.retrievedAt) } ?? .null])
            result.versionID = warehouse.lastInsertRowID
            return result
        }
    }

    /// Reads a CSV register through libcsv, its header matched by synonyms, into `kind`'s table (already emptied).
    func importCSV(_ kind: RegisterKind, path: String, meter: ProgressMeter, into result: inout RegisterImport) throws {
        let dialect = try sniffDialect(path)
        let columns = kind.columns
        let hasName = columns.contains { $0.name == "name" }
        let names = columns.map(\.name) + (hasName ? ["normalised_name"] : [])
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ",")
        let keyed = kind != .overrides && kind != .investmentFirms
        let insert = try warehouse.prepare("INSERT \(keyed ? "OR IGNORE " : "")INTO \(kind.table) (\(names.joined(separator: ", "))) VALUES (\(placeholders))")
        var indices: [Int?] = []
        var linkedIndex: Int? = nil
        var first = true
        var counts = result
        let reader = CSVReader(dialect: dialect)
        reader.onBytesRead = { meter.advance(by: $0) }
        try reader.read(path: path) { record in
            if first {
                first = false
                let headers = record.strings.map(HeaderName.normalise)
                indices = columns.map { col in col.synonyms.lazy.compactMap { s in headers.firstIndex(of: s) }.first }
                linkedIndex = kind == .charityCommission ? headers.firstIndex(of: "linkedcharitynumber") : nil
                let missing = zip(columns, indices).filter { $0.0.required && $0.1 == nil }.map(\.0.name)
                if !missing.isEmpty {
                    throw RegisterImportError(path: path, message: "not a \(kind.title) file: no column for \(missing.joined(separator: ", ")); headers are \(record.strings.joined(separator: ", "))")
                }
                return
            }
            counts.read += 1
            if let l = linkedIndex, let linked = Int(record.string(l).trimmingCharacters(in: " ")), linked != 0 {
                counts.skipped["linked (subsidiary) charity", default: 0] += 1
                return
            }
            var values: [SQLValue] = []
            values.reserveCapacity(names.count)
            var name = ""
            for (col, index) in zip(columns, indices) {
                let raw = index.map { String(decoding: ByteTrim.trimmed(record.bytes($0)), as: UTF8.self) } ?? ""
                let value = Self.transform(raw, col.transform)
                if col.required && value == .null {
                    counts.skipped["no \(col.name)", default: 0] += 1
                    return
                }
                if col.name == "name" { name = raw }
                values.append(value)
            }
            if hasName { values.append(name.isEmpty ? .null : .text(SupplierName.normalise(name))) }
            if kind == .overrides && values.allSatisfy({ $0 == .null }) {
                counts.skipped["blank row", default: 0] += 1
                return
            }
            insert.bind(values)
            try insert.run()
            if warehouse.changes == 0 { counts.skipped["duplicate key", default: 0] += 1 }
            else { counts.imported += 1 }
        }
        if first { throw RegisterImportError(path: path, message: "empty: no header line, so not a \(kind.title) file") }
        result = counts
    }

    /// Tab when the first line has a tab, else comma; Windows-1252 when the first MiB is not UTF-8.
    func sniffDialect(_ path: String) throws -> CSVDialect {
        let sample = try FileSample.read(path: path, maxBytes: 1 << 20)
        let firstLine = sample.prefix { $0 != 0x0A && $0 != 0x0D }
        return CSVDialect(delimiter: firstLine.contains(9) ? 9 : UInt8(ascii: ","), encoding: FileSample.encoding(of: sample))
    }

    static func transform(_ raw: String, _ t: RegisterKind.Transform) -> SQLValue {
        if raw.isEmpty || raw == "#N/A" { return .null }
        switch t {
        case .text: return .text(raw)
        case .companyNumber: return OrgIdentifiers.companyNumber(raw).sql
        case .charityNumber: return OrgIdentifiers.charityNumber(raw).sql
        case .postcode: return OrgIdentifiers.postcode(raw).sql
        case .postcodeInText:
            // The postcode is the last two words of a free-text address: "2 Example Road, London, N19 7WR".
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "," })
            guard words.count >= 2 else { return .null }
            return OrgIdentifiers.postcode(words.suffix(2).joined(separator: " ")).sql
        case .pounds: return (try? AmountParser.parse(raw).get()).map(SQLValue.integer) ?? .null
        case .integer: return Int(raw.filter { $0 != "," }).map(SQLValue.integer) ?? .null
        case .date:
            let text = Substring(raw)
            return (DateFormat.iso.parse(text) ?? DateFormat.dayMonthYear.parse(text)).map { .text($0.description) } ?? .null
        case .flag:
            switch raw.lowercased() {
            case "y", "yes", "true", "1": return .integer(1)
            case "n", "no", "false", "0": return .integer(0)
            default: return .null
            }
        }
    }
}
