import Foundation
import Warehouse

/// Writes row batches into the warehouse on a second thread while the caller parses the next ones.
/// The queue holds at most `depth` batches, so memory stays bounded whatever the file's size.
/// The caller must not use the warehouse connection between `start` and `finish`.
final class BatchWriter: @unchecked Sendable {
    private let statements: [SQLiteStatement]
    private let grouped: [RowBatch.Grouped]
    private let condition = NSCondition()
    private var queue: [RowBatch] = []
    /// Batches written, emptied, for the readers to fill again (`emptyBatch`).
    private var spare: [RowBatch] = []
    private var closed = false
    private var failure: Error?
    private let done = DispatchSemaphore(value: 0)
    private var joined = false
    private let depth: Int

    /// `statements` are indexed by `RowBatch.Kind`.
    init(statements: [SQLiteStatement], grouped: [RowBatch.Grouped] = [], depth: Int = 4) {
        self.statements = statements
        self.grouped = grouped
        self.depth = depth
    }

    func start() {
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.name = "marketshape-writer"
        thread.start()
    }

    /// Hands a batch to the writer, waiting while the queue is full. Throws the writer's error, if any.
    func submit(_ batch: RowBatch) throws {
        condition.lock()
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure { condition.unlock(); throw failure }
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// An empty batch to fill: one the writer has finished with when there is one (its storage kept), else a new one.
    func emptyBatch(capacity: Int) -> RowBatch {
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast() ?? RowBatch(capacity: capacity)
    }

    /// Waits for every batch to be written; throws the writer's error, if any. Safe to call twice.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        if !joined { done.wait(); joined = true }
        if let failure { throw failure }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed { condition.unlock(); return }
            var batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try batch.write(into: statements, grouped: grouped)
                batch.removeAll()
                condition.lock()
                if spare.count < depth * 2 { spare.append(batch) }
                condition.unlock()
            } catch {
                condition.lock()
                failure = error
                queue.removeAll()
                closed = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
