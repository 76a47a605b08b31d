/// The fields MarketShape reads from a spend file, whatever the council called them.
public enum CanonicalField: String, CaseIterable, Codable, Sendable {
    case body, bodyName = "body_name", paidOn = "paid_on", period, amount
    case supplierName = "supplier_name", supplierRef = "supplier_ref"
    case companyNumber = "company_number", charityNumber = "charity_number", vatNumber = "vat_number"
    case supplierPostcode = "supplier_postcode"
    case directorate, service, expenseType = "expense_type", costCentre = "cost_centre", category
    case transactionRef = "transaction_ref", invoiceRef = "invoice_ref"
    case purchaseCard = "purchase_card", capitalRevenue = "capital_revenue", vcseFlag = "vcse_flag"
    case creditorType = "creditor_type", irrecoverableVAT = "irrecoverable_vat"

    /// Position in `allCases`, for array lookups on hot paths.
    public var index: Int {
        switch self {
        case .body: return 0
        case .bodyName: return 1
        case .paidOn: return 2
        case .period: return 3
        case .amount: return 4
        case .supplierName: return 5
        case .supplierRef: return 6
        case .companyNumber: return 7
        case .charityNumber: return 8
        case .vatNumber: return 9
        case .supplierPostcode: return 10
        case .directorate: return 11
        case .service: return 12
        case .expenseType: return 13
        case .costCentre: return 14
        case .category: return 15
        case .transactionRef: return 16
        case .invoiceRef: return 17
        case .purchaseCard: return 18
        case .capitalRevenue: return 19
        case .vcseFlag: return 20
        case .creditorType: return 21
        case .irrecoverableVAT: return 22
        }
    }

    /// Fields without which a row cannot be a payment. `paid_on` may be replaced by `period`.
    public static let required: [CanonicalField] = [.paidOn, .amount, .supplierName]

    /// Header spellings seen in real files, best first, in normalised form (see `HeaderName.normalise`).
    /// Where a file has two candidates (Leeds has both `Effective Date` and `Payment Date`) the earlier wins.
    public var synonyms: [String] {
        switch self {
        case .body: return ["body", "organisationcode", "organisationuri", "bodycode"]
        case .bodyName: return ["bodyname", "nameofbody", "organisationname", "organisationlabel", "organisation"]
        case .paidOn: return ["datepaid", "paymentdate", "paiddate", "invoicepaymentdate", "transactiondate",
                              "clearingdate", "date", "effectivedate", "dateofpayment", "postingdate"]
        case .period: return ["period", "paymentperiod", "yearmonth"]
        case .amount: return ["amount", "netamount", "net", "totalexcludesvat", "invoicelinevaluenetofvat", "amountinsterling",
                              "invoicedvalue", "gross", "grossamount", "value", "amountexcludingvat", "amountexclvat",
                              "netvalue", "paymentamount", "transactionamount", "total"]
        case .supplierName: return ["suppliername", "supplierbeneficiaryname", "beneficiaryname", "vendorname", "supplier",
                                    "payee", "payeename", "merchantname", "beneficiary", "creditorname", "vendor"]
        case .supplierRef: return ["supplierid", "localsupplierinternalreference", "suppliernumber", "supplierref",
                                   "suppliercode", "vendorid", "vendornumber", "creditorid", "creditornumber",
                                   "beneficiaryotherid"]
        case .companyNumber: return ["supplierregisteredcompanynumber", "compregno", "companynumber",
                                     "companyregistrationnumber", "companiesregistrationnumber", "companyregno"]
        case .charityNumber: return ["supplierregisteredcharitynumber", "charitynumber", "charityregistrationnumber",
                                     "charityregno"]
        case .vatNumber: return ["vatregno", "vatregistrationnumber", "vatnumber", "vatno", "suppliervatnumber"]
        case .supplierPostcode: return ["supplierpostcode", "postcode", "beneficiarypostcode", "vendorpostcode"]
        case .directorate: return ["directorate", "organisationalunit", "department", "portfolio", "servicedirectorate"]
        case .service: return ["expensearea", "servicearea", "servicedivisionlabel", "servicesercop",
                               "servicecategorylabel", "service", "servicelabel", "costcentrename", "division", "servicedivision"]
        case .expenseType: return ["expensetype", "expensestype", "purpose", "purposeofspend", "purposeofspendsummary",
                                   "expensedescription", "expenditurecategory", "subjectivedescription",
                                   "detailedexpendituretype", "accountdescription", "subjectivename", "expensecodedescription",
                                   "natureofspend", "detailedexpensetype", "expendituretype", "costelementdescription", "costelementname"]
        case .costCentre: return ["costcentre", "costcentrecode", "costcuk", "profitcentre", "costcentreno", "costcentredescription",
                                  "costcentredesc"]
        case .category: return ["procurementcategory", "procurementclassification",
                                "procurementclassificationcouncilsprocurementcategoryname", "proclasslabel",
                                "proclass", "merchantcategory", "thomsonclassification", "categoryinternalname",
                                "bvacop", "category"]
        case .transactionRef: return ["transactionnumber", "transactionno", "internalrefnumber", "transactionid",
                                      "transactionreference", "paymentreference", "documentnumber", "paymentnumber"]
        case .invoiceRef: return ["invoicenumber", "invoiceno", "invoiceref", "invoicereference"]
        case .purchaseCard: return ["procurementcard", "purchasecard", "pcard", "purchasecardtransaction"]
        case .capitalRevenue: return ["capitalorrevenue", "caprev", "capitalrevenue", "capitalrevenueindicator"]
        case .vcseFlag: return ["voluntarycommunityandsocialenterprisesupplier", "vcse", "vcsesupplier", "vcseflag"]
        case .creditorType: return ["creditortype", "suppliertype", "vendortype"]
        case .irrecoverableVAT: return ["irrecoverablevat", "irrecoverablevatamount"]
        }
    }
}

/// Header-name normalisation shared by sniffing and register imports.
public enum HeaderName {
    /// Lower-cases and keeps only ASCII letters and digits: `" Amount (£) "` → `amount`,
    /// `Supplier(Beneficiary) Name` → `supplierbeneficiaryname`.
    public static func normalise(_ header: String) -> String {
        String(String.UnicodeScalarView(header.unicodeScalars.compactMap { s -> Unicode.Scalar? in
            guard s.isASCII else { return nil }
            let v = s.value
            if (65...90).contains(v) { return Unicode.Scalar(v + 32) }
            if (97...122).contains(v) || (48...57).contains(v) { return s }
            return nil
        }))
    }

    /// Levenshtein distance, for suggesting the closest known synonym in error messages.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
