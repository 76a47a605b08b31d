import Foundation

/// A pipeline file (`pipelines/*.yml`) after validation: what one body's run reads, decides and writes.
/// Relative paths are already resolved against `root`.
public struct PipelineConfig: Sendable, Equatable, Encodable {
    /// Short name, used for the warehouse, the lock and the report folder.
    public var name: String
    /// The pipeline file this came from.
    public var file: String
    /// The folder relative paths are resolved against (default: the folder above `pipelines/`).
    public var root: String
    public var body: Body
    public var spend: [SpendInput]
    public var registers: Registers
    /// A CSV mapping services or cost centres to places (ward, locality, estate…).
    public var places: String?
    public var local: LocalDefinition
    /// Columns of `fct_payments` to measure by (besides the whole body).
    public var segments: [String]
    public var periods: [PeriodKind]
    public var targets: [Target]
    public var quality: QualityThresholds
    /// The analyst's scope rules, first match wins (before MarketShape's own rules).
    public var scopeRules: [ScopeRule] = []
    /// The scopes shares, concentration, dynamics and opportunities are measured over (default: market).
    public var measuredScopes: [Scope] = [.market]
    /// The `report:` settings when the pipeline file gives any (nil: the defaults, and no change to the settings digest).
    public var reportSettings: ReportSettings?
    /// How the report judges periods and shares: the pipeline file's `report:` settings, or the defaults.
    public var report: ReportSettings { reportSettings ?? ReportSettings() }
    /// The SQLite warehouse file.
    /// How often the body publishes, so a run can say when the expected file is late (`expect:`); nil when unsaid.
    public var expect: PublicationExpectation? = nil
    /// Folders outside `root` that spend and register paths may lie in without a warning (`outside_root:`).
    public var outsideRoot: [String] = []
    /// Where `registers fetch` downloads each register from, by register key, when not the publisher's address
    /// (`register_sources:`; a council's internal mirror); nil when the pipeline names none.
    public var registerSources: [String: String]? = nil
    /// The shared PostgreSQL warehouse `publish` copies this body to (`publish: {to: postgresql://…}`); never a password.
    public var publishTo: String? = nil
    public var warehouse: String
    /// The folder reports are written under.
    public var reports: String

    public struct Body: Sendable, Equatable, Encodable {
        public var name: String
        /// ONS code of the body's area (e.g. `E09000007` for Camden), used by the local rule.
        public var code: String?
    }

    /// One spend source: a file or glob, with optional settings that override sniffing.
    public struct SpendInput: Sendable, Equatable, Encodable {
        public var path: String
        public var overrides: SourceOverrides
        /// Files (paths or globs) this source republishes: their rows leave the current data when it loads.
        public var replaces: [String] = []

        public init(path: String, overrides: SourceOverrides, replaces: [String] = []) {
            self.path = path; self.overrides = overrides; self.replaces = replaces
        }
    }

    public struct Registers: Sendable, Equatable, Encodable {
        public var companiesHouse: String?
        public var charityCommission: String?
        public var fcaMutuals: String?
        public var postcodes: String?
        public var overrides: String?
        /// Every UK local authority (mySociety's register) and its name variants: public bodies by name.
        public var localAuthorities: String?
        public var localAuthorityNames: String?
        /// Academy trusts by company number: public bodies funded by the council.
        public var academyTrusts: String?
        /// Independent schools (not public bodies, whatever their names say).
        public var independentSchools: String?
        /// Company numbers of charities, CIOs and registered societies (org-id links): VCSE evidence for companies.
        public var charityCompanyLinks: String?
        public var cioCompanyLinks: String?
        public var mutualCompanyLinks: String?
        /// Schools, NHS bodies and other organisations' company numbers (org-id links).
        public var organisationCompanyLinks: String?
        /// The Companies House PSC snapshot (JSON lines): ownership chains and owner groups.
        public var psc: String?
        /// The analyst's list of investment firms: a chain that reaches one is private-equity owned.
        public var investmentFirms: String?
    }

    /// What "local" means for this body. Outward codes are matched exactly, never by prefix.
    public struct LocalDefinition: Sendable, Equatable, Encodable {
        public var localAuthorities: [String]
        public var outwardCodes: [String]
        /// The analyst's own wording, if given.
        public var label: String

        /// The rule the classify stage applies, in words for reports: the postcode directory's local
        /// authority when a directory is loaded and authorities are set, else outward codes matched exactly.
        public func ruleInUse(directoryLoaded: Bool) -> String {
            if directoryLoaded && !localAuthorities.isEmpty {
                return "the supplier's postcode lies in local authority \(localAuthorities.joined(separator: ", ")) (postcode directory)"
                    + (outwardCodes.isEmpty ? "" : "; a postcode missing from the directory is judged by its outward code")
            }
            if !outwardCodes.isEmpty {
                return "the supplier's postcode has one of these outward codes, matched exactly: \(outwardCodes.joined(separator: " "))"
            }
            return "not measured: no postcode directory with local_authority, and no outward codes"
        }
    }

