import Foundation
@testable import Ingest
import Logging
import StageKit
import MarketShapeCore
import SpendCSV
import Testing
import Warehouse

/// One test per quirk fixture, each asserting the exact outcome.
@Suite("Spend-file quirks")
struct QuirkFixtureTests {
    @Test("a UTF-8 BOM is stripped before the header", arguments: ["bom.csv", "double_bom.csv"])
    func byteOrderMarks(file: String) throws {
        let (a, _) = try Fixtures.ingest(Fixtures.quirk(file))
        #expect(a.config.headers.first == "Date")
        #expect(a.loaded == 2)
        #expect(a.loadedPence == 35_050)
    }

    @Test("CR-only line ends: two records on lines 2 and 3")
    func crOnly() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("cr_only.csv"))
        #expect(a.loaded == 2)
        #expect(try w.query("SELECT line_no FROM stg_payments ORDER BY line_no").map { $0[0].int } == [2, 3])
    }

    @Test("semicolons are detected; commas inside fields stay text")
    func semicolons() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("semicolon.csv"))
        #expect(a.config.delimiter == ";")
        #expect(a.loadedPence == 10_000 + 125_050)
        #expect(try w.query("SELECT supplier_name FROM stg_payments ORDER BY line_no").first?[0].string == "ACME, LTD")
    }

    @Test("preamble rows before the header are skipped and line numbers stay physical")
    func preamble() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("preamble.csv"))
        #expect(a.config.headerLine == 3)
        #expect(a.preambleRecords == 2)
        #expect(a.read == 2)
        #expect(try w.query("SELECT line_no FROM stg_payments ORDER BY line_no").map { $0[0].int } == [5, 6])
    }

    @Test("duplicate header: the first Amount is used and the duplicate is noted")
    func duplicateHeaders() throws {
        let (a, _) = try Fixtures.ingest(Fixtures.quirk("duplicate_headers.csv"))
        #expect(a.config.column(.amount) == 2)
        #expect(a.loadedPence == 35_050)
        #expect(a.config.notes.contains { $0.contains("'amount' appears 2 times") })
    }

    @Test("ragged rows: short and long rows set aside, empty extra fields loaded")
    func ragged() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("ragged.csv"))
        #expect(a.read == 4)
        #expect(a.loaded == 2)
        #expect(a.setAsideByReason == ["ragged_row": 2])
        #expect(a.setAsideUnpriced == 2)
        #expect(try w.query("SELECT line_no FROM stg_rejects ORDER BY line_no").map { $0[0].int } == [3, 4])
    }

    /// Issue 19: a UTF-16 file (Excel's "Unicode text") was not detected, and its error printed NUL-filled headers.
    @Test("UTF-16 little- and big-endian, with and without a byte-order mark, read as the same payments", arguments: [
        (String.Encoding.utf16LittleEndian, true), (.utf16LittleEndian, false), (.utf16BigEndian, true), (.utf16BigEndian, false),
    ])
    func utf16(encoding: String.Encoding, bom: Bool) throws {
        let text = "Date,Supplier Name,Amount,Service\r\n02/03/2026,Café Crème Ltd,\"1,234.50\",Highways\r\n03/03/2026,ACME LTD,(10.00),Parks\r\n"
        var data = Data()
        if bom { data.append(contentsOf: encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) }
        data.append(text.data(using: encoding)!)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ms-utf16-\(UUID().uuidString).csv").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (a, w) = try Fixtures.ingest(path)
        #expect(a.read == 2 && a.loaded == 2)
        #expect(a.loadedPence == 123_450 - 1_000)
        #expect(a.path == path)
        #expect(a.summaryLine.contains("saved as UTF-16 \(encoding == .utf16LittleEndian ? "LE" : "BE"), read through a UTF-8 copy"))
        #expect(try w.query("SELECT supplier_name FROM stg_payees ORDER BY 1").compactMap { $0[0].string } == ["ACME LTD", "Café Crème Ltd"])
        #expect(try w.query("SELECT path FROM source_files").first?.first?.string == path)
    }

    /// Issue 19: a file whose every data row had one more field than the header (a trailing `#N/A` column) had all its
    /// rows set aside as ragged, and no report was written.
    @Test("an unnamed trailing field on (nearly) every row loads, and says so; rows of another width are still ragged")
    func trailingField() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("trailing_na_column.csv"))
        #expect(a.read == 26)
        #expect(a.loaded == 24)
        #expect(a.setAsideByReason == ["ragged_row": 2])
        #expect(a.config.trailingFields == 1)
        #expect(a.summaryLine.contains("its rows carry 1 unnamed field(s) after the header's 5 (such as \"#N/A\"): loaded, the extra values not used"))
        #expect(a.loadedPence == (1...24).map { (100 + $0) * 100 + ($0 % 10) * 10 }.reduce(0, +))
        #expect(try w.query("SELECT line_no FROM stg_rejects ORDER BY line_no").map { $0[0].int } == [26, 27])
        #expect(a.reconciles)
    }

    @Test("every amount form in pence; #N/A, blank and text set aside with their reason and column")
    func amountForms() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("amount_forms.csv"))
        let loaded = try w.query("SELECT amount_pence FROM stg_payments ORDER BY line_no").map { $0[0].int! }
        #expect(loaded == [51_989, 51_989, 150_112, 123_456, -12_345, -3_433_900, -12_345, -12_345])
        #expect(a.setAsideByReason == ["amount_missing": 2, "amount_invalid": 1])
        let rejects = try w.query("SELECT line_no, column_no, reason_code, message FROM stg_rejects ORDER BY line_no")
        #expect(rejects.map { $0[0].int } == [10, 11, 12])
        #expect(rejects.allSatisfy { $0[1].int == 3 })
        #expect(rejects[2][3].string == "Amount is \"ten pounds\"")
    }

    @Test("redacted payees are kept as redacted, not as a supplier; blank and #N/A payees set aside")
    func redactions() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("redactions.csv"))
        #expect(a.loaded == 6)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM stg_payments WHERE is_redacted = 1 AND supplier_name IS NULL AND redaction_label IS NOT NULL") == 6)
        #expect(a.setAsideByReason == ["supplier_missing": 2])
        #expect(a.setAsidePence == 1_100)
    }

    @Test("#N/A in optional columns is NULL; in the date it sets the row aside")
    func notAvailable() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("na_cells.csv"))
        #expect(a.loaded == 1)
        #expect(a.setAsideByReason == ["date_missing": 1])
        #expect(try w.query("SELECT company_number, service FROM stg_payments").first == [.null, .null])
    }

    @Test("an unmappable file stops with its headers, the closest spellings and the lines to add")
    func unmappable() throws {
        let error = #expect(throws: UnmappableFileError.self) { try Fixtures.ingest(Fixtures.quirk("unmappable.csv")) }
        #expect(error?.missing == [.paidOn, .amount, .supplierName])
        let text = error?.description ?? ""
        #expect(text.contains("headers on line 1: \"When\", \"Who\", \"How Much\""))
        #expect(text.contains("columns:"))
        #expect(text.contains("amount: \""))
    }

    @Test("the pipeline file's columns make an unmappable file load")
    func overridesMapIt() throws {
        let overrides = SourceOverrides(columns: ["paid_on": "When", "supplier_name": "Who", "amount": "How Much"])
        let (a, _) = try Fixtures.ingest(Fixtures.quirk("unmappable.csv"), overrides: overrides)
        #expect(a.loaded == 1)
        #expect(a.loadedPence == 10_000)
    }

    @Test("Windows-1252 bytes become UTF-8")
    func windows1252() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("windows1252.csv"))
        #expect(a.config.encoding == .windows1252)
        #expect(a.loadedPence == 1_200)
        #expect(try w.query("SELECT supplier_name, service FROM stg_payments").first == [.text("CAFÉ NERO"), .text("Cafés")])
    }

    @Test("a totals row is set aside as total_row")
    func totalRow() throws {
        let (a, _) = try Fixtures.ingest(Fixtures.quirk("total_row.csv"))
        #expect(a.setAsideByReason == ["total_row": 1])
        #expect(a.totalRowPence == 35_050)
        #expect(a.reconciles)
    }

    @Test("a payee column saying Total or Sub-total on a row that sums the rows above is set aside; a supplier called so is not")
    func labelledTotals() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("labelled_totals.csv"))
        #expect(a.setAsideByReason == ["total_row": 2])
        #expect(a.totalRowPence == 110_000 + 144_900)
        #expect(a.loaded == 4)
        #expect(a.loadedPence == 144_900)
        #expect(a.reconciles)
        #expect(try w.query("SELECT supplier_name FROM stg_payments ORDER BY line_no").map { $0[0].string } == ["Acme Ltd", "Beta Ltd", "Total Gas & Power Ltd", "TOTAL"])
        #expect(try w.query("SELECT line_no, message FROM stg_rejects ORDER BY line_no") == [
            [.integer(4), .text("payee \"Sub-total:\"; the amount equals the sum of the 2 rows loaded above it")],
            [.integer(7), .text("payee \"GRAND TOTAL\"; the amount equals the sum of the 4 rows loaded above it")]])
    }

    @Test("a date that can mean one day is read whatever the file's format; a slashed date only in the file's order")
    func mixedDates() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("mixed_dates.csv"))
        #expect(a.config.dateFormat == .dayMonthYear)
        #expect(try w.query("SELECT paid_on FROM stg_payments ORDER BY line_no").map { $0[0].string } == ["2026-02-14", "2026-02-03", "2026-02-15", "2026-02-16", "2026-02-16"])
        #expect(a.setAsideByReason == ["date_invalid": 1])
        #expect(try w.query("SELECT line_no, message FROM stg_rejects") == [[.integer(7), .text("Payment Date \"02-15-2026\" is not a dd/mm/yyyy date")]])
    }

    @Test("a header-only file loads no rows and fails nothing")
    func headerOnly() throws {
        let (a, _) = try Fixtures.ingest(Fixtures.quirk("header_only.csv"))
        #expect(a.read == 0)
        #expect(a.loaded == 0)
        #expect(a.reconciles)
        #expect(a.config.notes.contains("date format: no date values in the sample to decide from; dd/mm/yyyy assumed"))
    }

    @Test("Excel date serials are read as the days they count")
    func excelSerials() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("excel_serial_dates.csv"))
        #expect(a.config.dateFormat == .excelSerial)
        #expect(try w.query("SELECT paid_on FROM stg_payments ORDER BY line_no").map { $0[0].string } == ["2026-02-14", "2026-02-15", "2026-02-28"])
    }

    @Test("a date column no format reads says so and shows its values")
    func unreadableDates() throws {
        let (error, path) = try Fixtures.ingestError(UnmappableFileError.self, Array("Payment Date,Amount,Supplier Name\r\nsoon,5.00,A Ltd\r\nlater,6.00,B Ltd\r\n".utf8))
        #expect(error?.description.hasPrefix("\(path):1: the date column \"Payment Date\" holds no date in a known format (\"soon\", \"later\").") == true)
    }

    @Test("a quoted name that goes on after its closing quote is one field; every row after it loads")
    func quoteThenText() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("quote_then_text.csv"))
        #expect(a.config.mendsQuotes == true)
        #expect(a.mendedQuotes == 2)
        #expect(a.loaded == 4)
        #expect(a.loadedPence == 260_000)
        #expect(try w.query("SELECT supplier_name, service FROM stg_payments ORDER BY line_no").map { $0[0].string } == ["Acme Ltd", "Quoted Trailing Ltd", "The Works Co", "Fine Ltd"])
        #expect(a.summaryLine.contains("2 quoted field(s) went on after their closing quote"))
    }

    @Test("a workbook, a zip, a PDF or a web page saved as .csv is named for what it is", arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "a zip archive"), ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], "an Excel 97–2003 workbook"),
        (Array("%PDF-1.7\n".utf8), "a PDF document"), (Array("\u{feff}\n  <!DOCTYPE HTML>\n<html>".utf8), "a web page"),
        (Array("<html><body>Sign in</body></html>".utf8), "a web page")] as [([UInt8], String)])
    func notCSV(bytes: [UInt8], what: String) throws {
        let (error, path) = try Fixtures.ingestError(NotCSVError.self, bytes)
        #expect(error?.description.hasPrefix("\(path): this is \(what)") == true)
        #expect(error?.exitStatus == .dataQuality)
    }

    @Test("a header already mapped to another field is never suggested for a missing one")
    func suggestionsSkipMappedHeaders() throws {
        let (error, _) = try Fixtures.ingestError(UnmappableFileError.self, Array("Date,Amount,Payer Ref\r\n14/02/2026,500.00,X1\r\n".utf8))
        #expect(error?.description.contains("supplier_name: \"Date\"") == false)
        #expect(error?.description.contains("supplier_name: \"Amount\"") == false)
    }

    @Test("subtotals: labelled in another column or the payee, summing the rows since the last total, set-aside rows included")
    func subtotals() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("subtotals.csv"))
        #expect(a.setAsideByReason == ["total_row": 3, "date_invalid": 1])
        #expect(a.loaded == 3)
        #expect(a.loadedPence == 18_000)
        #expect(a.totalRowPence == 15_000 + 5_000 + 20_000)
        #expect(a.reconciles)
        #expect(try w.query("SELECT line_no, message FROM stg_rejects WHERE reason_code = 'total_row' ORDER BY line_no").map { $0[1].string } == [
            "no date or payee; the amount equals the sum of the 2 rows loaded above it",
            "payee \"Total for Adults\"; the amount equals the sum of the 2 rows read since the totals row before it (1 of them set aside)",
            "payee \"** GRAND TOTAL **\"; the amount equals the sum of the 4 rows read above it (1 of them set aside)"])
    }

    @Test("decimal commas are read on the file's evidence: 1.500 is £1,500, never £1.50")
    func decimalComma() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("decimal_comma.csv"))
        #expect(a.config.decimalComma == true)
        #expect(try w.query("SELECT amount_pence FROM stg_payments ORDER BY line_no").map { $0[0] } == [.integer(150_000), .integer(275_000), .integer(123_450), .integer(5_000)])
        #expect(SpendFileSniffer.decimalMark("1.234,50") == UInt8(ascii: ","))
        #expect(SpendFileSniffer.decimalMark("1,234.50") == UInt8(ascii: "."))
        #expect(SpendFileSniffer.decimalMark("1.500") == nil)
        #expect(SpendFileSniffer.decimalMark("(12,50)") == UInt8(ascii: ","))
    }

    @Test("a Net column is the amount beside VAT and Total; two-digit years 69–99 are the 1900s")
    func netBesideTotal() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("net_vat_total.csv"))
        #expect(a.config.mapping["amount"] == "Net")
        #expect(a.config.vat == "net")
        #expect(try w.query("SELECT paid_on, amount_pence FROM stg_payments ORDER BY line_no") == [[.text("1999-06-03"), .integer(10_000)], [.text("2025-06-04"), .integer(5_000)]])
    }

    @Test("a stray quote past the sniffed sample is found when records run over lines, and the file is read again mended: no row lost")
    func strayQuoteBeyondSample() throws {
        var text = "Payment Date,Supplier Name,Amount\r\n"
        let filler = "02/01/2026,A SUPPLIER WITH A LONG ENOUGH NAME TO FILL THE SAMPLE QUICKLY,1.00\r\n"
        let fillerRows = SpendFileSniffer.sampleBytes / filler.utf8.count + 10
        text += String(repeating: filler, count: fillerRows)
        text += "14/02/2026,\"Quoted\" Trailing Ltd,500.00\r\n15/02/2026,Acme,600.00\r\n16/02/2026,\"Beta\",700.00\r\n"
        let path = try Fixtures.temporaryFile(text, name: "ms-late-quote")
        defer { Fixtures.remove(path) }
        let (a, w) = try Fixtures.ingest(path)
        #expect(a.loaded == fillerRows + 3)
        #expect(a.loadedPence == fillerRows * 100 + 180_000)
        #expect(a.mendedQuotes == 1)
        #expect(a.config.mendsQuotes == true)
        #expect(try w.query("SELECT supplier_name FROM stg_payments WHERE amount_pence > 100 ORDER BY line_no").map { $0[0].string } == ["Quoted Trailing Ltd", "Acme", "Beta"])
    }

    @Test("month-first dates are chosen on evidence")
    func monthFirst() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("month_first.csv"))
        #expect(a.config.dateFormat == .monthDayYear)
        #expect(try w.query("SELECT paid_on FROM stg_payments ORDER BY line_no").map { $0[0].string } == ["2026-01-02", "2025-12-25"])
    }

    @Test("line breaks inside quoted fields keep physical line numbers")
    func embeddedNewlines() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("embedded_newline.csv"))
        #expect(a.loaded == 3)
        #expect(try w.query("SELECT line_no FROM stg_payments ORDER BY line_no").map { $0[0].int } == [2, 4, 6])
    }
}

