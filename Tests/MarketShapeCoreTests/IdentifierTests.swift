import MarketShapeCore
import Testing

@Suite("Identifiers, names and redactions")
struct IdentifierTests {
    @Test("company numbers are 8 characters", arguments: [
        ("4869035", "04869035"), ("03350709", "03350709"), ("sc 12345", "SC012345"), ("OC301234", "OC301234"), (" 1234567 ", "01234567"),
    ])
    func companyNumbers(raw: String, normalised: String) {
        #expect(OrgIdentifiers.companyNumber(raw) == normalised)
    }

    @Test("not company numbers", arguments: ["", "N/A", "#N/A", "EXEMPT", "0", "00000000", "123456789", "ABC123"])
    func notCompanyNumbers(raw: String) {
        #expect(OrgIdentifiers.companyNumber(raw) == nil)
    }

    @Test func charityAndVAT() {
        #expect(OrgIdentifiers.charityNumber("1123456") == "1123456")
        #expect(OrgIdentifiers.charityNumber("1123456-1") == "1123456")
        #expect(OrgIdentifiers.charityNumber("EXEMPT") == nil)
        #expect(OrgIdentifiers.charityNumber("'1099999") == "1099999")
        #expect(OrgIdentifiers.charityNumber("=\"1099998\"") == "1099998")
        #expect(OrgIdentifiers.vatNumber("GB 392 2956 64") == "392295664")
        #expect(OrgIdentifiers.vatNumber("12345") == nil)
    }

    @Test func postcodes() {
        #expect(OrgIdentifiers.postcode("nw18np") == "NW1 8NP")
        #expect(OrgIdentifiers.postcode("NW1  8NP") == "NW1 8NP")
        #expect(OrgIdentifiers.outwardCode("N1C 4AG") == "N1C")
        #expect(OrgIdentifiers.outwardCode("N1 4AG") == "N1")
        #expect(OrgIdentifiers.postcode("NOT A POSTCODE") == nil)
    }

    @Test("every redaction spelling in DOMAIN.md and similar", arguments: [
        "REDACTED PERSONAL DATA", "Redacted Personal Information", "DETAILS REDACTED", "Redacted", "Redacted Commercial Data",
        "** REDACTED **", "Name withheld", "PERSONAL DATA", "*****", "XXXXXXXX", "x x x", "####", "Personal details removed", "Confidential",
        "AN INDIVIDUAL", "Private",
    ])
    func redacted(name: String) {
        #expect(Redaction.isRedacted(name))
        #expect(Array(name.utf8).withUnsafeBufferPointer { Redaction.isRedacted(bytes: $0) })
    }

    @Test("real suppliers are not redactions", arguments: ["FAMILY COMPASS", "Achieve Together Ltd", "Redbridge Council", "DATA PROTECTION SOLUTIONS LTD",
                                                           "Confidential Shredding Ltd", "XX Recruitment", "X-Ray Services", "Private Care Homes Ltd", "Individual Solutions", "**", "XX"])
    func notRedacted(name: String) {
        #expect(Redaction.isRedacted(name) == (name == "DATA PROTECTION SOLUTIONS LTD"))
    }

    @Test("a name without the legal form it ends with; a name that is only a form, or has none, is itself", arguments: [
        ("FOSTER CARE ASSOCIATES LTD", "FOSTER CARE ASSOCIATES"), ("ACME PLC", "ACME"), ("BRIGHT FUTURES CIC", "BRIGHT FUTURES CIC"),
        ("SMITH AND CO LTD", "SMITH AND CO"), ("ACME INC", "ACME INC"), ("LTD", "LTD"), ("CO OPERATIVE GROUP", "CO OPERATIVE GROUP"),
        ("LTD SERVICES", "LTD SERVICES"), ("CWMNI CYF", "CWMNI")])
    func withoutLegalForm(name: String, core: String) {
        #expect(SupplierName.withoutLegalForm(name) == core)
    }

    @Test("normalised names meet across spellings")
    func supplierNames() {
        let a = SupplierName.normalise("Achieve Together Limited")
        #expect(a == "ACHIEVE TOGETHER LTD")
        #expect(SupplierName.normalise("ACHIEVE TOGETHER LTD.") == a)
        #expect(SupplierName.normalise("Achieve\u{a0}Together Ltd\u{a0}") == a)
        #expect(SupplierName.normalise("The Smith & Jones Partnership (2)") == "SMITH AND JONES PARTNERSHIP")
        #expect(SupplierName.normalise("Smith and Jones Partnership (The)") == "SMITH AND JONES PARTNERSHIP")
        // One name in two Unicode forms: composed é (U+00E9), and e with a combining acute (U+0301).
        #expect(SupplierName.normalise("Caf\u{e9} Ltd") == SupplierName.normalise("Cafe\u{301} Ltd"))
        #expect(SupplierName.normalise("Cafe\u{301} Ltd") == "CAF\u{c9} LTD")
    }
}

