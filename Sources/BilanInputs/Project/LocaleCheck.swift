import Foundation

/// Whether a language's `locale:` in report.yaml is one Foundation formats numbers for
/// and is of that language: an unknown locale (`xx-YY`, `francais`) would print
/// `6040` where `6 040` was meant, without a word.
package enum LocaleCheck {
    /// What is wrong with `locale` for the language `code` of report.yaml, or nil.
    package static func problem(locale: String, language code: String) -> String? {
        let identifier = Locale.identifier(.icu, from: locale)
        guard Locale.availableIdentifiers.contains(identifier) else {
            return "language '\(code)': unknown locale '\(locale)'; write a CLDR locale such as "
                + "\(code)-CA or \(code) (a language code, then a region)"
        }
        let language = Locale(identifier: identifier).language.languageCode?.identifier ?? ""
        guard language == code else {
            return "language '\(code)': locale '\(locale)' is for language '\(language)', not '\(code)'; "
                + "write a locale of \(code), such as \(code)-CA"
        }
        return nil
    }
}