@Suite("Monthly loads")
struct MonthlyLoadTests {
    func copy(_ fixture: String, to name: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: Fixtures.quirk(fixture), toPath: path)
        return path
    }

    @Test("loading the same file twice changes nothing; a republished file replaces its earlier version")
    func idempotentAndReplacing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-monthly-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let warehouse = try Warehouse(path: ":memory:")
        let loader = SpendFileLoader(warehouse: warehouse, runID: nil)
        let path = try copy("bom.csv", to: "spend_2026-01.csv", in: dir)
        let first = try loader.load(path: path)
        let again = try loader.load(path: path)
        #expect(first.action == .loaded)
        #expect(again.action == .unchanged)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM stg_payments") == 2)

        // The council republishes January with a correction.
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "250.50", with: "260.50").write(toFile: path, atomically: true, encoding: .utf8)
        let corrected = try loader.load(path: path)
        #expect(corrected.action == .replaced)
        #expect(corrected.replacedFileIDs == [first.fileID])
        #expect(try warehouse.scalarInt("SELECT SUM(amount_pence) FROM stg_payments") == 36_050)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1") == 1)

        // A new month adds only itself.
        let feb = dir + "/spend_2026-02.csv"
        try "Date,Supplier Name,Amount,Expense Area\r\n02/02/2026,ACME LTD,5.00,Highways\r\n".write(toFile: feb, atomically: true, encoding: .utf8)
        let added = try loader.load(path: feb)
        #expect(added.action == .loaded)
        #expect(try warehouse.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1") == 2)
        #expect(try warehouse.scalarInt("SELECT SUM(amount_pence) FROM stg_payments") == 36_550)
    }
}

