import Foundation
import MarketShapeCore
import ZIPFoundation

/// A small Office Open XML spreadsheet writer (ECMA-376, SpreadsheetML): sheets of typed cells with a frozen header
/// row, money in pounds with a currency format, shares as percentages. ZIPFoundation writes the zip; the parts are
/// written here because no maintained Swift xlsx writer is available to this project (CoreXLSX only reads).
/// Text is written as inline strings, so no cell is ever a formula, and the output is deterministic: the same
/// sheets give the same parts, with the zip entries' dates pinned.
public struct XLSXWorkbook {
    /// One cell's value and how it is shown.
    public enum Cell: Equatable {
        case text(String)
        /// Money in pence, shown as pounds (`£1,234.56`).
        case pounds(Pence)
        /// A fraction shown as a percentage (`12.3%`).
        case share(Double)
        case integer(Int)
        /// A plain number shown with `decimals` places.
        case number(Double, decimals: Int)
        case empty
    }

    public struct Sheet {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    public var sheets: [Sheet] = []

    public init(sheets: [Sheet] = []) { self.sheets = sheets }

    /// Style indexes in `styles.xml`: 0 plain, 1 bold header, 2 pounds, 3 percent, 4 integer, 5 two decimals, 6 no decimals.
    static func style(_ cell: Cell) -> Int {
        switch cell {
        case .text, .empty: return 0
        case .pounds: return 2
        case .share: return 3
        case .integer: return 4
        case .number(_, let decimals): return decimals == 0 ? 6 : 5
        }
    }

    /// Every part of the package by its path, in the order written.
    public func parts() -> [(path: String, xml: String)] {
        let names = uniqueNames()
        var parts: [(String, String)] = [
            ("[Content_Types].xml", Self.head + """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                \(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
                </Types>
                """),
            ("_rels/.rels", Self.head + """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """),
            ("xl/workbook.xml", Self.head + """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <bookViews><workbookView/></bookViews><sheets>\
                \(names.enumerated().map { "<sheet name=\"\(Self.escape($0.element))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())\
                </sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", Self.head + """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
                <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """),
            ("xl/styles.xml", Self.head + """
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0.00;[Red]\\-&quot;£&quot;#,##0.00"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>\
                <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="7">\
                <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
                <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
                <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
                <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
                <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
                <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
                </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
                </styleSheet>
                """),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", Self.worksheet(sheet))) }
        return parts
    }

    /// Writes the workbook to `path` (replacing any file there).
    public func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        // Pinned, so that the same report gives the same bytes.
        let date = Date(timeIntervalSince1970: 1_577_836_800)
        for part in parts() {
            let data = Data(part.xml.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, each different.
    func uniqueNames() -> [String] {
        var seen = Set<String>()
        return sheets.map { sheet in
            var name = String(sheet.name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
            if name.isEmpty { name = "Sheet" }
            var candidate = name, n = 2
            while !seen.insert(candidate.lowercased()).inserted { candidate = String(name.prefix(28)) + " \(n)"; n += 1 }
            return candidate
        }
    }

    static let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func worksheet(_ sheet: Sheet) -> String {
        let widths = sheet.header.indices.map { c -> Int in
            let longest = ([sheet.header[c].count] + sheet.rows.prefix(200).map { row in
                guard c < row.count else { return 0 }
                switch row[c] {
                case .text(let s): return s.count
                case .pounds: return 14
                default: return 10
                }
            }).max() ?? 10
            return min(60, max(8, longest + 2))
        }
        var x = head + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        x += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        x += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        x += widths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>" }.joined()
        x += "</cols><sheetData>"
        x += row(1, sheet.header.map { .text($0) }, header: true)
        for (i, r) in sheet.rows.enumerated() { x += row(i + 2, r, header: false) }
        return x + "</sheetData></worksheet>"
    }

    static func row(_ number: Int, _ cells: [Cell], header: Bool) -> String {
        var x = "<row r=\"\(number)\">"
        for (c, cell) in cells.enumerated() {
            let ref = column(c) + String(number)
            let s = header ? 1 : style(cell)
            switch cell {
            case .empty: continue
            case .text(let text): x += "<c r=\"\(ref)\" s=\"\(s)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
            case .pounds(let pence): x += "<c r=\"\(ref)\" s=\"\(s)\"><v>\(decimalPounds(pence))</v></c>"
            case .share(let v), .number(let v, _):
                guard v.isFinite else { continue }
                x += "<c r=\"\(ref)\" s=\"\(s)\"><v>\(String(format: "%.12g", v))</v></c>"
            case .integer(let n): x += "<c r=\"\(ref)\" s=\"\(s)\"><v>\(n)</v></c>"
            }
        }
        return x + "</row>"
    }

    /// Pence as an exact decimal number of pounds: `-1234` → `-12.34`.
    static func decimalPounds(_ pence: Pence) -> String {
        let m = pence.magnitude
        return "\(pence < 0 ? "-" : "")\(m / 100).\(m % 100 < 10 ? "0" : "")\(m % 100)"
    }

    /// `A`, …, `Z`, `AA`, … for a zero-based column.
    static func column(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Escapes XML text and drops control and bidi-control characters (XML 1.0 cannot hold the first; the second would
    /// reorder what a reader sees).
    static func escape(_ text: String) -> String {
        let s = DisplayText.clean(text, keepNewlines: true)
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // DisplayText has taken out every control character but the newline; XML 1.0 cannot hold U+FFFE or U+FFFF.
                if (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