    public enum PeriodKind: String, CaseIterable, Sendable, Encodable {
        case month, quarter, financialYear = "financial_year", rolling12 = "rolling_12_months"
    }

    /// A diversity target, e.g. local share at least 60%.
    public struct Target: Sendable, Equatable, Encodable {
        public var measure: String
        public var segment: String
        public var atLeast: Double?
        public var atMost: Double?
        public var label: String?
    }

    /// How the report judges its periods and shares.
    public struct ReportSettings: Sendable, Equatable, Encodable {
        /// A month is complete when its payments and its spend are each at least this share of the median month's
        /// (over the months with payments); only complete periods are chosen for the default report.
        public var completeMonthShare: Double = 0.5
        /// A share whose coverage is below this is "not measurable yet", never a figure, and a target on it is unknown.
        public var minimumCoverage: Double = 0.5

        public init(completeMonthShare: Double = 0.5, minimumCoverage: Double = 0.5) {
            self.completeMonthShare = completeMonthShare
            self.minimumCoverage = minimumCoverage
        }
    }

    public struct QualityThresholds: Sendable, Equatable, Encodable {
        /// The run fails with the data-quality exit code when more than this share of rows is set aside.
        public var maxSetAsideShare: Double
    }
}

/// Settings for one spend source that replace what sniffing would detect.
public struct SourceOverrides: Sendable, Equatable, Codable {
    public var encoding: String?
    public var delimiter: String?
    public var dateFormat: DateFormat?
    /// 1-based line of the header row.
    public var headerLine: Int?
    /// `net` or `gross` of VAT.
    public var vat: String?
    /// Canonical field → the file's header text.
    public var columns: [String: String]

    public init(encoding: String? = nil, delimiter: String? = nil, dateFormat: DateFormat? = nil,
                headerLine: Int? = nil, vat: String? = nil, columns: [String: String] = [:]) {
        self.encoding = encoding; self.delimiter = delimiter; self.dateFormat = dateFormat
        self.headerLine = headerLine; self.vat = vat; self.columns = columns
    }

    public static let none = SourceOverrides()
}

extension PipelineConfig {
    /// The settings every stage after ingest depends on, as canonical JSON (sorted keys): everything in the pipeline
    /// file but its spend list (ingest tracks each file itself), its own path, its root (paths are already resolved) and
    /// where the warehouse and reports go.
    /// A change here rebuilds the stages after ingest; lineage records its digest.
    public func analysisSettingsJSON() -> String {
        var copy = self
        copy.spend = []
        copy.file = ""
        copy.root = ""
        copy.warehouse = ""
        copy.reports = ""
        copy.reportSettings = nil   // read by the report stage alone (its own lineage input)
        copy.outsideRoot = []       // where files may be read from, not what is made of them
        copy.expect = nil           // when files should arrive, not what is made of them
        copy.registerSources = nil  // where registers are downloaded from, not what is made of them
        copy.publishTo = nil        // where the results are copied, not what they are
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(copy)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A spend file's identity within the pipeline: its path relative to `root` when it lies under it, else its full path.
    public func sourcePath(of path: String) -> String {
        let full = Self.lexical(URL(fileURLWithPath: path).path)
        let base = root.hasSuffix("/") ? root : root + "/"
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }
}

extension PipelineConfig {
    /// An absolute path with `.` and `..` taken out as written, symbolic links left alone (Foundation resolves them only
    /// for paths that exist, which a glob does not): a folder linked into the project stays inside it.
    public static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A warning for each spend, register or places path that leaves the pipeline's root and no `outside_root:` folder
    /// holds: a pipeline file pointed at `/etc` or a colleague's drive by mistake is said, not silently read.
    public var outsideRootWarnings: [String] {
        let allowed = ([root] + outsideRoot).map(Self.lexical)
        func inside(_ path: String) -> Bool {
            let full = Self.lexical(path)
            return allowed.contains { full == $0 || full.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        var named: [(String, String)] = spend.enumerated().map { ("spend[\($0.offset)]", $0.element.path) }
        // Every register path, by its pipeline-file key (`charityCompanyLinks` → `charity_company_links`).
        for child in Mirror(reflecting: registers).children {
            guard let label = child.label, let path = child.value as? String else { continue }
            let key = label.reduce(into: "") { $0 += $1.isUppercase ? "_" + $1.lowercased() : String($1) }
            named.append(("registers.\(key)", path))
        }
        if let places { named.append(("places", places)) }
        return named.filter { !inside($0.1) }.map { key, path in
            "\(key) \(URL(fileURLWithPath: path).standardizedFileURL.path) lies outside the pipeline's root \(root): "
                + "if that is meant, list its folder under outside_root: in \(file)"
        }
    }
}
