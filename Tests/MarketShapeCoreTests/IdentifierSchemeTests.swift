import MarketShapeCore
import Testing

/// Every identifier form MarketShape may link payees by, with real values from the fixtures and registers
/// (`../shared/registers/mutual-companies.csv`, `cio-company-numbers.csv`, Calderdale's company-number column).
@Suite("Identifier hygiene, per scheme")
struct IdentifierSchemeTests {
    @Test("valid Companies House numbers in their real forms", arguments: [
        ("4869035", "04869035"), ("03350709", "03350709"), ("004457083", "04457083"), ("SC114142", "SC114142"), ("NI050833", "NI050833"),
        ("sc 12345", "SC012345"), ("OC301234", "OC301234"), ("IP28687R", "IP28687R"), ("IP00088C", "IP00088C"), ("RS007856", "RS007856"),
        ("RS00102W", "RS00102W"), ("SP1032RS", "SP1032RS"), ("NP000102", "NP000102"), ("NO000100", "NO000100"), ("CE008706", "CE008706"),
        ("CS012345", "CS012345"), ("FC012345", "FC012345"), ("LP012345", "LP012345"), ("SL012345", "SL012345"), ("NL000123", "NL000123"),
        ("GE000123", "GE000123"), ("SO301234", "SO301234"), ("NC000123", "NC000123"), ("R0000123", "R0000123"), ("IP10002R", "IP10002R"),
        ("SR000123", "SR000123"), ("SE000012", "SE000012"), ("OE012345", "OE012345"), ("4869035.0", "04869035"), ("04869035.00", "04869035"),
    ])
    func validCompanyNumbers(raw: String, normalised: String) {
        #expect(OrgIdentifiers.checkCompanyNumber(raw) == .valid(normalised))
    }

    @Test("placeholders in a company-number column", arguments: ["", "N/A", "#N/A", "EXEMPT", "0", "00000000", "Redacted", "TBC", "Not yet available", "Various", "unknown", "SC000000"])
    func companyPlaceholders(raw: String) {
        #expect(OrgIdentifiers.checkCompanyNumber(raw) == .placeholder)
    }

    @Test("invalid company numbers are flagged, not used", arguments: ["123456789", "ABC123", "JN393272A", "JE672636A", "SC1234567", "ZZ123456", "12345678901"])
    func invalidCompanyNumbers(raw: String) {
        guard case .invalid = OrgIdentifiers.checkCompanyNumber(raw) else { Issue.record("\(raw) should be invalid"); return }
    }

    @Test("a National Insurance number typed as a company number says so")
    func nationalInsurance() {
        #expect(OrgIdentifiers.checkCompanyNumber("JN393272A") == .invalid("a National Insurance number, not a company number"))
    }

    @Test("charity numbers: England and Wales, linked charities, Scotland, Northern Ireland", arguments: [
        ("1123456", "1123456"), ("1123456-1", "1123456"), ("220949", "220949"), ("0220949", "220949"), ("SC012345", "SC012345"),
        ("SC 12345", "SC012345"), ("NIC100002", "NIC100002"), ("NI100002", "NIC100002"),
    ])
    func charityNumbers(raw: String, normalised: String) {
        #expect(OrgIdentifiers.checkCharityNumber(raw) == .valid(normalised))
    }

    @Test("charity org-ids follow the register", arguments: [("1123456", "GB-CHC-1123456"), ("SC012345", "GB-SC-SC012345"), ("NIC100002", "GB-NIC-100002")])
    func charityOrgIDs(number: String, orgID: String) {
        #expect(OrgIdentifiers.charityOrgID(number) == orgID)
    }

    @Test("not charity numbers", arguments: ["12345", "123", "12345678", "ABC"])
    func invalidCharityNumbers(raw: String) {
        guard case .invalid = OrgIdentifiers.checkCharityNumber(raw) else { Issue.record("\(raw) should be invalid"); return }
        #expect(OrgIdentifiers.checkCharityNumber("EXEMPT") == .placeholder)
    }

    @Test("VAT numbers with HMRC's check digits (Devon's real values), branch traders and government departments", arguments: [
        ("392295664", "392295664"), ("GB 392 2956 64", "392295664"), ("245719348", "245719348"), ("GB245719348000", "245719348000"),
        ("GD001", "GD001"), ("HA500", "HA500"),
    ])
    func vatNumbers(raw: String, normalised: String) {
        #expect(OrgIdentifiers.checkVATNumber(raw) == .valid(normalised))
    }

    @Test("VAT numbers whose check digits fail, or of the wrong length, are invalid", arguments: ["392295665", "392295674", "12345", "1427723486", "GD600", "HA100"])
    func invalidVATNumbers(raw: String) {
        guard case .invalid = OrgIdentifiers.checkVATNumber(raw) else { Issue.record("\(raw) should be invalid"); return }
    }

    @Test("council supplier refs: kept as published, placeholders refused", arguments: [("S385887", true), ("348346", true), ("Redacted", false), ("0", false), ("N/A", false), ("Purchase Card Supplier", false)])
    func supplierRefs(raw: String, valid: Bool) {
        #expect((OrgIdentifiers.checkSupplierRef(raw).value != nil) == valid)
    }

    @Test("supplier ids are org-ids or a name hash; keys are stable hashes of the id")
    func stableIdentity() {
        #expect(SupplierIdentity.nameID("ACHIEVE TOGETHER LTD") == SupplierIdentity.nameID("ACHIEVE TOGETHER LTD"))
        #expect(SupplierIdentity.nameID("ACHIEVE TOGETHER LTD").hasPrefix("MS-"))
        #expect(SupplierIdentity.nameID("J SMITH", qualifier: "S1") != SupplierIdentity.nameID("J SMITH", qualifier: "S2"))
        #expect(SupplierIdentity.key("GB-COH-04869035") == SupplierIdentity.key("GB-COH-04869035"))
        #expect(SupplierIdentity.key("GB-COH-04869035") != SupplierIdentity.key("GB-COH-04869036"))
        #expect(SupplierIdentity.key("GB-COH-04869035") < 1 << 52)
        #expect(SupplierIdentity.key("GB-COH-04869035", salt: 1) != SupplierIdentity.key("GB-COH-04869035"))
    }
}

@Suite("Phrases in names")
struct PhraseIndexTests {
    @Test("whole words only; the earliest-listed phrase wins wherever it stands")
    func phrases() {
        let index = PhraseIndex([(phrase: "PRECEPT", value: 1), (phrase: "COLLECTION FUND", value: 2), (phrase: "FUND", value: 3)])
        #expect(index.first(in: "COLLECTION FUND PRECEPT")?.value == 1)
        #expect(index.first(in: "COLLECTION FUND")?.value == 2)
        #expect(index.first(in: "PENSION FUND")?.value == 3)
        #expect(index.first(in: "PRECEPTS") == nil)
        #expect(index.first(in: "FUNDING COLLECTION") == nil)
        #expect(index.first(in: "") == nil)
    }
}

@Suite("Scope vocabulary")
struct ScopeVocabularyTests {
    @Test("ordinal is the position in allCases")
    func ordinals() {
        #expect(Scope.allCases.map(\.ordinal) == Array(Scope.allCases.indices))
    }
}