@Suite("Canonical fields")
struct CanonicalFieldTests {
    @Test("index is the position in allCases")
    func index() {
        #expect(CanonicalField.allCases.map(\.index) == Array(0..<CanonicalField.allCases.count))
    }
}

@Suite("Supplier-name normalisation edge cases")
struct SupplierNameTests {
    @Test("brackets, apostrophes, PLC and non-ASCII letters", arguments: [
        ("St Mary's Primary School", "ST MARY S PRIMARY SCHOOL"), ("Acme (UK) Limited", "ACME UK LTD"), ("Acme (2) Ltd (3)", "ACME 2 LTD"),
        ("BIG BUILD PUBLIC LIMITED COMPANY", "BIG BUILD PLC"), ("Café Nero Ltd", "CAFÉ NERO LTD"), ("The", "THE"), ("", ""),
        ("Penna Plc\u{a0}", "PENNA PLC"), ("A&B Ltd", "A AND B LTD"), ("The Theatre Company (The)", "THEATRE COMPANY"),
    ])
    func normalise(raw: String, expected: String) {
        #expect(SupplierName.normalise(raw) == expected)
    }
}

@Suite("Byte cache")
struct ByteCacheTests {
    @Test("computes once per distinct key and never confuses keys")
    func cache() {
        var cache = ByteCache<String>()
        var computed = 0
        func get(_ s: String) -> String {
            Array(s.utf8).withUnsafeBufferPointer { b in
                if let known = cache.value(for: b) { return known }
                computed += 1
                cache.insert(s.uppercased(), for: b)
                return s.uppercased()
            }
        }
        #expect(get("nw1 8np") == "NW1 8NP")
        #expect(get("nw1 8np") == "NW1 8NP")
        #expect(get("nw1 8nq") == "NW1 8NQ")
        #expect(get("") == "")
        #expect(computed == 3)
    }

    @Test("keeps every key apart as the table grows, keys that are prefixes of each other included")
    func growth() {
        var cache = ByteCache<Int>()
        let keys = (0..<5_000).map { String(repeating: "x", count: $0 % 40) + "\($0)" }
        for (i, k) in keys.enumerated() { Array(k.utf8).withUnsafeBufferPointer { cache.insert(i, for: $0) } }
        let found = keys.map { k in Array(k.utf8).withUnsafeBufferPointer { cache.value(for: $0) } }
        #expect(found == Array(0..<5_000).map(Optional.some))
        #expect(cache.count == 5_000)
    }

    @Test("long keys that differ in one byte anywhere are kept apart")
    func oneByteApart() {
        var cache = ByteCache<Int>()
        let base = Array(repeating: UInt8(ascii: "k"), count: 45)
        for at in base.indices { var key = base; key[at] = UInt8(ascii: "z"); key.withUnsafeBufferPointer { cache.insert(at, for: $0) } }
        base.withUnsafeBufferPointer { cache.insert(-1, for: $0) }
        let found = base.indices.map { at in var key = base; key[at] = UInt8(ascii: "z"); return key.withUnsafeBufferPointer { cache.value(for: $0) } }
        #expect(found == base.indices.map(Optional.some))
        #expect(base.withUnsafeBufferPointer { cache.value(for: $0) } == -1)
        #expect(cache.count == 46)
    }
}

@Suite("Not-available cells")
struct NotAvailableTests {
    func bytes(_ s: String, _ f: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool { Array(s.utf8).withUnsafeBufferPointer(f) }

    @Test func matches() {
        for s in ["#N/A", "#n/a", "N/A", "n/a", "NULL", "null", "-"] { #expect(bytes(s, NotAvailable.matches), "\(s)") }
        for s in ["", "NA", "N/AX", "5.00", "NULLS", "--", "#N/B"] { #expect(!bytes(s, NotAvailable.matches), "\(s)") }
        #expect(!bytes("NULL", NotAvailable.isNA))
        #expect(!bytes("-", NotAvailable.isNA))
    }
}

/// Found by the fuzz suite: `099999999` checked as the company number `99999999`, which checks as a placeholder.
@Suite("Checking a checked identifier gives it back")
struct IdentifierIdempotenceTests {
    @Test("a value whose normal form is a placeholder is a placeholder however it was written", arguments: ["099999999", "0099999999", "99999999"])
    func placeholderAfterNormalising(raw: String) {
        #expect(OrgIdentifiers.checkCompanyNumber(raw) == .placeholder)
    }
}
