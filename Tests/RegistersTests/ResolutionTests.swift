import Classify
import Foundation
import Logging
import MarketShapeCLI
import MarketShapeCore
import Pipeline
import Registers
import Classify
import Resolve
import StageKit
import Testing
import Warehouse

/// A throwaway project with a spend file and registers written by the test.
struct RegisterProject {
    let root: String
    static let chHeader = (try? String(contentsOfFile: RegisterImporterTests.path("../shared/fixtures/real/companies_house_BasicCompanyData_sample.csv"), encoding: .utf8))?
        .components(separatedBy: "\n").first?.trimmingCharacters(in: "\r") ?? ""

    init(spend: [[String]], companies: [[String: String]] = [], charities: String? = nil, overrides: String? = nil,
         postcodes: String? = nil, local: String = "outward_codes: [N1C, NW1]", extraRegisters: String = "", vat: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-resolve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        let header = "Payment Date,Supplier Name,Amount,Supplier ID,Company Number,Charity Number,Supplier Postcode,Service Area,VCSE" + (vat ? ",VAT Registration Number" : "")
        try ([header] + spend.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }).joined(separator: "\r\n")
            .write(toFile: root + "/data/spend.csv", atomically: true, encoding: .utf8)
        var registers = extraRegisters
        if !companies.isEmpty {
            let rows = companies.map { c -> String in
                var row = [String](repeating: "", count: 55)
                row[0] = c["name"] ?? ""; row[1] = c["number"] ?? ""; row[9] = c["postcode"] ?? ""; row[10] = c["category"] ?? "Private Limited Company"
                row[11] = "Active"; row[19] = c["accounts"] ?? ""
                return row.map { "\"\($0)\"" }.joined(separator: ",")
            }
            try ([Self.chHeader] + rows).joined(separator: "\r\n").write(toFile: root + "/data/ch.csv", atomically: true, encoding: .utf8)
            registers += "\n  companies_house: data/ch.csv"
        }
        if let charities { try charities.write(toFile: root + "/data/charities.csv", atomically: true, encoding: .utf8); registers += "\n  charity_commission: data/charities.csv" }
        if let overrides { try overrides.write(toFile: root + "/data/overrides.csv", atomically: true, encoding: .utf8); registers += "\n  overrides: data/overrides.csv" }
        if let postcodes { try postcodes.write(toFile: root + "/data/postcodes.csv", atomically: true, encoding: .utf8); registers += "\n  postcodes: data/postcodes.csv" }
        try """
            pipeline: t
            body: {name: Test Council, code: E09000007}
            spend: [data/spend.csv]
            registers:\(registers.isEmpty ? " {}" : registers)
            local:
              \(local)
            """.write(toFile: root + "/pipelines/t.yml", atomically: true, encoding: .utf8)
    }

    /// Runs ingest → resolve → classify and returns the warehouse; what the run prints goes to `console`.
    func run(console: RecordingConsole = RecordingConsole()) throws -> Warehouse {
        let config = try PipelineConfig.load(path: root + "/pipelines/t.yml")
        try PipelineRunner(config: config, console: console, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
            .run(.from(.ingest))
        return try Warehouse(path: config.warehouse)
    }

    func supplier(_ w: Warehouse, _ name: String) throws -> [String: SQLValue] {
        let cols = ["supplier_id", "company_number", "charity_number", "registered_name", "resolution_method", "resolution_score", "is_local", "is_sme",
                    "is_sme_proxy", "is_vcse", "is_public_body", "ownership"]
        let row = try #require(try w.query("SELECT \(cols.joined(separator: ", ")) FROM dim_suppliers WHERE display_name = ?", [.text(name)]).first)
        return Dictionary(uniqueKeysWithValues: zip(cols, row))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Suite("Resolution against registers", .serialized)
struct ResolutionTests {
    @Test("company numbers in a spend file resolve to the real Companies House rows they name, zero padding and all")
    func companyNumbers() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Some Name Ltd", "100.00", "S1", "2537158", "", "", "Highways", ""],
                                            ["03/01/2026", "Other Co", "50.00", "S2", "sc313991", "", "", "Highways", ""]],
                                    extraRegisters: "\n  companies_house: \(RegisterImporterTests.path("../shared/fixtures/real/companies_house_BasicCompanyData_sample.csv"))")
        defer { p.remove() }
        let w = try p.run()
        let a = try p.supplier(w, "Some Name Ltd"), b = try p.supplier(w, "Other Co")
        #expect(a["supplier_id"] == "GB-COH-02537158")
        #expect(a["resolution_method"] == "company number (spend file)")
        #expect(a["registered_name"] != .null)
        #expect(b["supplier_id"] == "GB-COH-SC313991")
    }

    @Test("the data test finds a paid payee left without a supplier, and not one without payments")
    func unmappedPayee() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Some Name Ltd", "100.00", "S1", "", "", "", "Highways", ""],
                                            ["03/01/2026", "Other Co", "50.00", "S2", "", "", "", "Highways", ""]])
        defer { p.remove() }
        let w = try p.run()
        let config = try PipelineConfig.load(path: p.root + "/pipelines/t.yml")
        let context = StageContext(config: config, warehouse: w, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() },
                                   console: RecordingConsole(), runID: 1, now: Date(timeIntervalSince1970: 0))
        let test = try #require(ResolveStage().dataTests(context).first { $0.name == "every payee paid and not redacted has a supplier" })
        #expect(try test.violations(in: w).isEmpty)
        try w.run("DELETE FROM map_payee_suppliers WHERE payee_id = (SELECT payee_id FROM stg_payees WHERE supplier_name = 'Other Co')")
        try w.run("INSERT INTO stg_payees (payee_id, supplier_name, is_redacted) VALUES (999, 'Never Paid Ltd', 0)")
        #expect(try test.violations(in: w).map { $0.hasSuffix("(Other Co) has no supplier") } == [true])
    }

    @Test("exact normalised names meet across spellings seen in real files")
    func exactNames() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Jo Fisher & Company Ltd", "100.00", "", "", "", "", "Schools", ""],
                                            ["02/01/2026", "Hall Plant Hire Limited\u{a0}\u{a0}\u{a0}\u{a0}", "80.00", "", "", "", "", "Highways", ""]],
                                    companies: [["name": "JO FISHER & COMPANY LIMITED", "number": "01234567"],
                                                ["name": "HALL PLANT HIRE LIMITED", "number": "07654321"]])
        defer { p.remove() }
        let w = try p.run()
        #expect(try p.supplier(w, "Jo Fisher & Company Ltd")["supplier_id"] == "GB-COH-01234567")
        #expect(try p.supplier(w, "Hall Plant Hire Limited")["resolution_method"] == "exact name in Companies House")
    }

    @Test("one organisation written with and without its legal form is one supplier; the council's own ids still keep two apart")
    func legalFormAside() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Foster Care Associates", "100.00", "", "", "", "", "Children", ""],
                                            ["03/01/2026", "FOSTER CARE ASSOCIATES LTD", "50.00", "", "", "", "", "Children", ""],
                                            ["02/01/2026", "Hill Plumbing", "20.00", "H1", "", "", "", "Housing", ""],
                                            ["03/01/2026", "Hill Plumbing Ltd", "30.00", "H2", "", "", "", "Housing", ""]])
        defer { p.remove() }
        let w = try p.run()
        func key(_ name: String) throws -> Int {
            try w.scalarInt("SELECT m.supplier_key FROM map_payee_suppliers m JOIN stg_payees s USING (payee_id) WHERE s.supplier_name = ?", [.text(name)])
        }
        #expect(try key("Foster Care Associates") == key("FOSTER CARE ASSOCIATES LTD"))
        #expect(try w.scalarInt("SELECT payments_count FROM dim_suppliers WHERE supplier_key = ?", [.integer(try key("Foster Care Associates"))]) == 2)
        #expect(try key("Hill Plumbing") != key("Hill Plumbing Ltd"))
    }

    @Test("a misspelt name is matched fuzzily above the threshold, and only then")
    func fuzzy() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Mott Macdonald Limted", "100.00", "", "", "", "", "Highways", ""],
                                            ["02/01/2026", "Mott Associates", "100.00", "", "", "", "", "Highways", ""]],
                                    companies: [["name": "MOTT MACDONALD LIMITED", "number": "01243967"]])
        defer { p.remove() }
        let w = try p.run()
        let m = try p.supplier(w, "Mott Macdonald Limted")
        #expect(m["supplier_id"] == "GB-COH-01243967")
        #expect((m["resolution_score"]?.double ?? 0) >= 0.9)
        #expect(m["resolution_method"]?.string?.hasPrefix("fuzzy name in Companies House") == true)
        #expect(try p.supplier(w, "Mott Associates")["resolution_method"] == "unresolved")
    }

    @Test("two payees with different company numbers are never merged, even with the same name")
    func neverMerge() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Acme Ltd", "100.00", "S1", "01111111", "", "", "Highways", ""],
                                            ["02/01/2026", "Acme Ltd", "100.00", "S2", "02222222", "", "", "Highways", ""]])
        defer { p.remove() }
        let w = try p.run()
        #expect(try w.query("SELECT supplier_id FROM dim_suppliers ORDER BY 1").map { $0[0] } == ["GB-COH-01111111", "GB-COH-02222222"])
    }

    /// Issue 20: the review queue for Devon listed the whole supplier base (1,381 rows), with no sense of which rows matter.
    @Test("the review queue is cut where the listed payees hold 80% of the unexplained spend; the full list is beside it")
    func reviewQueueCut() throws {
        let amounts = [1000, 500, 100, 100, 100, 100, 100, 100, 100, 100]
        let p = try RegisterProject(spend: amounts.enumerated().map { i, a in ["02/01/2026", "Unknown Trader \(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"][i])", "\(a).00", "S\(i)", "", "", "", "Highways", ""] })
        defer { p.remove() }
        _ = try p.run()
        func rows(_ name: String) throws -> [String] {
            try String(contentsOfFile: p.root + "/reports/t/\(name)", encoding: .utf8).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        }
        let cut = try rows("review_queue.csv"), all = try rows("review_queue_all.csv")
        #expect(all.count == 10)
        #expect(cut.count == 6)   // 1,000 + 500 + 4 × 100 = 1,900 ≥ 80% of 2,300
        #expect(cut == Array(all.prefix(6)))
        #expect(cut.first?.hasPrefix("S0,Unknown Trader A,") == true)
    }

    @Test("the review queue, filled in and fed back as overrides, resolves the payee next run")
    func reviewQueueRoundTrip() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Unknown Trading", "900.00", "S9", "", "", "", "Highways", ""]],
                                    companies: [["name": "BRIGHT TRADING LIMITED", "number": "09999999", "accounts": "SMALL"]],
                                    overrides: "Supplier ID,Supplier Name\r\n")
        defer { p.remove() }
        _ = try p.run()
        let queue = try String(contentsOfFile: p.root + "/reports/t/review_queue.csv", encoding: .utf8).components(separatedBy: "\r\n")
        #expect(queue[1].hasPrefix("S9,Unknown Trading,,"))
        // The analyst fills in the company number and adds the row to the overrides file.
        try (queue[0] + "\r\n" + queue[1].replacingOccurrences(of: "S9,Unknown Trading,,", with: "S9,Unknown Trading,09999999,") + "\r\n")
            .write(toFile: p.root + "/data/overrides.csv", atomically: true, encoding: .utf8)
        let w = try p.run()
        let s = try p.supplier(w, "Unknown Trading")
        #expect(s["supplier_id"] == "GB-COH-09999999")
        #expect(s["resolution_method"] == "company number (analyst override)")
        #expect(s["is_sme"] == 1 && s["is_sme_proxy"] == 1)
    }
}

