import CLibCSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a CSV file through libcsv, one record at a time, in bounded memory.
///
/// Fields are copied once from libcsv's buffer into one reusable row buffer (no allocation per
/// field); Windows-1252 bytes are transcoded to UTF-8 on the way. Byte-order marks (also a
/// double-encoded one, `ï»¿`) are stripped. Every line break is counted, including those inside
/// quoted fields and CR-only line ends, so each record knows the physical line it starts on.
///
///     let reader = CSVReader(dialect: CSVDialect())
///     let summary = try reader.read(path: "spend.csv") { record in print(record.line, record.string(0)) }
public final class CSVReader {
    public let dialect: CSVDialect
    /// Bytes read per `read(2)` call.
    public var chunkSize = 1 << 20
    /// Called with the size of each chunk read from a file, before it is parsed (a progress meter counts bytes with it).
    public var onBytesRead: ((Int) -> Void)?

    public init(dialect: CSVDialect = CSVDialect()) {
        self.dialect = dialect
    }

    /// Reads `path`, calling `body` for each record. Stops after `maxBytes` bytes or `maxRecords`
    /// records when given (the record cut by a byte limit is not delivered).
    @discardableResult
    public func read(path: String, maxBytes: Int? = nil, maxRecords: Int? = nil,
                     _ body: (CSVRecord) throws -> Void) throws -> CSVReadSummary {
        try read(path: path, range: 0..<(maxBytes ?? Int.max), firstLine: 1, maxRecords: maxRecords, body)
    }

