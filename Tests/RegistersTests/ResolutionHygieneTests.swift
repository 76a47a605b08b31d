import Foundation
import MarketShapeCLI
import MarketShapeCore
import Reports
import Testing
import Warehouse

/// Resolution never merges strangers: each rule on values taken from real files (Calderdale, Devon, Sheffield).
@Suite("Resolution that never merges strangers", .serialized)
struct ResolutionHygieneTests {
    func row(_ date: String, _ name: String, _ pounds: String, ref: String = "", company: String = "", charity: String = "", vat: String = "") -> [String] {
        [date, name, pounds, ref, company, charity, "", "Adult Services", "", vat]
    }

    func suppliers(_ w: Warehouse) throws -> [String: String] {
        Dictionary(try w.query("""
            SELECT p.supplier_name, d.supplier_id FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) JOIN dim_suppliers d USING (supplier_key)
            """).map { ($0[0].string ?? "", $0[1].string ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    @Test("a literal Redacted supplier-ID column links nobody, and the data-quality count says so")
    func redactedSupplierID() throws {
        let names = ["Kirklees Council", "Together Housing Association", "J Walsh Builders Ltd", "Sparkle Cleaning Ltd", "NHS Calderdale CCG", "Orchard Care Homes"]
        let p = try RegisterProject(spend: names.enumerated().map { row("0\($0.offset + 1)/08/2022", $0.element, "100.00", ref: "Redacted") }, vat: true)
        defer { p.remove() }
        let w = try p.run()
        #expect(Set(try suppliers(w).values).count == names.count)
        #expect(try w.query("SELECT flag, rows_count, pence FROM identifier_flags WHERE column_name = 'supplier_ref' AND value = 'Redacted'") == [["placeholder", 6, 60000]])
    }

    @Test("a value shared by dissimilar names is a placeholder; a ref shared by two spellings of one firm still links them")
    func sharedValues() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "COMBINED COURT", "10.00", ref: "PCS1"), row("02/08/2022", "LANDLORD SUPPLIES", "20.00", ref: "PCS1"),
            row("03/08/2022", "APPLIANCE WORLD", "30.00", ref: "PCS1"), row("04/08/2022", "Argos Ltd", "40.00", ref: "PCS1"),
            row("05/08/2022", "Achieve Together Ltd", "50.00", ref: "S385887"), row("06/08/2022", "ACHIEVE TOGETHER (RESIDENTIAL)", "60.00", ref: "S385887"),
        ], vat: true)
        defer { p.remove() }
        let w = try p.run()
        let s = try suppliers(w)
        #expect(Set(["COMBINED COURT", "LANDLORD SUPPLIES", "APPLIANCE WORLD", "Argos Ltd"].map { s[$0]! }).count == 4)
        #expect(s["Achieve Together Ltd"] == s["ACHIEVE TOGETHER (RESIDENTIAL)"])
        #expect(try w.query("SELECT flag, payees_count FROM identifier_flags WHERE value = 'PCS1'") == [["placeholder", 4]])
    }