@Suite("Classification rules", .serialized)
struct ClassificationTests {
    @Test("SME boundaries: 249/250 staff, turnover at and over £44m, the balance-sheet alternative")
    func smeBoundaries() {
        let m = 100 * 1_000_000
        #expect(SMERule.isSME(employees: 249, turnoverPence: 44 * m, balanceSheetPence: nil) == true)
        #expect(SMERule.isSME(employees: 250, turnoverPence: 1 * m, balanceSheetPence: 1 * m) == false)
        #expect(SMERule.isSME(employees: 249, turnoverPence: 44 * m + 100, balanceSheetPence: 38 * m) == true)
        #expect(SMERule.isSME(employees: 249, turnoverPence: 44 * m + 100, balanceSheetPence: 38 * m + 100) == false)
        #expect(SMERule.isSME(employees: 249, turnoverPence: 44 * m + 100, balanceSheetPence: nil) == nil)
        #expect(SMERule.isSME(employees: nil, turnoverPence: 1 * m, balanceSheetPence: nil) == nil)
        #expect(SMERule.isSME(employees: 10, turnoverPence: nil, balanceSheetPence: nil) == nil)
        #expect(SMERule.proxy(accountsCategory: "TOTAL EXEMPTION FULL") == true)
        #expect(SMERule.proxy(accountsCategory: "GROUP") == false)
        #expect(SMERule.proxy(accountsCategory: "DORMANT") == nil)
    }

