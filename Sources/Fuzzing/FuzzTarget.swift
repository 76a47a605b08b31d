import Foundation
import Ingest
import MarketShapeCore
import SpendCSV
import Warehouse

/// A reading path the fuzz suite drives, and the properties every input must keep on it. A property that does not hold
/// throws `FuzzFailure`; a crash is a crash (run it under the address sanitizer to see why).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `AmountParser`: the text and byte entry points agree; whatever reads as pence reads back the same when written
    /// as a plain, a grouped or a bracketed amount; nothing without a digit is an amount.
    case amount
    /// `DateFormat` and the fast byte path: every date read is a real calendar date that reads back the same; the fast
    /// path never reads what the full parser refuses or reads otherwise.
    case date
    /// Company, charity and VAT numbers, supplier references and postcodes: checking a checked value gives it back.
    case identifier
    /// `CSVReader` over libcsv: whatever it reads, written back by `CSVWriter`, reads back as the same records.
    case csv
    /// A whole spend file through sniffing and ingest into a fresh warehouse: either a clear error, or every row loaded
    /// or set aside, in rows and in pence, with the warehouse holding exactly the rows loaded.
    case spendFile = "spend-file"

    /// Runs one input. Throws `FuzzFailure` when a property breaks; the errors a bad file may rightly raise are not
    /// failures.
    public func check(_ input: [UInt8]) throws {
        switch self {
        case .amount: try Self.checkAmount(input)
        case .date: try Self.checkDate(input)
        case .identifier: try Self.checkIdentifier(input)
        case .csv: try Self.checkCSV(input)
        case .spendFile: try Self.checkSpendFile(input)
        }
    }

    static func fail(_ property: String, _ detail: @autoclosure () -> String) throws -> Never {
        throw FuzzFailure(property: property, detail: detail())
    }

    static func checkAmount(_ input: [UInt8]) throws {
        let text = String(decoding: input, as: UTF8.self)
        let fromText = AmountParser.parse(text)
        var bytes = Array(text.utf8)
        let fromBytes = bytes.withUnsafeMutableBufferPointer { AmountParser.parse(UnsafeBufferPointer($0)) }
        guard fromText == fromBytes else { try fail("text and bytes agree", "\(text.debugDescription): \(fromText) vs \(fromBytes)") }
        guard case .success(let pence) = fromText else { return }
        guard text.contains(where: { $0.isASCII && $0.isNumber }) else { try fail("an amount has a digit", text.debugDescription) }
        let plain = formatDecimalPounds(pence)
        let grouped = formatPounds(pence)
        for written in [plain, grouped, pence < 0 ? "(" + formatPounds(-pence) + ")" : grouped + "DR"] {
            guard AmountParser.parse(written) == .success(pence) else {
                try fail("an amount reads back as written", "\(text.debugDescription) → \(pence) → \(written.debugDescription) → \(AmountParser.parse(written))")
            }
        }
    }

    static func checkDate(_ input: [UInt8]) throws {
        let text = String(decoding: input, as: UTF8.self)
        for format in DateFormat.allCases {
            let full = format.parse(Substring(text))
            var bytes = Array(text.utf8)
            if let fast = bytes.withUnsafeMutableBufferPointer({ SpendDate.parseFast(UnsafeBufferPointer($0), format: format) }), fast != full {
                try fail("the fast path agrees with the full parser", "\(text.debugDescription) as \(format.rawValue): fast \(fast), full \(full.map(\.description) ?? "nil")")
            }
            guard let date = full else { continue }
            guard SpendDate(year: date.year, month: date.month, day: date.day) == date, (1...12).contains(date.month), date.day >= 1 else {
                try fail("a date is a calendar date", "\(text.debugDescription) → \(date)")
            }
            let written: String
            switch format {
            case .iso: written = date.description
            case .dayMonthYear: written = "\(date.day)/\(date.month)/\(date.year)"
            case .monthDayYear: written = "\(date.month)/\(date.day)/\(date.year)"
            case .dayMonthName: written = "\(date.day)-\(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1])-\(date.year)"
            case .yearMonthPeriod: written = String(format: "%04d%02d", date.year, date.month)
            case .yearMonthDay: written = String(format: "%04d%02d%02d", date.year, date.month, date.day)
            case .excelSerial: written = text.split(separator: ".").first.map(String.init) ?? text
            }
            guard date.year < 1000 || format.parse(Substring(written)) == date else {
                try fail("a date reads back as written", "\(text.debugDescription) as \(format.rawValue) → \(date) → \(written)")
            }
        }
    }

    static func checkIdentifier(_ input: [UInt8]) throws {
        let text = String(decoding: input, as: UTF8.self)
        let checks: [(String, (String) -> IdentifierCheck)] = [
            ("company number", OrgIdentifiers.checkCompanyNumber), ("charity number", OrgIdentifiers.checkCharityNumber),
            ("VAT number", OrgIdentifiers.checkVATNumber), ("supplier reference", OrgIdentifiers.checkSupplierRef),
        ]
        for (name, check) in checks {
            guard let value = check(text).value else { continue }
            guard check(value).value == value else { try fail("a checked \(name) checks the same", "\(text.debugDescription) → \(value.debugDescription) → \(check(value))") }
        }
        if let postcode = OrgIdentifiers.postcode(text), OrgIdentifiers.postcode(postcode) != postcode {
            try fail("a postcode normalises once", "\(text.debugDescription) → \(postcode.debugDescription)")
        }
    }

    static func checkCSV(_ input: [UInt8]) throws {
        let delimiter = input.first.map { FuzzTarget.delimiters[Int($0) % FuzzTarget.delimiters.count] } ?? UInt8(ascii: ",")
        let reader = CSVReader(dialect: CSVDialect(delimiter: delimiter, encoding: .utf8))
        var records: [[String]] = []
        do { _ = try reader.read(bytes: input, name: "fuzz.csv") { records.append($0.strings) } } catch is CSVReadError { return }
        // After a blank line, so that no field lands on the file's first bytes, where a byte-order mark is stripped.
        let written = "\r\n" + records.map { r in r.map { CSVWriter.encode($0, delimiter: delimiter) }.joined(separator: String(UnicodeScalar(delimiter))) + "\r\n" }.joined()
        var again: [[String]] = []
        _ = try reader.read(bytes: Array(written.utf8), name: "rewritten.csv") { again.append($0.strings) }
        // A record of one empty field is a blank line, which the reader skips: compare without them.
        let (a, b) = (records.filter { $0 != [""] }, again.filter { $0 != [""] })
        guard a == b else { try fail("records read back as written", "\(a.count) records, \(b.count) after writing; first difference at record \(zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count))") }
    }

    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

    /// One folder per process for the spend-file target's inputs.
    nonisolated(unsafe) static let folder: String = {
        let f = FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true)
        return f
    }()

    static func checkSpendFile(_ input: [UInt8]) throws {
        let path = folder + "/input.csv"
        try Data(input).write(to: URL(fileURLWithPath: path))
        let warehouse = try Warehouse(path: ":memory:")
        let a: FileAccounting
        do { a = try SpendFileLoader(warehouse: warehouse, runID: nil).load(path: path) }
        catch is UnmappableFileError, is NotCSVError, is CSVReadError, is IngestError { return }
        guard a.reconciles else { try fail("every row is loaded or set aside", a.summaryLine) }
        let held = try warehouse.query("SELECT count(*), coalesce(sum(amount_pence), 0) FROM stg_payments WHERE file_id = ?", [.integer(a.fileID)])
        guard held.first?[0].int == a.loaded, held.first?[1].int == a.loadedPence else {
            try fail("the warehouse holds the rows loaded", "\(a.summaryLine); the warehouse holds \(held.first.map { "\($0)" } ?? "nothing")")
        }
        let setAside = try warehouse.query("SELECT count(*) FROM stg_rejects WHERE file_id = ?", [.integer(a.fileID)])
        guard setAside.first?[0].int == a.setAside else { try fail("the warehouse holds the rows set aside", "\(a.summaryLine); rejects \(setAside)") }
    }
}

/// A property that did not hold for one input.
public struct FuzzFailure: Error, CustomStringConvertible {
    public var property: String
    public var detail: String
    public var description: String { "\(property): \(detail)" }
}
