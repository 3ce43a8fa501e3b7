import Foundation

/// A unified diff (`diff -u`) of two texts, cut after its first lines, for the failure
/// messages of ``assertSnapshot(_:matches:record:sourceLocation:)``.
public enum UnifiedDiff {
    /// The diff of the lines of `expected` (the snapshot, `-`) and `actual` (`+`), with
    /// three lines of context, showing at most `limit` lines of hunks.
    public static func text(
        expected: String, actual: String, name: String = "snapshot", context: Int = 3, limit: Int = Snapshot.diffLines
    ) -> String {
        let old = lines(expected)
        let new = lines(actual)
        let edits = script(old, new)
        guard edits.contains(where: { $0.kind != .same }) else {
            return "--- \(name) (snapshot)\n+++ \(name) (output)\n"
                + "(no line differs: the difference is in line ends or Unicode normalization)"
        }
        var lines = ["--- \(name) (snapshot)", "+++ \(name) (output)"]
        var shown = 0
        var omitted = 0
        for hunk in hunks(edits, context: context) {
            if shown >= limit {
                omitted += hunk.edits.filter { $0.kind != .same }.count
                continue
            }
            lines.append(hunk.header)
            for edit in hunk.edits {
                if shown >= limit {
                    if edit.kind != .same { omitted += 1 }
                    continue
                }
                lines.append(edit.line)
                shown += 1
            }
        }
        if omitted > 0 { lines.append("… \(omitted) more changed lines not shown") }
        return lines.joined(separator: "\n")
    }

    /// The diff of two files' bytes: their lines when both are UTF-8 text, otherwise their
    /// sizes and the first byte at which they differ.
    public static func bytes(expected: Data, actual: Data, name: String = "snapshot") -> String {
        if let old = String(data: expected, encoding: .utf8), let new = String(data: actual, encoding: .utf8) {
            let diff = text(expected: old, actual: new, name: name)
            if old == new {
                // Equal as Swift strings (canonically equivalent) but not as bytes.
                return diff.replacingOccurrences(
                    of: "line ends or Unicode normalization", with: "Unicode normalization")
            }
            return diff
        }
        let offset =
            zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? Swift.min(expected.count, actual.count)
        return "\(name): binary, \(actual.count) bytes in the output against \(expected.count) in the snapshot, "
            + "first difference at byte \(offset)"
    }

    // MARK: - Edit script

    /// The lines of a text, split at each U+000A byte: "\r\n" is one Character, so a split
    /// by Characters (or Foundation's `components(separatedBy:)`) would not cut there.
    static func lines(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    struct Edit {
        enum Kind { case same, removed, added }
        var kind: Kind
        var text: String
        /// Line numbers (from 0) in the old and new texts before this line.
        var old: Int
        var new: Int

        /// The line as `diff -u` prints it; a carriage return shows as `\r`.
        var line: String {
            let shown = text.hasSuffix("\r") ? text.dropLast() + "\\r" : text
            switch kind {
            case .same: return " " + shown
            case .removed: return "-" + shown
            case .added: return "+" + shown
            }
        }
    }

    struct Hunk {
        var edits: ArraySlice<Edit>

        var header: String {
            let first = edits.first!
            let oldCount = edits.filter { $0.kind != .added }.count
            let newCount = edits.filter { $0.kind != .removed }.count
            func range(_ start: Int, _ count: Int) -> String { "\(count == 0 ? start : start + 1),\(count)" }
            return "@@ -\(range(first.old, oldCount)) +\(range(first.new, newCount)) @@"
        }
    }

    /// Every line of both texts as kept, removed or added, in order. The common start and
    /// end are set aside before the (Myers) difference, which then only sees the middle.
    static func script(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        let difference = newMiddle.difference(from: oldMiddle)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset + prefix)
            case .insert(let offset, _, _): inserted.insert(offset + prefix)
            }
        }
        var edits: [Edit] = []
        edits.reserveCapacity(old.count + inserted.count)
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                edits.append(Edit(kind: .removed, text: old[i], old: i, new: j))
                i += 1
            } else if j < new.count, inserted.contains(j) {
                edits.append(Edit(kind: .added, text: new[j], old: i, new: j))
                j += 1
            } else {
                edits.append(Edit(kind: .same, text: old[i], old: i, new: j))
                i += 1
                j += 1
            }
        }
        return edits
    }

    /// The changed lines with `context` kept lines around them, runs closer than twice
    /// the context merged into one hunk.
    static func hunks(_ edits: [Edit], context: Int) -> [Hunk] {
        let changed = edits.indices.filter { edits[$0].kind != .same }
        var hunks: [Hunk] = []
        var start: Int?
        var end = 0
        for index in changed {
            if let first = start, index - end - 1 > 2 * context {
                hunks.append(Hunk(edits: edits[first...Swift.min(end + context, edits.count - 1)]))
                start = nil
            }
            if start == nil { start = Swift.max(index - context, 0) }
            end = index
        }
        if let first = start { hunks.append(Hunk(edits: edits[first...Swift.min(end + context, edits.count - 1)])) }
        return hunks
    }
}
