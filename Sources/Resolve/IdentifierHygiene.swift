import MarketShapeCore

/// Checks every identifier a payee was published with, scheme by scheme, before any of them may link payees; and
/// counts, per column and value, the placeholders and invalid values set aside (for the report's data-quality
/// section: "Supplier ID: `Redacted` on 10,344 rows, not used to link payees").
struct IdentifierHygiene {
    /// One column's value that links nothing, and how much spend carried it.
    struct Flag: Equatable {
        var column: CanonicalField
        var value: String
        /// `placeholder` or `invalid`.
        var kind: String
        var reason: String
        var payees = 0, rows = 0, pence = 0
    }

    private(set) var flags: [String: Flag] = [:]

    /// The valid value of `raw` in `column`, or nil; a placeholder or invalid value is counted.
    mutating func check(_ raw: String?, _ column: CanonicalField, rows: Int, pence: Int) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        let result: IdentifierCheck
        switch column {
        case .companyNumber: result = OrgIdentifiers.checkCompanyNumber(raw)
        case .charityNumber: result = OrgIdentifiers.checkCharityNumber(raw)
        case .vatNumber: result = OrgIdentifiers.checkVATNumber(raw)
        default: result = OrgIdentifiers.checkSupplierRef(raw)
        }
        switch result {
        case .valid(let v): return v
        case .placeholder: note(column, raw, "placeholder", "a known non-value", rows: rows, pence: pence)
        case .invalid(let why): note(column, raw, "invalid", why, rows: rows, pence: pence)
        }
        return nil
    }

    /// Counts a value set aside (by `check`, or found shared by unrelated payees).
    mutating func note(_ column: CanonicalField, _ value: String, _ kind: String, _ reason: String, rows: Int, pence: Int) {
        let key = "\(column.rawValue)\u{0}\(value)"
        var f = flags[key] ?? Flag(column: column, value: value, kind: kind, reason: reason)
        f.payees += 1; f.rows += rows; f.pence += pence
        flags[key] = f
    }
}