    @Test("guarantee companies are VCSE only with charity evidence; CIC, CIO and PLC by category")
    func guaranteeCompanies() throws {
        let guarantee = "PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)"
        let p = try RegisterProject(
            spend: [["02/01/2026", "Helping Hands Ltd", "10.00", "", "", "", "", "Adults", ""],
                    ["02/01/2026", "Traders Forum Ltd", "10.00", "", "", "", "", "Adults", ""],
                    ["02/01/2026", "Green Roots CIC", "10.00", "", "", "", "", "Parks", ""],
                    ["02/01/2026", "Big Build plc", "10.00", "", "", "", "", "Highways", ""]],
            companies: [["name": "HELPING HANDS LIMITED", "number": "03000001", "category": guarantee],
                        ["name": "TRADERS FORUM LIMITED", "number": "03000002", "category": guarantee],
                        ["name": "GREEN ROOTS CIC", "number": "03000003", "category": "Community Interest Company"],
                        ["name": "BIG BUILD PLC", "number": "03000004", "category": "Public Limited Company", "accounts": "GROUP"]],
            charities: "registered_charity_number,linked_charity_number,charity_name,charity_registration_status,charity_company_registration_number\r\n1100001,0,HELPING HANDS,Registered,3000001\r\n")
        defer { p.remove() }
        let w = try p.run()
        let helping = try p.supplier(w, "Helping Hands Ltd"), traders = try p.supplier(w, "Traders Forum Ltd")
        #expect(helping["is_vcse"] == 1)
        #expect(helping["charity_number"] == "1100001")
        #expect(traders["is_vcse"] == 0)
        #expect(try p.supplier(w, "Green Roots CIC")["is_vcse"] == 1)
        let plc = try p.supplier(w, "Big Build plc")
        #expect(plc["is_vcse"] == 0 && plc["ownership"] == "plc-listed" && plc["is_sme"] == 0 && plc["is_sme_proxy"] == 1)
        let why = try w.query("SELECT detail FROM supplier_evidence e JOIN dim_suppliers d USING (supplier_key) WHERE d.display_name = 'Traders Forum Ltd' AND e.classification = 'vcse'")
        #expect(why.first?[0].string?.contains("no charity evidence") == true)
    }