@Suite("Stray Windows-1252 bytes in a UTF-8 file")
struct StrayBytesTests {
    @Test("the accounting says how many fields were transcoded")
    func reported() throws {
        // Valid UTF-8 throughout the sniffed sample except one Windows-1252 byte (0xC9) in one field.
        let bytes = Array("Date,Supplier Name,Amount\r\n02/01/2026,Café Ltd,1.00\r\n02/01/2026,CAF".utf8) + [0xC9] + Array(" NERO,2.00\r\n".utf8)
        let path = try Fixtures.temporaryFile(bytes, name: "ms-stray")
        defer { Fixtures.remove(path) }
        let (a, w) = try Fixtures.ingest(path, overrides: SourceOverrides(encoding: "utf-8"))
        #expect(a.transcodedFields == 1)
        #expect(a.summaryLine.contains("1 field(s) were not valid UTF-8 and were read as Windows-1252"))
        #expect(try w.query("SELECT supplier_name FROM stg_payments ORDER BY line_no").map { $0[0] } == ["Café Ltd", "CAFÉ NERO"])
    }

    @Test("sniffed: a UTF-8 file with one pasted Windows-1252 pound sign stays UTF-8, and only that field is transcoded")
    func sniffedStrayPound() throws {
        let bytes = Array("Payment Date,Amount,Supplier Name,Service Area\r\n14/02/2026,£500.00,Café Nero Ltd,Waste\r\n15/02/2026,£600.00,Acme Ltd,Highways ".utf8)
            + [0xA3] + Array("\r\n".utf8)
        let path = try Fixtures.temporaryFile(bytes, name: "ms-stray")
        defer { Fixtures.remove(path) }
        let (a, w) = try Fixtures.ingest(path)
        #expect(a.config.encoding == .utf8)
        #expect(a.loadedPence == 110_000)
        #expect(a.transcodedFields == 1)
        #expect(try w.query("SELECT supplier_name, service FROM stg_payments ORDER BY line_no") == [[.text("Café Nero Ltd"), .text("Waste")], [.text("Acme Ltd"), .text("Highways £")]])
    }

