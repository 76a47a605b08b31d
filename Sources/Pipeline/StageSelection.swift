import MarketShapeCore

/// Which stages a run executes: all, from one onwards, or only one.
public enum StageSelection: Sendable, Equatable {
    case all
    case from(StageName)
    case only(StageName)

    public var stages: [StageName] {
        switch self {
        case .all: return StageName.allCases
        case .from(let s): return StageName.allCases.filter { $0 >= s }
        case .only(let s): return [s]
        }
    }
}
