import MarketShapeCore
import Resolve
import Testing

/// When an identifier may link two names, and when a shared value is a placeholder. Names are real, from the fixtures.
@Suite("Name compatibility and placeholder detection")
struct NameCompatibilityTests {
    let rule = NameCompatibility(names: [])

    func n(_ s: String) -> String { SupplierName.normalise(s) }

    @Test("names of one organisation are compatible", arguments: [
        ("Achieve Together Ltd", "ACHIEVE TOGETHER LIMITED"), ("DWF LAW LLP", "D W F LAW LLP CLIENT ACCOUNT"),
        ("F W A G SOUTH WEST", "FARMING&WILDLIFE ADVISORY GROUP SOUTH WEST (FWAG)"), ("G E CONSULTING SERVICES (UK) LIMITED", "GE-CONSULTING LTD"),
        ("Smith J T/A Smith Plumbing", "SMITH PLUMBING"), ("Broadway Publishing Ltd TA Printloft", "PRINTLOFT"),
        ("Harrow Green (Restore)", "Restore plc"), ("EAST DEVON DISTRICT COUN (S O ACCOUNT)", "EAST DEVON DISTRICT COUNCIL (GEN ACCOUNT)"),
        ("Care UK Ltd", "CARE UK"),
    ])
    func compatible(a: String, b: String) {
        #expect(rule.compatible(n(a), n(b)))
    }

    @Test("names of different organisations are not", arguments: [
        ("TORBAY COUNCIL FINANCE", "BRIXHAM COLLEGE"), ("BRITISH TELECOM (BILL PAYMNTS)", "EE LIMITED"), ("Liquid Logic LTD", "SYSTEM C HEALTHCARE LIMITED"),
        ("Bradford Care Services Ltd", "Leeds Care Services Ltd"), ("ACORN CARE & EDUCATION LIMITED", "TUTE EDUCATION LIMITED"),
        ("St Mary's C of E Primary School", "St John's C of E Primary School"), ("Brighouse High School", "Calder High School"),
        ("Smith J T/A Smith Plumbing", "Jones K T/A Jones Electrical"),
    ])
    func incompatible(a: String, b: String) {
        #expect(!rule.compatible(n(a), n(b)))
    }

    @Test("a word common among this body's payees is not distinctive")
    func commonWords() {
        let names = (0..<200).map { "DEVON \(["ALPHA", "BETA", "GAMMA", "DELTA"][$0 % 4])\($0) LTD" }
        let local = NameCompatibility(names: names)
        #expect(!local.compatible("DEVON ALPHA0 LTD", "DEVON BETA1 LTD"))
        #expect(rule.compatible("DEVON ALPHA0 LTD", "DEVON BETA1 LTD"))
    }

    @Test("a value shared by dissimilar names is a placeholder; two spellings of one firm are not")
    func placeholders() {
        // Calderdale's "Purchase Card Supplier" supplier id, with the names it was given.
        #expect(rule.isPlaceholder(sharedBy: ["COMBINED COURT", "LANDLORD SUPPLIES", "COLT ENTERPRISE CALDERDALE", "APPLIANCE WORLD", "DIRECT DISCOUNTS", "ARGOS LTD"].map(n)))
        #expect(!rule.isPlaceholder(sharedBy: ["Achieve Together Ltd", "ACHIEVE TOGETHER LIMITED"].map(n)))
        #expect(!rule.isPlaceholder(sharedBy: ["BT", "BT PLC", "BRITISH TELECOMMUNICATIONS PLC"].map(n)))
        #expect(!rule.isPlaceholder(sharedBy: ["ENGIE REGENERATION LTD", "EQUANS REGENERATION LTD"].map(n)))
    }
}
