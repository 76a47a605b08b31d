/// The US 2023 merger-guidelines bands of an HHI (DOMAIN.md), one wording for the marts and the reports.
public enum ConcentrationBand {
    /// `highly concentrated` above 1,800, `moderately concentrated` from 1,000, else `unconcentrated`.
    public static func of(_ hhi: Double) -> String {
        hhi > 1800 ? "highly concentrated" : hhi >= 1000 ? "moderately concentrated" : "unconcentrated"
    }
}
