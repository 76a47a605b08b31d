import Foundation

/// Runs `count` pieces of work side by side (one per core at most) and returns each one's outcome, in order.
/// Every piece runs to its end whatever the others do, so the caller decides which failure counts.
enum SideBySide {
    static func results<T>(_ count: Int, _ work: (Int) throws -> T) -> [Result<T, Error>] {
        let slots = UnsafeMutableBufferPointer<Result<T, Error>>.allocate(capacity: count)
        defer { slots.deinitialize().deallocate() }
        nonisolated(unsafe) let shared = slots
        withoutActuallyEscaping(work) { work in
            nonisolated(unsafe) let work = work
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (shared.baseAddress! + i).initialize(to: Result { try work(i) })
            }
        }
        return Array(slots)
    }
}