    @Test("local by outward code is exact: N1C and NW1 are local, N1 and NW10 are not")
    func outwardCodes() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "A Ltd", "1.00", "A", "", "", "N1 1AA", "X", ""], ["02/01/2026", "B Ltd", "1.00", "B", "", "", "N1C 4AG", "X", ""],
                                            ["02/01/2026", "C Ltd", "1.00", "C", "", "", "nw18np", "X", ""], ["02/01/2026", "D Ltd", "1.00", "D", "", "", "NW10 4AB", "X", ""],
                                            ["02/01/2026", "E Ltd", "1.00", "E", "", "", "", "X", ""]])
        defer { p.remove() }
        let w = try p.run()
        #expect(try ["A Ltd", "B Ltd", "C Ltd", "D Ltd", "E Ltd"].map { try p.supplier(w, $0)["is_local"] } == [0, 1, 1, 0, .null])
    }

    @Test("local by the postcode directory: the local authority decides, not the outward code")
    func postcodeDirectory() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "A Ltd", "1.00", "A", "", "", "NW1 8NP", "X", ""], ["02/01/2026", "B Ltd", "1.00", "B", "", "", "NW1 9ZZ", "X", ""]],
                                    postcodes: "pcds,oslaua,osward\r\nNW1 8NP,E09000007,E05013652\r\nNW1 9ZZ,E09000033,E05000999\r\n",
                                    local: "local_authority: E09000007")
        defer { p.remove() }
        let w = try p.run()
        #expect(try p.supplier(w, "A Ltd")["is_local"] == 1)
        #expect(try p.supplier(w, "B Ltd")["is_local"] == 0)
    }

    @Test("the council's own VCSE flag is evidence, and explain shows it")
    func councilFlag() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "Creative Support Ltd", "10.00", "S87735", "", "", "", "Adults", "Y"]])
        defer { p.remove() }
        let w = try p.run()
        let s = try p.supplier(w, "Creative Support Ltd")
        #expect(s["is_vcse"] == 1)
        let key = try w.scalarInt("SELECT supplier_key FROM dim_suppliers")
        let text = try MarketShapeCommand.Explain.explanation(of: key, in: w)
        #expect(text.contains("vcse         yes  ← spend file: the council's own VCSE flag is Y on its payments"))
        #expect(text.contains("£10.00 in 1 payments in 2026-01 (all the current files, every scope)"))
    }

    @Test("explain gives the months a supplier was paid in, not the warehouse's")
    func paidMonths() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "A Ltd", "1.00", "A", "", "", "", "X", ""], ["02/03/2026", "A Ltd", "2.00", "A", "", "", "", "X", ""],
                                            ["09/03/2026", "A Ltd", "3.00", "A", "", "", "", "X", ""], ["02/05/2026", "B Ltd", "4.00", "B", "", "", "", "X", ""]])
        defer { p.remove() }
        let w = try p.run()
        let key = try w.scalarInt("SELECT supplier_key FROM dim_suppliers WHERE display_name = 'A Ltd'")
        let text = try MarketShapeCommand.Explain.explanation(of: key, in: w)
        #expect(text.contains("£6.00 in 3 payments in 2 months, 2026-01 to 2026-03 (all the current files, every scope)"))
    }
}