    @Test("sniffed: a Windows-1252 file is Windows-1252 even when two of its bytes happen to form a UTF-8 character")
    func sniffedWindows1252() {
        // "Â£" (C2 A3) is a UTF-8 pound sign; the other high bytes (É, é, £ alone) form nothing.
        let sample = Array("Date,Supplier,Amount\r\n".utf8) + [0x43, 0x41, 0x46, 0xC9, 0x2C, 0xC2, 0xA3, 0x2C, 0xE9, 0x2C, 0xA3, 0x0D, 0x0A]
        #expect(FileSample.encoding(of: sample) == .windows1252)
        let counts = FileSample.utf8Counts(sample)
        #expect(counts.multiByte == 1)
        #expect(counts.invalid == 3)
    }
}

@Suite("Dictionary-encoded staging")
struct StagingDictionaryTests {
    @Test("a payee keeps its id across files, spellings that differ only in spaces share one, identifiers stay as published, and the view shows each line whole")
    func payeesAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-dict-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let warehouse = try Warehouse(path: ":memory:")
        let loader = SpendFileLoader(warehouse: warehouse, runID: nil)
        let header = "Date,Supplier Name,Company Number,Amount,Expense Area\r\n"
        // January: the same company written two ways (padding), and a second service.
        try (header + "05/01/2026,ACME LTD,123,1.00,Highways\r\n06/01/2026,ACME LTD,00000123,2.00,Highways\r\n07/01/2026,ACME LTD,123,3.00,Parks\r\n")
            .write(toFile: dir + "/jan.csv", atomically: true, encoding: .utf8)
        try (header + "05/02/2026,ACME LTD, 00000123 ,4.00,Parks\r\n05/02/2026,Beta CIC,,5.00,Parks\r\n")
            .write(toFile: dir + "/feb.csv", atomically: true, encoding: .utf8)
        _ = try loader.load(path: dir + "/jan.csv")
        _ = try loader.load(path: dir + "/feb.csv")
        // Identifiers as published (resolve validates and pads them): `123` and `00000123` are two staged payees.
        #expect(try warehouse.query("SELECT payee_id, supplier_name, company_number FROM stg_payees ORDER BY payee_id")
                == [[1, "ACME LTD", "123"], [2, "ACME LTD", "00000123"], [3, "Beta CIC", nil]])
        #expect(try warehouse.query("SELECT context_id, service FROM stg_contexts ORDER BY context_id") == [[1, "Highways"], [2, "Parks"]])
        #expect(try warehouse.query("SELECT payee_id, context_id FROM stg_lines ORDER BY line_key")
                == [[1, 1], [2, 1], [1, 2], [2, 2], [3, 2]])
        #expect(try warehouse.query("SELECT line_no, paid_on, period_month, amount_pence, supplier_name, company_number, service, vat_basis FROM stg_payments WHERE file_id = 2 ORDER BY line_no")
                == [[2, "2026-02-05", "2026-02", 400, "ACME LTD", "00000123", "Parks", "unstated"],
                    [3, "2026-02-05", "2026-02", 500, "Beta CIC", nil, "Parks", "unstated"]])
    }
}

