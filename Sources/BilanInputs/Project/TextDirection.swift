import Foundation

extension ReportLanguage {
    /// The scripts written right to left that languages are written in today (ISO 15924:
    /// Arabic and its Nastaliq form, Hebrew, Thaana, Syriac, N'Ko, Adlam, Hanifi Rohingya,
    /// Mandaic, Mende Kikakui, Samaritan, Yezidi).
    static let rightToLeftScripts: Set<String> = [
        "Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi",
    ]

    /// Whether the language is written right to left, from its locale's script, given
    /// (`ku-Arab`) or likely (`ar-MA` is in Arabic script, `he` in Hebrew).
    public var isRightToLeft: Bool {
        guard let script = Locale.Language(identifier: locale).script?.identifier else { return false }
        return Self.rightToLeftScripts.contains(script)
    }
}
