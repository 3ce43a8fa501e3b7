import Dispatch
import Foundation

/// Runs independent pieces of work on every core and collects the results in input
/// order, so that what is built from them does not depend on which core finished first.
package enum ParallelMap {
    /// The cores the process may use.
    package static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `items.map(transform)`, computed on every core; the result is in `items`' order.
    /// Below two items, or on one core, it runs in the calling thread. `transform` runs
    /// concurrently: it must only read what it shares (bilan's stages are values).
    package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count > 1, cores > 1 else { return items.map(transform) }
        return [Result](unsafeUninitializedCapacity: items.count) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            let slots = UnsafeSendablePointer(base)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (slots.pointer + index).initialize(to: transform(items[index]))
            }
            count = items.count
        }
    }
}

/// A pointer handed to the iterations of `concurrentPerform`, each touching its own slot.
///
/// Sendable by hand, and safe: iteration `index` initialises only `pointer + index`, no
/// iteration reads another's slot, and `concurrentPerform` returns only when every
/// iteration has, before the buffer is handed to the array.
private struct UnsafeSendablePointer<Element>: @unchecked Sendable {
    package let pointer: UnsafeMutablePointer<Element>
    package init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}
