import Foundation
import MarketShapeCore
import StageKit
import Warehouse

/// Streams the Companies House persons-with-significant-control snapshot (JSON lines, one PSC or statement a line,
/// ~10m lines) into `reg_psc_controls`, keeping only what an ownership chain follows: active corporate entities and
/// legal persons with majority control. Individuals, statements, exemptions and ceased or minority controllers are
/// counted, not stored, so the table stays a fraction of the file and memory stays bounded.
struct PSCImporter {
    let warehouse: WarehouseStore

    /// One snapshot line, as much of it as is read.
    struct Line: Decodable {
        var company_number: String?
        var data: Record?
        struct Record: Decodable {
            var kind: String?
            var name: String?
            var ceased_on: String?
            var ceased: Bool?
            var natures_of_control: [String]?
            var notified_on: String?
            var identification: Identification?
        }
        struct Identification: Decodable {
            var country_registered: String?
            var place_registered: String?
            var legal_form: String?
            var registration_number: String?
        }
    }

    static let corporateKind = Array("corporate-entity-person-with-significant-control".utf8)
    static let legalPersonKind = Array("legal-person-person-with-significant-control".utf8)
    static let individualKind = Array("individual-person-with-significant-control".utf8)
    static let statementKind = Array("persons-with-significant-control-statement".utf8)
    static let totalsKind = Array("totals#persons-of-significant-control-snapshot".utf8)

    func read(path: String, meter: ProgressMeter, into result: inout RegisterImport) throws {
        let insert = try warehouse.prepare("""
            INSERT INTO reg_psc_controls (company_number, psc_kind, name, normalised_name, registration_number, uk_company_number,
              country_registered, legal_form, natures, notified_on, line_no, is_uk) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let decoder = JSONDecoder()
        var counts = result
        var sawRecord = false
        var firstBadLine: Int?
        func skip(_ reason: String) { counts.skipped[reason, default: 0] += 1 }
        try JSONLinesReader(path: path).forEachLine(onBytesRead: { meter.advance(by: $0) }) { bytes, lineNo in
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            if Self.contains(bytes, Self.totalsKind) { return }
            let corporate = Self.contains(bytes, Self.corporateKind), legal = !corporate && Self.contains(bytes, Self.legalPersonKind)
            // The first line is decoded whatever it is: a file in another layout is refused before anything is stored.
            guard corporate || legal || !sawRecord else {
                counts.read += 1
                if Self.contains(bytes, Self.individualKind) { skip("individual (the top of a chain)") }
                else if Self.contains(bytes, Self.statementKind) { skip("statement (no PSC named)") }
                else { skip("other kind (exemption, super-secure…)") }
                return
            }
            let line: Line
            do { line = try decoder.decode(Line.self, from: Data(bytes)) } catch {
                guard sawRecord else {
                    throw RegisterImportError(path: path, message: "line \(lineNo) is not JSON, so this is not a PSC snapshot (JSON lines, one {\"company_number\": …, \"data\": {…}} a line)")
                }
                counts.read += 1
                if firstBadLine == nil { firstBadLine = lineNo }
                skip("not JSON (first at line \(firstBadLine!))")
                return
            }
            guard let record = line.data, line.company_number != nil || record.kind != nil else {
                guard sawRecord else {
                    throw RegisterImportError(path: path, message: "line \(lineNo) has no company_number and data, so this is not a PSC snapshot")
                }
                counts.read += 1; skip("no company_number or data"); return
            }
            sawRecord = true
            counts.read += 1
            guard corporate || legal else {
                let kind = record.kind ?? ""
                skip(kind.hasPrefix("individual") ? "individual (the top of a chain)" : kind.contains("statement") ? "statement (no PSC named)" : "other kind (exemption, super-secure…)")
                return
            }
            guard let company = line.company_number.flatMap(OrgIdentifiers.companyNumber) else { skip("no valid company_number"); return }
            if record.ceased_on != nil || record.ceased == true { skip("ceased"); return }
            let majority = PSCControl.majorityNatures(record.natures_of_control ?? [])
            if majority.isEmpty { skip("no majority control (25–50%, or significant influence)"); return }
            guard let name = record.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { skip("no name"); return }
            let id = record.identification
            let isUK = corporate ? PSCControl.isUK(countryRegistered: id?.country_registered, placeRegistered: id?.place_registered) : false
            let ukNumber = isUK == true ? id?.registration_number.flatMap(OrgIdentifiers.companyNumber) : nil
            insert.bind([.text(company), .text(corporate ? PSCControl.Kind.corporate.rawValue : PSCControl.Kind.legalPerson.rawValue), .text(name),
                         .text(SupplierName.normalise(name)), id?.registration_number.sql ?? .null, ukNumber.sql, id?.country_registered.sql ?? .null,
                         id?.legal_form.sql ?? .null, .text(majority.joined(separator: ",")), record.notified_on.sql, .integer(lineNo), isUK.sql])
            try insert.run()
            counts.imported += 1
        }
        if !sawRecord && counts.read == 0 {
            throw RegisterImportError(path: path, message: "empty: no PSC records, so not a PSC snapshot")
        }
        result = counts
    }

    /// Whether `needle` occurs in `haystack`: memchr for its first byte, then memcmp (glibc's memmem is not exported to Swift).
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, !needle.isEmpty, haystack.count >= needle.count else { return false }
        return needle.withUnsafeBytes { n in
            var offset = 0
            let last = haystack.count - needle.count
            while offset <= last, let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, n.baseAddress!, needle.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }
}
