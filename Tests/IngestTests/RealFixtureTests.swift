import Foundation
import Ingest
import MarketShapeCore
import Testing
import Warehouse

/// Every real council file ingests with no hand-written mapping, and its accounting agrees with an
/// independent count of data lines and an independent sum of amounts.
@Suite("Real council files")
struct RealFixtureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String, amountHeader: String, dateHeader: String, supplierHeader: String
        let encoding: String, dateFormat: DateFormat
        var testDescription: String { file }
    }

    static let cases = [
        Case(file: "devon_DCCSpendingOver500_202601.csv", amountHeader: " Amount ", dateHeader: "Date", supplierHeader: "Supplier name", encoding: "utf-8", dateFormat: .dayMonthYear),
        Case(file: "devon_DCCSpendingOver500_202602.csv", amountHeader: " Amount ", dateHeader: "Date", supplierHeader: "Supplier name", encoding: "utf-8", dateFormat: .dayMonthYear),
        Case(file: "devon_DCCSpendingOver500_202603.csv", amountHeader: " Amount ", dateHeader: "Date", supplierHeader: "Supplier name", encoding: "utf-8", dateFormat: .dayMonthYear),
        Case(file: "calderdale_2022-08_clean.csv", amountHeader: "Net Amount", dateHeader: "Date", supplierHeader: "Supplier(Beneficiary) Name", encoding: "utf-8", dateFormat: .iso),
        Case(file: "leeds_2020-06_raw.csv", amountHeader: "Amount", dateHeader: "Payment Date", supplierHeader: "Beneficiary Name", encoding: "windows-1252", dateFormat: .dayMonthYear),
    ]

    @Test("loaded + set aside = independent line count; loaded pence = independent sum", arguments: cases)
    func reconciles(c: Case) throws {
        let path = Fixtures.real(c.file)
        let (a, warehouse) = try Fixtures.ingest(path)
        let records = try IndependentCSV.records(path)
        let header = records[0]
        let amount = try #require(header.firstIndex(of: c.amountHeader))
        let date = try #require(header.firstIndex(of: c.dateHeader))
        let supplier = try #require(header.firstIndex(of: c.supplierHeader))
        let data = records.dropFirst()
        // Payments are the rows with a date, a payee and an amount; the rest must be set aside.
        let payments = data.filter { $0.count > max(amount, date, supplier) && !$0[date].isEmpty && !$0[supplier].trimmingCharacters(in: .whitespaces).isEmpty }
        let expectedPence = payments.compactMap { IndependentCSV.pence($0[amount]) }.reduce(0, +)

        #expect(a.read == data.count)
        #expect(a.loaded + a.setAside == data.count)
        #expect(a.loaded == payments.count)
        #expect(a.loadedPence == expectedPence)
        #expect(a.reconciles)
        #expect(a.config.encoding.rawValue == c.encoding)
        #expect(a.config.dateFormat == c.dateFormat)
        #expect(a.config.mapping["amount"] == c.amountHeader.trimmingCharacters(in: .whitespaces))
        #expect(try warehouse.scalarInt("SELECT SUM(amount_pence) FROM stg_payments") == expectedPence)
    }

    @Test("Devon's last line is a totals row, set aside as such")
    func devonTotalsRow() throws {
        let (a, warehouse) = try Fixtures.ingest(Fixtures.real("devon_DCCSpendingOver500_202601.csv"))
        #expect(a.setAsideByReason == ["total_row": 1])
        #expect(a.totalRowPence == a.loadedPence)
        let line = try warehouse.scalarInt("SELECT line_no FROM stg_rejects")
        #expect(line == 2621)
    }

    @Test("Leeds: Windows-1252 transcoded, redactions and purchase cards kept as columns")
    func leeds() throws {
        let (a, warehouse) = try Fixtures.ingest(Fixtures.real("leeds_2020-06_raw.csv"))
        #expect(a.setAsideByReason == ["blank_row": 1])
        // An independent count of the file finds 1,118 "REDACTED PERSONAL DATA" and 39 "REDACTED COMMERCIAL
        // CONFIDENTIALITY" (the fixture README's 1,169 does not match the file); "Personal Care Specialists Ltd" is a supplier.
        #expect(try warehouse.query("SELECT redaction_label, COUNT(*) FROM stg_payments WHERE is_redacted = 1 GROUP BY 1 ORDER BY 1")
                == [["REDACTED COMMERCIAL CONFIDENTIALITY", 39], ["REDACTED PERSONAL DATA", 1118]])
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE supplier_name = 'Personal Care Specialists Ltd'") == 12)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE is_redacted = 1 AND supplier_name IS NOT NULL") == 0)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE is_purchase_card = 1") == 3993)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE amount_pence < 0") == 343)
        // No U+FFFD replacement characters: every byte was transcoded.
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE instr(supplier_name, char(65533)) > 0") == 0)
    }

    @Test("Calderdale: company numbers kept as published (unpadded ones too), its own VCSE flag kept")
    func calderdale() throws {
        let (_, warehouse) = try Fixtures.ingest(Fixtures.real("calderdale_2022-08_clean.csv"))
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE council_vcse_flag = 1") == 165)
        let published = try warehouse.query("SELECT DISTINCT company_number FROM stg_payees WHERE company_number IS NOT NULL").compactMap { $0[0].string }
        #expect(published.contains { $0.count < 8 })
        #expect(published.allSatisfy { OrgIdentifiers.companyNumber($0)?.count == 8 })
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE amount_pence < 0") == 81)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE vat_basis = 'net'") == 1956)
    }
}
