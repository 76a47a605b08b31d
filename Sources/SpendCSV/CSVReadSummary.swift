/// What one pass over a file saw.
public struct CSVReadSummary: Sendable, Equatable {
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
    /// Fields transcoded from Windows-1252 because they were not valid UTF-8 (in a UTF-8 file).
    public var transcodedFields: Int = 0
}
