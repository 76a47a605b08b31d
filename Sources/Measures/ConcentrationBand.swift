/// The US 2023 merger-guideline bands for HHI (the UK CMA sets none; the EU sees no concern below 1,000).
public enum ConcentrationBand: String, Sendable {
    case unconcentrated, moderate = "moderately concentrated", high = "highly concentrated", none = "no positive spend"

    public init(hhi: Double?) {
        guard let hhi else { self = .none; return }
        self = hhi > 1800 ? .high : hhi >= 1000 ? .moderate : .unconcentrated
    }
}
