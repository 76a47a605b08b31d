/// The fixed facts of the synthetic borough: its services, places and postcode geography.
/// Modelled on Camden (E09000007) so local rules meet real near-misses (N1 vs N1C, NW1 vs NW10).
enum BoroughModel {
    static let bodyName = "London Borough of Camden (synthetic)"
    static let bodyCode = "E09000007"

    /// Outward codes inside the borough, with the ward each stands for.
    static let localOutward: [(code: String, ward: String, wardName: String)] = [
        ("NW1", "E05013652", "Regent's Park"), ("NW3", "E05013660", "Hampstead Town"), ("NW5", "E05013658", "Kentish Town South"),
        ("NW6", "E05013662", "Kilburn"), ("N1C", "E05013664", "King's Cross"), ("N7", "E05013666", "Holloway Road"),
        ("N19", "E05013657", "Highgate"), ("WC1H", "E05013653", "Bloomsbury"), ("WC1X", "E05013654", "Holborn and Covent Garden"),
    ]
    /// Outward codes outside the borough, near misses first, with their local authority.
    static let otherOutward: [(code: String, authority: String, region: String)] = [
        ("N1", "E09000019", "E12000007"), ("N10", "E09000014", "E12000007"), ("N16", "E09000012", "E12000007"),
        ("NW10", "E09000005", "E12000007"), ("NW11", "E09000003", "E12000007"), ("EC1V", "E09000019", "E12000007"),
        ("SE1", "E09000028", "E12000007"), ("E14", "E09000030", "E12000007"), ("M1", "E08000003", "E12000002"),
        ("B1", "E08000025", "E12000005"), ("LS1", "E08000035", "E12000003"), ("RG1", "E06000038", "E12000008"),
    ]

    struct Service {
        let directorate: String
        let name: String
        let expenseTypes: [String]
        let category: String
        let medianPounds: Double
        let weight: Int
        /// Supplier kinds this service buys from, with weights.
        let kinds: [(SupplierKind, Int)]
    }

    static let services: [Service] = [
        Service(directorate: "Adult Social Care", name: "Homecare", expenseTypes: ["Domiciliary Care", "Reablement"], category: "Social Care",
                medianPounds: 2200, weight: 16, kinds: [(.sme, 5), (.privateEquityCare, 4), (.charity, 2), (.cooperative, 1), (.employeeOwned, 1), (.cic, 1)]),
        Service(directorate: "Adult Social Care", name: "Residential Care", expenseTypes: ["Residential Placements", "Nursing Placements"], category: "Social Care",
                medianPounds: 4800, weight: 12, kinds: [(.privateEquityCare, 4), (.large, 2), (.charity, 2), (.sme, 2)]),
        Service(directorate: "Adult Social Care", name: "Supported Living", expenseTypes: ["Supported Living"], category: "Social Care",
                medianPounds: 3100, weight: 6, kinds: [(.charity, 3), (.cic, 2), (.sme, 2), (.guaranteeCharity, 1)]),
        Service(directorate: "Children and Learning", name: "Fostering", expenseTypes: ["Independent Fostering Agencies", "Foster Carer Allowances"], category: "Social Care",
                medianPounds: 1900, weight: 7, kinds: [(.privateEquityCare, 2), (.charity, 2), (.soleTrader, 3)]),
        Service(directorate: "Children and Learning", name: "Early Help", expenseTypes: ["Grants to Voluntary Organisations"], category: "Grants",
                medianPounds: 1500, weight: 5, kinds: [(.charity, 4), (.cic, 2), (.communityBenefit, 1), (.guaranteeNoCharity, 1)]),
        Service(directorate: "Children and Learning", name: "Schools Partnership", expenseTypes: ["Payments to Schools"], category: "Education",
                medianPounds: 6000, weight: 4, kinds: [(.publicBody, 1)]),
        Service(directorate: "Supporting Communities", name: "Housing Repairs", expenseTypes: ["Responsive Repairs", "Planned Maintenance"], category: "Construction",
                medianPounds: 2600, weight: 12, kinds: [(.sme, 5), (.large, 2), (.soleTrader, 2), (.cooperative, 1)]),
        Service(directorate: "Supporting Communities", name: "Waste and Recycling", expenseTypes: ["Contract Payments"], category: "Environmental Services",
                medianPounds: 40000, weight: 4, kinds: [(.plc, 1), (.large, 1)]),
        Service(directorate: "Supporting Communities", name: "Parks and Open Spaces", expenseTypes: ["Grounds Maintenance", "Equipment"], category: "Facilities",
                medianPounds: 1400, weight: 5, kinds: [(.sme, 3), (.cic, 1), (.soleTrader, 1)]),
        Service(directorate: "Corporate Services", name: "Digital and IT", expenseTypes: ["Software Licences", "IT Consultancy"], category: "ICT",
                medianPounds: 5200, weight: 8, kinds: [(.plc, 2), (.large, 2), (.sme, 3)]),
        Service(directorate: "Corporate Services", name: "Legal Services", expenseTypes: ["Counsel Fees", "Court Fees"], category: "Professional Services",
                medianPounds: 2100, weight: 4, kinds: [(.sme, 2), (.soleTrader, 2), (.publicBody, 1)]),
        Service(directorate: "Corporate Services", name: "Facilities", expenseTypes: ["Cleaning", "Catering", "Security"], category: "Facilities",
                medianPounds: 1800, weight: 7, kinds: [(.large, 2), (.sme, 3), (.employeeOwned, 1), (.cooperative, 1)]),
    ]

    /// Homecare is bought by locality; housing repairs by estate. Cost centres carry the place.
    static let homecareLocalities: [(costCentre: String, locality: String, wards: [String])] = [
        ("HC-N01", "Homecare North", ["Highgate", "Hampstead Town"]), ("HC-S02", "Homecare South", ["Holborn and Covent Garden", "Bloomsbury"]),
        ("HC-E03", "Homecare East", ["King's Cross", "Holloway Road"]), ("HC-W04", "Homecare West", ["Kilburn"]),
        ("HC-C05", "Homecare Central", ["Regent's Park", "Kentish Town South"]),
    ]
    static let estates: [(costCentre: String, estate: String, ward: String)] = [
        ("HR-E01", "Regent's Park Estate", "Regent's Park"), ("HR-E02", "Kiln Place", "Kentish Town South"),
        ("HR-E03", "Gospel Oak Estate", "Hampstead Town"), ("HR-E04", "Somers Town Estate", "King's Cross"),
        ("HR-E05", "Maiden Lane Estate", "Holloway Road"), ("HR-E06", "Alexandra Road Estate", "Kilburn"),
    ]
}

/// The kinds of supplier the borough pays: every class the measures must tell apart.
enum SupplierKind: String, CaseIterable {
    case sme, large, plc, charity, guaranteeCharity = "guarantee_charity", guaranteeNoCharity = "guarantee_no_charity", cic
    case cooperative, communityBenefit = "community_benefit", employeeOwned = "employee_owned"
    case privateEquityCare = "private_equity_care", publicBody = "public_body", soleTrader = "sole_trader"
}
