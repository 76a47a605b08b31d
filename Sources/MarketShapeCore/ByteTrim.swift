/// Trimming of UTF-8 bytes without building a String: spaces, tabs and non-breaking spaces (C2 A0).
public enum ByteTrim {
    /// The range of `b` left after trimming both ends.
    @inline(__always)
    public static func bounds(_ b: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end {
            if b[start] == 0x20 || b[start] == 0x09 { start += 1 }
            else if b[start] == 0xC2 && start + 1 < end && b[start + 1] == 0xA0 { start += 2 }
            else { break }
        }
        while end > start {
            if b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
            else if b[end - 1] == 0xA0 && end - 2 >= start && b[end - 2] == 0xC2 { end -= 2 }
            else { break }
        }
    }

    /// `b` without leading and trailing white space.
    @inline(__always)
    public static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard !b.isEmpty else { return b }
        var start = 0, end = b.count
        bounds(b, &start, &end)
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }
}
