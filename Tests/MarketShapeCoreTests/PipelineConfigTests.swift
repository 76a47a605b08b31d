import Foundation
import MarketShapeCore
import Testing

@Suite("Pipeline files")
struct PipelineConfigTests {
    static let valid = """
        pipeline: test
        body:
          name: Test Council
          code: E09000007
        spend:
          - data/spend/*.csv
          - path: data/odd.csv
            delimiter: ";"
            date_format: dd/mm/yyyy
            columns:
              amount: "Value (GBP)"
        local:
          outward_codes: [nw1, N1C]
        targets:
          - measure: local_share
            at_least: 60%
        quality:
          max_set_aside_share: 0.02
        """

    @Test("a valid file resolves paths against the folder above pipelines/")
    func valid() throws {
        let c = try PipelineConfig.parse(yaml: Self.valid, file: "/project/pipelines/test.yml")
        #expect(c.name == "test")
        #expect(c.spend.map(\.path) == ["/project/data/spend/*.csv", "/project/data/odd.csv"])
        #expect(c.spend[1].overrides.delimiter == ";")
        #expect(c.spend[1].overrides.columns == ["amount": "Value (GBP)"])
        #expect(c.local.outwardCodes == ["NW1", "N1C"])
        #expect(c.targets.first?.atLeast == 0.6)
        #expect(c.quality.maxSetAsideShare == 0.02)
        #expect(c.warehouse == "/project/data/warehouse/test.sqlite")
        #expect(c.reports == "/project/reports/test")
    }

    @Test("an unknown key names its line, column and a suggestion")
    func unknownKey() {
        let yaml = Self.valid.replacingOccurrences(of: "targets:", with: "tagets:")
        let error = #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: yaml, file: "p.yml") }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.line == 14)
        #expect(error?.problems.first?.key == "tagets")
        #expect(error?.description.hasPrefix("p.yml:14:1: tagets: unknown key (did you mean 'targets'?)") == true)
    }

    @Test("a wrong type names the key path and line")
    func wrongType() {
        let yaml = Self.valid.replacingOccurrences(of: "at_least: 60%", with: "at_least: sixty")
        let error = #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: yaml, file: "p.yml") }
        #expect(error?.problems.map(\.key) == ["targets[0].at_least"])
        #expect(error?.problems.first?.line == 16)
    }

    @Test("all problems are reported together")
    func several() {
        let yaml = "pipeline: x\nspend: []\nsegments: [service, postcode]\nperiods: [fortnight]\nwarehous: w.sqlite\n"
        let error = #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: yaml, file: "p.yml") }
        #expect(Set(error?.problems.map(\.key) ?? []) == ["body", "segments[1]", "periods[0]", "warehous"])
    }

    @Test("broken YAML syntax gives its line")
    func syntax() {
        let error = #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: "pipeline: x\nbody: [unclosed\n", file: "p.yml") }
        #expect(error?.problems.first?.key == "(syntax)")
        #expect((error?.problems.first?.line ?? 0) >= 2)
    }
}

/// Issue 19: `validate` said "valid" for files that would fail, or do harm, when run.
@Suite("validate finds what a run would trip over")
struct ValidateBeforeRunTests {
    func problems(_ yaml: String, checkFiles: Bool = true) throws -> [PipelineFileError.Problem] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-validate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try yaml.write(toFile: dir + "/pipelines/p.yml", atomically: true, encoding: .utf8)
        do { _ = try PipelineConfig.load(path: dir + "/pipelines/p.yml", checkFiles: checkFiles); return [] } catch let e as PipelineFileError { return e.problems }
    }

    @Test("a glob matching nothing, a missing register, a bad GSS code, no periods and a 160% target, each at its line and column")
    func eachAtItsLine() throws {
        let found = try problems("pipeline: x\nbody: {name: X, code: E0900007}\nspend: [nothing/*.csv]\nregisters: {postcodes: nope.csv}\nperiods: []\ntargets: [{measure: local_share, at_least: 160%}]\n")
        #expect(found.map(\.key) == ["body.code", "spend[0]", "registers.postcodes", "periods", "targets[0].at_least"])
        #expect(found.map(\.line) == [2, 3, 4, 5, 6])
        #expect(found.allSatisfy { $0.column > 0 })
    }

    @Test("a root that does not exist is an error, and nothing is created under it")
    func missingRoot() throws {
        let found = try problems("pipeline: x\nroot: /nonexistent-ms-root\nbody: X\nspend: [a.csv]\n", checkFiles: false)
        #expect(found.map(\.key) == ["root"])
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-ms-root"))
    }

    @Test("missing keys are reported at the top of the document, not at 0:0")
    func missingKeys() throws {
        let found = try problems("pipeline: x\nsegments: [service]\n", checkFiles: false)
        #expect(found.map(\.key) == ["body", "spend"])
        #expect(found.allSatisfy { $0.line == 1 && $0.column == 1 })
    }
}

