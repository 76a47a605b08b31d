import MarketShapeCore

/// A file given as spend that is plainly no CSV: a workbook, a zip, a PDF or a web page saved under a `.csv` name
/// (a download that failed or asked for a login). Said as what it is, not as headers that map to nothing.
public struct NotCSVError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    /// What the file is, and what to do about it.
    public var kind: (what: String, advice: String)

    public var exitStatus: ExitStatus { .dataQuality }
    public var description: String { "\(path): this is \(kind.what), not a CSV file: \(kind.advice)" }

    /// The kind of file the first bytes say it is, when it is one of those; nil for anything that may be text.
    public static func kind(of sample: [UInt8]) -> (what: String, advice: String)? {
        if sample.starts(with: [0x50, 0x4B, 0x03, 0x04]) || sample.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return ("a zip archive (an .xlsx or .ods workbook, or a zipped download)", "unzip it, or open it and save the sheet as CSV")
        }
        if sample.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return ("an Excel 97–2003 workbook (.xls)", "open it and save the sheet as CSV") }
        if sample.starts(with: Array("%PDF".utf8)) { return ("a PDF document", "ask the council for the CSV, or use its open-data download") }
        // A web page: after any byte-order mark and white space, `<!DOCTYPE html`, `<html` or `<?xml … <html`.
        var text = sample.prefix(512)
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        let start = String(decoding: text.drop { [0x20, 0x09, 0x0D, 0x0A].contains($0) }, as: UTF8.self).lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || (start.hasPrefix("<?xml") && start.contains("<html")) {
            return ("a web page (HTML)", "the download probably failed or needed a login; fetch the file again from the council's open-data page")
        }
        return nil
    }
}
