import Foundation
import Logging
import MarketShapeCore
import Pipeline
import StageKit

/// A small borough run through the whole pipeline with a pinned clock: two months, three services, a credit
/// note, a redacted payee, a place mapping, overrides with ownership, targets, and hostile names. Every class has a
/// different share and coverage: an SME that is no VCSE, a VCSE that is no SME, a VCSE whose size is unknown and a
/// supplier with no postcode, so that swapping two classes anywhere in the reports changes bytes.
struct ReportScenario {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-report-\(UUID().uuidString)").path
        for dir in ["pipelines", "data/spend", "data/registers"] { try FileManager.default.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true) }
        let spend = """
            Payment Date,Supplier Name,Supplier ID,Amount,Service Area,Cost Centre,Supplier Postcode
            02/08/2025,Kind Hands Care Ltd,S1,"6,000.00",Homecare,HC-N,NW1 8NP
            03/08/2025,Big Care Group Ltd,S2,"9,000.00",Homecare,HC-N,M1 1AB
            04/08/2025,Kind Hands Care Ltd,S1,500.00,Housing Repairs,HR-1,NW1 8NP
            05/09/2025,<script>alert(1)</script>,S3,700.00,"=HYPERLINK(""x"")",EV-1,N1 1AA
            06/08/2025,REDACTED PERSONAL DATA,,300.00,Homecare,HC-N,
            01/09/2025,Kind Hands Care Ltd,S1,"7,000.00",Homecare,HC-N,NW1 8NP
            02/09/2025,Big Care Group Ltd,S2,"8,000.00",Homecare,HC-S,M1 1AB
            03/09/2025,Big Care Group Ltd,S2,(500.00),Homecare,HC-S,M1 1AB
            04/09/2025,Fix It Co-operative,S4,"2,500.00",Housing Repairs,HR-1,NW1 9ZZ
            05/09/2025,Kind Hands Care Ltd,S1,800.00,Housing Repairs,HR-1,NW1 8NP
            08/08/2025,Small Local Ltd,S5,"1,200.00",Housing Repairs,HR-1,NW1 2AB
            08/09/2025,Small Local Ltd,S5,"1,900.00",Housing Repairs,HR-1,NW1 2AB
            09/09/2025,Large Charity Trust,S6,"3,300.00",Homecare,HC-S,
            10/09/2025,Community Arts Group,S7,450.00,Housing Repairs,HR-1,NW1 3CD
            """
        try spend.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: "\(root)/data/spend/spend.csv", atomically: true, encoding: .utf8)
        try """
            Supplier ID,Supplier Name,Employees,Turnover,Legal Form,Ownership,VCSE
            S1,Kind Hands Care Ltd,40,2000000,Company Limited by Guarantee,charity,Y
            S2,Big Care Group Ltd,3000,250000000,Private Limited Company,private equity,N
            S4,Fix It Co-operative,30,1500000,Registered Society,co-operative,Y
            S5,Small Local Ltd,12,800000,Private Limited Company,,N
            S6,Large Charity Trust,400,60000000,Charitable Incorporated Organisation,charity,Y
            S7,Community Arts Group,,,Unincorporated Association,,Y
            """.write(toFile: "\(root)/data/registers/overrides.csv", atomically: true, encoding: .utf8)
        try """
            match_column,match_value,place_level,place_name
            cost_centre,HC-N,locality,North
            cost_centre,HC-S,locality,South
            cost_centre,HC-N,ward,Regent's Park
            cost_centre,HR-1,ward,Regent's Park
            """.write(toFile: "\(root)/data/places.csv", atomically: true, encoding: .utf8)
        try """
            pipeline: scenario
            body: {name: "Test Borough <&>", code: E09000007}
            spend: [data/spend/*.csv]
            registers:
              overrides: data/registers/overrides.csv
            places: data/places.csv
            local:
              outward_codes: [NW1]
            segments: [service]
            periods: [month, quarter, financial_year]
            targets:
              - {measure: local_share, at_least: 60%}
              - {measure: sme_vcse_share, at_least: 40%}
              - {measure: hhi, segment: service, at_most: 1800}
              - {measure: private_equity_share, segment: service=Homecare, at_most: 25%}
            """.write(toFile: "\(root)/pipelines/scenario.yml", atomically: true, encoding: .utf8)
    }

    func config() throws -> PipelineConfig { try PipelineConfig.load(path: "\(root)/pipelines/scenario.yml") }

    /// Runs the whole pipeline with the clock pinned to 2026-01-01T00:00:00Z.
    func run() throws {
        let runner = PipelineRunner(config: try config(), console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() },
                                    now: { Date(timeIntervalSince1970: 1_767_225_600) })
        try runner.run()
    }

    var reportFolder: String { "\(root)/reports/scenario/2025-09" }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
