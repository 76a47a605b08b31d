import Warehouse

/// What the marts need to know of each supplier in `dim_suppliers`, by supplier key: its local, SME and VCSE
/// classes (nil when unknown) and its ownership model.
struct SupplierFacts {
    struct Facts {
        var isLocal: Bool?, isSME: Bool?, isVCSE: Bool?
        var ownership: String?
    }

    private var facts: [Facts?] = []

    static func load(_ w: WarehouseStore) throws -> SupplierFacts {
        var all = SupplierFacts()
        for r in try w.query("SELECT supplier_key, is_local, is_sme, is_vcse, ownership FROM dim_suppliers") {
            guard let key = r[0].int, key >= 0 else { continue }
            if all.facts.count <= key { all.facts.append(contentsOf: repeatElement(nil, count: key + 1 - all.facts.count)) }
            all.facts[key] = Facts(isLocal: r[1].int.map { $0 == 1 }, isSME: r[2].int.map { $0 == 1 }, isVCSE: r[3].int.map { $0 == 1 },
                                   ownership: r[4].string)
        }
        return all
    }

    /// The facts of supplier `key`; nil for the redacted payees, the payees with no supplier (negative keys) and
    /// a key not in `dim_suppliers`, as a LEFT JOIN would give.
    subscript(_ key: Int32) -> Facts? {
        key >= 0 && Int(key) < facts.count ? facts[Int(key)] : nil
    }
}