@Suite("Ingest data tests")
struct IngestDataTests {
    /// A loaded fixture and the ingest stage's data tests over it, the file counted as loaded by run 1 (the lines are
    /// checked in full for the files the run loaded). `onFile`: a warehouse file, whose lines the check reads in two
    /// halves on connections of their own; else in memory, read through the one connection.
    /// `remove` deletes the warehouse file's folder.
    func loaded(onFile: Bool = false) throws -> (Warehouse, [DataTest], remove: () -> Void) {
        let w: Warehouse
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-tests-\(UUID().uuidString)").path
        if onFile {
            w = try Warehouse(path: folder + "/w.sqlite")
            _ = try SpendFileLoader(warehouse: w, runID: nil).load(path: Fixtures.quirk("bom.csv"))
        } else {
            w = try Fixtures.ingest(Fixtures.quirk("bom.csv")).1
        }
        let config = try PipelineConfig.parse(yaml: "pipeline: t\nbody: B\nspend: [x.csv]\n", file: "/p/pipelines/t.yml")
        let context = StageContext(config: config, warehouse: w, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() },
                                   console: RecordingConsole(), runID: 1, now: Date(timeIntervalSince1970: 0))
        try w.run("UPDATE source_files SET run_id = 1")
        return (w, IngestStage().dataTests(context), { try? FileManager.default.removeItem(atPath: folder) })
    }

    @Test("they pass on a loaded file and catch a line whose payee is not its tally's or not in the dictionary, or a line also set aside",
          arguments: [false, true])
    func catchBrokenStaging(onFile: Bool) throws {
        let (w, tests, remove) = try loaded(onFile: onFile)
        defer { remove() }
        for t in tests { #expect(try t.violations(in: w).isEmpty, "\(t.name)") }
        try w.run("UPDATE stg_lines SET payee_id = 999 WHERE line_no = (SELECT MAX(line_no) FROM stg_lines)")
        try w.run("INSERT INTO stg_rejects (file_id, line_no, reason_code, message, raw_record) SELECT file_id, MIN(line_no), 'blank_row', 'x', '' FROM stg_lines")
        let failing = try tests.filter { try !$0.violations(in: w).isEmpty }.map(\.name)
        // The line no longer matches its tally (its pence are weighted by another payee).
        #expect(failing == ["each line is loaded or set aside, never both", "each file loaded by this run: its lines, its tallies and its ledger agree",
                            "stg_rejects holds what each file says it set aside"])
        // A tally whose payee the dictionary does not hold, though lines and tallies agree.
        try w.run("UPDATE stg_tallies SET payee_id = 999 WHERE payee_id = (SELECT MAX(payee_id) FROM stg_tallies)")
        #expect(try tests.filter { try !$0.violations(in: w).isEmpty }.map(\.name).first == "every line's payee and context are in stg_payees and stg_contexts")
    }

    @Test("a line dated in the same month of another year than its tally, or moved to another spending context, is caught",
          arguments: [false, true], ["UPDATE stg_lines SET paid_on = paid_on + 10000 WHERE line_no = (SELECT MAX(line_no) FROM stg_lines)",
                                     "UPDATE stg_lines SET context_id = (SELECT MAX(context_id) FROM stg_contexts) + 1 WHERE line_no = (SELECT MIN(line_no) FROM stg_lines)"])
    func movedLine(onFile: Bool, tamper: String) throws {
        let (w, tests, remove) = try loaded(onFile: onFile)
        defer { remove() }
        #expect(try tests.filter { try !$0.violations(in: w).isEmpty }.isEmpty)
        try w.run(tamper)
        // Counts, pence and payees still agree: only the weighted pence tell.
        #expect(try tests.filter { try !$0.violations(in: w).isEmpty }.map(\.name) == ["each file loaded by this run: its lines, its tallies and its ledger agree"])
    }
}

