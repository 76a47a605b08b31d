/// Why a row was set aside rather than loaded. Every set-aside row carries one.
public enum RejectReason: String, Sendable, CaseIterable {
    /// The row's field count differs from the header's (fields may have shifted).
    case raggedRow = "ragged_row"
    /// Every field is empty.
    case blankRow = "blank_row"
    case amountMissing = "amount_missing"
    case amountInvalid = "amount_invalid"
    case dateMissing = "date_missing"
    case dateInvalid = "date_invalid"
    /// A row with no date or payee whose amount equals the sum of the rows loaded above it.
    case totalRow = "total_row"
    /// No payee name and not a redaction.
    case supplierMissing = "supplier_missing"
}
