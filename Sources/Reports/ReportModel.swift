import MarketShapeCore

/// Everything a report says, computed once; every writer (HTML, Markdown, CSV, JSON) renders this model.
/// Money is integer pence; shares are fractions (0–1); a value nobody knows is nil, never zero.
/// Its JSON encoding is the documented `data/report.json`.
public struct ReportModel: Sendable, Equatable, Encodable {
    public var pipeline: String
    public var body: String
    public var period: ReportPeriod
    public var months: [String]
    public var generatedAt: String
    public var runID: Int
    /// The whole spend split by scope (reconciling to the total), and why the largest payees are outside the market.
    public var scope: ScopeSplit
    public var headline: Headline
    public var targets: [TargetRow]
    public var trend: [TrendRow]
    public var services: [ServiceRow]
    public var topSuppliers: [SupplierRow]
    public var ownership: [OwnershipRow]
    public var careOwnership: CareOwnership?
    public var dynamics: Dynamics?
    public var places: [PlaceLevel]
    public var opportunities: [Opportunity]
    public var dataQuality: DataQuality
    public var definitions: [Definition]
    public var provenance: Provenance

    /// Every pound of the period in a scope; the headline, shares and markets are over the measured scopes.
    public struct ScopeSplit: Sendable, Equatable, Encodable {
        public var totalPence: Pence
        public var payments: Int
        /// The scopes the marts measure (`market` unless the pipeline says otherwise).
        public var measured: [String]
        public var rows: [ScopeRow]
        /// The scope rows add up to the period's staged spend.
        public var reconciles: Bool
        /// The largest payees outside the measured scopes, with the rule that put them there.
        public var outside: [OutsidePayee]
    }
    public struct ScopeRow: Sendable, Equatable, Encodable {
        public var scope: String; public var label: String; public var pence: Pence; public var payments: Int; public var share: Double?
        public var isMeasured: Bool
    }
    public struct OutsidePayee: Sendable, Equatable, Encodable {
        public var name: String; public var scope: String; public var rule: String; public var pence: Pence; public var payments: Int
    }

    public struct Headline: Sendable, Equatable, Encodable {
        public var totalPence: Pence
        public var payments: Int
        public var suppliers: Int
        public var redactedPence: Pence
        public var purchaseCardPence: Pence
        public var shares: [ClassShare]
    }

    /// A class's share of the spend whose class is known, with that coverage and the public benchmarks beside it.
    public struct ClassShare: Sendable, Equatable, Encodable {
        public var measure: String
        public var label: String
        public var pence: Pence
        public var knownPence: Pence
        /// The share, nil when its coverage is under `ReportFormat.minimumCoverage`: too little evidence to be a figure.
        public var share: Double?
        /// The spend with the class ÷ the spend whose class is known, however little is known.
        public var shareOfKnown: Double?
        public var coverage: Double
        public var benchmarks: [Benchmark]
    }

    /// A published figure to compare with, labelled with its source and year.
    public struct Benchmark: Sendable, Equatable, Encodable {
        public var label: String
        public var share: Double
        public var source: String
    }

    /// A target from the pipeline file against the actual figure: the gap in points and in pounds
    /// (spend that would have to move at today's totals).
    public struct TargetRow: Sendable, Equatable, Encodable {
        public var label: String
        public var measure: String
        public var segment: String
        /// `at least` or `at most`.
        public var direction: String
        public var target: Double
        public var actual: Double?
        public var coverage: Double?
        public var met: Bool?
        /// Percentage points for shares, HHI points for HHI; positive when short of the target.
        public var gapPoints: Double?
        public var gapPence: Pence?
        public var note: String
    }

    /// A month of the trend: each share beside its coverage, and nil when its coverage is under `ReportFormat.minimumCoverage`.
    public struct TrendRow: Sendable, Equatable, Encodable {
        public var month: String
        public var totalPence: Pence
        public var suppliers: Int
        public var localShare: Double?
        public var localCoverage: Double
        public var smeShare: Double?
        public var smeCoverage: Double
        public var vcseShare: Double?
        public var vcseCoverage: Double
        public var hhi: Double?
    }

    public struct ServiceRow: Sendable, Equatable, Encodable {
        /// The service as people read it: the file's value, or a code with its directorate (`ITD (Corporate Affairs)`).
        public var service: String
        /// The service as the marts hold it (the file's value, `(none)` when blank).
        public var segment: String
        public var pence: Pence
        public var suppliers: Int
        public var hhi: Double?
        public var cr4: Double?
        public var band: String
        public var isThin: Bool
        public var topSupplier: String?
        public var topShare: Double?
        /// The largest supplier is a public body (not a market to split or diversify).
        public var topIsPublicBody: Bool
    }

