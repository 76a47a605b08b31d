/// What one pass over a file saw.
public struct CSVReadSummary: Sendable, Equatable {
    public init() {}

    /// Bytes read from the file, including any byte-order marks.
    public var bytes: Int = 0
    /// Records delivered (blank lines excluded).
    public var records: Int = 0
    /// Lines that held nothing at all (no fields); never delivered as records.
    public var blankLines: Int = 0
    /// Byte-order marks stripped from the start (2 for a double-encoded BOM).
    public var byteOrderMarks: Int = 0
    /// True when reading stopped before the end (a byte limit or the callback asked to stop).
    public var stoppedEarly = false
    /// True when the bytes read ended between two records (not inside one): a split there was sound.
    public var endedBetweenRecords = true
    /// The physical line after the last one read: where a part of the file that follows starts.
    public var nextLine = 1
    /// Fields transcoded from Windows-1252 because they were not valid UTF-8 (in a UTF-8 file).
    public var transcodedFields: Int = 0
    /// Records holding a line break inside a quoted field (a long description, or a stray quote that swallowed lines).
    public var multiLineRecords: Int = 0
    /// Quoted fields that went on after their closing quote, mended (`CSVDialect.mendsQuotes`).
    public var mendedQuotes: Int = 0
}
