import Resolve
import Testing

/// The accuracy scores on a grouping small enough to check by hand.
@Suite("Resolution accuracy scores")
struct ResolutionEvaluationTests {
    typealias P = ResolutionEvaluation.ScoredPayee

    @Test("over-merge, split, pairwise precision and recall, the largest wrong cluster")
    func scores() {
        // Companies A (3 payees), B (1), C (1). Group g1 holds A, A and B (a wrong merge); A's third payee is split off in g2.
        let payees = [P(truth: "A", group: "g1", pence: 500, name: "Acme Ltd", councilKey: "ACME LTD\u{0}S1"),
                      P(truth: "A", group: "g1", pence: 100, name: "ACME LIMITED", councilKey: "ACME LTD\u{0}S1"),
                      P(truth: "B", group: "g1", pence: 200, name: "Acme Builders", councilKey: "ACME BUILDERS\u{0}S2"),
                      P(truth: "A", group: "g2", pence: 50, name: "A.C.M.E.", councilKey: nil),
                      P(truth: "C", group: "g3", pence: 150, name: "Crane Co", councilKey: nil)]
        let s = ResolutionEvaluation.score(payees)
        #expect(s.payees == 5 && s.companies == 3 && s.groups == 3 && s.pence == 1000)
        #expect(s.overMerge == 0.8)                      // g1's 800 of 1000
        #expect(s.overMergeInCouncilRecords == 0)        // no council record holds two companies
        #expect(s.split == 0.05)                         // A's 50 outside g1
        #expect(s.pairPrecision == 1.0 / 3.0)            // g1 pairs: (A,A) right, (A,B) ×2 wrong
        #expect(s.pairRecall == 1.0 / 3.0)               // A's pairs: 3, of which 1 together
        #expect(s.largestWrong?.name == "Acme Ltd" && s.largestWrong?.companies == 2 && s.largestWrong?.pence == 800)
    }

    @Test("a merge the council's own record makes (one name and id, two company numbers) is counted apart")
    func councilRecords() {
        let payees = [P(truth: "05078788", group: "g", pence: 300, name: "Enviroflow Management Ltd", councilKey: "ENVIROFLOW MANAGEMENT LTD\u{0}S301647"),
                      P(truth: "07227667", group: "g", pence: 100, name: "Enviroflow Management Ltd", councilKey: "ENVIROFLOW MANAGEMENT LTD\u{0}S301647")]
        let s = ResolutionEvaluation.score(payees)
        #expect(s.overMerge == 1 && s.overMergeInCouncilRecords == 1)
    }

    @Test("a perfect grouping scores perfectly")
    func perfect() {
        let s = ResolutionEvaluation.score([P(truth: "A", group: "1", pence: 10, name: "a"), P(truth: "A", group: "1", pence: 10, name: "a2"),
                                            P(truth: "B", group: "2", pence: 10, name: "b")])
        #expect(s.overMerge == 0 && s.split == 0 && s.pairPrecision == 1 && s.pairRecall == 1 && s.largestWrong == nil)
    }
}
