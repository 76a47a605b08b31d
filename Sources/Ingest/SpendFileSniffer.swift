import Foundation
import MarketShapeCore
import SpendCSV

/// Detects how a spend file is written, from a sample of its first bytes (8 MiB: every monthly
/// council file whole), the way DuckDB's sniffer does: try each dialect, keep the most consistent,
/// then find the header row, map the headers and decide the date format. A setting given in the
/// pipeline file skips detection of that setting.
public struct SpendFileSniffer {
    /// The version of the reading rules (sniffing, header spellings, amount and date parsing). Raise it when a change
    /// would read a file differently: every file is then read again on the next run.
    public static let rulesVersion = 5   // 2: thousands groups of three, one negative mark, whole-cell dates; 3: the same on the fast date path;
                                         // 4: totals rows (labelled, subtotals, sums over set-aside rows), masked and whole-name
                                         //    redactions, stray Windows-1252 bytes in UTF-8, Excel serial and yyyymmdd dates,
                                         //    unambiguous dates in any file, quote mending, GBP/£(…)/minus-sign amounts,
                                         //    decimal commas, a Net column, two-digit years 69–99 in the 1900s;
                                         // 5: Account Description, Expenditure Type, Cost Element and Cost Centre Description
                                         //    headers, Service Division
    public static let sampleBytes = 8 << 20
    public static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

    public init() {}

    public func sniff(path: String, overrides: SourceOverrides = .none) throws -> SourceConfig {
        let sample = try FileSample.read(path: path, maxBytes: Self.sampleBytes)
        return try sniff(sample: sample, path: path, overrides: overrides)
    }