@Suite("Which column names a market")
struct SegmentColumnTests {
    @Test("codes give way to their label column; a free-text narrative is never a segment")
    func labelsOverCodes() throws {
        let config = try SpendFileSniffer().sniff(path: Fixtures.quirk("code_and_label.csv"))
        #expect(config.column(.service).map { config.headers[$0] } == "Service Label")
        #expect(config.column(.expenseType).map { config.headers[$0] } == "Expense Type")
        #expect(!config.columns.values.contains(config.headers.firstIndex(of: "Narrative")!))
    }

    @Test("a column set in the pipeline file is kept, codes and all")
    func overrideKept() throws {
        let config = try SpendFileSniffer().sniff(path: Fixtures.quirk("code_and_label.csv"), overrides: SourceOverrides(columns: ["service": "Service Code"]))
        #expect(config.column(.service).map { config.headers[$0] } == "Service Code")
    }

    @Test("Harrogate: its Service Code holds the 64 services and Service Label four directorates; Expenditure Code the expense types")
    func harrogate() throws {
        let config = try SpendFileSniffer().sniff(path: Fixtures.real("other_bodies/harrogate_2022-07.csv"))
        #expect(config.column(.service).map { config.headers[$0] } == "Service Code")
        #expect(config.column(.directorate).map { config.headers[$0] } == "Service Label")
        #expect(config.column(.expenseType).map { config.headers[$0] } == "Expenditure Code")
        #expect(config.column(.category).map { config.headers[$0] } == "Expenditure Category")
    }

