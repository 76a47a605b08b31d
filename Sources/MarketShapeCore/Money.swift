/// Money is held as integer pence everywhere; it is never a floating-point number.
public typealias Pence = Int

/// Formats pence as pounds for people: `123456` → `£1,234.56`, `-5` → `-£0.05`.
public func formatPounds(_ pence: Pence, decimals: Bool = true) -> String {
    let negative = pence < 0
    let magnitude = pence.magnitude
    var text = "£" + formatCount(Int(magnitude / 100))
    if decimals {
        let fraction = magnitude % 100
        text += "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
    return (negative ? "-" : "") + text
}

/// Formats a count with thousands separators: `1234567` → `1,234,567`.
public func formatCount(_ n: Int) -> String {
    var digits = String(n.magnitude)
    var grouped = ""
    while digits.count > 3 {
        grouped = "," + digits.suffix(3) + grouped
        digits.removeLast(3)
    }
    return (n < 0 ? "-" : "") + digits + grouped
}

/// Formats pence as a plain decimal string for machines: `-123456` → `-1234.56`.
public func formatDecimalPounds(_ pence: Pence) -> String {
    let magnitude = pence.magnitude
    let fraction = magnitude % 100
    return (pence < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
}
