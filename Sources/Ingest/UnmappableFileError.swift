import MarketShapeCore

/// A spend file whose required fields (date, amount, supplier) cannot be found among its headers.
public struct UnmappableFileError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    public var headerLine: Int
    public var headers: [String]
    public var missing: [CanonicalField]
    /// Columns the content suggests for missing fields, with their evidence, that were not strong enough to use unasked.
    var findings: [ColumnInference.Finding] = []

    /// The header the content suggests for each missing field it found a column for.
    public var proposedHeaders: [CanonicalField: String] {
        Dictionary(findings.map { ($0.field, $0.header) }, uniquingKeysWith: { a, _ in a })
    }

    public init(path: String, headerLine: Int, headers: [String], missing: [CanonicalField]) {
        self.path = path; self.headerLine = headerLine; self.headers = headers; self.missing = missing
    }

    init(path: String, headerLine: Int, headers: [String], missing: [CanonicalField], findings: [ColumnInference.Finding]) {
        self.init(path: path, headerLine: headerLine, headers: headers, missing: missing)
        self.findings = findings
    }

    /// Columns already mapped to another field: never suggested for a missing one (`Date` is no supplier).
    var taken: Set<Int> = []

    /// The date column was found but no known format reads its values: its header and the first values read.
    var unreadDates: (header: String, examples: [String])?

    init(path: String, headerLine: Int, headers: [String], missing: [CanonicalField], unreadDates: (header: String, examples: [String])) {
        self.init(path: path, headerLine: headerLine, headers: headers, missing: missing)
        self.unreadDates = unreadDates
    }

    public var exitStatus: ExitStatus { .dataQuality }

    /// At most this many headers are quoted, each cut to `longestHeader` characters: a file that is no spend file (a 5 MB
    /// single line, or `/etc/shadow`) is named, never copied into the terminal, the log and the ledger.
    static let shownHeaders = 40, longestHeader = 60

    /// The headers as the message quotes them: bounded, without control characters.
    var quotedHeaders: [String] {
        headers.prefix(Self.shownHeaders).map { h in
            DisplayText.clean(String(h.prefix(Self.longestHeader))) + (h.count > Self.longestHeader ? "…" : "")
        }
    }

    /// Lists the headers, the closest known spellings, and the pipeline-file lines that would fix it.
    public var description: String {
        if let unread = unreadDates {
            let shown = unread.examples.map { "\"\(DisplayText.clean(String($0.prefix(Self.longestHeader))))\"" }.joined(separator: ", ")
            return "\(path):\(headerLine): the date column \"\(DisplayText.clean(String(unread.header.prefix(Self.longestHeader))))\" holds no date in a known format (\(shown)).\n"
                + "  known formats: \(DateFormat.allCases.map(\.rawValue).joined(separator: ", ")); if the values are dates, set the format in this file's entry under spend:\n"
                + "    - path: \(path)\n      date_format: dd/mm/yyyy\n"
                + "  or, if another column holds the dates, name it:\n    - path: \(path)\n      columns:\n        paid_on: \"HEADER\"\n"
        }
        let headers = quotedHeaders
        var text = "\(path):\(headerLine): cannot find the \(missing.map(\.rawValue).joined(separator: ", ")) column(s).\n"
        text += "  headers on line \(headerLine): \(headers.map { "\"\($0)\"" }.joined(separator: ", "))"
            + (self.headers.count > headers.count ? " and \(self.headers.count - headers.count) more" : "") + "\n"
        for field in missing {
            let ranked = headers.enumerated().filter { !taken.contains($0.offset) }.map { (i, h) in
                (i, h, field.synonyms.map { HeaderName.distance(HeaderName.normalise(h), $0) }.min() ?? 99)
            }.sorted { $0.2 < $1.2 }
            let guess = ranked.first
            text += "  \(field.rawValue): known spellings include \(field.synonyms.prefix(4).joined(separator: ", "))"
            if let finding = findings.first(where: { $0.field == field }) {
                text += "; the content points to column \(finding.column + 1) (below)"
            } else if let guess { text += "; closest header here: \"\(guess.1)\" (column \(guess.0 + 1))" }
            text += "\n"
        }
        if !findings.isEmpty {
            text += "  what the columns hold suggests (not certain enough to load the file unasked):\n"
            for finding in findings { text += "    \(finding.line)\n" }
        }
        text += "  add to this file's entry under spend: in the pipeline file (replace the header text as needed):\n"
        text += "    - path: \(path)\n      columns:\n"
        for field in missing {
            if let finding = findings.first(where: { $0.field == field }) {
                text += "        \(field.rawValue): \"\(DisplayText.clean(String(finding.header.prefix(Self.longestHeader))))\"\n"
                continue
            }
            let closest = headers.enumerated().filter { !taken.contains($0.offset) }.map(\.element).min { a, b in
                (field.synonyms.map { HeaderName.distance(HeaderName.normalise(a), $0) }.min() ?? 99) <
                (field.synonyms.map { HeaderName.distance(HeaderName.normalise(b), $0) }.min() ?? 99)
            } ?? "HEADER"
            text += "        \(field.rawValue): \"\(closest)\"\n"
        }
        return text
    }
}
