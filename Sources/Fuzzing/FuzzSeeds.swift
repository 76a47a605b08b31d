import Foundation

/// The inputs each target's mutations start from: the cases the hardening issue found, the forms DOMAIN.md lists,
/// and for the file targets the quirk fixtures (one quirk each) and any corpus folder given.
public enum FuzzSeeds {
    static let amounts = ["1,23", "12,3456", "£1,2,3", "(-5)", "(5)CR", "-5CR", "5CR-", "1,234.56", "£1,234,567.89", "(123.45)",
                          "-12.50", "12.50-", "519.89CR", "100DR", " £ 5 ", "0.005", "1.2345", "#N/A", "", "ten pounds",
                          "\u{a3}12", "1e3", "+5", "--5", "1,,000", ".5", "5.", "99999999999999999.99"]
    static let dates = ["-1/01/2026", "01//01/2026", "01/01/2026 junk", "02/01/2026", "2/1/26", "12/25/2025", "2026-01-02",
                        "2026-01-02T10:00:00Z", "2026-01-02 09:30:00.000", "02-Jan-26", "2 Jan 2026", "02-Sept-2026", "202601",
                        "31/02/2026", "29/02/2024", "29/02/2025", "00/01/2026", "01/13/2026", "01/01/0000", "02/01/2026 2:05 PM"]
    static let identifiers = ["01234567", "1234567", "SC123456", "NI012345", "OC301234", "R0000000", "00000000", "N/A",
                              "1123456", "1123456-1", "GB 123 4567 89", "GB123456789", "123456789", "NW1 8NP", "nw18np",
                              "EC1A 1BB", "GIR 0AA", "JN393272A", "Redacted", "TBC", "0", " 0123456 "]

    /// The built-in seeds of `target`, plus the files in `corpus` folders for the file targets.
    public static func seeds(for target: FuzzTarget, corpus: [String]) -> [[UInt8]] {
        switch target {
        case .amount: return amounts.map { Array($0.utf8) }
        case .date: return dates.map { Array($0.utf8) }
        case .identifier: return identifiers.map { Array($0.utf8) }
        case .csv, .spendFile:
            var files: [[UInt8]] = ["Date,Supplier Name,Amount\r\n02/01/2026,ACME LTD,1.00\r\n"].map { Array($0.utf8) }
            for folder in corpus {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
                for name in names where name.hasSuffix(".csv") {
                    // Cut to 64 KiB: mutations find more in many small files than in a few large ones.
                    if let data = FileManager.default.contents(atPath: folder + "/" + name) { files.append(Array(data.prefix(64 << 10))) }
                }
            }
            return files
        }
    }
}
