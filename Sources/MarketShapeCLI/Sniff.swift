import ArgumentParser
import Ingest

extension MarketShapeCommand {
    /// `marketshape sniff FILE`: print the detected configuration as a pipeline-file entry to keep and edit.
    struct Sniff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Detect how a spend file is written and print it as a `spend:` entry for a pipeline file.")

        @Argument(help: "A spend CSV file.")
        var file: String

        func run() throws {
            let config = try SpendFileSniffer().sniff(path: file)
            for note in config.notes { print("# \(note)") }
            print("spend:")
            print(config.yaml(path: file))
        }
    }
}