@Suite("Name similarity")
struct NameSimilarityTests {
    @Test("legal-form words, misspelt or not, do not count; a different place word does")
    func scores() {
        #expect(NameSimilarity.score("MOTT MACDONALD LIMTED", "MOTT MACDONALD LTD") == 1)
        #expect(NameSimilarity.score("NORTH WEST CARE LTD", "NORTH EAST CARE LTD") < 0.9)
        #expect(NameSimilarity.score("HOLLY HANDS SERVICES", "HOLLY HANDS SERVICE") >= 0.9)
    }
}

@Suite("Linking by VAT number", .serialized)
struct VATLinkTests {
    @Test("payees sharing a VAT number are one supplier; a VAT number never joins two company numbers")
    func vat() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-vat-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try """
            Date,Supplier Name,Amount,VAT Registration Number,Company Number
            02/01/2026,ESSENTIAL 6 LIMITED,550.00,941534529,
            03/01/2026,Essential Six Ltd,100.00,GB 941 5345 29,
            04/01/2026,Alpha Ltd,10.00,123456789,01111111
            05/01/2026,Beta Ltd,10.00,123456789,02222222
            """.write(toFile: root + "/spend.csv", atomically: true, encoding: .utf8)
        try "pipeline: v\nbody: Test\nspend: [spend.csv]\n".write(toFile: root + "/pipelines/v.yml", atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: root + "/pipelines/v.yml")
        try PipelineRunner(config: config, console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }).run(.from(.ingest))
        let w = try Warehouse(path: config.warehouse)
        #expect(try w.query("SELECT display_name, spend_pence FROM dim_suppliers WHERE company_number IS NULL") == [["ESSENTIAL 6 LIMITED", 65_000]])
        #expect(try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers WHERE company_number IS NOT NULL") == 2)
    }
}

@Suite("Regressions found on Devon's real file", .serialized)
struct DevonRegressionTests {
    @Test("a VAT number shared by payees with different council ids does not merge them (VAT groups, agents)")
    func vatGroups() throws {
        let p = try RegisterProject(spend: [["02/01/2026", "BRITISH TELECOM (BILL PAYMNTS)", "10.00", "1001", "", "", "", "ICT", ""],
                                            ["02/01/2026", "EE LIMITED", "20.00", "1002", "", "", "", "ICT", ""]])
        defer { p.remove() }
        // The shared VAT number goes in through a second file with the same layout plus a VAT column.
        try """
            Payment Date,Supplier Name,Amount,Supplier ID,VAT reg no
            03/01/2026,BRITISH TELECOM (BILL PAYMNTS),10.00,1001,245719348
            03/01/2026,EE LIMITED,20.00,1002,245719348
            """.write(toFile: p.root + "/data/spend.csv", atomically: true, encoding: .utf8)
        let w = try p.run()
        #expect(try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers") == 2)
    }

