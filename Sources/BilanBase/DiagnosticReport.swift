/// Prints diagnostics the two ways bilan promises: compiler-style lines, or JSON.
public enum DiagnosticReport {
    /// One `file:line:column: severity: message [code]` line per diagnostic.
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { $0.formatted + "\n" }.joined()
    }

    /// A JSON array of `{file, line, column, severity, code, message}` objects, in the
    /// order given (callers pass them sorted by file and position). `line` and `column`
    /// are null when unknown. An accepted warning keeps severity `warning`; its message
    /// ends with `(accepted)`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        JSONText.array(
            diagnostics.map { diagnostic in
                JSONText.object([
                    ("file", JSONText.string(diagnostic.location.file)),
                    ("line", JSONText.number(diagnostic.location.line)),
                    ("column", JSONText.number(diagnostic.location.column)),
                    ("severity", JSONText.string(diagnostic.severity.rawValue)),
                    ("code", JSONText.string(diagnostic.code.rawValue)),
                    ("message", JSONText.string(diagnostic.message + (diagnostic.accepted ? " (accepted)" : ""))),
                ])
            }) + "\n"
    }
}