    @Test("real files whose headers already name labels keep them", arguments: [
        ("other_bodies/bradford_2019-10.csv", "Service Label"), ("devon_DCCSpendingOver500_202601.csv", "Expense area"),
        ("calderdale_2022-08_clean.csv", "Expense Area"), ("leeds_2020-06_raw.csv", "Service Division Label"),
    ])
    func realLabels(file: String, service: String) throws {
        let config = try SpendFileSniffer().sniff(path: Fixtures.real(file))
        #expect(config.column(.service).map { config.headers[$0] } == service)
    }
}

/// Issue 19: an unmappable file with a 5 MB single line wrote ~29 MB into stderr, the log and the ledger.
@Suite("Unmappable files are named, not copied")
struct UnmappableFileMessageTests {
    @Test("at most 40 headers of at most 60 characters are quoted, without control characters, and the fix is still given")
    func bounded() {
        let huge = String(repeating: "x", count: 5_000_000)
        let error = UnmappableFileError(path: "/etc/shadow", headerLine: 1, headers: [huge, "root:$6$secret\u{1b}[2J"] + (1...100).map { "h\($0)" },
                                        missing: CanonicalField.required)
        let text = error.description
        #expect(text.count < 6_000)
        #expect(text.contains("\"" + String(repeating: "x", count: 60) + "…\""))
        #expect(text.contains("and 62 more"))
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("columns:"))
    }
}

/// Issue 19: a file whose headers are a finance system's field codes stopped with "cannot find the paid_on,
/// supplier_name columns" although its content makes them plain.
@Suite("Columns found from their content")
struct ColumnInferenceTests {
    @Test("cryptic headers with plain content load: dates under 'Updated', names under 'Vendor ID', the amount under 'LN_AMT'")
    func crypticHeaders() throws {
        let (a, w) = try Fixtures.ingest(Fixtures.quirk("cryptic_headers.csv"))
        #expect(a.config.mapping["paid_on"] == "Updated")
        #expect(a.config.mapping["amount"] == "LN_AMT")
        #expect(a.config.mapping["supplier_name"] == "Vendor ID")
        #expect(a.config.mapping["supplier_ref"] == nil)
        #expect(a.read == 40)
        #expect(a.loaded == 40)
        #expect(a.loadedPence == 5_604_335)
        #expect(a.reconciles)
        #expect(a.summaryLine.contains("found from the content: paid_on ← column 7 \"Updated\" (100% of 40 values are dates)"))
        #expect(a.summaryLine.contains("supplier_name ← column 8 \"Vendor ID\""))
        #expect(try w.query("SELECT supplier_name FROM stg_payments ORDER BY line_no").first?[0].string == "ALLSTAR BUSINESS SOLUTIONS LTD")
    }

    /// Rows of `columns` values, `n` of them, from a function of the row number.
    static func rows(_ n: Int, _ make: (Int) -> [String]) -> [[String]] { (0..<n).map(make) }
    static let names = ["ACME LTD", "BLUE SKY CARE LIMITED", "HOPE TRUST", "NORTH COUNCIL", "ZED PLC", "KIND HOMES LTD",
                        "RIVER LLP", "OAK FOUNDATION", "PINE CO", "STAR GROUP LTD", "MOSS CIC", "ELM SOCIETY"]