    @Test("one company number typed against two plainly different firms keeps them apart and queues the conflict")
    func conflictingCompanyNumber() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "British Gas Trading Ltd", "900.00", ref: "S1", company: "03078711"),
            row("02/08/2022", "Npower Ltd", "100.00", ref: "S2", company: "3078711"),
        ], vat: true)
        defer { p.remove() }
        let w = try p.run()
        let s = try suppliers(w)
        #expect(s["British Gas Trading Ltd"] == "GB-COH-03078711")
        #expect(s["Npower Ltd"] != s["British Gas Trading Ltd"])
        #expect(try w.query("SELECT scheme, value, kept_name, lost_name FROM resolution_conflicts")
                == [["company number", "03078711", "British Gas Trading Ltd", "Npower Ltd"]])
        let queue = try String(contentsOfFile: p.root + "/reports/t/review_queue.csv", encoding: .utf8)
        #expect(queue.contains("identifier conflict: company number 03078711 is also given to British Gas Trading Ltd"))
    }

    @Test("no chain of weak links joins two different valid company numbers")
    func noChains() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "Enviroflow Management Ltd", "100.00", ref: "S301647", company: "05078788"),
            row("02/08/2022", "Enviroflow Management Ltd", "100.00", ref: "S301647"),
            row("03/08/2022", "Enviroflow Management Ltd", "100.00", ref: "S301647", company: "07227667"),
        ], vat: true)
        defer { p.remove() }
        let w = try p.run()
        #expect(try w.scalarInt("SELECT COUNT(DISTINCT company_number) FROM dim_suppliers") == 2)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers WHERE company_number IS NULL") == 0)
    }

    @Test("trading names link through a shared supplier id")
    func tradingNames() throws {
        let p = try RegisterProject(spend: [
            row("01/05/2021", "BROADWAY PUBLISHING LTD TA PRINTLOFT", "100.00", ref: "S9"), row("02/05/2021", "Printloft", "50.00", ref: "S9"),
        ], vat: true)
        defer { p.remove() }
        let w = try p.run()
        let s = try suppliers(w)
        #expect(s["Printloft"] == s["BROADWAY PUBLISHING LTD TA PRINTLOFT"])
    }

    @Test("one name with the same VAT number is one supplier whatever the refs; one name under two refs alone stays two")
    func sameNameAndVAT() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "Hays Specialist Recruitment Ltd", "1000.00", ref: "S1001", vat: "GB 392 2956 64"),
            row("02/08/2022", "HAYS SPECIALIST RECRUITMENT LIMITED", "500.00", ref: "S2002", vat: "392295664"),
            row("03/08/2022", "J Smith", "10.00", ref: "S7"), row("04/08/2022", "J Smith", "20.00", ref: "S8"),
        ], vat: true)
        defer { p.remove() }
        let w = try p.run()
        let s = try suppliers(w)
        #expect(s["Hays Specialist Recruitment Ltd"] == s["HAYS SPECIALIST RECRUITMENT LIMITED"])
        #expect(try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers WHERE normalised_name = 'J SMITH'") == 2)
    }

    @Test("registered-society and zero-padded 9-digit company numbers are used, not thrown away")
    func societyNumbers() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "Calder Valley Credit Union", "100.00", company: "IP00088C"),
            row("02/08/2022", "Pennine Housing Co-operative", "100.00", company: "IP28687R"),
            row("03/08/2022", "Acme Builders Ltd", "100.00", company: "004457083"),
            row("04/08/2022", "Joe Bloggs", "100.00", company: "JN393272A"),
        ], vat: true)
        defer { p.remove() }
        let w = try p.run()
        let s = try suppliers(w)
        #expect(s["Calder Valley Credit Union"] == "GB-COH-IP00088C")
        #expect(s["Pennine Housing Co-operative"] == "GB-COH-IP28687R")
        #expect(s["Acme Builders Ltd"] == "GB-COH-04457083")
        #expect(s["Joe Bloggs"]?.hasPrefix("MS-") == true)
        #expect(try w.query("SELECT flag, reason FROM identifier_flags WHERE value = 'JN393272A'") == [["invalid", "a National Insurance number, not a company number"]])
    }

    @Test("supplier keys stay the same across runs and after a month is added")
    func stableKeys() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "Kind Hands Care Ltd", "100.00", ref: "S1"), row("02/08/2022", "Fix It Co-operative", "50.00", company: "IP28687R"),
        ], vat: true)
        defer { p.remove() }
        func keys(_ w: Warehouse) throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try w.query("SELECT display_name, supplier_key FROM dim_suppliers").map { ($0[0].string!, $0[1].int!) })
        }
        let first = try keys(try p.run())
        let again = try keys(try p.run())
        #expect(first == again)
        let header = try String(contentsOfFile: p.root + "/data/spend.csv", encoding: .utf8).components(separatedBy: "\r\n")[0]
        try [header, "01/09/2022,Anew Supplier Ltd,75.00,S3,,,,Adult Services,,", "02/09/2022,Kind Hands Care Ltd,10.00,S1,,,,Adult Services,,"]
            .joined(separator: "\r\n").write(toFile: p.root + "/data/spend2.csv", atomically: true, encoding: .utf8)
        let yml = try String(contentsOfFile: p.root + "/pipelines/t.yml", encoding: .utf8)
        try yml.replacingOccurrences(of: "spend: [data/spend.csv]", with: "spend: [data/spend.csv, data/spend2.csv]")
            .write(toFile: p.root + "/pipelines/t.yml", atomically: true, encoding: .utf8)
        let after = try keys(try p.run())
        #expect(after.count == 3)
        #expect(after["Kind Hands Care Ltd"] == first["Kind Hands Care Ltd"])
        #expect(after["Fix It Co-operative"] == first["Fix It Co-operative"])
    }

    @Test("export payments writes every staged line with its supplier, and reconciles rows and pence")
    func exportPayments() throws {
        let p = try RegisterProject(spend: [
            row("01/08/2022", "Kind Hands Care Ltd", "100.00", ref: "S1"), row("02/08/2022", "Kind Hands Care Ltd", "-25.50", ref: "S1"),
            row("03/08/2022", "REDACTED PERSONAL DATA", "12.34"), row("04/09/2022", "Fix It, Co-operative", "50.00", company: "IP28687R"),
        ], vat: true)
        defer { p.remove() }
        _ = try p.run()
        #expect(MarketShapeCommand.execute(["export", "payments", p.root + "/pipelines/t.yml", "--out", p.root + "/payments.csv"]) == .success)
        let text = try String(contentsOfFile: p.root + "/payments.csv", encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0] == PaymentsExport.header.joined(separator: ","))
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("spend.csv,2,2022-08-01,10000,Kind Hands Care Ltd,"))
        #expect(lines[3].hasPrefix("spend.csv,4,2022-08-03,1234,REDACTED PERSONAL DATA,,,"))
        #expect(lines[3].contains(",individuals,\"payee redacted (\"\"REDACTED PERSONAL DATA\"\"): personal data\""))
        #expect(lines[1].contains(",market,no rule put it outside the market,"))
        #expect(lines[4].contains(",GB-COH-IP28687R,\"Fix It, Co-operative\","))
        #expect(MarketShapeCommand.execute(["export", "payments", p.root + "/pipelines/t.yml", "--period", "2022-09", "--out", p.root + "/sep.csv"]) == .success)
        #expect(try String(contentsOfFile: p.root + "/sep.csv", encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
    }
}
