import MarketShapeCore
import Warehouse

/// A file's loaded lines summed per payee (payments, net and gross pence), added up from its tallies as they are
/// handed to the writer, and stored as `stg_file_payees` when the file is read: no query sums the tallies again.
/// Payee ids are dense, so the sums are an array indexed by id.
struct PayeeSums {
    private var sums: [LineTallies.Sums] = []
    /// Ids past `denseLimit` (never in practice: ids count a warehouse's payees), kept apart so that no array grows to them.
    private var sparse: [Int: LineTallies.Sums] = [:]
    static let denseLimit = 1 << 24

    mutating func add(payee: Int, _ s: LineTallies.Sums) {
        guard payee >= 0 && payee < Self.denseLimit else {
            sparse[payee, default: LineTallies.Sums()].payments += s.payments
            sparse[payee]!.net += s.net
            sparse[payee]!.gross += s.gross
            return
        }
        if payee >= sums.count { sums += Array(repeating: LineTallies.Sums(), count: max(payee + 1 - sums.count, sums.count)) }
        sums[payee].payments += s.payments
        sums[payee].net += s.net
        sums[payee].gross += s.gross
    }

    /// Adds another part's sums.
    mutating func add(_ other: PayeeSums) {
        for (payee, s) in other.sums.enumerated() where s.payments > 0 { add(payee: payee, s) }
        for (payee, s) in other.sparse { add(payee: payee, s) }
    }

    /// Inserts one `stg_file_payees` row per payee with a loaded line, in payee order.
    func store(fileID: Int, in warehouse: any WarehouseStore) throws {
        let insert = try warehouse.prepare("INSERT INTO stg_file_payees (file_id, payee_id, payments_count, net_pence, gross_pence) VALUES (?,?,?,?,?)")
        let rows = sums.enumerated().filter { $0.element.payments > 0 }.map { (payee: $0.offset, sums: $0.element) }
            + sparse.sorted { $0.key < $1.key }.map { (payee: $0.key, sums: $0.value) }
        for (payee, s) in rows {
            insert.bind(1, fileID)
            insert.bind(2, payee)
            insert.bind(3, s.payments)
            insert.bind(4, s.net)
            insert.bind(5, s.gross)
            try insert.run()
        }
    }
}
