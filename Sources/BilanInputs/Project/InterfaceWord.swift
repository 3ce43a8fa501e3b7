/// One word or phrase of the interface around the report (the table of contents' title,
/// the draft banner…): its raw value is its key in `content/i18n/<lang>.yaml` and in
/// templates (`{{strings.draft}}`).
public enum InterfaceWord: String, CaseIterable, Sendable, Codable {
    case contents
    case draft
    case skipToContent = "skip_to_content"
    case languages
    /// The language's own name (`Français`), in its language switch and chooser.
    case languageName = "language_name"
    /// The label of a link to a section's translation in this language.
    case readIn = "read_in"
    case chooseLanguage = "choose_language"
    /// The label of a table's totals row.
    case total
    /// The title of a chart's table of values.
    case chartData = "chart_data"
}

/// A language whose interface words bilan knows; any other needs them from the project.
public enum BuiltinInterfaceLanguage: String, CaseIterable, Sendable {
    case fr
    case en

    /// The word in this language; the switch makes a missing translation a compile error.
    public func text(_ word: InterfaceWord) -> String {
        switch self {
        case .fr:
            switch word {
            case .contents: "Table des matières"
            case .draft: "Brouillon"
            case .skipToContent: "Aller au contenu"
            case .languages: "Langues"
            case .languageName: "Français"
            case .readIn: "Lire en français"
            case .chooseLanguage: "Choisir la langue"
            case .total: "Total"
            case .chartData: "Données du graphique"
            }
        case .en:
            switch word {
            case .contents: "Contents"
            case .draft: "Draft"
            case .skipToContent: "Skip to content"
            case .languages: "Languages"
            case .languageName: "English"
            case .readIn: "Read in English"
            case .chooseLanguage: "Choose a language"
            case .total: "Total"
            case .chartData: "Chart data"
            }
        }
    }

    /// Every word in this language.
    public var table: [InterfaceWord: String] {
        Dictionary(uniqueKeysWithValues: InterfaceWord.allCases.map { ($0, text($0)) })
    }
}