    @Test("a name spelling out COMMUNITY INTEREST COMPANY is VCSE evidence", arguments: [
        "BOLD VOICES COMMUNITY INTEREST COMPANY", "Green Roots CIC", "BASE TRADING AS INCLUSIVE TRADING COMMUNITY INTEREST COMPANY",
    ])
    func communityInterestCompanies(name: String) {
        #expect(VCSENameRule.isCommunityInterestCompany(SupplierName.normalise(name)))
    }

    @Test("ordinary names are not CICs", arguments: ["CICERO CONSULTING LTD", "COMMUNITY SUPPORT LTD", "ACORN CARE & EDUCATION LIMITED"])
    func notCommunityInterestCompanies(name: String) {
        #expect(!VCSENameRule.isCommunityInterestCompany(SupplierName.normalise(name)))
    }
}

@Suite("Public bodies by name")
struct PublicBodyNameTests {
    @Test("real public-body payees from the fixtures", arguments: ["P & CC For West Yorkshire", "NHS DEVON ICB", "MALBOROUGH PARISH COUNCIL",
                                                                    "West Yorkshire Police and Crime Commissioner", "Calder High School", "SOUTH YORKSHIRE POLICE",
                                                                    "Dept of Business, Energy & Industrial Strategy", "CARLTON BOLLING ACADEMY",
                                                                    "Ling Bob J&I&N School", "HM Prison & Probation Service",
                                                                    "Castle Hill Primary", "BESSACARR PRIMARY", "Elland CE School", "Christ Church CE Jnr School",
                                                                    "St Josephs Catholic Prim School", "Sowerby Village CE (VC)", "NETWORK RAIL",
                                                                    "Network Rail Property Infrastructure", "COMPANIES HOUSE"])
    func recognised(name: String) {
        #expect(PublicBodyRule.match(SupplierName.normalise(name)) != nil)
    }

    @Test("public bodies councils write in other ways: NHS trusts without NHS, transport and London bodies, courts, colleges, councils by initials",
          arguments: ["Royal Cornwall Hospitals Trust", "University Hospitals Plymouth", "Great Ormond Street Hospital for Children", "Health Education England",
                      "GLA", "TfL", "Transport for Greater Manchester", "TfGM", "Merseytravel", "Mayor's Office for Policing and Crime", "MOPAC",
                      "London Fire Commissioner", "OPCC Devon & Cornwall", "HMP Exeter", "HM Coroner", "Exeter Magistrates Court",
                      "Local Government and Social Care Ombudsman", "Security Industry Authority", "Port of London Authority",
                      "Lower Otter Internal Drainage Board", "Devon Audit Partnership", "BCP Council", "Bridgwater and Taunton College",
                      "Cornwall College Group", "Richard Huish Sixth Form College", "Department for Education", "Department of Health and Social Care",
                      "College of Policing", "Exeter College (Exeter and North Devon Colleges Group)", "CORNWALL COLLEGE OF FE CORPRTN", "CITY COLLEGE PLYMOUTH", "City College Norwich", "Black Sluice IDB", "SEPA", "COSLA", "Police Scotland", "Scottish Water", "Edinburgh Integration Joint Board",
                      "Lothian Valuation Joint Board", "Welsh Government", "Bwrdd Iechyd Prifysgol Hywel Dda", "Heddlu Dyfed-Powys", "Cyngor Sir Gar",
                      "Cyngor Tref Aberystwyth", "Ysgol Gynradd Aberaeron", "Gwasanaeth Tan ac Achub Canolbarth a Gorllewin Cymru", "Kings College Hospital",
                      "DWP", "SYPTE", "DfE", "WYCA", "HM Courts & Tribunal Service", "Tribunal Service", "PCC Devon & Cornwall", "P C C DEVON & CORNWALL",
                      "CROSSLEY HALL PRIMARY ACADEMY", "THE HARBOUR SCHOOLS PARTNERSHIP", "Blackdown Educational Partnership",
                      "WESTCOUNTRY SCHOOLS TRUST - TRIP", "Ivybridge Learning Trust"])
    func otherForms(name: String) {
        #expect(PublicBodyRule.match(SupplierName.normalise(name), name: name) != nil)
    }

