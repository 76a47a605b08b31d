/// Whether a segment value (a service, an expense type) is a code rather than a name: no spaces, up to 12
/// characters, with a digit (`A61060`, `4`), or up to 4 capital letters (`ITD`, `HCC`).
public enum SegmentCode {
    /// The segment of a payment whose file gives that column no value.
    public static let none = "(none)"

    public static func isCode(_ value: String) -> Bool {
        guard !value.isEmpty, value.count <= 12, !value.contains(" ") else { return false }
        return value.contains(where: \.isNumber) || (value.count <= 4 && value.allSatisfy { $0.isUppercase || $0.isNumber })
    }
}
