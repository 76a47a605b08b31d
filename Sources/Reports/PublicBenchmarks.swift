/// Published figures to set a body's shares beside, with their source and year (`../shared/DOMAIN.md`).
public enum PublicBenchmarks {
    public static func forMeasure(_ measure: String) -> [ReportModel.Benchmark] {
        switch measure {
        case "local_share": return [.init(label: "English councils", share: 0.46, source: "Tussell Local Government Procurement Index, 2022"),
                                    .init(label: "Camden", share: 0.56, source: "Tussell 2022, in the Camden seed report")]
        case "sme_share": return [.init(label: "English councils", share: 0.35, source: "Tussell Local Government Procurement Index, 2022")]
        case "vcse_share": return [.init(label: "English councils", share: 0.10, source: "Tussell Local Government Procurement Index, 2022")]
        case "sme_vcse_share": return [.init(label: "Camden", share: 0.35, source: "Tussell 2022, in the Camden seed report")]
        default: return []
        }
    }
}