    @Test("names like those that are not public bodies", arguments: ["Department of Coffee and Social Affairs", "Refugee Council", "Imperial College",
                                                                     "Royal College of Art", "London College of Music", "College Hill Ltd",
                                                                     "Hospital Trust Supplies Ltd", "Transport for All Ltd", "Exeter College Sports Club", "City College Business Services",
                                                                     "Priory Hospital Roehampton", "GLA Architects Ltd", "NHS Professionals Ltd",
                                                                     "GLA Architects", "G.L.A. Electrical", "HMP Scaffolding", "CPD Online College",
                                                                     "Kaplan International College", "Cyngor ar Bopeth Ceredigion", "Cyngor Da Consultancy",
                                                                     "Fire and Rescue Training Cyf", "Balfour Beatty VINCI HS2 JV",
                                                                     "Scottish Water Business Stream", "St Marys PCC", "DWP Consulting Services",
                                                                     "Crossley Hall Dance Academy", "A B C Nursery", "Harmeny Education Trust",
                                                                     "Girls Day School Trust", "The Learning Partnership Ltd", "Schools Partnership Trust Ltd"])
    func notOtherForms(name: String) {
        #expect(PublicBodyRule.match(SupplierName.normalise(name), name: name) == nil)
        #expect(PublicBodyRule.stateCompany(SupplierName.normalise(name)) == nil)
    }

    @Test("companies the state owns outright are public bodies, whatever their legal form", arguments: [
        ("NHS Property Services Ltd", "NHS PROPERTY SERVICES"), ("Network Rail Infrastructure Limited", "NETWORK RAIL INFRASTRUCTURE"),
        ("National Highways Ltd", "NATIONAL HIGHWAYS"), ("High Speed Two (HS2) Limited", "HIGH SPEED TWO")])
    func stateCompanies(name: String, phrase: String) {
        #expect(PublicBodyRule.stateCompany(SupplierName.normalise(name)) == phrase)
    }

    @Test("initials written with stops or a stray apostrophe still name the body", arguments: [
        ("SHEFFIELD HEALTH AND SOCIAL CARE N'HS FO", "NHS"), ("Leeds Teaching Hospitals N.H.S. Trust", "NHS"), ("H.M.R.C.", "HMRC"), ("H M R C", "HMRC"),
        ("St. John\u{2019}s C.E. Primary School", "PRIMARY SCHOOL")])
    func joinedInitials(name: String, phrase: String) {
        #expect(PublicBodyRule.match(SupplierName.normalise(name), name: name) == phrase)
    }

    @Test("joining initials makes no public body of a company or a club", arguments: ["N.H.S. Supplies Ltd", "N'HS Staff Social Club", "Dept. Stores Ltd"])
    func joinedInitialsNotPublic(name: String) {
        #expect(PublicBodyRule.match(SupplierName.normalise(name), name: name) == nil)
    }

    @Test("suppliers that merely mention a public word are not public bodies", arguments: ["Council Services Ltd", "Investors In The Community",
                                                                                             "THE MINISTRY OF PARENTING", "Collegiate Montessori Nursery School Ltd",
                                                                                             "Primary", "Bright Primary Ltd", "Castle Hill Primary PTA",
                                                                                             "Ace School Of Motoring", "Elland CE School PTA", "Prim School Supplies Ltd"])
    func notPublic(name: String) {
        #expect(PublicBodyRule.match(SupplierName.normalise(name)) == nil)
    }

    @Test("a name with a legal form and nothing public is plainly private; a public-sounding company may be publicly owned", arguments: [
        ("Smith Care Ltd", true), ("John Sisk & Son (Holdings) Ltd", true), ("Fix It Co-operative", false), ("Fix It Co-operative Ltd", true),
        ("Network Rail Infrastructure Ltd", false),
        ("NHS Property Services Ltd", false), ("Calderdale Council Trading Ltd", false), ("Acme Homecare", false),
    ])
    func plainlyPrivate(name: String, expected: Bool) {
        #expect((PublicBodyRule.plainlyPrivateForm(SupplierName.normalise(name)) != nil) == expected)
    }
}
