@testable import Reports
import Testing

/// A share resting on almost no evidence is not a headline figure (Leeds: VCSE 100% of 0.05% of market spend).
@Suite("Headline shares and their evidence")
struct HeadlineShareTests {
    func share(_ value: Double?, coverage: Double) -> ReportModel.ClassShare {
        ReportModel.ClassShare(measure: "vcse_share", label: "VCSE", pence: 0, knownPence: 0, share: coverage >= ReportFormat.minimumCoverage ? value : nil,
                               shareOfKnown: value, coverage: coverage, benchmarks: [])
    }

    @Test("below 10% coverage the headline says there is too little evidence; above it, the share")
    func minimumCoverage() {
        #expect(ReportFormat.headlineShare(share(1.0, coverage: 0.0005)) == "too little evidence")
        #expect(ReportFormat.headlineShare(share(1.0, coverage: 0.0999)) == "too little evidence")
        #expect(ReportFormat.headlineShare(share(0.42, coverage: 0.1)) == ReportFormat.percent(0.42))
        #expect(ReportFormat.headlineShare(share(nil, coverage: 0)) == ReportFormat.percent(nil))
    }
}
