import ArgumentParser
import Foundation
import MarketShapeCore

/// `marketshape`: the root of the command tree.
public struct MarketShapeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marketshape",
        abstract: "Tells a public body who its money goes to, and where its supplier market is thin.",
        discussion: """
            Exit codes: \(ExitStatus.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ")).
            """,
        version: MarketShapeCommand.version,
        subcommands: [Init.self, Run.self, Report.self, Ingest.self, Sniff.self, Explain.self, Export.self, Evaluate.self, Registers.self, Status.self, Validate.self, Generate.self, Compare.self, PublishCommand.self])

    public init() {}

    /// The release and the git revision it is built from: `0.25.0 (git 680e483a1b2c, 2026-12-02)`.
    public static let version = "\(release) (git \(gitRevision)\(gitCommitDay.isEmpty ? "" : ", " + gitCommitDay))"
    /// The release number, raised when a release is tagged.
    public static let release = "0.26.0"

    /// Parses the command line, runs the command and exits with a documented status.
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        let status = execute(arguments)
        Foundation.exit(status.rawValue)
    }

    /// Runs one command line and returns its exit status (used by `runAndExit` and tests).
    public static func execute(_ arguments: [String]?) -> ExitStatus {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return .success
        } catch let error as ExitStatusProviding {
            FileHandle.standardError.write(Data("marketshape: \(error)\n".utf8))
            return error.exitStatus
        } catch {
            if let plain = PlainFileError.message(for: error) {
                FileHandle.standardError.write(Data("marketshape: \(plain)\n".utf8))
                return .failure
            }
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return .success
            }
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            if code == .validationFailure { return .badUsage }
            if error is ExitCode { return ExitStatus(rawValue: code.rawValue) ?? .failure }
            return .failure
        }
    }
}
