#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers a value computed from a byte string, so repeated cells (payee names, postcodes, identifiers)
/// are worked out once per distinct value without building a String for each row. Keys are kept whole in
/// one flat buffer and compared in full on every hit: a hash collision never returns another key's value.
///
/// An open-addressing table over a hash taken sixteen bytes at a time. Each slot holds the top half of its
/// key's hash beside the entry number, so a probe reads one slot, and only a slot whose hash half matches
/// goes on to the entry (start, length and value together) and one `memcmp` of the key.
@frozen
public struct ByteCache<Value> {
    @usableFromInline
    struct Entry {
        @usableFromInline var start: Int
        @usableFromInline var length: Int
        @usableFromInline var value: Value
        @inlinable init(start: Int, length: Int, value: Value) { self.start = start; self.length = length; self.value = value }
    }

    /// Per slot: the hash's top 32 bits, then entry index + 1 (0 when empty). The count is a power of two, at
    /// most half full.
    @usableFromInline var slots: [UInt64] = Array(repeating: 0, count: 64)
    @usableFromInline var entries: [Entry] = []
    @usableFromInline var bytes: [UInt8] = []

    @inlinable public init() {}

    /// How many distinct keys are held.
    @inlinable public var count: Int { entries.count }

    /// The value stored for `key`, if any.
    @inlinable public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        find(key).entry.map { entries[$0].value }
    }

    /// Stores `value` for `key` (replacing any value it had).
    @inlinable public mutating func insert(_ value: Value, for key: UnsafeBufferPointer<UInt8>) {
        let (h, slot, entry) = find(key)
        if let entry { entries[entry].value = value } else { store(value, key, hash: h, slot: slot) }
    }

    /// The key's hash, its slot (where it is, or the empty slot where it would go) and its entry when present.
    @inlinable @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, slot: Int, entry: Int?) {
        let h = Self.hash(key)
        let tag = h >> 32
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = slots[slot]
                if s == 0 { return (h, slot, nil) }
                if s >> 32 == tag {
                    let entry = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                    if matches(entry, key) { return (h, slot, entry) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inlinable
    mutating func store(_ value: Value, _ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, slot: Int) {
        entries.append(Entry(start: bytes.count, length: key.count, value: value))
        bytes.append(contentsOf: key)
        slots[slot] = (h >> 32) << 32 | UInt64(entries.count)
        if entries.count * 2 > slots.count { grow() }
    }

    @usableFromInline
    mutating func grow() {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for s in slots where s != 0 {
            let entry = entries[Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1]
            let h = bytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[entry.start..<entry.start + entry.length])) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = s
        }
        slots = grown
    }

    @inlinable @inline(__always)
    func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        entries.withUnsafeBufferPointer { entries in
            let e = entries[entry]
            guard e.length == key.count else { return false }
            guard let base = key.baseAddress, key.count > 0 else { return true }
            return bytes.withUnsafeBufferPointer { all in memcmp(all.baseAddress! + e.start, base, key.count) == 0 }
        }
    }

    /// A 64-bit hash of the key: two independent lanes each take eight bytes at a time (multiply and fold),
    /// so the multiplications overlap; finished with a murmur-style mix.
    @inlinable @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var b: UInt64 = 0xD6E8_FEB8_6659_FD93
        guard let base = key.baseAddress else { return a }
        let raw = UnsafeRawPointer(base)
        let n = key.count
        var i = 0
        while i + 16 <= n {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            b = (b ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
            a ^= a >> 32
            b ^= b >> 29
            i += 16
        }
        if i + 8 <= n {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            a ^= a >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        var h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }
}
