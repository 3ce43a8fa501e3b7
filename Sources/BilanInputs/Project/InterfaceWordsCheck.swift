public import Foundation
public import BilanBase

extension InterfaceStrings {
    /// A `missing-interface-words` warning for each language that has no built-in words
    /// and whose `content/i18n/<lang>.yaml` does not give them all, naming the missing
    /// ones; located at that file, which may not exist yet.
    public func missingWordWarnings(languages: [ReportLanguage], projectRoot: URL) -> [Diagnostic] {
        languages.compactMap { language in
            let missing = missingWords(language: language.code)
            guard !missing.isEmpty else { return nil }
            let file = Self.file(language: language.code)
            let names = missing.map(\.rawValue).joined(separator: ", ")
            let written = FileManager.default.fileExists(atPath: projectRoot.appendingPathComponent(file).path)
            let problem = written ? "this file does not give" : "this file is missing; it must give"
            let name = missing.contains(.languageName) ? ", and the language is named '\(language.code)'" : ""
            return .warning(
                .missingInterfaceWords,
                "bilan has no interface words in '\(language.code)': \(problem) \(names) "
                    + "(until then English words stand in\(name))",
                at: SourceLocation(file: file))
        }
    }
}
