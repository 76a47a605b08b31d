import Foundation

/// Where `registers fetch` downloads a register from: the publisher's address (the one documented place for them; a
/// pipeline's `register_sources:` overrides any), what the download holds, and which file of it is the register.
public struct RegisterSource: Sendable, Equatable {
    public var kind: RegisterKind
    /// The address; `{date}` is replaced by a day (`2026-12-01`) and `{month}` by the first of a month (`2026-12-01`).
    public var url: String
    /// Publishers that date their files: how far back to look when this day's or month's file is not there yet (404).
    public var lookBack: LookBack
    /// The file the register is saved as (in the pipeline's `data/registers/`, or `--dir`), unless the pipeline names one.
    public var fileName: String

    public enum LookBack: Sendable, Equatable {
        /// One fixed address.
        case none
        /// `{date}`: today, then each day before, up to this many.
        case days(Int)
        /// `{month}`: this month's first day, then the month before, up to this many.
        case months(Int)
    }

    public init(kind: RegisterKind, url: String, lookBack: LookBack = .none, fileName: String) {
        self.kind = kind; self.url = url; self.lookBack = lookBack; self.fileName = fileName
    }

    /// The publishers' addresses. The FCA mutuals register and the ONS postcode products have no stable bulk address
    /// (an export from a search page; a new portal item each release): a pipeline names its own under `register_sources:`.
    public static let defaults: [RegisterKind: RegisterSource] = [
        .companiesHouse: RegisterSource(kind: .companiesHouse, url: "https://download.companieshouse.gov.uk/BasicCompanyDataAsOneFile-{month}.zip",
                                        lookBack: .months(2), fileName: "BasicCompanyData.csv"),
        .psc: RegisterSource(kind: .psc, url: "https://download.companieshouse.gov.uk/persons-with-significant-control-snapshot-{date}.zip",
                             lookBack: .days(7), fileName: "psc-snapshot.txt"),
        .charityCommission: RegisterSource(kind: .charityCommission, url: "https://ccewuksprdoneregsadata1.blob.core.windows.net/data/txt/publicextract.charity.zip",
                                           fileName: "publicextract.charity.txt"),
    ]

    /// The file names fetched registers are saved as when the source has no default.
    public static func defaultFileName(_ kind: RegisterKind) -> String {
        defaults[kind]?.fileName ?? (kind == .fcaMutuals ? "SocietyList.csv" : kind == .postcodes ? "postcodes.csv" : "\(kind.rawValue).csv")
    }

    /// The addresses to try, newest first, for a day (`today`, UTC).
    public func candidates(today: Date) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func day(_ d: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: d)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        switch lookBack {
        case .none: return [url]
        case .days(let n):
            return (0...n).map { url.replacingOccurrences(of: "{date}", with: day(calendar.date(byAdding: .day, value: -$0, to: today)!)) }
        case .months(let n):
            let first = calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
            return (0...n).map { url.replacingOccurrences(of: "{month}", with: day(calendar.date(byAdding: .month, value: -$0, to: first)!)) }
        }
    }
}
