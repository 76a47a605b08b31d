import Foundation
import MarketShapeCore

/// Writes RFC 4180 CSV (CRLF line ends, quotes only where needed) to a file, buffered.
///
/// With `neutraliseFormulas` (files for people and their spreadsheets), a cell a spreadsheet would run as a formula
/// (starting `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'`, except plain numbers such as `-12.50`, and control
/// and bidi-control characters are removed (`DisplayText`).
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public let neutraliseFormulas: Bool

    /// Creates (or truncates) the file at `path`.
    public init(path: String, neutraliseFormulas: Bool = false) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CSVReadError(path: path, line: 0, message: "cannot write")
        }
        self.handle = handle
        self.neutraliseFormulas = neutraliseFormulas
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends one row.
    public func write(_ row: [String]) throws {
        for (i, cell) in row.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: CSVWriter.encode(cell, neutraliseFormulas: neutraliseFormulas).utf8)
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        if buffer.count > 1 << 16 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// One cell, quoted when it holds the delimiter (a comma unless said), a quote, CR or LF, or starts or ends with a
    /// space or tab.
    public static func encode(_ cell: String, neutraliseFormulas: Bool = false, delimiter: UInt8 = UInt8(ascii: ",")) -> String {
        let delimiter = UnicodeScalar(delimiter)
        var text = neutraliseFormulas ? DisplayText.clean(cell, keepNewlines: true) : cell
        if neutraliseFormulas, let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil {
            text = "'" + text
        }
        // By scalar, not Character: "\r\n" is one Character, equal to neither "\r" nor "\n".
        // Leading or trailing spaces are quoted too: readers (libcsv among them) trim them from unquoted fields.
        // (Checked without building anything: this runs for every cell of an export.)
        let scalars = text.unicodeScalars
        func isSpace(_ s: Unicode.Scalar?) -> Bool { s == " " || s == "\t" }
        if isSpace(scalars.first) || isSpace(scalars.last) || scalars.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
