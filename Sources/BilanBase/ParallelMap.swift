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
    package static func map<Item, Result>(_ items: [Item], _ transform: (Item) -> Result) -> [Result] {
        guard items.count > 1, cores > 1 else { return items.map(transform) }
        return [Result](unsafeUninitializedCapacity: items.count) { buffer, count in
            let base = buffer.baseAddress!
            // Each iteration writes only its own slot; the buffer outlives the call.
            let slots = UnsafeSendablePointer(base)
            withoutActuallyEscaping(transform) { transform in
                let work = UncheckedSendable(transform)
                items.withUnsafeBufferPointer { input in
                    let input = UnsafeSendableBuffer(input)
                    DispatchQueue.concurrentPerform(iterations: items.count) { index in
                        (slots.pointer + index).initialize(to: work.value(input.buffer[index]))
                    }
                }
            }
            count = items.count
        }
    }
}

/// A pointer handed to the iterations of `concurrentPerform`, each touching its own slot.
private struct UnsafeSendablePointer<Element>: @unchecked Sendable {
    package let pointer: UnsafeMutablePointer<Element>
    package init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}

/// The input of `concurrentPerform`, read only.
private struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    package let buffer: UnsafeBufferPointer<Element>
    package init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = buffer }
}

/// The transform of ``ParallelMap/map(_:_:)``, which the caller promises is safe to run
/// concurrently.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