    @Test("two date columns of different months: the date is proposed, not used")
    func twoDateColumns() {
        let rows = Self.rows(30) { i in ["0\(i % 9 + 1)/0\(i % 3 + 1)/2026", "15/0\(i % 3 + 4)/2026", "\(i).50", Self.names[i % 12]] }
        let findings = ColumnInference.infer(missing: [.paidOn], headers: ["A", "B", "C", "D"], rows: rows, columns: ["amount": 2, "supplier_name": 3])
        #expect(findings.count == 1)
        #expect(findings.first?.strong == false)
        #expect(findings.first?.evidence.contains("also hold dates, of other months") == true)
    }

    @Test("two date columns of the same month leave no doubt")
    func sameMonthDates() {
        let rows = Self.rows(30) { i in ["0\(i % 9 + 1)/03/2026", "2\(i % 9)/03/2026", "\(i).50", Self.names[i % 12]] }
        let findings = ColumnInference.infer(missing: [.paidOn], headers: ["A", "B", "C", "D"], rows: rows, columns: ["amount": 2, "supplier_name": 3])
        #expect(findings.first?.column == 0)
        #expect(findings.first?.strong == true)
    }

    @Test("net and VAT columns: the amount is proposed, not used; integer ids are never amounts")
    func twoAmounts() {
        let rows = Self.rows(30) { i in ["01/03/2026", "\(1000 + i).00", "\(200 + i).20", "\(900_000 + i)", Self.names[i % 12]] }
        let findings = ColumnInference.infer(missing: [.amount], headers: ["D", "N", "V", "ID", "S"], rows: rows, columns: ["paid_on": 0, "supplier_name": 4])
        #expect(findings.first?.column == 1)
        #expect(findings.first?.strong == false)
        let one = ColumnInference.infer(missing: [.amount], headers: ["D", "N", "ID", "S"], rows: rows.map { [$0[0], $0[1], $0[3], $0[4]] },
                                        columns: ["paid_on": 0, "supplier_name": 3])
        #expect(one.first?.column == 1)
        #expect(one.first?.strong == true)
    }

    @Test("payee names beat directorates and narratives, which carry no legal form")
    func namesBeatLabels() {
        let directorates = ["Adult Social Care", "Children and Families", "Place", "Resources"]
        let rows = Self.rows(40) { i in ["01/03/2026", "\(i).99", directorates[i % 4] + " \(i % 11 == 0 ? "Team" : "Dept") \(["North", "South", "East"][i % 3])", Self.names[i % 12]] }
        let findings = ColumnInference.infer(missing: [.supplierName], headers: ["D", "A", "DIR", "X"], rows: rows, columns: ["paid_on": 0, "amount": 1])
        #expect(findings.first?.column == 3)
        #expect(findings.first?.strong == true)
    }

    @Test("weak evidence stops with the proposal as lines to paste")
    func weakEvidenceStops() throws {
        let error = #expect(throws: UnmappableFileError.self) {
            try SpendFileSniffer().sniff(sample: Array(("When,Sum,Vat,Who\n" + (0..<30).map { "0\($0 % 9 + 1)/03/2026,\(1000 + $0).00,\(200 + $0).20,\(Self.names[$0 % 12])\n" }.joined()).utf8), path: "f.csv")
        }
        let text = error?.description ?? ""
        #expect(text.contains("what the columns hold suggests"))
        #expect(text.contains("amount ← column 2 \"Sum\""))
        #expect(text.contains("        amount: \"Sum\""))
    }
}

/// Found by the fuzz suite: a line holding only `""` (one empty quoted field) was set aside with an empty raw record,
/// stored as NULL, and the NOT NULL constraint stopped ingest with a warehouse error.
@Suite("A record of one empty field")
struct EmptyRecordTests {
    @Test("is set aside with its raw record as CSV, and the file reconciles")
    func emptyQuotedLine() throws {
        let path = try Fixtures.temporaryFile("Date,Supplier Name,Amount\r\n02/01/2026,ACME LTD,1.00\r\n\"\"\r\n", name: "ms-empty")
        defer { Fixtures.remove(path) }
        let (a, w) = try Fixtures.ingest(path)
        #expect(a.read == 2 && a.loaded == 1 && a.setAside == 1)
        #expect(a.reconciles)
        #expect(try w.query("SELECT raw_record FROM stg_rejects").first?.first?.string == "\"\"")
    }
}
