import ArgumentParser
import Foundation
import MarketShapeCore

extension MarketShapeCommand {
    /// `marketshape init NAME FILE…`: a first pipeline file for a new body, from its spend files.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write pipelines/NAME.yml from what sniffing finds in a new body's spend files, then validate it.",
            discussion: "Run it from the project root. The body is matched to the local-authority register in --registers; the spend files become one glob when they share a folder and a name prefix. A file whose columns cannot all be found is written with the lines to edit, and the command exits 3.")

        @Argument(help: "The pipeline's name (letters, digits, '-' and '_').") var name: String
        @Argument(help: "The body's spend files.") var files: [String]
        @Option(help: "The bundled registers' folder.") var registers = "data/registers"
        @Flag(help: "Overwrite pipelines/NAME.yml if it exists.") var force = false

        func validate() throws {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ValidationError("'\(name)' cannot name a pipeline: use letters, digits, '-' and '_'")
            }
            guard !files.isEmpty else { throw ValidationError("give the body's spend files") }
            for f in files where !FileManager.default.fileExists(atPath: f) { throw ValidationError("\(f): no such file") }
        }

        func run() throws {
            let path = "pipelines/\(name).yml"
            if FileManager.default.fileExists(atPath: path) && !force {
                throw ValidationError("\(path) already exists: choose another name, or add --force to overwrite it")
            }
            let draft = PipelineDraft(name: name, files: files, registersFolder: registers)
            let sniffed = draft.sniffAll()
            let body = try draft.body(sniffed)
            let (text, edit) = draft.yaml(sniffed, body: body)
            try FileManager.default.createDirectory(atPath: "pipelines", withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(path)")
            print("  body       \(body.map { "\($0.name) \($0.code ?? "(no code)") (\($0.how))" } ?? "not found in the local-authority register")")
            for s in sniffed {
                if let c = s.config {
                    print("  \(URL(fileURLWithPath: s.path).lastPathComponent): \(c.mapping.sorted { $0.key < $1.key }.map { "\($0.key)←\"\(DisplayText.clean($0.value))\"" }.joined(separator: " "))")
                } else if let failure = s.failure { print(failure) } else if let e = s.problem { print(e.description) }
            }
            if !edit.isEmpty {
                print("edit \(path) at line(s) \(edit.map(String.init).joined(separator: ", ")) (marked EDIT), then: marketshape validate \(path)")
                throw ExitCode(ExitStatus.dataQuality.rawValue)
            }
            let config = try PipelineConfig.load(path: path, checkFiles: true)
            print("\(path): valid")
            for warning in config.warnings { print("WARNING: \(warning)") }
            print("next: marketshape run \(path)")
        }
    }
}
