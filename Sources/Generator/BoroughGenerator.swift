import Foundation
import MarketShapeCore

/// Writes a synthetic borough: monthly spend files in a real council layout with the quirks real
/// files have, the registers that say who its suppliers are (in their real layouts), a service-to-place
/// mapping, and the truth of every supplier's classes. The same seed gives byte-identical files.
public struct BoroughGenerator {
    public let seed: UInt64
    public let rows: Int
    public let months: Int
    public let startYear: Int
    public let startMonth: Int

    /// `start` is `yyyy-mm`.
    public init(seed: UInt64, rows: Int, months: Int, start: String) throws {
        let parts = start.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]), months >= 1, rows >= months else {
            throw GeneratorError.badArguments("need --start yyyy-mm, --months ≥ 1 and --rows ≥ months")
        }
        self.seed = seed; self.rows = rows; self.months = months; self.startYear = parts[0]; self.startMonth = parts[1]
    }

    /// Writes everything under `folder` and returns a summary for people. `rowsWritten` is told the rows written so
    /// far every few thousand rows (a progress line).
    public func write(to folder: String, rowsWritten: (Int) -> Void = { _ in }) throws -> String {
        var random = SeededRandom(seed: seed)
        var factory = SupplierFactory(random: SeededRandom(seed: seed ^ 0x5EED))
        // Supplier pools per service; some suppliers serve several services.
        var suppliers: [SyntheticSupplier] = []
        var pools: [[Int]] = []
        for service in BoroughModel.services {
            var pool: [Int] = []
            let size = max(4, service.weight * 3)
            for _ in 0..<size {
                if !suppliers.isEmpty && random.chance(0.12) {
                    let shared = random.int(0...suppliers.count - 1)
                    if service.kinds.contains(where: { $0.0 == suppliers[shared].kind }) && !pool.contains(shared) { pool.append(shared); continue }
                }
                let kind = weightedKind(service.kinds, &random)
                suppliers.append(factory.make(kind: kind))
                pool.append(suppliers.count - 1)
            }
            pools.append(pool)
        }
        // Purchase-card merchants.
        var merchants: [Int] = []
        for kind in [SupplierKind.plc, .plc, .sme] { suppliers.append(factory.make(kind: kind)); merchants.append(suppliers.count - 1) }
        // Where each homecare and repairs supplier works.
        let localities = suppliers.indices.map { _ in Array(BoroughModel.homecareLocalities.indices.shuffled(using: &random).prefix(random.int(1...3))) }
        let estates = suppliers.indices.map { _ in Array(BoroughModel.estates.indices.shuffled(using: &random).prefix(random.int(1...3))) }

        let fm = FileManager.default
        for sub in ["spend", "registers"] { try fm.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true) }
        var written: [String] = []
        var transaction = 700_000
        let totalWeight = BoroughModel.services.map(\.weight).reduce(0, +)
        for m in 0..<months {
            let year = startYear + (startMonth - 1 + m) / 12, month = (startMonth - 1 + m) % 12 + 1
            let monthKey = "\(year)-\(month < 10 ? "0" : "")\(month)"
            var text = "\u{feff}"
            if m == 1 { text += "\(BoroughModel.bodyName) - payments to suppliers - \(monthKey)\r\n\r\n" }
            text += SpendLayout.header.joined(separator: ",") + "\r\n"
            let count = rows / months + (m < rows % months ? 1 : 0)
            for _ in 0..<count {
                transaction += 1
                if (transaction - 700_000) % 4096 == 0 { rowsWritten(transaction - 700_000) }
                var pick = random.int(0...totalWeight - 1)
                var s = 0
                while pick >= BoroughModel.services[s].weight { pick -= BoroughModel.services[s].weight; s += 1 }
                let service = BoroughModel.services[s]
                let isCard = random.chance(0.04)
                let supplierIndex = isCard ? random.pick(merchants) : pools[s][random.zipf(pools[s].count)]
                let supplier = suppliers[supplierIndex]
                var amount = isCard ? random.int(500...40_000) : random.amount(median: service.medianPounds, spread: 1.0)
                let isCredit = !isCard && random.chance(0.015)
                if isCredit { amount = -amount }
                let redacted = ["Homecare", "Fostering", "Supported Living"].contains(service.name) && random.chance(0.03)
                let costCentre: String
                switch service.name {
                case "Homecare": costCentre = BoroughModel.homecareLocalities[random.pick(localities[supplierIndex])].costCentre
                case "Housing Repairs": costCentre = BoroughModel.estates[random.pick(estates[supplierIndex])].costCentre
                default: costCentre = "\(service.name.prefix(2).uppercased())-\(100 + s)"
                }
                let row = SpendLayout.row(date: weekday(year: year, month: month, &random), transaction: transaction, isCredit: isCredit,
                                          amount: amount, supplier: supplier, redacted: redacted, service: service, costCentre: costCentre,
                                          isCard: isCard, random: &random)
                text += row.map(SpendLayout.quote).joined(separator: ",") + "\r\n"
            }
            let path = "\(folder)/spend/camden_synthetic_spend_\(monthKey).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            written.append(path)
            rowsWritten(transaction - 700_000)
        }
        RegisterWriters.assignParents(&suppliers)
        try RegisterWriters.write(suppliers: suppliers, folder: folder)
        try RegisterWriters.writePSC(suppliers: suppliers, folder: folder)
        try RegisterWriters.writeInvestmentFirms(folder: folder)
        try RegisterWriters.writePlaces(folder: folder)
        try RegisterWriters.writeTruth(suppliers: suppliers, folder: folder)
        return "wrote \(written.count) monthly spend files (\(rows) rows), registers for \(suppliers.count) suppliers, places.csv and truth.csv under \(folder) (seed \(seed))"
    }

    func weightedKind(_ kinds: [(SupplierKind, Int)], _ random: inout SeededRandom) -> SupplierKind {
        var pick = random.int(0...kinds.map(\.1).reduce(0, +) - 1)
        for (kind, w) in kinds { if pick < w { return kind }; pick -= w }
        return kinds[0].0
    }

    /// A weekday in the month, as dd/mm/yyyy.
    func weekday(year: Int, month: Int, _ random: inout SeededRandom) -> String {
        let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        while true {
            let d = random.int(1...days)
            // Sakamoto's algorithm: 0 = Sunday.
            let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
            let y = month < 3 ? year - 1 : year
            let dow = (y + y / 4 - y / 100 + y / 400 + t[month - 1] + d) % 7
            if dow != 0 && dow != 6 { return "\(d < 10 ? "0" : "")\(d)/\(month < 10 ? "0" : "")\(month)/\(year)" }
        }
    }
}

/// Bad generator arguments.
public enum GeneratorError: Error, CustomStringConvertible, ExitStatusProviding {
    case badArguments(String)
    public var exitStatus: ExitStatus { .badUsage }
    public var description: String { switch self { case .badArguments(let s): return s } }
}