    /// Reads the bytes `range` of `path` (a part of the file that starts where a record starts), numbering the
    /// records from physical line `firstLine`. A part that stops before the end of the file is not finished off:
    /// the summary says whether it ended between records (`endedBetweenRecords`) and on which line the next
    /// part starts (`nextLine`), so a caller that split a file can check its split.
    @discardableResult
    public func read(path: String, range: Range<Int>, firstLine: Int, maxRecords: Int? = nil,
                     _ body: (CSVRecord) throws -> Void) throws -> CSVReadSummary {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw CSVReadError(path: path, line: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : Int.max
        if range.lowerBound > 0 && lseek(fd, off_t(range.lowerBound), SEEK_SET) < 0 {
            throw CSVReadError(path: path, line: 0, message: "cannot seek to byte \(range.lowerBound): \(String(cString: strerror(errno)))")
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        return try withParser(path: path, firstLine: firstLine, atFileStart: range.lowerBound == 0, maxRecords: maxRecords, body) { feed in
            var offset = range.lowerBound
            while true {
                let want = min(chunkSize, range.upperBound - offset)
                if want <= 0 { return offset < size }
                let n = Glibc.read(fd, buffer, want)
                if n < 0 { throw CSVReadError(path: path, line: 0, message: "read failed: \(String(cString: strerror(errno)))") }
                if n == 0 { return false }
                offset += n
                onBytesRead?(n)
                if try !feed(UnsafeBufferPointer(start: buffer, count: n)) { return true }
            }
        }
    }

    /// Bytes of in-memory text handed to libcsv at a time.
    static let memorySlice = 64 << 10

    /// Reads CSV text held in memory (used by sniffing and tests).
    @discardableResult
    public func read(bytes: [UInt8], name: String = "(memory)", maxRecords: Int? = nil,
                     _ body: (CSVRecord) throws -> Void) throws -> CSVReadSummary {
        try bytes.withUnsafeBufferPointer { all in
            try withParser(path: name, firstLine: 1, atFileStart: true, maxRecords: maxRecords, body) { feed in
                // In slices, so a record limit stops the parse instead of libcsv running on through the rest.
                var at = 0
                while at < all.count {
                    let end = min(at + Self.memorySlice, all.count)
                    if try !feed(UnsafeBufferPointer(rebasing: all[at..<end])) { return true }
                    at = end
                }
                return false
            }
        }
    }

    /// Sets up libcsv and a parse state; `source` feeds chunks and returns true when it stopped before the end.
    private func withParser(path: String, firstLine: Int, atFileStart: Bool, maxRecords: Int?, _ body: (CSVRecord) throws -> Void,
                            source: ((UnsafeBufferPointer<UInt8>) throws -> Bool) throws -> Bool) throws -> CSVReadSummary {
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            throw CSVReadError(path: path, line: 0, message: "libcsv could not start")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, dialect.delimiter)
        csv_set_quote(&parser, dialect.quote)
        // libcsv trims spaces and tabs around unquoted fields; with a tab delimiter only spaces may be trimmed.
        // (A custom function costs a call per byte, so it is set only then.)
        if dialect.delimiter == 9 { csv_set_space_func(&parser) { c in c == 0x20 ? 1 : 0 } }

        return try withoutActuallyEscaping(body) { body in
            // The state lives behind a plain pointer (not a class) so the per-field callbacks pay no reference counting
            // or dynamic exclusivity checks.
            let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
            state.initialize(to: ParseState(encoding: dialect.encoding, maxRecords: maxRecords, line: firstLine, body: body))
            defer { state.pointee.release(); state.deinitialize(count: 1); state.deallocate() }
            let context = UnsafeMutableRawPointer(state)
            var leading = atFileStart
            var mending = dialect.mendsQuotes ? QuoteRepair(delimiter: dialect.delimiter, quote: dialect.quote) : nil
            var mended: [UInt8] = []
            func parse(_ chunk: UnsafeBufferPointer<UInt8>) throws {
                let used = csv_parse(&parser, chunk.baseAddress, chunk.count, onField, onRow, context)
                if let error = state.pointee.error { throw error }
                if used != chunk.count {
                    throw CSVReadError(path: path, line: state.pointee.line,
                                       message: "libcsv: \(String(cString: csv_strerror(csv_error(&parser))))")
                }
            }
            let stopped = try source { chunk in
                var chunk = chunk
                state.pointee.summary.bytes += chunk.count
                if leading {
                    let skip = ParseState.byteOrderMarkLength(chunk)
                    state.pointee.summary.byteOrderMarks = skip.marks
                    chunk = UnsafeBufferPointer(rebasing: chunk[skip.bytes...])
                    leading = false
                }
                guard chunk.count > 0 else { return true }
                if mending != nil {
                    mended.removeAll(keepingCapacity: true)
                    mending!.mend(chunk, into: &mended)
                    try mended.withUnsafeBufferPointer { try parse($0) }
                } else {
                    try parse(chunk)
                }
                return !state.pointee.stopped
            }
            if mending != nil, !(stopped || state.pointee.stopped) {
                mended.removeAll(keepingCapacity: true)
                mending!.finish(into: &mended)
                if !mended.isEmpty { try mended.withUnsafeBufferPointer { try parse($0) } }
                state.pointee.summary.mendedQuotes = mending!.repairs
            }
            state.pointee.summary.stoppedEarly = stopped || state.pointee.stopped
            let rowNotBegun: Int32 = 0
            state.pointee.summary.endedBetweenRecords = parser.pstate == rowNotBegun
            if !state.pointee.summary.stoppedEarly {
                // libcsv keeps its state between chunks: a field still open inside quotes at the end is unbalanced.
                let fieldBegun: Int32 = 2
                if parser.pstate == fieldBegun && parser.quoted != 0 {
                    throw CSVReadError(path: path, line: state.pointee.line,
                                       message: "a quoted field opened in the record starting on line \(state.pointee.line) is never closed (unbalanced \")")
                }
                if csv_fini(&parser, onField, onRow, context) != 0 {
                    throw CSVReadError(path: path, line: state.pointee.line,
                                       message: "a quoted field opened on or after line \(state.pointee.line) is never closed (unbalanced \")")
                }
                if let error = state.pointee.error { throw error }
            }
            state.pointee.summary.nextLine = state.pointee.line
            return state.pointee.summary
        }
    }
}

private func onField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: ParseState.self).pointee.appendField(data?.assumingMemoryBound(to: UInt8.self), length)
}

private func onRow(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: ParseState.self).pointee.endRow(terminator)
}

/// The mutable state behind libcsv's callbacks: the row buffer, line counting, the caller's closure.
struct ParseState {
    let encoding: TextEncoding
    let maxRecords: Int?
    let body: (CSVRecord) throws -> Void
    var summary = CSVReadSummary()
    var error: Error?
    var stopped = false
    /// The physical line the next record starts on.
    var line = 1
    var lastTerminator: Int32 = 0
    var embeddedBreaks = 0

    var bytes: UnsafeMutablePointer<UInt8>
    var capacity = 4096
    var used = 0
    var ends: UnsafeMutablePointer<Int>
    var endsCapacity = 64
    var fields = 0

    init(encoding: TextEncoding, maxRecords: Int?, line: Int, body: @escaping (CSVRecord) throws -> Void) {
        self.encoding = encoding
        self.maxRecords = maxRecords
        self.line = line
        self.body = body
        bytes = .allocate(capacity: capacity)
        ends = .allocate(capacity: endsCapacity)
    }

