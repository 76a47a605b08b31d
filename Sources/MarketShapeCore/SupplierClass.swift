/// What a piece of supplier evidence (`supplier_evidence.classification`) is about: one vocabulary for the stages
/// that write evidence, the data tests that check it and the readers that show it.
public enum SupplierClass: String, CaseIterable, Sendable, Codable {
    /// How the payees became this supplier (resolve).
    case resolution
    case local, sme, vcse
    case publicBody = "public_body"
    case ownership
    /// The owner group: the chain of majority controllers to the ultimate owner (PSC register).
    case ownerGroup = "owner_group"
    /// Why a payment's scope was not what the analyst's column said (classify).
    case scope

    /// The yes/no classes a supplier carries in `dim_suppliers`, each with its column.
    public static let flags: [(SupplierClass, column: String)] = [(.local, "is_local"), (.sme, "is_sme"), (.vcse, "is_vcse"), (.publicBody, "is_public_body")]

    /// The classes a supplier is described by (the flags and its ownership), as SQL text literals: `'local', 'sme', …`.
    public static var describedSQL: String { (flags.map(\.0) + [.ownership]).map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}
