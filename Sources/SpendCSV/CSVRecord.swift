/// One parsed record, borrowed from the reader: valid only inside the callback that receives it.
public struct CSVRecord {
    /// The physical line (1-based) the record starts on, counting every line break in the file.
    public let line: Int
    /// How many fields the record has.
    public let count: Int
    let base: UnsafeMutablePointer<UInt8>
    let ends: UnsafeMutablePointer<Int>

    /// The UTF-8 bytes of field `i`; empty when the record has fewer fields.
    @inline(__always)
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0 && i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = i == 0 ? 0 : ends[i - 1]
        return UnsafeBufferPointer(start: base + start, count: ends[i] - start)
    }

    /// Field `i` as text (empty when absent).
    public func string(_ i: Int) -> String {
        String(decoding: bytes(i), as: UTF8.self)
    }

    /// All fields as text.
    public var strings: [String] { (0..<count).map(string) }

    /// True when every field is empty or white space.
    public var isBlank: Bool {
        for i in 0..<count { for b in bytes(i) where b != 0x20 && b != 0x09 { return false } }
        return true
    }
}