/// Issue 19: spend paths were not confined to the pipeline root, silently.
@Suite("Paths outside the root are said")
struct OutsideRootTests {
    static func config(_ extra: String) throws -> PipelineConfig {
        try PipelineConfig.parse(yaml: "pipeline: x\nbody: X\nspend: [data/a.csv, /etc/shadow, ../shared/b_*.csv]\n"
                                 + "registers:\n  charity_company_links: /srv/registers/links.csv\n" + extra,
                                 file: "/project/pipelines/x.yml")
    }

    @Test("each spend or register path outside the root and any outside_root folder gets a warning naming its key")
    func warned() throws {
        let warnings = try Self.config("").outsideRootWarnings
        #expect(warnings.count == 3)
        #expect(warnings[0].hasPrefix("spend[1] /etc/shadow lies outside the pipeline's root /project"))
        #expect(warnings[1].hasPrefix("spend[2] /shared/b_*.csv lies outside"))
        #expect(warnings[2].hasPrefix("registers.charity_company_links /srv/registers/links.csv lies outside"))
        #expect(warnings.allSatisfy { $0.contains("list its folder under outside_root: in /project/pipelines/x.yml") })
    }

    @Test("folders listed under outside_root are read without a warning; a look-alike prefix is not inside")
    func allowed() throws {
        #expect(try Self.config("outside_root: [../shared, /srv/registers]\n").outsideRootWarnings == [
            "spend[1] /etc/shadow lies outside the pipeline's root /project: if that is meant, list its folder under outside_root: in /project/pipelines/x.yml"])
        #expect(try Self.config("outside_root: [../sha, /srv/reg]\n").outsideRootWarnings.count == 3)
    }

    @Test("outside_root does not change what the stages are built from")
    func notAnInput() throws {
        #expect(try Self.config("").analysisSettingsJSON() == Self.config("outside_root: [../shared]\n").analysisSettingsJSON())
    }
}

/// Issue 20: a pipeline with no segment, a body code the register does not know, or targets on shares nothing can
/// measure ran silently into an empty or unknown report.
@Suite("Warnings that matter")
struct PipelineWarningTests {
    static func config(_ yaml: String) throws -> PipelineConfig {
        try PipelineConfig.parse(yaml: "pipeline: x\nbody:\n  name: X\n  code: E09000007\nspend: [a.csv]\n" + yaml, file: "/project/pipelines/x.yml")
    }

    @Test("no segment to measure concentration on")
    func noSegment() throws {
        #expect(try Self.config("segments: []\n").warnings.contains { $0.hasPrefix("segments: [] measures no market") })
        #expect(try Self.config("segments: [service]\n").warnings.isEmpty)
    }

    @Test("targets on shares whose registers are not loaded", arguments: [("local_share", "registers.postcodes"), ("sme_share", "registers.companies_house"),
                                                                        ("vcse_share", "registers.charity_commission")])
    func targetsWithoutRegisters(measure: String, register: String) throws {
        let warnings = try Self.config("segments: [service]\ntargets:\n  - measure: \(measure)\n    at_least: 40%\n").warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("target \(measure)") == true && warnings.first?.contains(register) == true)
        #expect(try Self.config("segments: [service]\nlocal:\n  outward_codes: [NW1]\nregisters:\n  companies_house: ch.csv\n  charity_commission: cc.csv\ntargets:\n  - measure: \(measure)\n    at_least: 40%\n").warnings.isEmpty)
    }

    @Test("a body code the local-authority register does not hold; a former code in its quoted list is held")
    func bodyCode() throws {
        let register = FileManager.default.temporaryDirectory.appendingPathComponent("ms-la-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: register) }
        try "local-authority-code,gss-code,former-gss-codes\r\nCMD,E09000007,\r\nSHF,E08000019,\"E08000001,E08000002\"\r\n".write(toFile: register, atomically: true, encoding: .utf8)
        func warnings(_ code: String) throws -> [String] {
            try PipelineConfig.parse(yaml: "pipeline: x\nbody:\n  name: X\n  code: \(code)\nspend: [a.csv]\nsegments: [service]\nregisters:\n  local_authorities: \(register)\n",
                                     file: "/project/pipelines/x.yml").warnings.filter { !$0.contains("outside the pipeline's root") }
        }
        #expect(try warnings("E09000007").isEmpty)
        #expect(try warnings("E08000002").isEmpty)
        #expect(try warnings("E08000039") == ["body.code E08000039 is not a GSS code in \(register): check it against the council's entry there (the local rule and public-body matching use it)"])
    }
}
