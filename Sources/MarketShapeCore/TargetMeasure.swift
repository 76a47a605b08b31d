/// The measures a target can name in a pipeline file.
public enum TargetMeasure {
    /// Shares (0–1) of the spend whose class is known, and concentration measures.
    public static let shareMeasures = ["local_share", "sme_share", "vcse_share", "sme_vcse_share"]
    public static let concentrationMeasures = ["hhi", "cr4"]
    /// `<ownership>_share`, e.g. `private_equity_share`, `cooperative_share`, `employee_owned_share`.
    public static let ownershipModels = ["independent", "private-equity", "employee-owned", "co-operative", "plc-listed", "public", "charity", "sole-trader"]

    public static var names: [String] {
        shareMeasures + concentrationMeasures + ownershipModels.map { ownershipMeasure($0) }
    }

    /// `private-equity` → `private_equity_share`.
    public static func ownershipMeasure(_ model: String) -> String {
        model.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: "co_operative", with: "cooperative") + "_share"
    }

    /// The ownership model a measure names, if it is an ownership share.
    public static func ownershipModel(of measure: String) -> String? {
        ownershipModels.first { ownershipMeasure($0) == measure }
    }

    public static func isKnown(_ measure: String) -> Bool { names.contains(measure) }

    /// `all`, a segment kind (`service`), or `kind=value` (`service=Homecare`).
    public static func isValidSegment(_ segment: String) -> Bool {
        let kinds = [SegmentKind.all, "directorate", "service", "expense_type", "category", "cost_centre", "capital_revenue"]
        let kind = segment.split(separator: "=", maxSplits: 1).first.map(String.init) ?? segment
        return kinds.contains(kind) || SegmentKind.placeLevel(of: kind) != nil
    }
}
