/// Remembers a value computed from a byte string, so repeated cells (payee names, postcodes, identifiers)
/// are worked out once per distinct value without building a String for each row. Keys are kept whole in
/// one flat buffer and compared in full on every hit: a hash collision never returns another key's value.
public struct ByteCache<Value> {
    private var first: [UInt64: Int] = [:]     // FNV-1a hash → first entry with that hash
    private var next: [Int] = []               // the next entry with the same hash, or -1
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var bytes: [UInt8] = []
    private var values: [Value] = []

    public init() {}

    /// The cached value for `key`, computing and storing it on first sight.
    public mutating func value(for key: UnsafeBufferPointer<UInt8>, _ compute: () -> Value) -> Value {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        var entry = first[h] ?? -1
        while entry >= 0 {
            if lengths[entry] == key.count && matches(entry, key) { return values[entry] }
            entry = next[entry]
        }
        let value = compute()
        let index = values.count
        starts.append(bytes.count)
        lengths.append(key.count)
        bytes.append(contentsOf: key)
        values.append(value)
        next.append(first[h] ?? -1)
        first[h] = index
        return value
    }

    private func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            let start = starts[entry]
            for i in 0..<key.count where all[start + i] != key[i] { return false }
            return true
        }
    }
}
