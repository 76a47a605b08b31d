/// Recognises public bodies by name, so councils, NHS bodies, schools and departments are not
/// counted as private suppliers.
public enum PublicBodyRule {
    /// Phrases of a public body's name (matched on the normalised name, as whole words).
    public static let phrases = ["COUNCIL", "NHS", "HMRC", "HM REVENUE", "DEPARTMENT FOR", "DEPARTMENT OF", "MINISTRY OF",
                                 "POLICE", "FIRE AND RESCUE", "PRIMARY SCHOOL", "SECONDARY SCHOOL", "HIGH SCHOOL", "INFANT SCHOOL",
                                 "JUNIOR SCHOOL", "NURSERY SCHOOL", "ACADEMY TRUST", "FOUNDATION TRUST", "INTEGRATED CARE BOARD",
                                 "CLINICAL COMMISSIONING", "ENVIRONMENT AGENCY", "PENSION FUND", "COMBINED AUTHORITY", "HOSPITAL TRUST",
                                 "POLICE AND CRIME COMMISSIONER", "P AND CC FOR", "FIRE AUTHORITY", "FIRE AND RESCUE AUTHORITY"]

    /// The phrase that makes `normalisedName` a public body, if any.
    public static func match(_ normalisedName: String) -> String? {
        let padded = " \(normalisedName) "
        return phrases.first { padded.contains(" \($0) ") }
    }
}
