/// Mends a quoted field that goes on after its closing quote, `"Quoted" Trailing Ltd`, before libcsv reads it.
///
/// libcsv, not strict, reads the text after such a closing quote as the quoted field going on, so the field swallows
/// the delimiters and line breaks after it up to the next quote in the file, and usually to its end. Python's `csv`
/// reads it as one field, `Quoted Trailing Ltd`; so does this: the closing quote is dropped, and the field is closed
/// before the delimiter or line break that ends it (a quote inside the rest is doubled). Line breaks are never added
/// or removed, so physical line numbers stay right. Only files whose sample shows the quirk are read through it.
public struct QuoteRepair: Sendable {
    private enum State { case fieldStart, unquoted, quoted, quoteSeen, goingOn }
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

    /// Appends `input`, mended, to `out`.
    public mutating func mend(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        for c in input {
            let ends = c == delimiter || c == 0x0A || c == 0x0D
            switch state {
            case .fieldStart:
                state = c == quote ? .quoted : ends ? .fieldStart : .unquoted
                out.append(c)
            case .unquoted:
                if ends { state = .fieldStart }
                out.append(c)
            case .quoted:
                if c == quote { state = .quoteSeen } else { out.append(c) }
            case .quoteSeen:
                if c == quote { out.append(quote); out.append(quote); state = .quoted }
                else if ends { out.append(quote); out.append(c); state = .fieldStart }
                else {
                    // Text after the closing quote: the field goes on, still open to libcsv.
                    repairs += 1
                    if firstLine == nil { firstLine = line }
                    out.append(c)
                    state = .goingOn
                }
            case .goingOn:
                if c == quote { out.append(quote); out.append(quote) }
                else if ends { out.append(quote); out.append(c); state = .fieldStart }
                else { out.append(c) }
            }
            if c == 0x0A { line += 1 }
        }
    }

    /// What must follow the last byte: the closing quote of a field the input ended in.
    public mutating func finish(into out: inout [UInt8]) {
        if state == .quoteSeen || state == .goingOn { out.append(quote) }
        state = .fieldStart
    }
}
