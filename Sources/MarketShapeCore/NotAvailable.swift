/// Cells councils fill in to mean "no value", matched on bytes without allocating.
public enum NotAvailable {
    /// `#N/A` or `N/A`, in any case.
    @inline(__always)
    public static func isNA(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let offset = b.count == 4 && b[0] == 0x23 ? 1 : 0
        guard b.count - offset == 3 else { return false }
        return b[offset] & 0xDF == 0x4E && b[offset + 1] == 0x2F && b[offset + 2] & 0xDF == 0x41
    }

    /// `#N/A`, `N/A`, `NULL` or a lone `-`: an empty optional cell.
    @inline(__always)
    public static func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count == 1 { return b[0] == 0x2D }
        if b.count == 4, b[0] & 0xDF == 0x4E, b[1] & 0xDF == 0x55, b[2] & 0xDF == 0x4C, b[3] & 0xDF == 0x4C { return true }
        return isNA(b)
    }
}
