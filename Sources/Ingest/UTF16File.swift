import Foundation

/// A spend file saved as UTF-16 (Excel's "Unicode text"), little- or big-endian, with or without a byte-order mark:
/// libcsv reads bytes, and UTF-16's NUL bytes are no CSV, so the file is read through a UTF-8 copy. The copy keeps
/// every line where it was, so line numbers stay the original file's; the file's identity (path, SHA-256) is the
/// original's.
struct UTF16File {
    /// `UTF-16 LE` or `UTF-16 BE`, as the run says it.
    let name: String
    /// The UTF-8 copy to read (a temporary file the caller removes).
    let copy: String

    /// The encoding of the file's first bytes, when they are UTF-16: a byte-order mark, or (without one) NUL in most
    /// odd or most even positions of the first 512 bytes.
    static func detect(_ head: [UInt8]) -> String.Encoding? {
        if head.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if head.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        let sample = head.prefix(512)
        guard sample.count >= 8 else { return nil }
        let pairs = sample.count / 2
        let oddNUL = stride(from: 1, to: pairs * 2, by: 2).filter { sample[sample.startIndex + $0] == 0 }.count
        let evenNUL = stride(from: 0, to: pairs * 2, by: 2).filter { sample[sample.startIndex + $0] == 0 }.count
        if oddNUL * 10 >= pairs * 8 && evenNUL * 10 < pairs { return .utf16LittleEndian }
        if evenNUL * 10 >= pairs * 8 && oddNUL * 10 < pairs { return .utf16BigEndian }
        return nil
    }

    /// A UTF-8 copy of `path` when it is UTF-16, else nil. Throws when it says it is UTF-16 but does not decode.
    static func utf8Copy(of path: String) throws -> UTF16File? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let head = [UInt8](handle.readData(ofLength: 512))
        try? handle.close()
        guard let encoding = detect(head) else { return nil }
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { data.removeFirst(2) }
        guard let text = String(data: data, encoding: encoding) else {
            throw UTF16DecodeError(path: path, encoding: encoding == .utf16LittleEndian ? "UTF-16 LE" : "UTF-16 BE")
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-utf8-\(getpid())-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: copy))
        return UTF16File(name: encoding == .utf16LittleEndian ? "UTF-16 LE" : "UTF-16 BE", copy: copy)
    }
}

/// A file that looks like UTF-16 but holds bytes that are not.
struct UTF16DecodeError: Error, CustomStringConvertible {
    var path: String
    var encoding: String
    var description: String { "\(path): looks like \(encoding) (Excel's Unicode text) but does not decode as it: save it again as CSV UTF-8" }
}
