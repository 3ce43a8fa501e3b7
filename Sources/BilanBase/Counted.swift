/// A count and its noun, singular or plural as each language has it: `1 error`,
/// `2 errors`, `0 errors`; `1 erreur`, `2 erreurs`, and `0 erreur` (French takes the
/// singular below 2).
package enum Counted {
    package static func english(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    package static func french(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count < 2 ? singular : plural ?? singular + "s")
    }
}
