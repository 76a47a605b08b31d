import MarketShapeCore

/// What happened to one spend file: every line read is loaded or set aside, in rows and in pence.
public struct FileAccounting: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable {
        /// Loaded for the first time.
        case loaded
        /// Already in the warehouse with the same SHA-256: nothing changed.
        case unchanged
        /// Loaded, and an earlier version of the same source (its path, or a file it `replaces:`) left the current data.
        case replaced
        /// The same bytes as another current file the pipeline still lists: not loaded twice.
        case duplicate
        /// The same bytes and settings as a current file whose path is no longer listed: the file moved, nothing re-read.
        case moved
    }

    public var path: String
    public var fileID: Int
    public var sha256: String
    public var bytes: Int
    public var action: Action
    public var replacedFileIDs: [Int]
    /// For `duplicate` and `moved`: the other path those bytes are loaded under (before the move, for `moved`).
    public var otherPath: String? = nil
    /// Current files of the same months that repeat most of this file's payments (same date, amount and payee), with
    /// how many of its rows they repeat: a republished version nobody said `replaces:` for. Known for this load only.
    public var repeats: [Repeat] = []

    public struct Repeat: Codable, Sendable, Equatable {
        public var path: String
        public var rows: Int
    }
    /// Data records after the header.
    public var read: Int
    public var loaded: Int
    public var setAside: Int
    /// Set-aside rows whose amount could not be read (they carry no pence).
    public var setAsideUnpriced: Int
    /// Pence of every row whose amount could be read.
    public var readPence: Pence
    public var loadedPence: Pence
    public var setAsidePence: Pence
    /// Pence of set-aside totals rows (a file's own sum of its rows), shown apart because they are not spend.
    public var totalRowPence: Pence = 0
    /// Fields not valid UTF-8 in a file read as UTF-8, transcoded from Windows-1252 (known for this load only).
    public var transcodedFields: Int = 0
    /// Quoted fields that went on after their closing quote (`"Quoted" Trailing Ltd`), each read as one field.
    public var mendedQuotes: Int = 0
    /// How many parts the file was parsed in, side by side (1: on one thread; 0: not read because unchanged).
    /// Known for this load only.
    public var parts: Int = 1
    public var preambleRecords: Int
    public var blankLines: Int
    public var periodMonth: String?
    public var firstPaidOn: String?
    public var lastPaidOn: String?
    public var setAsideByReason: [String: Int]
    public var config: SourceConfig

    /// True when rows and pence reconcile: loaded + set aside = read, in count and in pence.
    public var reconciles: Bool {
        loaded + setAside == read && loadedPence + setAsidePence == readPence
    }

    /// One line for people.
    public var summaryLine: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if action == .duplicate {
            return "\(name): the same bytes as \(otherPath ?? "another file"), which is loaded: not loaded twice (its \(read) rows count once)"
        }
        var text = "\(name): read \(read) · loaded \(loaded) (\(formatPounds(loadedPence))) · set aside \(setAside) (\(formatPounds(setAsidePence - totalRowPence))"
        if totalRowPence != 0 { text += " + a totals row of \(formatPounds(totalRowPence))" }
        if setAsideUnpriced > 0 { text += ", \(setAsideUnpriced) without a readable amount" }
        text += ")"
        if let encoding = config.sourceEncoding { text += " · saved as \(encoding), read through a UTF-8 copy" }
        if transcodedFields > 0 { text += " · \(transcodedFields) field(s) were not valid UTF-8 and were read as Windows-1252" }
        if mendedQuotes > 0 { text += " · \(mendedQuotes) quoted field(s) went on after their closing quote and were each read as one field" }
        if let extra = config.trailingFields, extra > 0 {
            text += " · its rows carry \(extra) unnamed field(s) after the header's \(config.headers.count)\(config.trailingExample.map { " (such as \"\(DisplayText.clean(String($0.prefix(30))))\")" } ?? ""): loaded, the extra values not used"
        }
        if let inferred = config.inferredColumns {
            text += " · no header names \(inferred.count == 1 ? "this column" : "these columns"), found from the content: \(inferred.joined(separator: "; ")); check them, or set them under columns: in the pipeline file"
        }
        switch action {
        case .unchanged: text += " · unchanged since it was loaded (file \(fileID))"
        case .replaced: text += " · replaces file \(replacedFileIDs.map(String.init).joined(separator: ", "))"
        case .moved: text += " · unchanged, moved from \(otherPath ?? "another path")"
        case .loaded, .duplicate: break
        }
        text += reconciles ? " · reconciles" : " · DOES NOT RECONCILE"
        for r in repeats {
            text += " · WARNING: \(r.rows) of its \(loaded) rows repeat payments in \(r.path) (same date, amount and payee); if it republishes that file, say so with `replaces:`"
        }
        return text
    }
}