    /// Sniffs from bytes already in memory (`path` names the file in messages).
    public func sniff(sample: [UInt8], path: String, overrides: SourceOverrides = .none) throws -> SourceConfig {
        if let kind = NotCSVError.kind(of: sample) { throw NotCSVError(path: path, kind: kind) }
        var notes: [String] = []
        let isComplete = sample.count < Self.sampleBytes

        // Encoding: UTF-8 unless the bytes are not valid UTF-8.
        let encoding: TextEncoding
        if let e = overrides.encoding.flatMap(TextEncoding.init(rawValue:)) { encoding = e; notes.append("encoding: set in the pipeline file") }
        else {
            let evidence = FileSample.encodingEvidence(of: sample)
            encoding = evidence.encoding
            let counts = evidence.strays ?? (multiByte: 0, invalid: 0)
            notes.append(encoding == .windows1252 ? "encoding: the sample is not valid UTF-8, read as Windows-1252"
                         : evidence.strays == nil ? "encoding: the sample is valid UTF-8"
                         : "encoding: UTF-8 (\(counts.multiByte) UTF-8 characters beside \(counts.invalid) stray byte(s): a field that is not UTF-8 is read as Windows-1252)")
        }

        // Delimiter: the candidate giving the most records with the same field count (> 1).
        let delimiter: UInt8
        if let d = overrides.delimiter?.utf8.first { delimiter = d; notes.append("delimiter: set in the pipeline file") }
        else {
            var best: (UInt8, Int) = (UInt8(ascii: ","), -1)
            for candidate in Self.delimiters {
                var counts: [Int: Int] = [:]
                _ = try? CSVReader(dialect: CSVDialect(delimiter: candidate, encoding: encoding))
                    .read(bytes: sample, name: path, maxRecords: 60) { counts[$0.count, default: 0] += 1 }
                let modal = counts.filter { $0.key > 1 }.max { ($0.value, $0.key) < ($1.value, $1.key) }
                let score = modal.map { $0.value * 1000 + $0.key } ?? -1
                if score > best.1 { best = (candidate, score) }
            }
            delimiter = best.0
            notes.append("delimiter: '\(CSVDialect(delimiter: delimiter).delimiterName)' gave the most rows of equal width")
        }
        var dialect = CSVDialect(delimiter: delimiter, encoding: encoding)
        let stray = QuoteRepair.count(sample, delimiter: delimiter, quote: dialect.quote)
        if stray.repairs > 0 {
            dialect.mendsQuotes = true
            notes.append("quotes: \(stray.repairs) quoted field(s) go on after their closing quote (the first on line \(stray.firstLine ?? 0), like \"Quoted\" Trailing Ltd): each is read as one field, the file on one thread")
        }

        // Header row: the first of the first 30 records that maps the required fields best.
        var firstRecords: [[String]] = []
        try CSVReader(dialect: dialect).read(bytes: sample, name: path, maxRecords: 30) { firstRecords.append($0.strings) }
        guard !firstRecords.isEmpty else {
            throw UnmappableFileError(path: path, headerLine: 1, headers: [], missing: CanonicalField.required)
        }
        let headerIndex: Int
        if let line = overrides.headerLine {
            headerIndex = max(0, min(line - 1, firstRecords.count - 1))
        } else {
            var chosen = 0, bestScore = -1
            for (i, record) in firstRecords.enumerated() {
                let mapped = HeaderMapper.map(record)
                let required = CanonicalField.required.filter { mapped[$0.rawValue] != nil || ($0 == .paidOn && mapped["period"] != nil) }.count
                let score = required * 100 + mapped.count
                if score > bestScore { bestScore = score; chosen = i }
                if required == CanonicalField.required.count { break }
            }
            headerIndex = chosen
        }
        if headerIndex > 0 { notes.append("header: \(headerIndex) preamble record(s) before the header were skipped") }
        let headers = firstRecords[headerIndex].map { $0.trimmingCharacters(in: " \t\u{a0}\u{feff}") }

        // Column mapping: synonyms, then the pipeline file's explicit columns.
        var columns = HeaderMapper.map(headers)
        for (dup, count) in Dictionary(grouping: headers.filter { !$0.isEmpty }, by: { HeaderName.normalise($0) }).mapValues(\.count) where count > 1 {
            notes.append("header: '\(dup)' appears \(count) times; the first is used")
        }
        for (field, header) in overrides.columns {
            if let i = headers.firstIndex(where: { $0 == header || HeaderName.normalise($0) == HeaderName.normalise(header) }) {
                columns[field] = i
                notes.append("column \(field): set in the pipeline file")
            } else {
                throw UnmappableFileError(path: path, headerLine: headerIndex + 1, headers: headers,
                                          missing: [CanonicalField(rawValue: field)].compactMap { $0 })
            }
        }
        // Which columns name the markets, from what they hold (labels over codes, never free text).
        var dataRecords: [[String]] = []
        try CSVReader(dialect: dialect).read(bytes: sample, name: path, maxRecords: headerIndex + 1 + 3000) { dataRecords.append($0.strings) }
        let sampleRows = Array(dataRecords.dropFirst(headerIndex + 1))
        SegmentColumns.refine(&columns, headers: headers, records: sampleRows, fixed: Set(overrides.columns.keys), notes: &notes)
        let trailing = Self.trailingFields(headers: headers, rows: sampleRows)
        if let t = trailing { notes.append("rows: \(t.count) unnamed field(s) after the header's \(headers.count) in \(t.share) of the sample's rows: loaded, not used") }
        var missing = CanonicalField.required.filter { columns[$0.rawValue] == nil }
        if missing == [.paidOn] && columns[CanonicalField.period.rawValue] != nil { missing = [] }
        var inferred: [String] = []
        if !missing.isEmpty {
            // Headers that name nothing: what the columns hold may still make the file plain.
            let findings = ColumnInference.infer(missing: missing, headers: headers, rows: sampleRows, columns: columns)
            guard Set(missing).isSubset(of: Set(findings.filter(\.strong).map(\.field))) else {
                var error = UnmappableFileError(path: path, headerLine: headerIndex + 1, headers: headers, missing: missing, findings: findings)
                error.taken = Set(columns.values)
                throw error
            }
            for finding in findings {
                for (field, column) in columns where column == finding.column && overrides.columns[field] == nil {
                    columns[field] = nil
                    notes.append("column \(field): its column holds \(finding.field.rawValue) values, so it is not \(field)")
                }
                columns[finding.field.rawValue] = finding.column
                notes.append("column \(finding.field.rawValue): found from the content: \(finding.line)")
                inferred.append(finding.line)
            }
        }

        // Date format: from every date cell in the sample.
        let dateFormat: DateFormat
        if let f = overrides.dateFormat { dateFormat = f; notes.append("date format: set in the pipeline file") }
        else {
            let dateColumn = columns[CanonicalField.paidOn.rawValue] ?? columns[CanonicalField.period.rawValue]!
            var sniffer = DateFormatSniffer()
            var index = 0
            var seen = Set<String>()
            try CSVReader(dialect: dialect).read(bytes: sample, name: path) { record in
                index += 1
                // Each distinct date text is evidence once: dates repeat thousands of times.
                if index > headerIndex + 1, case let text = record.string(dateColumn), seen.insert(text).inserted {
                    sniffer.observe(Substring(text))
                }
            }
            if sniffer.seen == 0 {
                // No payment rows (a month with none, a header-only file): nothing to read in any format.
                dateFormat = .dayMonthYear
                notes.append("date format: no date values in the sample to decide from; dd/mm/yyyy assumed")
            } else {
                guard let decided = sniffer.decision else {
                    throw UnmappableFileError(path: path, headerLine: headerIndex + 1, headers: headers, missing: [.paidOn],
                                              unreadDates: (header: headers[dateColumn], examples: sniffer.examples))
                }
                dateFormat = decided
                let scope = isComplete ? "the whole file" : "the first \(Self.sampleBytes >> 20) MiB"
                notes.append("date format: \(decided.rawValue) from \(sniffer.seen) distinct values in \(scope) (day>12 seen \(sniffer.dayFirstEvidence)×, month>12 seen \(sniffer.monthFirstEvidence)×)")
            }
        }

        let amountHeader = HeaderName.normalise(headers[columns[CanonicalField.amount.rawValue]!])
        let vat: String
        if let v = overrides.vat { vat = v }
        else if amountHeader.contains("gross") { vat = "gross" }
        else if amountHeader.contains("net") || amountHeader.contains("exclud") || amountHeader.contains("excl") { vat = "net" }
        else { vat = "unstated" }

        // Decimal commas (`1.234,50`, `50,00`: a file from a European system, usually `;`-delimited): only on evidence, a
        // value whose last separator is a comma before one or two digits, and none whose last is a point before two.
        let amountColumn = columns[CanonicalField.amount.rawValue]!
        var commaDecimals = 0, pointDecimals = 0
        for row in sampleRows where amountColumn < row.count {
            switch Self.decimalMark(row[amountColumn]) {
            case UInt8(ascii: ","): commaDecimals += 1
            case UInt8(ascii: "."): pointDecimals += 1
            default: break
            }
        }
        let decimalComma = commaDecimals > 0 && pointDecimals == 0
        if decimalComma { notes.append("amounts: decimal commas (\(commaDecimals) of the sample's amounts end in ,dd and none in .dd): `1.234,50` is £1,234.50") }
        else if commaDecimals > 0 { notes.append("amounts: \(commaDecimals) amount(s) end in ,dd beside \(pointDecimals) in .dd: decimal points assumed, the others set aside") }

        var config = SourceConfig(encoding: encoding, delimiter: dialect.delimiterName,
                                  headerLine: headerIndex + 1, headers: headers, columns: columns,
                                  dateFormat: dateFormat, vat: vat, notes: notes)
        config.trailingFields = trailing?.count
        config.trailingExample = trailing?.example
        config.inferredColumns = inferred.isEmpty ? nil : inferred
        config.mendsQuotes = dialect.mendsQuotes ? true : nil
        config.decimalComma = decimalComma ? true : nil
        return config
    }

