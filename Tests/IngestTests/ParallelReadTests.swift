import Foundation
import Ingest
import MarketShapeCore
import Testing
import Warehouse

@Suite("Reading one file in parts side by side")
struct ParallelReadTests {
    /// What a load leaves: its accounting, every staged line and every set-aside row, in line order.
    struct Outcome: Equatable {
        var accounting: FileAccounting
        var lines: [[SQLValue]]
        var rejects: [[SQLValue]]
    }

    /// Loads `path` into a fresh warehouse with up to `threads` parts, however small the file.
    func load(_ path: String, threads: Int) throws -> Outcome {
        let warehouse = try Warehouse(path: ":memory:")
        var loader = SpendFileLoader(warehouse: warehouse, runID: nil)
        loader.parseThreads = threads
        loader.minimumPartBytes = 1
        // Read in parts, each part also hands its tallies over every few hundred (the writer adds them up).
        if threads > 1 { loader.spillTallies = 300 }
        let accounting = try loader.load(path: path)
        let lines = try warehouse.query("""
            SELECT line_no, paid_on, amount_pence, supplier_name, is_redacted, redaction_label, supplier_ref, company_number, charity_number,
              vat_number, supplier_postcode, body, body_name, directorate, service, expense_type, cost_centre, category, transaction_ref, invoice_ref
            FROM stg_payments ORDER BY line_no
            """)
        let rejects = try warehouse.query("SELECT line_no, column_no, reason_code, message, amount_pence, raw_record FROM stg_rejects ORDER BY line_no")
        // The tallies kept while reading (by however many threads) are the lines summed per month × payee × context.
        let tallies = try warehouse.query("SELECT period_month, payee_id, context_id, payments_count, net_pence, gross_pence, credit_pence FROM stg_tallies ORDER BY 1, 2, 3")
        let summed = try warehouse.query("""
            SELECT \(StagingReader.month("paid_on")), payee_id, context_id, COUNT(*), SUM(amount_pence), SUM(abs(amount_pence)), SUM(min(amount_pence, 0))
            FROM stg_lines GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """)
        #expect(tallies == summed)
        #expect(!tallies.isEmpty || lines.isEmpty)
        // The per-payee sums kept from the tallies as they went to the writer equal the tallies summed per payee.
        let payeeSums = try warehouse.query("SELECT payee_id, payments_count, net_pence, gross_pence FROM stg_file_payees ORDER BY 1")
        let payeeSummed = try warehouse.query("SELECT payee_id, SUM(payments_count), SUM(net_pence), SUM(gross_pence) FROM stg_tallies GROUP BY 1 ORDER BY 1")
        #expect(payeeSums == payeeSummed)
        return Outcome(accounting: accounting, lines: lines, rejects: rejects)
    }

    @Test("each real council file read in three parts gives exactly what it gives read whole, totals rows included",
          arguments: ["devon_DCCSpendingOver500_202601.csv", "devon_DCCSpendingOver500_202602.csv", "devon_DCCSpendingOver500_202603.csv",
                      "calderdale_2022-08_clean.csv", "leeds_2020-06_raw.csv"])
    func realFiles(name: String) throws {
        let path = Fixtures.real(name)
        let whole = try load(path, threads: 1)
        var parts = try load(path, threads: 3)
        #expect(whole.accounting.parts == 1)
        #expect(parts.accounting.parts == 3)
        parts.accounting.parts = 1
        #expect(parts == whole)
        #expect(whole.lines.count > 1000)
    }

    @Test("a split that falls inside a quoted field holding line breaks is noticed, and the file is read whole")
    func splitInsideQuotedField() throws {
        var text = "Date,Supplier Name,Amount\n"
        for i in 1...40 { text += "02/01/2026,SUPPLIER \(i),\(i).00\n" }
        text += "03/01/2026,\"A NAME\(String(repeating: "\nWITH MANY LINES", count: 200))\",5.00\n"
        for i in 1...40 { text += "04/01/2026,SUPPLIER \(i),\(i).50\n" }
        let path = try Fixtures.temporaryFile(text, name: "ms-quoted")
        defer { Fixtures.remove(path) }
        let whole = try load(path, threads: 1)
        let parts = try load(path, threads: 2)
        #expect(parts.accounting.parts == 1)
        #expect(parts == whole)
        #expect(whole.accounting.loaded == 81)
        #expect(whole.lines.last?[0] == 282)   // the quoted field spans lines 42–242
    }

    /// A header and 2,000 payments (enough to be read in two parts), and their pence.
    static func twoThousandPayments() -> (text: String, sum: Int) {
        var text = "Date,Supplier Name,Amount\n"
        var sum = 0
        for i in 1...2000 { text += "02/01/2026,SUPPLIER \(i % 37),\(i).25\n"; sum += i * 100 + 25 }
        return (text, sum)
    }

    @Test("a row labelled as a total in a later part has the file read whole, and is set aside as a totals row")
    func labelledTotalInLaterPart() throws {
        var (text, sum) = Self.twoThousandPayments()
        text += "31/01/2026,Grand Total,\(sum / 100).\(sum % 100)\n"
        let path = try Fixtures.temporaryFile(text, name: "ms-labelled")
        defer { Fixtures.remove(path) }
        let parts = try load(path, threads: 2)
        #expect(parts == (try load(path, threads: 1)))
        #expect(parts.accounting.parts == 1)
        #expect(parts.accounting.setAsideByReason == ["total_row": 1])
        #expect(parts.accounting.loadedPence == sum)
    }

    @Test("a totals row in a later part is recognised once the parts above it are added up")
    func totalsRowInLaterPart() throws {
        var (text, sum) = Self.twoThousandPayments()
        text += ",,\(sum / 100).\(sum % 100)\n"
        text += ",,12.00\n"   // no date or payee, but not the sum: still a missing date
        let path = try Fixtures.temporaryFile(text, name: "ms-total")
        defer { Fixtures.remove(path) }
        let parts = try load(path, threads: 2)
        #expect(parts.accounting.parts == 2)
        #expect(parts.accounting.setAsideByReason == ["total_row": 1, "date_missing": 1])
        #expect(parts.accounting.totalRowPence == sum)
        #expect(parts.rejects.map { $0[2] } == ["total_row", "date_missing"])
        #expect(parts.rejects.first?[3] == "no date or payee; the amount equals the sum of the 2000 rows loaded above it")
    }
}
