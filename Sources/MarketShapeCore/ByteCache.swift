#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers a value computed from a byte string, so repeated cells (payee names, postcodes, identifiers)
/// are worked out once per distinct value without building a String for each row. Keys are kept whole in
/// one flat buffer and compared in full on every hit: a hash collision never returns another key's value.
///
/// An open-addressing table over a hash taken eight bytes at a time: a lookup costs one pass over the key,
/// one probe (rarely two) and one `memcmp`.
@frozen
public struct ByteCache<Value> {
    /// Entry index + 1 per slot, 0 when empty; the count is a power of two, at most half full.
    @usableFromInline var slots: [Int32] = Array(repeating: 0, count: 64)
    @usableFromInline var hashes: [UInt64] = []
    @usableFromInline var starts: [Int] = []
    @usableFromInline var lengths: [Int] = []
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var values: [Value] = []

    @inlinable public init() {}

    /// How many distinct keys are held.
    @inlinable public var count: Int { values.count }

    /// The value stored for `key`, if any.
    @inlinable public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        find(key).entry.map { values[$0] }
    }

    /// Stores `value` for `key` (replacing any value it had).
    @inlinable public mutating func insert(_ value: Value, for key: UnsafeBufferPointer<UInt8>) {
        let (h, slot, entry) = find(key)
        if let entry { values[entry] = value } else { store(value, key, hash: h, slot: slot) }
    }

    /// The key's hash, its slot (where it is, or the empty slot where it would go) and its entry when present.
    @inlinable @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, slot: Int, entry: Int?) {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return (h, slot, nil) }
            if hashes[entry] == h && lengths[entry] == key.count && matches(entry, key) { return (h, slot, entry) }
            slot = (slot + 1) & mask
        }
    }

    @inlinable
    mutating func store(_ value: Value, _ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, slot: Int) {
        let index = values.count
        starts.append(bytes.count)
        lengths.append(key.count)
        bytes.append(contentsOf: key)
        hashes.append(h)
        values.append(value)
        slots[slot] = Int32(index + 1)
        if values.count * 2 > slots.count { grow() }
    }

    @usableFromInline
    mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }

    @inlinable
    func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = key.baseAddress, key.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { all in memcmp(all.baseAddress! + starts[entry], base, key.count) == 0 }
    }

    /// A 64-bit hash taken a word at a time (multiply and fold), finished with a murmur-style mix.
    @inlinable @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count { tail |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }
}