    /// The unnamed trailing fields a file's rows carry, when at least 90% of the sample's non-blank rows (and at least
    /// ten) have the same number of fields beyond the header's with something in them: a finance system's extra
    /// column the header never names. Rows of another width are still ragged.
    static func trailingFields(headers: [String], rows: [[String]]) -> (count: Int, share: String, example: String)? {
        let rows = rows.filter { $0.contains { !$0.trimmingCharacters(in: " ").isEmpty } }
        guard rows.count >= 10 else { return nil }
        var byExtra: [Int: Int] = [:]
        for r in rows where r.count > headers.count && r[headers.count...].contains(where: { !$0.trimmingCharacters(in: " ").isEmpty }) {
            byExtra[r.count - headers.count, default: 0] += 1
        }
        guard let (extra, n) = byExtra.max(by: { $0.value < $1.value }), n * 100 >= rows.count * 90 else { return nil }
        let example = rows.first { $0.count == headers.count + extra }.map { $0[headers.count...].joined(separator: ",") } ?? ""
        return (extra, "\(n * 100 / rows.count)%", example)
    }
}

extension SpendFileSniffer {
    /// The decimal mark an amount shows, if it shows one: its last `,` or `.`, when one or two digits follow it and
    /// nothing else does (`1.234,50` → `,`; `1,234.50` → `.`; `1,234`, `1.500`, `12` → nil: either reading fits).
    static func decimalMark(_ value: String) -> UInt8? {
        var bytes = Array(value.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x29 || (last | 0x20 >= 0x61 && last | 0x20 <= 0x7A) || last == 0x2D { bytes.removeLast() }
        guard let mark = bytes.lastIndex(where: { $0 == 0x2C || $0 == 0x2E }) else { return nil }
        let after = bytes.count - mark - 1
        guard (1...2).contains(after), bytes[(mark + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              mark > 0, bytes[mark - 1] >= 0x30 && bytes[mark - 1] <= 0x39 else { return nil }
        return bytes[mark]
    }
}

/// Maps header texts to canonical fields by their synonyms (trimmed, case- and punctuation-insensitive).
public enum HeaderMapper {
    /// Canonical field name → 0-based column. Each column serves one field; earlier synonyms win.
    public static func map(_ headers: [String]) -> [String: Int] {
        let normalised = headers.map(HeaderName.normalise)
        var taken = Set<Int>()
        var result: [String: Int] = [:]
        for field in CanonicalField.allCases {
            for synonym in field.synonyms {
                if let i = normalised.indices.first(where: { normalised[$0] == synonym && !taken.contains($0) }) {
                    result[field.rawValue] = i
                    taken.insert(i)
                    break
                }
            }
        }
        return result
    }
}
