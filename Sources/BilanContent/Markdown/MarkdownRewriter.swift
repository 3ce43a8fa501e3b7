/// What a ``MarkdownRewriter`` does with the node it enters.
package enum MarkdownRewrite {
    /// Keeps the node and visits its descendants.
    case keep
    /// Keeps the node with another kind and visits its descendants.
    case update(MarkdownNode.Kind)
    /// Puts these nodes, in document order with their descendant counts, in place of
    /// the node and its descendants, which are not visited; nor are the new nodes.
    case replace([MarkdownNode])
    /// Leaves the node and its descendants out.
    case remove
}

/// A pass over Markdown trees, in the spirit of swift-markdown's `MarkupRewriter`:
/// ``MarkdownRewriting/rewrite(_:with:)`` calls ``enter(_:descendants:)`` for each node
/// in document order and ``exit(_:)`` after the descendants of each node it kept.
///
/// Every pass that changes or checks a tree is one of these, so that no pass walks a
/// tree with a recursive function of its own: the walk uses an explicit stack, and a
/// section nested 100,000 deep needs no more call stack than a flat one.
package protocol MarkdownRewriter {
    /// What to do with `node`, whose descendants follow (unvisited yet).
    mutating func enter(_ node: MarkdownNode, descendants: ArraySlice<MarkdownNode>) -> MarkdownRewrite
    /// Called after the descendants of a node that ``enter(_:descendants:)`` kept or
    /// updated (with the node as kept).
    mutating func exit(_ node: MarkdownNode)
}

extension MarkdownRewriter {
    package mutating func exit(_ node: MarkdownNode) {}
}

/// The one tree walk, used by every pass over Markdown trees.
package enum MarkdownRewriting {
    /// A kept node whose descendants are being visited.
    private struct Open {
        var output: Int
        /// The index just past its descendants in the input.
        var end: Int
    }

    /// The blocks as `rewriter` makes them. A block the rewriter leaves as it is comes
    /// back as the same value (its nodes are not copied); a block replaced by several
    /// top-level nodes becomes several blocks.
    package static func rewrite<R: MarkdownRewriter>(
        _ blocks: [MarkdownBlock], with rewriter: inout R
    )
        -> [MarkdownBlock]
    {
        var result: [MarkdownBlock] = []
        result.reserveCapacity(blocks.count)
        for block in blocks {
            guard let nodes = rewrite(block.nodes, with: &rewriter) else {
                result.append(block)
                continue
            }
            // Split the nodes into top-level blocks (usually one, or none when removed).
            var start = 0
            while start < nodes.count {
                let end = start + 1 + nodes[start].descendantCount
                result.append(
                    MarkdownBlock(nodes: start == 0 && end == nodes.count ? nodes : Array(nodes[start..<end])))
                start = end
            }
        }
        return result
    }

    /// The nodes as `rewriter` makes them, or nil when they are unchanged. Nothing is
    /// copied before the first change (until then, output and input indices agree).
    private static func rewrite<R: MarkdownRewriter>(_ nodes: [MarkdownNode], with rewriter: inout R) -> [MarkdownNode]?
    {
        var output: [MarkdownNode]?
        var open: [Open] = []
        var index = 0
        while index < nodes.count {
            while let last = open.last, index >= last.end {
                close(last, nodes, &output, &rewriter)
                open.removeLast()
            }
            let node = nodes[index]
            let end = index + 1 + node.descendantCount
            let action = rewriter.enter(node, descendants: nodes[(index + 1)..<end])
            if case .keep = action, output == nil {
                open.append(Open(output: index, end: end))
                index += 1
                continue
            }
            // Taken out of `output` so that appending never copies the array.
            var copy = output ?? Self.copy(nodes, upTo: index)
            output = nil
            switch action {
            case .keep:
                copy.append(node)
            case .update(let kind):
                var updated = node
                updated.kind = kind
                copy.append(updated)
            case .replace(let replacement):
                copy.append(contentsOf: replacement)
                output = copy
                index = end
                continue
            case .remove:
                output = copy
                index = end
                continue
            }
            output = copy
            // The node stays: its descendants are visited, then it is closed.
            open.append(Open(output: copy.count - 1, end: end))
            index += 1
        }
        while let last = open.popLast() { close(last, nodes, &output, &rewriter) }
        return output
    }

    private static func copy(_ nodes: [MarkdownNode], upTo index: Int) -> [MarkdownNode] {
        var copy: [MarkdownNode] = []
        copy.reserveCapacity(nodes.count + 4)
        copy.append(contentsOf: nodes[..<index])
        return copy
    }

    /// Sets a kept node's descendant count to what was written after it, and exits it.
    private static func close<R: MarkdownRewriter>(
        _ open: Open, _ nodes: [MarkdownNode], _ output: inout [MarkdownNode]?, _ rewriter: inout R
    ) {
        guard let count = output?.count else { return rewriter.exit(nodes[open.output]) }
        output?[open.output].descendantCount = count - open.output - 1
        if let node = output?[open.output] { rewriter.exit(node) }
    }
}
