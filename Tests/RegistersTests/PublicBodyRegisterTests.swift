import Classify
import Foundation
import MarketShapeCore
import Registers
import SpendCSV
import Testing
import Warehouse

/// Public bodies recognised through the real local-authority register (mySociety) and name rules, and private or
/// charity names with public-sounding words that must not be.
@Suite("Public bodies from the register", .serialized)
struct PublicBodyRegisterTests {
    static func path(_ relative: String) -> String { RegisterImporterTests.path(relative) }

    /// The register's authorities and names, as the classify stage reads them.
    static func loaded() throws -> (LocalAuthorityNames, Warehouse) {
        let w = try Warehouse(path: ":memory:")
        let importer = RegisterImporter(warehouse: w)
        _ = try importer.importFile(.localAuthorities, path: path("data/registers/uk_local_authorities.csv"))
        _ = try importer.importFile(.localAuthorityNames, path: path("data/registers/uk_local_authority_names.csv"))
        return (try ClassifyStage.localAuthorities(w), w)
    }

    /// Every current authority's names and alternative names, and the abbreviations councils write for its type.
    static func variants(_ w: Warehouse) throws -> [(variant: String, code: String)] {
        var out: [(String, String)] = []
        for r in try w.query("SELECT code, name, nice_name, alt_names, authority_type FROM reg_local_authorities WHERE coalesce(end_date, '') = ''") {
            let code = r[0].string!, official = r[1].string!, nice = r[2].string ?? official, type = r[4].string ?? ""
            out.append((official, code)); out.append((nice, code))
            for alt in (r[3].string ?? "").split(separator: ",") where !alt.trimmingCharacters(in: .whitespaces).isEmpty { out.append((String(alt), code)) }
            // The abbreviations councils write for an authority of this type and name (`Harrogate BC`, not `Harrogate DC`).
            let official_ = official.uppercased()
            switch type {
            case "LBO": out += [("LB \(nice)", code), ("L B \(nice)", code), ("London Borough of \(nice)", code), ("\(nice) Council", code)]
            case "MD": out += [("\(nice) MBC", code), ("\(nice) MDC", code), ("\(nice) Metropolitan Borough Council", code), ("\(nice) Council", code)]
            case "NMD": out += [(official_.contains("DISTRICT") ? "\(nice) DC" : official_.contains("BOROUGH") ? "\(nice) BC" : "\(nice) CC", code),
                                ("\(nice) Council", code)]
            case "CTY": out += [("\(nice) CC", code), ("\(nice) County Council", code)]
            case "COMB": out += [("\(nice) CA", code), ("\(nice) Combined Authority", code)]
            default: out += [("\(nice) Council", code)]
            }
        }
        for r in try w.query("SELECT n.name, n.code FROM reg_local_authority_names n JOIN reg_local_authorities a USING (code) WHERE coalesce(a.end_date, '') = ''") {
            out.append((r[0].string!, r[1].string!))
        }
        return out
    }

    @Test("every name, alternative name and abbreviated form of every current authority is recognised (recall ≥ 99%)")
    func recall() throws {
        let (names, w) = try Self.loaded()
        let all = try Self.variants(w)
        #expect(all.count > 2_000)
        let missed = all.filter { v in
            let n = SupplierName.normalise(v.variant)
            return names.match(n) == nil && PublicBodyRule.match(n) == nil
        }
        let recall = 1 - Double(missed.count) / Double(all.count)
        #expect(recall >= 0.99, "recall \(recall); missed e.g. \(missed.prefix(20).map(\.variant))")
    }

    @Test("abbreviations councils write, from real files", arguments: [
        ("LB Camden", "CMD"), ("L B Southwark", "SWK"), ("Calderdale MBC", "CLD"), ("CITY OF BRADFORD MDC", "BRD"), ("Bradford Metropolitan Council", "BRD"),
        ("EAST DEVON DISTRICT COUN (S O ACCOUNT)", "EDE"), ("TORBAY COUNCIL FINANCE", "TOB"), ("West Yorkshire Combined Authority", "WYCA"),
        ("Council of the City of Wakefield", "WKF"), ("City & County of Swansea", "SWA"), ("RB Kingston upon Thames", "KTT"),
        ("KCC", "KEN"), ("WDBC", "WDE"), ("CBMDC", "BRD"), ("City Of Bradford Metropolitan District", "BRD"),
    ])
    func abbreviations(name: String, code: String) throws {
        let (names, _) = try Self.loaded()
        #expect(names.match(SupplierName.normalise(name))?.authority.code == code)
    }

    @Test("an abbreviation that does not fit the authority is a club, not the council; initials of more than one council, or of a council named without its type, name none",
          arguments: ["HARROGATE CC", "LEEDS BC", "Leeds CA", "DCC", "BCC", "ELC", "KCC Ltd"])
    func clubs(name: String) throws {
        let (names, _) = try Self.loaded()
        #expect(names.match(SupplierName.normalise(name)) == nil)
    }

    /// Names with public-sounding words from real registers of charities and societies (which are never councils, NHS
    /// bodies or police), and from the spend fixtures. School words are left out: academies are charitable companies.
    static func privateNames() throws -> [String] {
        let words = ["COUNCIL", "POLICE", "NHS", "PARISH", "BOROUGH", "FIRE", "HOSPITAL", "COUNTY", "AUTHORITY", "DEPARTMENT", "MINISTRY", "CITY"]
        let schoolWords: Set<Substring> = ["SCHOOL", "SCHOOLS", "ACADEMY", "COLLEGE", "UNIVERSITY"]
        var names: [String] = []
        for file in ["charity-company-numbers.csv", "mutual-companies.csv"] {
            var header: [String] = []
            try CSVReader().read(path: path("../shared/registers/\(file)")) { record in
                if header.isEmpty { header = record.strings; return }
                let name = record.string(header.firstIndex(of: "org_name")!)
                let n = SupplierName.normalise(name).split(separator: " ")
                if n.contains(where: { words.contains(String($0)) }) && !n.contains(where: schoolWords.contains) { names.append(name) }
            }
        }
        return names + ["Refugee Council", "Kent Refugee Council", "British Council", "Council Services Ltd", "Police Federation of England and Wales",
                        "West Yorkshire Police Federation", "Little Acorns Nursery School Ltd", "St Mary's Parish Hall Trust", "NHS Professionals Ltd",
                        "Fire Brigades Union", "THE MINISTRY OF PARENTING", "Investors In The Community", "Citizens Advice Calderdale"]
    }

    @Test("at least 100 real private and charity names with public-sounding words give no public body")
    func noFalsePublicBodies() throws {
        let (names, _) = try Self.loaded()
        let candidates = try Self.privateNames()
        #expect(candidates.count >= 100)
        let flagged = candidates.filter { c in
            let n = SupplierName.normalise(c)
            return names.match(n) != nil || PublicBodyRule.match(n) != nil
        }
        #expect(flagged.isEmpty, "\(flagged.count) of \(candidates.count) flagged: \(flagged.prefix(30))")
    }
}
