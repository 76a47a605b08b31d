import Warehouse

/// What the marts need to know of each supplier in `dim_suppliers`, by the supplier's rank in the aggregation
/// (`SegmentAggregation.supplierKeys`): its local, SME and VCSE classes (nil when unknown) and its ownership model.
struct SupplierFacts {
    struct Facts {
        var isLocal: Bool?, isSME: Bool?, isVCSE: Bool?
        var ownership: String?
    }

    private var facts: [Facts?] = []

    static func load(_ w: WarehouseStore, keys: [Int]) throws -> SupplierFacts {
        var all = SupplierFacts()
        let rankOfKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
        all.facts = Array(repeating: nil, count: keys.count)
        for r in try w.query("SELECT supplier_key, is_local, is_sme, is_vcse, ownership, coalesce(is_public_body, 0) FROM dim_suppliers") {
            guard let key = r[0].int.flatMap({ rankOfKey[$0] }) else { continue }
            // A public body is neither SME nor VCSE nor their opposite: it never sits in those shares' denominators,
            // even when the pipeline measures public-sector spend too.
            let isPublic = r[5].int == 1
            all.facts[key] = Facts(isLocal: r[1].int.map { $0 == 1 }, isSME: isPublic ? nil : r[2].int.map { $0 == 1 },
                                   isVCSE: isPublic ? nil : r[3].int.map { $0 == 1 }, ownership: r[4].string)
        }
        return all
    }

    /// The facts of the supplier of rank `key`; nil for the redacted payees and the payees with no supplier (negative
    /// ranks), as a LEFT JOIN would give.
    subscript(_ key: Int32) -> Facts? {
        key >= 0 && Int(key) < facts.count ? facts[Int(key)] : nil
    }
}