    public struct SupplierRow: Sendable, Equatable, Encodable {
        public var name: String
        public var supplierID: String
        public var pence: Pence
        public var classes: String
        public var ownership: String
    }

    public struct OwnershipRow: Sendable, Equatable, Encodable {
        public var ownership: String
        public var pence: Pence
        public var share: Double?
        public var suppliers: Int
    }

    /// The private-equity-backed share of spend on care services (the Camden report's concern).
    public struct CareOwnership: Sendable, Equatable, Encodable {
        public var services: [String]
        public var totalPence: Pence
        public var privateEquityPence: Pence
        public var knownPence: Pence
        public var share: Double?
    }

    public struct Dynamics: Sendable, Equatable, Encodable {
        public var previousPeriod: String?
        public var active: Int
        public var entrants: Int?
        public var exits: Int?
        public var entrantSpendShare: Double?
        public var localShareChange: Double?
        public var smeShareChange: Double?
        public var vcseShareChange: Double?
        public var hhiChange: Double?
        public var yearAgoPeriod: String?
        public var hhiChangeYear: Double?
        public var entrantNames: [String]
        public var exitNames: [String]
        /// Set when the previous period looks only partly loaded, so entrants and exits are not like-for-like.
        public var caveat: String?
    }

    /// One place level's services × places matrix and the suppliers working across services in a place.
    public struct PlaceLevel: Sendable, Equatable, Encodable {
        public var level: String
        public var places: [String]
        public var services: [String]
        /// `cells[p][s]`: spend and suppliers of service `s` in place `p` (nil when absent).
        public var cells: [[PlaceCell?]]
        public var crossServiceSuppliers: [PlaceSupplier]
        public var sharedPlaces: [ServicePair]
    }
    public struct PlaceCell: Sendable, Equatable, Encodable { public var pence: Pence; public var suppliers: Int }
    public struct PlaceSupplier: Sendable, Equatable, Encodable { public var place: String; public var supplier: String; public var services: String; public var pence: Pence }
    public struct ServicePair: Sendable, Equatable, Encodable { public var serviceA: String; public var serviceB: String; public var shared: Int; public var jaccard: Double }

    /// A market-shaping opportunity, ranked by the pounds behind it.
    public struct Opportunity: Sendable, Equatable, Encodable {
        public var rank: Int
        public var kind: String
        public var title: String
        public var detail: String
        public var pence: Pence
    }

    public struct DataQuality: Sendable, Equatable, Encodable {
        public var files: [FileRow]
        public var setAsideByReason: [ReasonCount]
        public var redactedPence: Pence
        public var unresolvedPence: Pence
        public var unresolved: [UnresolvedRow]
        public var registers: [RegisterRow]
        /// Identifier values that linked nothing (placeholders, invalid values), largest first.
        public var identifiers: [IdentifierRow]
        /// Identifiers given to names that cannot be one organisation: kept apart and listed for review.
        public var conflicts: Int
        /// Things a reader comparing totals should know, e.g. a month's file that also holds payments dated in other months.
        public var notes: [String]
    }
    public struct FileRow: Sendable, Equatable, Encodable {
        public var name: String; public var sha256: String; public var read: Int; public var loaded: Int; public var setAside: Int
        public var loadedPence: Pence; public var setAsidePence: Pence
    }
    public struct ReasonCount: Sendable, Equatable, Encodable { public var reason: String; public var count: Int }
    public struct UnresolvedRow: Sendable, Equatable, Encodable { public var name: String; public var pence: Pence }
    public struct IdentifierRow: Sendable, Equatable, Encodable {
        public var column: String; public var value: String; public var flag: String; public var reason: String; public var rows: Int; public var pence: Pence
    }
    public struct RegisterRow: Sendable, Equatable, Encodable { public var kind: String; public var version: Int; public var file: String; public var sha256: String; public var rows: Int }

    public struct Definition: Sendable, Equatable, Encodable { public var term: String; public var meaning: String }

    public struct Provenance: Sendable, Equatable, Encodable {
        public var pipelineFile: String
        public var runID: Int
        public var generatedAt: String
        public var inputs: [FileRow]
    }
}
