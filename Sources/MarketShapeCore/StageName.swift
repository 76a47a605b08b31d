/// The stages of a run, in the order they run.
public enum StageName: String, CaseIterable, Comparable, Sendable, Codable {
    case ingest, resolve, classify, places, measure, report

    public static func < (a: StageName, b: StageName) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
