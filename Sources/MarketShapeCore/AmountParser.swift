/// Why an amount cell could not be read as money.
public enum AmountProblem: String, Error, Sendable {
    case missing = "amount_missing"
    case invalid = "amount_invalid"
}

/// Reads a council's amount cell into integer pence.
///
/// Accepts every form seen in published spend files: surrounding spaces (also non-breaking),
/// `£` (UTF-8 or Windows-1252 byte), thousands separators, `(123.45)`, leading or trailing minus,
/// a `CR` suffix (a credit, so negative) and a `DR` suffix. More than two decimals are rounded
/// half away from zero to the penny. `#N/A`, `N/A` and blanks are `missing`. Thousands separators must group
/// three digits (`1,234,567.89`; `1,23`, `12,3456` and `£1,2,3` are invalid), and an amount says it is negative
/// once: `(-5)`, `(5)CR`, `-5CR` and `5CR-` are invalid, never read as +£5, and `DR` with any minus is invalid.
public enum AmountParser {
    public static func parse(_ text: String) -> Result<Pence, AmountProblem> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0)) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Pence, AmountProblem> {
        var start = 0
        var end = bytes.count
        trim(bytes, &start, &end)
        if start == end { return .failure(.missing) }
        if isNotAvailable(bytes, start, end) { return .failure(.missing) }

        // A currency named around the amount, once: `£(500.00)`, `GBP 500.00`, `500.00 GBP`.
        func isGBP(_ at: Int) -> Bool {
            at + 3 <= end && at >= start && bytes[at] | 0x20 == 0x67 && bytes[at + 1] | 0x20 == 0x62 && bytes[at + 2] | 0x20 == 0x70
        }
        if isGBP(start) { start += 3; trim(bytes, &start, &end) }
        else if end - start >= 4 && isGBP(end - 3) { end -= 3; trim(bytes, &start, &end) }
        else if start < end && bytes[start] == 0xA3 && start + 1 < end && bytes[start + 1] == UInt8(ascii: "(") { start += 1 }
        else if start + 2 < end && bytes[start] == 0xC2 && bytes[start + 1] == 0xA3 && bytes[start + 2] == UInt8(ascii: "(") { start += 2 }
        if start == end { return .failure(.invalid) }

        var negative = false
        var parenthesised = false
        var negativeMarks = 0, debit = false
        // Suffixes: CR / DR, trailing minus, closing parenthesis.
        if end - start >= 2 {
            let a = bytes[end - 2] | 0x20, b = bytes[end - 1] | 0x20
            if a == UInt8(ascii: "c") && b == UInt8(ascii: "r") { negative = true; negativeMarks += 1; end -= 2; trim(bytes, &start, &end) }
            else if a == UInt8(ascii: "d") && b == UInt8(ascii: "r") { debit = true; end -= 2; trim(bytes, &start, &end) }
        }
        if start < end && bytes[end - 1] == UInt8(ascii: "-") { negative.toggle(); negativeMarks += 1; end -= 1; trim(bytes, &start, &end) }
        if start < end && bytes[start] == UInt8(ascii: "(") {
            guard bytes[end - 1] == UInt8(ascii: ")") else { return .failure(.invalid) }
            parenthesised = true
            negativeMarks += 1
            start += 1; end -= 1; trim(bytes, &start, &end)
        }
        var whole: Int = 0
        var fraction: Int = 0
        var fractionDigits = 0
        var roundUp = false
        var seenDigit = false
        var seenPoint = false
        var seenSign = false
        // Thousands groups: the digits of the current group, and whether a separator has been seen.
        var groupDigits = 0, grouped = false
        var i = start
        while i < end {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                let d = Int(c &- 48)
                if !seenPoint { groupDigits += 1 }
                if seenPoint {
                    if fractionDigits < 2 { fraction = fraction * 10 + d; fractionDigits += 1 }
                    else if fractionDigits == 2 { roundUp = d >= 5; fractionDigits += 1 }
                } else {
                    let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 || s > 90_000_000_000_000_000 / 100 { return .failure(.invalid) }
                    whole = s
                }
            case UInt8(ascii: ","):
                // The first group holds one to three digits, every later one exactly three.
                if seenPoint || !seenDigit || groupDigits == 0 || groupDigits > 3 || (grouped && groupDigits != 3) { return .failure(.invalid) }
                grouped = true
                groupDigits = 0
            case UInt8(ascii: "."):
                if seenPoint || (grouped && groupDigits != 3) { return .failure(.invalid) }
                seenPoint = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if seenDigit || seenSign || seenPoint { return .failure(.invalid) }
                seenSign = true
                if c == UInt8(ascii: "-") { negative.toggle(); negativeMarks += 1 }
            case 0xA3: // '£' in Windows-1252, or the second byte of UTF-8 C2 A3
                if seenDigit { return .failure(.invalid) }
            case 0xC2:
                // UTF-8 `£`, or a non-breaking space (C2 A0) before the number (`£\u{a0}500`).
                guard i + 1 < end, bytes[i + 1] == 0xA3 || bytes[i + 1] == 0xA0, !seenDigit else { return .failure(.invalid) }
                i += 1
            case 0xE2:
                // A minus sign (U+2212) or an en dash (U+2013) where a sign may stand: spreadsheets print them.
                guard i + 2 < end, (bytes[i + 1] == 0x88 && bytes[i + 2] == 0x92) || (bytes[i + 1] == 0x80 && bytes[i + 2] == 0x93),
                      !seenDigit, !seenSign, !seenPoint else { return .failure(.invalid) }
                seenSign = true
                negative.toggle(); negativeMarks += 1
                i += 2
            case UInt8(ascii: " "), 0xA0:
                if seenDigit { return .failure(.invalid) }
            default:
                return .failure(.invalid)
            }
            i += 1
        }
        guard seenDigit, !grouped || seenPoint || groupDigits == 3 else { return .failure(.invalid) }
        // Two ways of saying negative (`(-5)`, `(5)CR`) cancel out in arithmetic but not in meaning: no reading is safe.
        if negativeMarks > 1 || (debit && negativeMarks > 0) { return .failure(.invalid) }
        if fractionDigits == 1 { fraction *= 10 }
        var pence = whole * 100 + fraction + (roundUp ? 1 : 0)
        if negative != parenthesised && (negative || parenthesised) { pence = -pence }
        return .success(pence)
    }

    @inline(__always)
    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        ByteTrim.bounds(b, &start, &end)
    }

    static func isNotAvailable(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        NotAvailable.isNA(UnsafeBufferPointer(rebasing: b[start..<end]))
    }
}
