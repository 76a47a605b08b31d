/// The Windows-1252 code page: bytes 0x80–0x9F differ from Latin-1; the rest map to the same code point.
enum Windows1252 {
    static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The Unicode scalar for one byte.
    @inline(__always)
    static func scalar(_ byte: UInt8) -> UInt32 {
        byte < 0x80 ? UInt32(byte) : byte < 0xA0 ? high[Int(byte - 0x80)] : UInt32(byte)
    }
}

/// Checks whether bytes are well-formed UTF-8.
public enum UTF8Validation {
    public static func isValid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0 { len = 2; if b < 0xC2 { return false } }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0 { len = 4; if b > 0xF4 { return false } }
            else { return false }
            if i + len > n { return false }
            for k in 1..<len where p[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }

    /// Valid UTF-8, allowing the buffer to end in the middle of a sequence (a sample cut short).
    public static func isValidPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var cut = n
        var back = 0
        while back < 3 && cut > 0 && p[cut - 1] & 0xC0 == 0x80 { cut -= 1; back += 1 }
        if cut > 0 && p[cut - 1] >= 0xC0 { cut -= 1 }
        return isValid(p, cut)
    }
}
