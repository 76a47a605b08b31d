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
    /// The thresholds the report judged with (the pipeline file's `report:` settings, or the defaults).
    public var settings: Settings
    /// Whether the period is complete, and the months with payments that lie outside it.
    public var periodCoverage: PeriodCoverage
    /// The executive summary: three to five plain sentences written from the rest of the model.
    public var summary: [String]
    /// The whole spend split by scope (reconciling to the total), and why the largest payees are outside the market.
    public var scope: ScopeSplit
    public var headline: Headline
    public var targets: [TargetRow]
    public var trend: [TrendRow]
    /// HHI by complete month of the largest markets (each at least 5% of the spend), for the chart.
    public var marketTrend: [MarketTrend]
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
    /// A short entry for each supplier the report names in its tables: how it was resolved and why each class is what it is.
    public var supplierEntries: [SupplierEntry]

    public struct Settings: Sendable, Equatable, Encodable {
        public var minimumCoverage: Double
        public var completeMonthShare: Double
    }

    /// What the period covers: complete or not (`PeriodCompleteness`), and what lies outside it.
    public struct PeriodCoverage: Sendable, Equatable, Encodable {
        public var isComplete: Bool
        /// Calendar months of the period that hold no payments or too few to be complete.
        public var incompleteMonths: [String]
        /// The completeness rule in words, with the median month it compares with.
        public var rule: String
        /// Months with payments outside the period, each with whether it is complete.
        public var outside: [PeriodCompleteness.Month]
        /// One or two sentences saying what the report covers and what lies outside it.
        public var text: String
    }

    /// A supplier named in the report, with its evidence, for the report's own short entry on it.
    public struct SupplierEntry: Sendable, Equatable, Encodable {
        public var supplierID: String
        public var name: String
        public var anchor: String
        public var resolution: String
        public var classes: [ClassEvidence]
    }
    public struct ClassEvidence: Sendable, Equatable, Encodable {
        public var classification: String; public var value: String; public var source: String; public var detail: String
    }

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
        /// The share, nil when its coverage is under the report's minimum (`report.minimum_coverage`): too little evidence to be a figure.
        public var share: Double?
        /// The spend with the class ÷ the spend whose class is known, however little is known.
        public var shareOfKnown: Double?
        public var coverage: Double
        /// Said instead of the share when its coverage is below the minimum: `not measurable yet: 12.9% of market spend
        /// has a known SME status`, with what would raise it.
        public var notMeasurable: String?
        public var toRaise: String?
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

    /// A month of the trend: each share beside its coverage, and nil when its coverage is under the report's minimum.
    public struct TrendRow: Sendable, Equatable, Encodable {
        public var month: String
        /// Complete by `PeriodCompleteness`: an incomplete month is listed but never charted.
        public var isComplete: Bool
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

    /// A large market's HHI by complete month.
    public struct MarketTrend: Sendable, Equatable, Encodable {
        public var service: String
        public var points: [MarketPoint]
    }
    public struct MarketPoint: Sendable, Equatable, Encodable { public var month: String; public var hhi: Double? }

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
        /// The market's spend paid to identified suppliers (not redacted) ÷ its spend: the coverage of its HHI and shares.
        public var identifiedCoverage: Double?
        /// Its largest suppliers, for the drill-down.
        public var topSuppliers: [MarketSupplier]
        public var topSupplier: String?
        public var topShare: Double?
        /// The largest supplier is a public body (not a market to split or diversify).
        public var topIsPublicBody: Bool
        /// The largest supplier is itself a VCSE or an SME (nil: unknown).
        public var topIsVCSEOrSME: Bool? = nil
        /// Counting common ownership: the market's concentration by owner group (nil without the PSC register).
        public var ownerGroups: OwnerGroupConcentration? = nil
    }

    /// A market's concentration with its suppliers grouped by ultimate owner (the PSC register's chains).
    public struct OwnerGroupConcentration: Sendable, Equatable, Encodable {
        public var groups: Int
        public var hhi: Double?
        public var cr4: Double?
        public var largestGroup: String?
        public var largestGroupShare: Double?
        /// The largest group holding two or more of the market's suppliers: the one common ownership merges.
        public var mergedGroup: String? = nil
        public var mergedGroupShare: Double? = nil
        public var mergedGroupSuppliers: Int? = nil
        /// The US 2023 band of the group HHI.
        public var band: String? = nil
        /// The groups that add most HHI points once counted as one, most first (up to three).
        public var contributors: [GroupContribution] = []
    }

    /// An owner group holding several of a market's suppliers, and the HHI points counting them as one adds.
    public struct GroupContribution: Sendable, Equatable, Codable {
        public var group: String
        public var suppliers: Int
        public var share: Double
        public var points: Double
    }

    /// One of a market's largest suppliers: its share of the market and its classes.
    public struct MarketSupplier: Sendable, Equatable, Encodable {
        public var name: String; public var supplierID: String; public var anchor: String; public var pence: Pence; public var share: Double?
        public var classes: String
    }

    public struct SupplierRow: Sendable, Equatable, Encodable {
        public var name: String
        public var supplierID: String
        public var anchor: String
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
        /// The care spend whose ownership is known ÷ the care spend.
        public var coverage: Double
        /// Nil when the coverage is under the minimum: no register knows private-equity ownership, so this rests on the
        /// analyst's overrides.
        public var share: Double?
    }

    public struct Dynamics: Sendable, Equatable, Encodable {
        public var previousPeriod: String?
        public var active: Int
        public var entrants: Int?
        public var exits: Int?
        public var entrantSpendShare: Double?
        /// Whether the previous period is complete: entrants and exits against an incomplete one are not like-for-like.
        public var previousIsComplete: Bool
        /// Each class share's change since the previous period, with the coverage of both; nil when either is under the minimum.
        public var shareChanges: [ShareChange]
        public var hhiChange: Double?
        public var yearAgoPeriod: String?
        public var hhiChangeYear: Double?
        public var entrantNames: [String]
        public var exitNames: [String]
        /// Set when the previous period looks only partly loaded, so entrants and exits are not like-for-like.
        public var caveat: String?
    }

    public struct ShareChange: Sendable, Equatable, Encodable {
        public var label: String
        /// Percentage points.
        public var changePoints: Double?
        public var coverage: Double
        public var previousCoverage: Double
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
        /// The market (service, or service in a place) it is about: one opportunity per market.
        public var market: String
        /// The supplier that leads the market, where one does: opportunities led by one supplier are one.
        public var leader: String?
        public var title: String
        /// The evidence: the figures that show the gap.
        public var detail: String
        /// What a commissioner could do next.
        public var nextStep: String
        /// The market's spend paid to identified suppliers ÷ its spend: what the judgement rests on.
        public var coverage: Double?
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
    public struct ReasonCount: Sendable, Equatable, Encodable { public var reason: String; public var count: Int; public var pence: Pence }
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
