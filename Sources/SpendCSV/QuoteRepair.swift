#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Mends a quoted field that goes on after its closing quote, `"Quoted" Trailing Ltd`, before libcsv reads it.
///
/// libcsv, not strict, reads the text after such a closing quote as the quoted field going on, so the field swallows
/// the delimiters and line breaks after it up to the next quote in the file, and usually to its end. Python's `csv`
/// reads it as one field, `Quoted Trailing Ltd`; so does this: the closing quote is dropped, and the field is closed
/// before the delimiter or line break that ends it (a quote inside the rest is doubled). Line breaks are never added
/// or removed, so physical line numbers stay right. Only files whose sample shows the quirk are read through it.
public struct QuoteRepair: Sendable {
    private enum State: Equatable { case fieldStart, unquoted, quoted, quoteSeen, spacesAfterQuote(Int), goingOn }
    private var state = State.fieldStart
    private let delimiter: UInt8, quote: UInt8
    /// Fields mended so far.
    public private(set) var repairs = 0
    /// The physical line of the first field mended (1-based), counted from the first byte given.
    public private(set) var firstLine: Int?
    private var line = 1

    public init(delimiter: UInt8, quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter; self.quote = quote
    }

    /// How many fields of `sample` go on after their closing quote, and the line of the first.
    public static func count(_ sample: [UInt8], delimiter: UInt8, quote: UInt8 = UInt8(ascii: "\"")) -> (repairs: Int, firstLine: Int?) {
        var repair = QuoteRepair(delimiter: delimiter, quote: quote)
        var sink: [UInt8] = []
        sink.reserveCapacity(1 << 16)
        var at = 0
        while at < sample.count {
            let end = min(at + (1 << 16), sample.count)
            sample.withUnsafeBufferPointer { repair.mend(UnsafeBufferPointer(rebasing: $0[at..<end]), into: &sink) }
            sink.removeAll(keepingCapacity: true)
            at = end
        }
        return (repair.repairs, repair.firstLine)
    }

    /// How many fields of the file at `path` go on after their closing quote, and the line of the first (read in
    /// chunks; nothing is kept).
    public static func count(path: String, delimiter: UInt8, quote: UInt8 = UInt8(ascii: "\"")) throws -> (repairs: Int, firstLine: Int?) {
        guard let file = fopen(path, "rb") else { throw CSVReadError(path: path, line: 0, message: "cannot open") }
        defer { fclose(file) }
        var repair = QuoteRepair(delimiter: delimiter, quote: quote)
        var chunk = [UInt8](repeating: 0, count: 1 << 20), sink: [UInt8] = []
        sink.reserveCapacity(1 << 21)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { repair.mend(UnsafeBufferPointer(rebasing: $0[..<n]), into: &sink) }
            sink.removeAll(keepingCapacity: true)
        }
        return (repair.repairs, repair.firstLine)
    }

    /// Appends `input`, mended, to `out`.
    public mutating func mend(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        for c in input {
            let ends = c == delimiter || c == 0x0A || c == 0x0D
            // libcsv skips spaces (and tabs, unless tab is the delimiter) before a field and after its closing quote.
            let space = c == 0x20 || (c == 0x09 && delimiter != 0x09)
            switch state {
            case .fieldStart:
                state = c == quote ? .quoted : ends || space ? .fieldStart : .unquoted
                out.append(c)
            case .unquoted:
                if ends { state = .fieldStart }
                out.append(c)
            case .quoted:
                if c == quote { state = .quoteSeen } else { out.append(c) }
            case .quoteSeen:
                if c == quote { out.append(quote); out.append(quote); state = .quoted }
                else if ends { out.append(quote); out.append(c); state = .fieldStart }
                else if space { state = .spacesAfterQuote(1) }
                else { goOn(after: 0, c, &out) }
            case .spacesAfterQuote(let n):
                // `"Acme" ,` is one field to libcsv already; `"Acme" Ltd` goes on.
                if space { state = .spacesAfterQuote(n + 1) }
                else if ends {
                    out.append(quote)
                    for _ in 0..<n { out.append(0x20) }
                    out.append(c)
                    state = .fieldStart
                } else { goOn(after: n, c, &out) }
            case .goingOn:
                if c == quote { out.append(quote); out.append(quote) }
                else if ends { out.append(quote); out.append(c); state = .fieldStart }
                else { out.append(c) }
            }
            if c == 0x0A { line += 1 }
        }
    }

    /// Text after a closing quote (and `spaces` spaces): the quote is dropped and the field goes on, still open to
    /// libcsv, to be closed before the delimiter or line break that ends it.
    private mutating func goOn(after spaces: Int, _ c: UInt8, _ out: inout [UInt8]) {
        repairs += 1
        if firstLine == nil { firstLine = line }
        for _ in 0..<spaces { out.append(0x20) }
        if c == quote { out.append(quote) }
        out.append(c)
        state = .goingOn
    }

    /// What must follow the last byte: the closing quote of a field the input ended in.
    public mutating func finish(into out: inout [UInt8]) {
        switch state {
        case .quoteSeen, .goingOn: out.append(quote)
        case .spacesAfterQuote(let n): out.append(quote); for _ in 0..<n { out.append(0x20) }
        default: break
        }
        state = .fieldStart
    }
}
