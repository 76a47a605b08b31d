import ArgumentParser
import Foundation
import Ingest
import Logging
import MarketShapeCore
import Resolve
import StageKit
import Warehouse

extension MarketShapeCommand {
    /// `marketshape evaluate resolution FILE…`: how well payees are grouped into organisations.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure how well MarketShape does what it claims.",
            subcommands: [Resolution.self])
    }
}

extension MarketShapeCommand.Evaluate {
    /// Hides identifier columns from spend files that carry company numbers, resolves, and scores the suppliers
    /// against the grouping the hidden numbers imply; beside it, a naive exact-name baseline.
    struct Resolution: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score supplier resolution against the company numbers the spend files publish.",
            discussion: """
                The files are ingested into a scratch warehouse. Payees with a valid company number are the truth;
                the columns in --hide are blanked and resolution runs on what is left. Printed: pairwise precision
                and recall, spend-weighted over-merge (spend in suppliers holding two or more true companies) and
                split (spend of a true company outside its largest supplier), and the largest wrong cluster, for
                MarketShape and for grouping by exact normalised name.
                """)

        @Argument(help: "Spend CSV files (or folders of them).")
        var files: [String]

        @Option(help: "Identifier columns to hide, comma-separated (company_number, charity_number, vat_number, supplier_ref, supplier_postcode); 'none' hides nothing.")
        var hide = "company_number,charity_number,vat_number"

        @Flag(help: "Print one JSON object.")
        var json = false

        @Option(help: "Also list this many of the largest wrong merges and splits.")
        var details = 0

        func validate() throws {
            if hidden == nil { throw ValidationError("--hide takes company_number, charity_number, vat_number, supplier_ref, supplier_postcode or none") }
        }

        var hidden: Set<CanonicalField>? {
            if hide == "none" { return [] }
            let fields = hide.split(separator: ",").map { CanonicalField(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            let allowed: Set<CanonicalField> = [.companyNumber, .charityNumber, .vatNumber, .supplierRef, .supplierPostcode]
            guard fields.allSatisfy({ $0 != nil && allowed.contains($0!) }) else { return nil }
            return Set(fields.compactMap { $0 })
        }

        func run() throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-evaluate-\(getpid())").path
            try FileManager.default.createDirectory(atPath: scratch + "/pipelines", withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let store = try Warehouse(path: ":memory:")
            let loader = SpendFileLoader(warehouse: store, runID: nil)
            var paths: [String] = []
            for f in files {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: f, isDirectory: &isDirectory), isDirectory.boolValue {
                    paths += try FileManager.default.contentsOfDirectory(atPath: f).filter { $0.lowercased().hasSuffix(".csv") }.sorted().map { "\(f)/\($0)" }
                } else { paths.append(f) }
            }
            for p in paths { _ = try loader.load(path: p) }
            let config = try PipelineConfig.parse(yaml: "pipeline: evaluate\nbody: evaluation\nspend: []\nreports: \(scratch)/reports\n",
                                                  file: scratch + "/pipelines/evaluate.yml")
            let context = StageContext(config: config, warehouse: store, logger: Logger(label: "evaluate") { _ in SwiftLogNoOpLogHandler() },
                                       console: RecordingConsole(), runID: 0, now: Date())
            let outcome = try ResolutionEvaluation.run(context, hide: hidden!)
            if json { print(Self.json(outcome, files: paths.count, hidden: hidden!)); return }
            print("\(paths.count) file(s); \(outcome.allPayees) payees, \(outcome.truthPayees) with a valid company number "
                  + "(\(outcome.resolved.companies) companies, \(formatPounds(outcome.resolved.pence, decimals: false)) absolute spend): the truth")
            print("hidden from the run: \(hidden!.isEmpty ? "nothing" : hidden!.map(\.rawValue).sorted().joined(separator: ", "))")
            if outcome.truthPayees == 0 {
                print("no payee carries a valid company number: there is no truth to score against (the files' company-number column is empty or missing)")
                return
            }
            print("")
            print("| method | suppliers | pair precision | pair recall | over-merge | of which the council's own records | split | largest wrong cluster |")
            print("|---|---|---|---|---|---|---|---|")
            for (label, s) in [("MarketShape", outcome.resolved), ("exact-name baseline", outcome.baseline)] {
                let wrong = s.largestWrong.map { "\($0.name): \($0.companies) companies, \(formatPounds($0.pence, decimals: false))" } ?? "none"
                print("| \(label) | \(s.groups) | \(pct(s.pairPrecision)) | \(pct(s.pairRecall)) | \(pct(s.overMerge)) | \(pct(s.overMergeInCouncilRecords)) | \(pct(s.split)) | \(wrong) |")
            }
            print("\nsuppliers holding two or more of the published company numbers: \(outcome.suppliersWithTwoCompanies)")
            print("(\"the council's own records\": one published name and supplier id carrying two company numbers, which nothing can tell apart once the numbers are hidden)")
            if details > 0 {
                print("\nlargest merges of different companies:")
                for m in outcome.resolved.merges.prefix(details) { print("  \(formatPounds(m.pence, decimals: false)): \(m.names.joined(separator: " | "))") }
                print("largest splits of one company:")
                for m in outcome.resolved.splits.prefix(details) { print("  \(m.company) \(formatPounds(m.pence, decimals: false)) outside its largest supplier: \(m.names.joined(separator: " | "))") }
            }
        }

        func pct(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }

        static func json(_ o: ResolutionEvaluation.Outcome, files: Int, hidden: Set<CanonicalField>) -> String {
            func score(_ s: ResolutionEvaluation.Score) -> [String: Any] {
                var d: [String: Any] = ["payees": s.payees, "companies": s.companies, "suppliers": s.groups, "pence": s.pence,
                                        "pair_precision": s.pairPrecision, "pair_recall": s.pairRecall, "over_merge": s.overMerge,
                                        "over_merge_in_council_records": s.overMergeInCouncilRecords, "split": s.split]
                if let w = s.largestWrong { d["largest_wrong"] = ["name": w.name, "companies": w.companies, "pence": w.pence] }
                return d
            }
            let object: [String: Any] = ["files": files, "hidden": hidden.map(\.rawValue).sorted(), "payees": o.allPayees,
                                         "truth_payees": o.truthPayees, "suppliers_with_two_companies": o.suppliersWithTwoCompanies, "resolved": score(o.resolved), "baseline": score(o.baseline)]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }
}
