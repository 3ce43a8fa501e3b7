import BilanBase
import Foundation

/// Phrases an author marks as being in another language: `<span lang="fr">…</span>`,
/// the one piece of raw HTML bilan reads in safe mode, with that one attribute.
///
/// cmark reads `<span lang="fr">` and `</span>` as two inline HTML nodes among the
/// inlines of one paragraph, heading, emphasis or link; when both stand under the same
/// parent, the nodes between them become the children of one
/// ``MarkdownNode/Kind/language(_:)`` node, which every output writes with its tag:
/// `<span lang="fr">…</span>` in HTML (and through it in the PDF's tags), the same in
/// the Markdown files, which CommonMark readers, pandoc and GitHub show as the phrase.
/// A span that is not closed under the same parent, a `</span>` that closes none, a
/// `<span>` with other attributes or a tag that is not a language is a
/// `language-span` warning; the phrase is then published without its mark.
package enum LanguageSpans {
    /// A misused span: where it is in the parsed body, and what is wrong.
    package struct Problem: Equatable, Sendable {
        package var position: SourcePosition?
        package var message: String
    }

    /// What an inline HTML node is, as a span mark.
    package enum Mark: Equatable {
        case open(tag: String)
        /// `<span …>` with something else than one `lang` attribute.
        case openOther
        case close
    }

    /// The block with its spans made ``MarkdownNode/Kind/language(_:)`` nodes; each
    /// problem is added to `problems`. `allowRawHTML` (a project that publishes raw
    /// HTML) leaves other spans to the author.
    package static func grouped(
        _ block: MarkdownBlock, allowRawHTML: Bool, problems: inout [Problem]
    ) -> MarkdownBlock {
        let nodes = block.nodes
        guard nodes.contains(where: { if case .html(let raw) = $0.kind { mark(raw) != nil } else { false } }) else {
            return block
        }
        // Open spans under each parent (by the parent's index; -1 for none).
        var openSpans: [Int: [(index: Int, tag: String?)]] = [:]
        var parents: [(index: Int, end: Int)] = []
        var closeOf: [Int: Int] = [:]
        var removed = [Bool](repeating: false, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            while let last = parents.last, index >= last.end { parents.removeLast() }
            defer { if node.descendantCount > 0 { parents.append((index, index + 1 + node.descendantCount)) } }
            guard case .html(let raw) = node.kind, let mark = mark(raw) else { continue }
            let parent = parents.last?.index ?? -1
            switch mark {
            case .open(let tag):
                var known: String? = tag
                if let problem = tagProblem(tag) {
                    problems.append(Problem(position: node.range?.start, message: problem))
                    known = nil
                }
                openSpans[parent, default: []].append((index, known))
            case .openOther:
                guard !allowRawHTML else { continue }
                problems.append(
                    Problem(
                        position: node.range?.start,
                        message: "a '<span>' with other attributes than 'lang': only <span lang=\"…\"> is read "
                            + "(raw HTML is off); it is left out, the phrase is published without it"))
            case .close:
                if let open = openSpans[parent]?.popLast() {
                    removed[index] = true
                    if open.tag == nil {
                        removed[open.index] = true
                    } else {
                        closeOf[open.index] = index
                    }
                } else if !allowRawHTML {
                    problems.append(
                        Problem(
                            position: node.range?.start,
                            message: "a '</span>' that closes no <span lang=\"…\"> of the same paragraph, heading, "
                                + "emphasis or link: it is left out"))
                }
            }
        }
        for index in openSpans.values.joined().filter({ $0.tag != nil }).map(\.index).sorted() {
            problems.append(
                Problem(
                    position: nodes[index].range?.start,
                    message: "a <span lang=\"…\"> that is not closed by '</span>' in the same paragraph, heading, "
                        + "emphasis or link: the phrase is published without its language"))
        }
        guard !closeOf.isEmpty || removed.contains(true) else { return block }
        // removedBefore[i]: how many removed nodes stand before index i.
        var removedBefore = [Int](repeating: 0, count: nodes.count + 1)
        for index in nodes.indices { removedBefore[index + 1] = removedBefore[index] + (removed[index] ? 1 : 0) }
        var output: [MarkdownNode] = []
        output.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() where !removed[index] {
            var kept = node
            var end = index + 1 + node.descendantCount
            if let close = closeOf[index], case .html(let raw) = node.kind, case .open(let tag) = mark(raw) {
                kept.kind = .language(tag)
                end = close
            }
            kept.descendantCount = end - index - 1 - (removedBefore[end] - removedBefore[index + 1])
            output.append(kept)
        }
        return MarkdownBlock(nodes: output)
    }

    /// The span mark an inline HTML node is, or nil for other HTML.
    package static func mark(_ raw: String) -> Mark? {
        var rest = Substring(raw)
        guard rest.first == "<" else { return nil }
        rest = rest.dropFirst()
        if rest.first == "/" {
            rest = rest.dropFirst()
            guard rest.lowercased().hasPrefix("span") else { return nil }
            let after = rest.dropFirst(4).drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            return after == ">" ? .close : nil
        }
        guard rest.lowercased().hasPrefix("span") else { return nil }
        rest = rest.dropFirst(4)
        guard let first = rest.first, first == ">" || first == " " || first == "\t" || first == "\n" || first == "\r"
        else { return nil }
        // One attribute, `lang`, with a quoted value (as cmark reads attributes).
        var body = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasSuffix(">"), !body.hasSuffix("/>") else { return .openOther }
        body.removeLast()
        let parts = body.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "lang"
        else { return .openOther }
        let value = parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote else {
            return .openOther
        }
        let tag = value.dropFirst().dropLast()
        guard !tag.contains(quote) else { return .openOther }
        return .open(tag: String(tag))
    }

    /// What is wrong with a `lang` value, or nil: a BCP 47 tag (`fr`, `en-CA`, `iu-Latn`)
    /// whose language is an ISO 639 one.
    package static func tagProblem(_ tag: String) -> String? {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        let shaped =
            subtags.allSatisfy { subtag in
                (1...8).contains(subtag.count) && subtag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            } && (2...3).contains(subtags[0].count) && subtags[0].allSatisfy(\.isLetter)
        guard shaped, isoLanguages.contains(subtags[0].lowercased()) else {
            return "'\(tag)' is not a language tag: write a BCP 47 tag such as fr, en or fr-CA in "
                + "<span lang=\"…\">; the phrase is published without its language"
        }
        return nil
    }

    /// ISO 639 language codes, as Foundation knows them.
    private static let isoLanguages: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))
}
