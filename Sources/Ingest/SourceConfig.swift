import MarketShapeCore
import SpendCSV

/// How one spend file is read: what sniffing detected, with the pipeline file's overrides applied.
/// Stored with each loaded file and printable as YAML, so an analyst can keep and edit it.
public struct SourceConfig: Codable, Equatable, Sendable {
    public var encoding: TextEncoding
    public var delimiter: String
    /// 1-based record number of the header row (rows before it are preamble).
    public var headerLine: Int
    /// The header row as written.
    public var headers: [String]
    /// Canonical field → 0-based column.
    public var columns: [String: Int]
    public var dateFormat: DateFormat
    /// `net`, `gross` or `unstated` (of VAT).
    public var vat: String
    /// Where each setting came from and anything worth knowing (duplicate headers, evidence for the date format).
    public var notes: [String]
    /// Unnamed fields that (nearly) every data row carries after the header's last (a trailing `#N/A` column the
    /// header never names): rows with them load and the extra values are not used; nil when there are none.
    public var trailingFields: Int? = nil
    /// An example of the trailing values, for the run's line.
    public var trailingExample: String? = nil
    /// Required columns found from what they hold because no header named them, each with its evidence
    /// (`paid_on ← column 7 "Updated" (100% of 2,999 values are dates)`); nil when the headers named them all.
    public var inferredColumns: [String]? = nil
    /// The file's own encoding when it is read through a UTF-8 copy (`UTF-16 LE`, `UTF-16 BE`); nil otherwise.
    public var sourceEncoding: String? = nil

    /// True when quoted fields that go on after their closing quote are mended as the file is read (nil: not needed).
    public var mendsQuotes: Bool? = nil
    /// True when the file's amounts use a decimal comma and points between thousands (`1.234,50`); nil: decimal points.
    public var decimalComma: Bool? = nil

    /// The dialect for the CSV reader.
    public var dialect: CSVDialect {
        CSVDialect(delimiter: delimiter == "tab" ? 9 : delimiter.utf8.first ?? UInt8(ascii: ","), encoding: encoding, mendsQuotes: mendsQuotes == true)
    }

    /// Column index of a canonical field, if mapped.
    public func column(_ field: CanonicalField) -> Int? { columns[field.rawValue] }

    /// The field → header mapping, for people and JSON.
    public var mapping: [String: String] {
        columns.reduce(into: [:]) { $0[$1.key] = headers[$1.value] }
    }

    /// The configuration as a pipeline-file `spend:` entry that reproduces it.
    public func yaml(path: String) -> String {
        var lines = ["  - path: \(path)",
                     "    encoding: \(encoding.rawValue)",
                     "    delimiter: \"\(delimiter == "\t" ? "tab" : delimiter)\"",
                     "    header_line: \(headerLine)",
                     "    date_format: \(dateFormat.rawValue)",
                     "    vat: \(vat == "unstated" ? "net   # not stated in the file: check with the council" : vat)",
                     "    columns:"]
        for field in CanonicalField.allCases { if let i = column(field) { lines.append("      \(field.rawValue): \"\(headers[i])\"") } }
        return lines.joined(separator: "\n")
    }
}
