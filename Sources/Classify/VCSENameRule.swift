/// Recognises a community interest company by its name, the weakest VCSE evidence: used only when no register
/// or council flag says anything.
public enum VCSENameRule {
    /// True for `… CIC` and `… COMMUNITY INTEREST COMPANY` (a normalised name).
    public static func isCommunityInterestCompany(_ normalisedName: String) -> Bool {
        normalisedName.hasSuffix(" CIC") || normalisedName.contains("COMMUNITY INTEREST COMPANY") || normalisedName.hasPrefix("CIC ")
    }
}
