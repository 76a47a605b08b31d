import Foundation
import MarketShapeCore
import SpendCSV

/// A mapping of service names to common market categories, so that bodies that name their services differently can be
/// compared in the same market: a CSV of `pattern,category` (patterns are `*`/`?` globs, case-insensitive, over the
/// whole service name; the first that matches decides). `data/registers/market-categories.csv` is MarketShape's own
/// broad mapping (adult social care, children's social care, waste, highways…), not the LGA's Proclass; edit or replace it.
public struct MarketCategories: Sendable, Equatable {
    public var rules: [(pattern: String, category: String)]

    public static func == (a: MarketCategories, b: MarketCategories) -> Bool { a.rules.map { $0.pattern + "\u{1}" + $0.category } == b.rules.map { $0.pattern + "\u{1}" + $0.category } }

    public init(rules: [(pattern: String, category: String)]) { self.rules = rules }

    /// Reads the mapping; a file without `pattern` and `category` columns is an error naming the file.
    public static func load(path: String) throws -> MarketCategories {
        var rules: [(String, String)] = []
        var header: [String]? = nil
        try CSVReader(dialect: CSVDialect(delimiter: UInt8(ascii: ","), encoding: .utf8)).read(path: path) { record in
            let fields = record.strings.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let h = header else {
                header = fields.map { $0.lowercased() }
                guard header!.contains("pattern") && header!.contains("category") else {
                    throw MarketCategoriesError(path: path, message: "no pattern and category columns (the header is \(fields.joined(separator: ",")))")
                }
                return
            }
            let p = h.firstIndex(of: "pattern")!, c = h.firstIndex(of: "category")!
            if fields.count > max(p, c), !fields[p].isEmpty, !fields[c].isEmpty { rules.append((fields[p], fields[c])) }
        }
        return MarketCategories(rules: rules)
    }

    /// The category of a service, if a rule matches.
    public func category(of service: String) -> String? {
        rules.first { Glob.matches($0.pattern, service) }?.category
    }
}

/// A market-category mapping that cannot be read.
public struct MarketCategoriesError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    public var message: String
    public var exitStatus: ExitStatus { .badUsage }
    public var description: String { "\(path): \(message)" }
}
