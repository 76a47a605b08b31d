/// A CSV file that cannot be read, with the file and line where reading stopped.
public struct CSVReadError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path; self.line = line; self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
