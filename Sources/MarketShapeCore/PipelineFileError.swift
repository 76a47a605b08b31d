/// Everything wrong with a pipeline file, each problem with its line, column and key.
public struct PipelineFileError: Error, CustomStringConvertible, ExitStatusProviding {
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var column: Int
        /// Dotted path of the key, e.g. `spend[0].columns.amount`.
        public var key: String
        public var message: String
    }

    public var file: String
    public var problems: [Problem]

    public var exitStatus: ExitStatus { .badUsage }

    /// One line per problem: `pipelines/demo.yml:12:3: targets[0].at_least: expected a number, got "sixty"`.
    public var description: String {
        problems.map { "\(file):\($0.line):\($0.column): \($0.key): \($0.message)" }.joined(separator: "\n")
    }
}