    mutating func release() {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Strips UTF-8 byte-order marks, also one that was double-encoded (`C3 AF C2 BB C2 BF`).
    static func byteOrderMarkLength(_ chunk: UnsafeBufferPointer<UInt8>) -> (bytes: Int, marks: Int) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let doubled: [UInt8] = [0xC3, 0xAF, 0xC2, 0xBB, 0xC2, 0xBF]
        var at = 0, marks = 0
        while true {
            if chunk.count - at >= 3 && Array(chunk[at..<at + 3]) == bom { at += 3; marks += 1; continue }
            if chunk.count - at >= 6 && Array(chunk[at..<at + 6]) == doubled { at += 6; marks += 1; continue }
            return (at, marks)
        }
    }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if used + extra > capacity {
            var newCapacity = capacity * 2
            while used + extra > newCapacity { newCapacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: bytes, count: used)
            bytes.deallocate()
            bytes = grown
            capacity = newCapacity
        }
    }

    mutating func appendField(_ data: UnsafeMutablePointer<UInt8>?, _ length: Int) {
        if stopped { return }
        if fields == endsCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
            grown.update(from: ends, count: endsCapacity)
            ends.deallocate()
            ends = grown
            endsCapacity *= 2
        }
        if let data, length > 0 {
            // One pass, eight bytes at a time, copies the field into the row buffer and notes any byte ≥ 0x80 (not
            // ASCII) and any byte < 0x0E (a line break can only be inside a quoted field; tabs also match and are
            // ruled out by the exact count). The last word overlaps the one before rather than going byte by byte.
            reserve(length)
            let out = UnsafeMutableRawPointer(bytes + used)
            let source = UnsafeRawPointer(data)
            var any: UInt64 = 0, below: UInt64 = 0
            if length >= 8 {
                var i = 0
                while true {
                    let w = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    out.storeBytes(of: w, toByteOffset: i, as: UInt64.self)
                    any |= w
                    below |= (w &- 0x0E0E_0E0E_0E0E_0E0E) & ~w
                    if i + 8 == length { break }
                    i = min(i + 8, length - 8)
                }
            } else {
                for i in 0..<length {
                    let b = data[i]
                    out.storeBytes(of: b, toByteOffset: i, as: UInt8.self)
                    any |= UInt64(b)
                    below |= b < 0x0E ? 0x80 : 0
                }
            }
            if below & 0x8080_8080_8080_8080 != 0 { countBreaks(data, length) }
            if any & 0x8080_8080_8080_8080 != 0 && (encoding == .windows1252 || !UTF8Validation.isValid(data, length)) {
                if encoding == .utf8 { summary.transcodedFields += 1 }
                appendTranscoded(data, length)
            } else {
                used += length
            }
        }
        ends[fields] = used
        fields += 1
    }

    mutating func countBreaks(_ data: UnsafeMutablePointer<UInt8>, _ length: Int) {
        var i = 0
        while i < length {
            if data[i] == 0x0A { embeddedBreaks += 1 }
            else if data[i] == 0x0D { embeddedBreaks += 1; if i + 1 < length && data[i + 1] == 0x0A { i += 1 } }
            i += 1
        }
    }

    mutating func appendTranscoded(_ data: UnsafeMutablePointer<UInt8>, _ length: Int) {
        reserve(length * 3)
        for i in 0..<length {
            let scalar = Windows1252.scalar(data[i])
            if scalar < 0x80 { bytes[used] = UInt8(scalar); used += 1 }
            else if scalar < 0x800 {
                bytes[used] = UInt8(0xC0 | (scalar >> 6)); bytes[used + 1] = UInt8(0x80 | (scalar & 0x3F)); used += 2
            } else {
                bytes[used] = UInt8(0xE0 | (scalar >> 12)); bytes[used + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                bytes[used + 2] = UInt8(0x80 | (scalar & 0x3F)); used += 3
            }
        }
    }

    mutating func endRow(_ terminator: Int32) {
        defer { fields = 0; used = 0; embeddedBreaks = 0 }
        if stopped { return }
        if fields == 0 {
            if terminator == 0x0A && lastTerminator == 0x0D {
                lastTerminator = terminator   // the LF of a CRLF
                return
            }
            summary.blankLines += 1
            line += 1
            lastTerminator = terminator
            return
        }
        let record = CSVRecord(line: line, count: fields, base: bytes, ends: ends)
        if embeddedBreaks > 0 { summary.multiLineRecords += 1 }
        line += 1 + embeddedBreaks
        lastTerminator = terminator
        summary.records += 1
        do { try body(record) } catch { self.error = error; stopped = true }
        if let maxRecords, summary.records >= maxRecords { stopped = true }
    }
}
