import Foundation
import MarketShapeCore
import Testing
import Classify
import Registers
import StageKit
import Warehouse

/// Writes PSC snapshot lines in Companies House's layout (`{"company_number": …, "data": {…}}`, sorted keys).
struct PSCSnapshot {
    var lines: [String] = []

    mutating func corporate(_ company: String, _ name: String, number: String, country: String = "England", place: String = "Companies House",
                            natures: [String] = ["ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent"], ceased: String? = nil) {
        var data: [String: Any] = ["address": ["address_line_1": "1 Example Street", "postal_code": "EC1A 1AA"], "etag": "e\(lines.count)",
                                   "identification": ["country_registered": country, "legal_authority": "Companies Act 2006", "legal_form": "Private Limited Company",
                                                      "place_registered": place, "registration_number": number],
                                   "kind": "corporate-entity-person-with-significant-control",
                                   "links": ["self": "/company/\(company)/persons-with-significant-control/corporate-entity/x\(lines.count)"],
                                   "name": name, "natures_of_control": natures, "notified_on": "2016-04-06"]
        if let ceased { data["ceased_on"] = ceased }
        add(["company_number": company, "data": data])
    }
    mutating func legalPerson(_ company: String, _ name: String, form: String) {
        add(["company_number": company, "data": ["etag": "e\(lines.count)", "identification": ["legal_authority": "Local Government Act 1972", "legal_form": form],
                                                 "kind": "legal-person-person-with-significant-control", "name": name,
                                                 "natures_of_control": ["ownership-of-shares-75-to-100-percent"], "notified_on": "2017-01-01"]])
    }
    mutating func individual(_ company: String, _ name: String = "Mrs Jane Owner") {
        add(["company_number": company, "data": ["date_of_birth": ["month": 1, "year": 1960], "etag": "e\(lines.count)",
                                                 "kind": "individual-person-with-significant-control", "name": name, "nationality": "British",
                                                 "natures_of_control": ["ownership-of-shares-75-to-100-percent"], "notified_on": "2016-04-06"]])
    }
    mutating func statement(_ company: String) {
        add(["company_number": company, "data": ["etag": "e\(lines.count)", "kind": "persons-with-significant-control-statement",
                                                 "notified_on": "2016-04-06", "statement": "no-individual-or-entity-with-signficant-control"]])
    }
    mutating func add(_ object: [String: Any]) {
        lines.append(String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
    }
    func write(_ path: String, totals: Bool = true) throws {
        let end = totals ? ["{\"data\":{\"exemptions_count\":0,\"kind\":\"totals#persons-of-significant-control-snapshot\",\"persons_of_significant_control_count\":\(lines.count),\"statements_count\":0}}"] : []
        try ((lines + end).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

@Suite("Owner groups from the PSC register", .serialized)
struct OwnerGroupTests {
    static func temp() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-psc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("natures of control: more than half of shares, votes or surplus assets, or the board; not 25–50%, influence or part rights")
    func majority() {
        #expect(PSCControl.majorityNatures(["ownership-of-shares-75-to-100-percent", "voting-rights-25-to-50-percent", "significant-influence-or-control"])
                == ["ownership-of-shares-75-to-100-percent"])
        // The snapshot's own values: 50–75% as written, directly, as a trust or as a firm.
        #expect(PSCControl.majorityNatures(["ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent-as-firm",
                                            "ownership-of-shares-50-to-75-percent-as-trust"]).count == 3)
        #expect(PSCControl.majorityNatures(["right-to-share-surplus-assets-75-to-100-percent-limited-liability-partnership"]).count == 1)
        #expect(PSCControl.majorityNatures(["right-to-appoint-and-remove-directors-as-firm"]).count == 1)
        #expect(PSCControl.majorityNatures(["part-right-to-share-surplus-assets-75-to-100-percent", "ownership-of-shares-25-to-50-percent",
                                            "ownership-of-shares-more-than-25-percent-registered-overseas-entity"]).isEmpty)
    }

    @Test("UK or not: Companies House or a UK country says UK; Jersey and Luxembourg do not; silence is not assumed", arguments: [
        ("England", "Companies House", true), ("England & Wales", "", true), ("United Kingdom (England)", "", true), ("Scotland", "", true),
        ("UK", "", true), ("Luxembourg", "Registre de Commerce", false), ("Jersey", "Jersey Financial Services Commission", false),
        ("", "", nil), ("Delaware, United States", "", false), ("", "Companies House", true), ("Netherlands", "Companies House", false),
        ("New South Wales", "", false), ("Grand Duchy of Luxembourg", "", false), ("England And Wales", "Register Of Companies", true),
    ] as [(String, String, Bool?)])
    func uk(country: String, place: String, expected: Bool?) {
        #expect(PSCControl.isUK(countryRegistered: country, placeRegistered: place) == expected)
    }

    @Test("the import keeps active corporate and legal-person majority controllers and counts the rest by reason")
    func importCounts() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var psc = PSCSnapshot()
        psc.corporate("01234567", "PARENT HOLDINGS LIMITED", number: "7654321")             // kept, its number padded
        psc.corporate("01234568", "MINORITY LTD", number: "02222222", natures: ["ownership-of-shares-25-to-50-percent"])
        psc.corporate("01234569", "FORMER PARENT LTD", number: "03333333", ceased: "2020-01-31")
        psc.corporate("01234570", "Topco S.a r.l.", number: "B123456", country: "Luxembourg", place: "RCS Luxembourg")
        psc.legalPerson("01234571", "Leeds City Council", form: "Local Authority")
        psc.individual("01234572")
        psc.statement("01234573")
        psc.lines.insert("{\"company_number\":\"01234574\",\"data\":{\"kind\":\"corporate-entity-person-with-significant-control\",\"name\":", at: 3)
        try psc.write(dir + "/psc.txt")
        let w = try Warehouse(path: ":memory:")
        let result = try RegisterImporter(warehouse: w).importFile(.psc, path: dir + "/psc.txt")
        #expect(result.read == 8 && result.imported == 3)
        #expect(result.skipped == ["no majority control (25–50%, or significant influence)": 1, "ceased": 1, "individual (the top of a chain)": 1,
                                   "statement (no PSC named)": 1, "not JSON (first at line 4)": 1])
        let rows = try w.query("SELECT company_number, psc_kind, uk_company_number, country_registered FROM reg_psc_controls ORDER BY line_no")
        #expect(rows == [[.text("01234567"), .text("corporate"), .text("07654321"), .text("England")],
                         [.text("01234570"), .text("corporate"), .null, .text("Luxembourg")],
                         [.text("01234571"), .text("legal-person"), .null, .null]])
    }

    @Test("a file in another layout is refused on its first line, and the previous version stays in use")
    func wrongLayout() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var psc = PSCSnapshot()
        psc.corporate("01234567", "PARENT HOLDINGS LIMITED", number: "07654321")
        try psc.write(dir + "/psc.txt")
        let w = try Warehouse(path: ":memory:")
        let importer = RegisterImporter(warehouse: w)
        let v1 = try importer.importFile(.psc, path: dir + "/psc.txt")
        try "company_number,psc_name\n01234567,PARENT\n".write(toFile: dir + "/psc.txt", atomically: true, encoding: .utf8)
        let error = #expect(throws: RegisterImportError.self) { try importer.importFile(.psc, path: dir + "/psc.txt") }
        #expect(error?.message.hasPrefix("line 1 is not JSON, so this is not a PSC snapshot") == true)
        #expect(try w.scalarInt("SELECT version_id FROM register_versions WHERE kind = 'psc' AND is_current = 1") == v1.versionID)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_psc_controls") == 1)
    }

    @Test("following a chain: the depth guard stops at ten steps, and of two majority controllers the shareholder is followed")
    func chainRules() {
        let long = OwnerChain.follow(from: "00000000") { company in
            [PSCControl(kind: .corporate, name: "LEVEL \(Int(company)! + 1)", ukCompanyNumber: String(format: "%08d", Int(company)! + 1),
                        countryRegistered: "England", legalForm: nil, natures: ["ownership-of-shares-75-to-100-percent"])]
        }
        #expect(long.links.count == 10 && long.stop == .depthGuard && long.top == .company("00000010"))
        let two = OwnerChain.follow(from: "00000001") { company in
            company != "00000001" ? [] : [
                PSCControl(kind: .corporate, name: "BOARD LTD", ukCompanyNumber: "00000002", countryRegistered: "England", legalForm: nil,
                           natures: ["right-to-appoint-and-remove-directors"]),
                PSCControl(kind: .corporate, name: "SHARES LTD", ukCompanyNumber: "00000009", countryRegistered: "England", legalForm: nil,
                           natures: ["ownership-of-shares-75-to-100-percent"]),
            ]
        }
        #expect(two.top == .company("00000009") && two.links[0].alternatives == 1)
    }

    @Test("an analyst's ownership call stands where the PSC chain says otherwise, and the evidence and the summary say both")
    func overrideDiffersFromChain() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var psc = PSCSnapshot()
        psc.corporate("10000006", "CARE TOPCO SARL", number: "B234567", country: "Luxembourg", place: "RCS Luxembourg")
        psc.corporate("10000007", "CARE TOPCO SARL", number: "B234567", country: "Luxembourg", place: "RCS Luxembourg")
        try psc.write(dir + "/psc.txt")
        let p = try RegisterProject(spend: [["02/08/2022", "Overseas Owned Ltd", "100.00", "S1", "10000006", "", "", "Homecare", ""],
                                            ["02/08/2022", "Agreed Ltd", "100.00", "S2", "10000007", "", "", "Homecare", ""]],
                                    overrides: "Supplier ID,Supplier Name,Company Number,Ownership\r\nS1,Overseas Owned Ltd,10000006,employee-owned\r\nS2,Agreed Ltd,10000007,investor-owned\r\n",
                                    extraRegisters: "\n  psc: \(dir)/psc.txt")
        defer { p.remove() }
        let console = RecordingConsole()
        let w = try p.run(console: console)
        func ownership(_ name: String) throws -> [SQLValue] {
            try #require(try w.query("""
                SELECT d.ownership, e.detail FROM dim_suppliers d JOIN supplier_evidence e USING (supplier_key) WHERE d.display_name = ? AND e.classification = 'ownership'
                """, [.text(name)]).first)
        }
        let differing = try ownership("Overseas Owned Ltd")
        #expect(differing[0] == .text("employee-owned"))
        #expect(differing[1].string?.contains("the PSC register's chain says investor-owned") == true)
        #expect(try ownership("Agreed Ltd") == [.text("investor-owned"), .text("the analyst's ownership column says \"investor-owned\"")])
        #expect(console.lines.contains { $0.hasPrefix("classify:") && $0.contains("1 analyst ownership call(s) differ from the PSC chain") })
    }

    @Test("chains of one to five steps, a cycle, a ceased parent, an overseas parent, a council, an EOT and an individual owner")
    func pipelineChains() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var psc = PSCSnapshot()
        // 10000001 and 10000002 share their parent 20000001 (owned by a person): one owner group of two suppliers.
        psc.corporate("10000001", "SHARED PARENT LIMITED", number: "20000001"); psc.corporate("10000002", "SHARED PARENT LIMITED", number: "20000001")
        psc.individual("20000001")
        // Five steps: 10000003 → 30000001 → … → 30000005.
        psc.corporate("10000003", "STEP ONE LIMITED", number: "30000001")
        for i in 1...4 { psc.corporate("3000000\(i)", "STEP \(i + 1) LIMITED", number: "3000000\(i + 1)") }
        // A cycle: 10000004 → 40000001 → 10000004.
        psc.corporate("10000004", "LOOP HOLDINGS LIMITED", number: "40000001"); psc.corporate("40000001", "LOOP CARE LIMITED", number: "10000004")
        psc.corporate("10000005", "SOLD LONG AGO LIMITED", number: "50000001", ceased: "2019-06-30")
        psc.corporate("10000006", "CARE TOPCO SARL", number: "B234567", country: "Luxembourg", place: "RCS Luxembourg")
        psc.legalPerson("10000007", "Leeds City Council", form: "Local Authority")
        psc.corporate("10000008", "ACORN EOT TRUSTEE LIMITED", number: "60000001", natures: ["ownership-of-shares-50-to-75-percent"])
        psc.individual("10000009")
        try psc.write(dir + "/psc.txt")
        let names = ["Shared One Ltd", "Shared Two Ltd", "Five Steps Ltd", "Loop Ltd", "Once Owned Ltd", "Overseas Owned Ltd", "Council Company Ltd",
                     "Acorn Works Ltd", "Family Firm Ltd"]
        let p = try RegisterProject(spend: names.enumerated().map { i, name in
            ["02/08/2022", name, "\(100 * (i + 1)).00", "S\(i)", "1000000\(i + 1)", "", "", "Homecare", ""]
        } + [["02/08/2022", "Loop Care Ltd", "60.00", "S99", "40000001", "", "", "Parks", ""]], extraRegisters: """

              psc: \(dir)/psc.txt
              local_authorities: \(PublicBodyRegisterTests.path("data/registers"))/uk_local_authorities.csv
            """)
        defer { p.remove() }
        let w = try p.run()
        func group(_ name: String) throws -> [SQLValue] {
            try #require(try w.query("SELECT owner_group, owner_group_name, owner_chain_length, ownership FROM dim_suppliers WHERE display_name = ?", [.text(name)]).first)
        }
        #expect(try group("Shared One Ltd") == [.text("GB-COH-20000001"), .text("SHARED PARENT LIMITED"), .integer(1), .text("unknown")])
        #expect(try group("Shared Two Ltd")[0] == .text("GB-COH-20000001"))
        #expect(try group("Five Steps Ltd")[0...2] == [.text("GB-COH-30000005"), .text("STEP 5 LIMITED"), .integer(5)])
        // Both companies of the loop are one group, headed by its lowest number, whichever the chain starts from.
        #expect(try group("Loop Ltd")[0...2] == [.text("GB-COH-10000004"), .text("Loop Ltd"), .integer(0)])
        #expect(try group("Loop Care Ltd")[0...2] == [.text("GB-COH-10000004"), .text("LOOP CARE LIMITED"), .integer(2)])
        #expect(try group("Once Owned Ltd")[0...2] == [.text("GB-COH-10000005"), .text("Once Owned Ltd"), .integer(0)])
        #expect(try group("Overseas Owned Ltd") == [.text("overseas:CARE TOPCO SARL"), .text("CARE TOPCO SARL (Luxembourg)"), .integer(1), .text("investor-owned")])
        #expect(try group("Council Company Ltd")[3] == .text("public"))
        // Held by its EOT for its employees: employee-owned, and its own group (the trustee is no parent for the SME test).
        #expect(try group("Acorn Works Ltd") == [.text("GB-COH-10000008"), .text("Acorn Works Ltd"), .integer(0), .text("employee-owned")])
        #expect(try group("Family Firm Ltd")[0...2] == [.text("GB-COH-10000009"), .text("Family Firm Ltd"), .integer(0)])
        let loop = try #require(try w.query("""
            SELECT e.detail FROM supplier_evidence e JOIN dim_suppliers d USING (supplier_key) WHERE d.display_name = 'Loop Ltd' AND e.classification = 'owner_group'
            """).first?[0].string)
        #expect(loop.hasSuffix("the chain stops: the chain returns to a company already in it (a cycle)"))
        // A subsidiary is an SME only if its group is: without the group's accounts it is unknown, and says why.
        #expect(try w.query("SELECT is_sme FROM dim_suppliers WHERE display_name = 'Shared One Ltd'").first == [.null])
        // Ten suppliers, eight owner groups: the two sharing a parent are one, and so are the loop's two. By entity the
        // shares are 1…9 hundred and 60 of 4,560.
        let c = try #require(try w.query("""
            SELECT suppliers_count, hhi, groups_count, group_hhi, top_group FROM mart_concentration
            WHERE period_kind = 'month' AND period = '2022-08' AND segment_kind = 'all'
            """).first)
        func hhi(_ pounds: [Double]) -> Double { pounds.map { (100 * $0 / 4560) * (100 * $0 / 4560) }.reduce(0, +) }
        let entity = hhi([100, 200, 300, 400, 500, 600, 700, 800, 900, 60])
        let grouped = hhi([300, 300, 460, 500, 600, 700, 800, 900])
        #expect(c[0] == .integer(10) && c[2] == .integer(8))
        #expect(try w.query("""
            SELECT merged_group, merged_group_suppliers FROM mart_concentration WHERE period_kind = 'month' AND period = '2022-08' AND segment_kind = 'all'
            """).first == [.text("Loop Ltd"), .integer(2)])
        // The groups' points add up to the rise: 2 × 400 × 60 and 2 × 100 × 200 (in pounds², of 4,560²).
        let points = try #require(try w.query("SELECT merged_groups FROM mart_concentration WHERE period_kind = 'month' AND period = '2022-08' AND segment_kind = 'all'").first?[0].string)
        struct Contribution: Decodable { var group: String; var suppliers: Int; var points: Double }
        let list = try JSONDecoder().decode([Contribution].self, from: Data(points.utf8))
        #expect(list.map(\.group) == ["Loop Ltd", "SHARED PARENT LIMITED"] && list.map(\.suppliers) == [2, 2])
        #expect(abs(list[0].points - 10000 * 48000 / (4560.0 * 4560)) < 1e-9 && abs(list[1].points - 10000 * 40000 / (4560.0 * 4560)) < 1e-9)
        #expect(abs(list.map(\.points).reduce(0, +) - (grouped - entity)) < 1e-9)
        #expect(abs((c[1].double ?? 0) - entity) < 1e-9 && abs((c[3].double ?? 0) - grouped) < 1e-9)
        #expect(c[4] == .text("Family Firm Ltd"))
    }
}
