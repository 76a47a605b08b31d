import Foundation

/// Runs the targets over their seeds and then over mutations of them, for a number of inputs or a time, and keeps the
/// tally: inputs per target, the slowest input, and every failure with its input.
public struct FuzzRun {
    /// What one run found.
    public struct Summary: Sendable {
        public var inputs: [FuzzTarget: Int] = [:]
        public var slowest: (target: FuzzTarget, seconds: Double, input: [UInt8])? = nil
        public var failures: [(target: FuzzTarget, failure: String, input: [UInt8])] = []
        public var seconds: Double = 0
        public var total: Int { inputs.values.reduce(0, +) }
    }

    public var targets: [FuzzTarget]
    public var corpus: [String]
    public var seed: UInt64
    /// An input taking longer than this is a hang.
    public var hangSeconds: Double = 5
    /// Inputs of the file targets are at most this long.
    public var maxFileBytes = 64 << 10
    /// What runs each input (the target's own check; tests put a broken one here to see it reported).
    var check: (FuzzTarget, [UInt8]) throws -> Void = { try $0.check($1) }

    public init(targets: [FuzzTarget] = FuzzTarget.allCases, corpus: [String] = [], seed: UInt64 = 1) {
        self.targets = targets; self.corpus = corpus; self.seed = seed
    }

    /// How often each target gets an input, against the cheapest: the whole-file target costs a warehouse per input.
    static func weight(_ t: FuzzTarget) -> Int { t == .spendFile ? 1 : t == .csv ? 4 : 10 }

    /// Runs until `inputs` inputs have run or `seconds` have passed, whichever is first; `progress` is told every
    /// 10,000 inputs.
    public func run(inputs: Int, seconds: Double = .infinity, progress: (Summary) -> Void = { _ in }) -> Summary {
        var summary = Summary()
        var mutator = FuzzMutator(seed: seed)
        let seeds = Dictionary(uniqueKeysWithValues: targets.map { ($0, FuzzSeeds.seeds(for: $0, corpus: corpus)) })
        let schedule = targets.flatMap { Array(repeating: $0, count: Self.weight($0)) }
        var queue: [(FuzzTarget, [UInt8])] = targets.flatMap { t in seeds[t]!.map { (t, $0) } }   // every seed as it is, first
        let start = Date()
        while summary.total < inputs, Date().timeIntervalSince(start) < seconds {
            let (target, input): (FuzzTarget, [UInt8])
            if !queue.isEmpty { (target, input) = queue.removeFirst() } else {
                let t = schedule[mutator.below(schedule.count)], pool = seeds[t]!
                let max = t == .csv || t == .spendFile ? maxFileBytes : 256
                (target, input) = (t, mutator.mutate(pool[mutator.below(pool.count)], other: pool[mutator.below(pool.count)], maxBytes: max))
            }
            let began = Date()
            do { try check(target, input) } catch {
                summary.failures.append((target, "\(error)", input))
            }
            let took = Date().timeIntervalSince(began)
            if took > (summary.slowest?.seconds ?? 0) { summary.slowest = (target, took, input) }
            if took > hangSeconds { summary.failures.append((target, "hang: \(String(format: "%.1f", took)) s for one input", input)) }
            summary.inputs[target, default: 0] += 1
            if summary.total % 10_000 == 0 { summary.seconds = Date().timeIntervalSince(start); progress(summary) }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
