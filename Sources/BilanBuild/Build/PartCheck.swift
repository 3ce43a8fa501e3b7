import BilanBase
import BilanInputs

/// `split-part`: a part whose sections are not next to each other in report order, so
/// that the contents list, the pages and the Markdown would show the part twice.
enum PartCheck {
    /// One warning per language and split part, at the first section that reopens it.
    static func diagnostics(_ sections: [Section]) -> [Diagnostic] {
        var problems = DiagnosticList()
        let languages = Set(sections.map(\.language)).sorted()
        for language in languages {
            let ordered = sections.filter { $0.language == language }.sorted { ($0.order, $0.key) < ($1.order, $1.key) }
            var closed: [String: Section] = [:]
            var reported: Set<String> = []
            var current: (part: String, last: Section)?
            for section in ordered {
                if let open = current, open.part != section.part { closed[open.part] = open.last }
                guard let part = section.part else {
                    current = nil
                    continue
                }
                if current?.part != part, let before = closed[part], !reported.contains(part) {
                    reported.insert(part)
                    problems.warning(
                        .splitPart,
                        "part '\(part)' is split: \(before.file) is in it, the sections after it are not, and this "
                            + "one is again, so the contents list shows the part twice; number or weight the part's "
                            + "sections so that they follow one another",
                        at: SourceLocation(file: section.file))
                }
                current = (part, section)
            }
        }
        return problems.all
    }
}
