#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a file into byte ranges that each begin at the start of a physical line, so the parts can be parsed
/// side by side, and counts the line breaks before a part so its records keep their physical line numbers.
///
/// A line start need not be a record start (a quoted field may hold a line break): whoever parses the part
/// before a split checks that it ended between records (`CSVReadSummary.endedBetweenRecords`) and on the line
/// the next part starts on (`nextLine`), and reads the file whole if not.
public enum FileSplit {
    /// How far past each nominal split point a line break is looked for.
    static let window = 64 << 10

    /// Up to `parts` ranges covering the whole file, split just after a line break (LF, CRLF or a lone CR)
    /// near each `size × k / parts`. Fewer ranges when no line break is found near a split point.
    public static func ranges(path: String, parts: Int) throws -> [Range<Int>] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVReadError(path: path, line: 0, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CSVReadError(path: path, line: 0, message: "cannot read its size") }
        let size = Int(info.st_size)
        var starts = [0]
        var buffer = [UInt8](repeating: 0, count: window + 1)
        for k in 1..<max(parts, 1) {
            let nominal = size / parts * k
            guard nominal > starts.last! else { continue }
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window + 1, off_t(nominal)) }
            guard n > 0, let after = firstLineStart(in: buffer[0..<n]) else { continue }
            if nominal + after < size { starts.append(nominal + after) }
        }
        return starts.indices.map { i in starts[i]..<(i + 1 < starts.count ? starts[i + 1] : size) }
    }

    /// The offset just after the first line break in `bytes` whose end is certain (a CR needs the next byte).
    static func firstLineStart(in bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x0A { return i + 1 - bytes.startIndex }
            if bytes[i] == 0x0D {
                guard i + 1 < bytes.endIndex else { return nil }
                return (bytes[i + 1] == 0x0A ? i + 2 : i + 1) - bytes.startIndex
            }
            i += 1
        }
        return nil
    }

    /// Physical line breaks in `range` of the file (LF, CRLF and a lone CR each count once), as `CSVReader`
    /// counts them. LFs are counted eight bytes at a time; a buffer is walked byte by byte only if it holds a CR.
    public static func lineBreaks(path: String, in range: Range<Int>) throws -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVReadError(path: path, line: 0, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let size = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var count = 0, offset = range.lowerBound
        var pendingCR = false
        while offset < range.upperBound {
            let n = pread(fd, buffer, min(size, range.upperBound - offset), off_t(offset))
            if n < 0 { throw CSVReadError(path: path, line: 0, message: "read failed: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            offset += n
            if !pendingCR && memchr(buffer, 0x0D, n) == nil {
                count += countLF(buffer, n)
                continue
            }
            for i in 0..<n {
                let b = buffer[i]
                if pendingCR { pendingCR = false; if b != 0x0A { count += 1 } }
                if b == 0x0A { count += 1 } else if b == 0x0D { pendingCR = true }
            }
        }
        return count + (pendingCR ? 1 : 0)
    }

    /// LF bytes in `n` bytes at `p`: each word's zero bytes after XOR with LFs, counted exactly.
    static func countLF(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        let lf: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0, i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ lf
            count += (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount
            i += 8
        }
        while i < n { if p[i] == 0x0A { count += 1 }; i += 1 }
        return count
    }
}
