import MarketShapeCore
import Warehouse

/// One reading thread's way into a staging dictionary table (`StagingIDs`): it remembers, for this load,
/// the id each run of raw bytes came to, so each distinct spelling in its part of the file is normalised
/// and looked up in the shared table once.
struct StagingDictionary {
    let ids: StagingIDs
    private var idOfBytes = ByteCache<Int>()
    private var key: [UInt8] = []

    init(_ ids: StagingIDs) {
        self.ids = ids
    }

    /// The id already given in this load to the raw bytes `raw`, if any.
    func id(forBytes raw: ArraySlice<UInt8>) -> Int? {
        raw.withUnsafeBufferPointer { idOfBytes.value(for: $0) }
    }

    /// The id of `values` (one per column), worked out from the raw bytes `raw`. A row not seen before gets the
    /// next id and is appended to `batch`.
    mutating func id(forBytes raw: ArraySlice<UInt8>, values: [SQLValue], into batch: inout RowBatch) -> Int {
        StagingIDs.encode(values[...], into: &key)
        let (id, isNew) = key.withUnsafeBufferPointer { ids.id(forKey: $0) }
        if isNew { batch.add(ids.kind, [.integer(id)] + values) }
        raw.withUnsafeBufferPointer { idOfBytes.insert(id, for: $0) }
        return id
    }
}
