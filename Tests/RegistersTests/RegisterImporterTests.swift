import Foundation
import MarketShapeCore
import Registers
import Testing
import Warehouse

@Suite("Register imports")
struct RegisterImporterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ p: String) -> String { root.appendingPathComponent(p).standardizedFileURL.path }

    @Test("the real Companies House sample: 55 columns, leading-space headers, numbers padded")
    func companiesHouseSample() throws {
        let w = try Warehouse(path: ":memory:")
        let result = try RegisterImporter(warehouse: w).importFile(.companiesHouse, path: Self.path("../shared/fixtures/real/companies_house_BasicCompanyData_sample.csv"))
        #expect(result.read == 31)
        #expect(result.imported + result.skipped.values.reduce(0, +) == 31)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_companies WHERE length(company_number) <> 8") == 0)
        let first = try w.query("SELECT name, normalised_name, postcode, category FROM reg_companies WHERE company_number = '12778855'").first
        #expect(first == [.text("! LIMITED"), .text("LTD"), .text("S35 2PH"), .text("Private Limited Company")])
    }

    @Test("re-importing the same file changes nothing; a new version replaces the old")
    func versions() throws {
        let w = try Warehouse(path: ":memory:")
        let importer = RegisterImporter(warehouse: w)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-reg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/postcodes.csv"
        try "pcds,oslaua,osward\r\nNW1 8NP,E09000007,E05013652\r\nN1 1AA,E09000019,E05000001\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        let v1 = try importer.importFile(.postcodes, path: file)
        let again = try importer.importFile(.postcodes, path: file)
        #expect(v1.imported == 2)
        #expect(again.changed == false)
        #expect(again.versionID == v1.versionID)
        try "pcds,oslaua,osward\r\nNW1 8NP,E09000007,E05013652\r\nnot a postcode,E09000019,\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        let v2 = try importer.importFile(.postcodes, path: file)
        #expect(v2.versionID != v1.versionID)
        #expect(v2.skipped == ["no postcode": 1])
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_postcodes") == 1)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM register_versions WHERE kind = 'postcodes' AND is_current = 1") == 1)
    }

    @Test("a file of the wrong kind is refused with its headers")
    func wrongKind() throws {
        let w = try Warehouse(path: ":memory:")
        let error = #expect(throws: RegisterImportError.self) {
            try RegisterImporter(warehouse: w).importFile(.charityCommission, path: Self.path("../shared/fixtures/real/companies_house_BasicCompanyData_sample.csv"))
        }
        #expect(error?.message.contains("no column for charity_number, name") == true)
    }

    @Test("the demo registers: tab-separated charities (linked ones skipped), FCA postcodes from addresses, overrides")
    func demoRegisters() throws {
        let w = try Warehouse(path: ":memory:")
        let importer = RegisterImporter(warehouse: w)
        let charities = try importer.importFile(.charityCommission, path: Self.path("data/demo/registers/publicextract.charity.txt"))
        #expect(charities.imported > 0 && charities.skipped.isEmpty)
        let societies = try importer.importFile(.fcaMutuals, path: Self.path("data/demo/registers/SocietyList.csv"))
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_societies WHERE postcode IS NULL") == 0)
        #expect(societies.imported > 0)
        let overrides = try importer.importFile(.overrides, path: Self.path("data/demo/registers/supplier_overrides.csv"))
        #expect(overrides.imported == overrides.read)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_overrides WHERE ownership = 'private-equity'") > 0)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_overrides WHERE turnover_pence IS NOT NULL AND turnover_pence % 100 <> 0") == 0)
    }
}
