public import Foundation
package import Mustache
public import BilanBase
import BilanInputs
import BilanContent

/// The templates of a build: the built-in ones, each replaced by the project's file of
/// the same name in `templates/` when there is one.
public struct TemplateSet: Sendable {
    public static let folder = "templates"
    /// The names a project may override.
    public static var names: [String] { BuiltinTemplates.files.map(\.name) }

    package var library: MustacheLibrary
    /// The stylesheet, copied as it is to `output/style.css`.
    public var stylesheet: String

    /// Loads the templates; an unknown file in `templates/` or a template that does not
    /// parse is a located error.
    public static func load(projectRoot: URL) throws(DiagnosticError) -> TemplateSet {
        var texts: [String: (text: String, file: String?)] = [:]
        for builtin in BuiltinTemplates.files { texts[builtin.name] = (builtin.text, nil) }
        var problems = DiagnosticList()
        let folderURL = projectRoot.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let file = folder + "/" + name
            guard texts[name] != nil else {
                problems.error(
                    .unknownTemplate,
                    "'\(name)' is not a template bilan uses (templates: \(Self.names.joined(separator: ", ")))",
                    at: SourceLocation(file: file))
                continue
            }
            let url = folderURL.appendingPathComponent(name)
            if let escape = ProjectPaths.escapingLink(url, projectRoot: projectRoot, file: file) {
                problems.append(escape)
                continue
            }
            switch SourceText.read(url, as: file) {
            case .success(let text): texts[name] = (text, file)
            case .failure(let diagnostic): problems.append(diagnostic)
            }
        }
        var library = MustacheLibrary()
        for (name, entry) in texts.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            do {
                let template = try MustacheTemplate(string: entry.text)
                library.register(template, named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                problems.error(
                    .templateError, "template error: " + Self.describe(error.error),
                    at: SourceLocation(
                        file: entry.file ?? "(built-in) \(name)", line: error.context.lineNumber,
                        column: error.context.columnNumber))
            } catch {
                problems.error(.templateError, "template error: \(error)", at: SourceLocation(file: entry.file ?? name))
            }
        }
        if problems.hasErrors { throw DiagnosticError(problems.all) }
        return TemplateSet(library: library, stylesheet: texts["style.css"]?.text ?? "")
    }

    /// A sentence for a Mustache parser error.
    package static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "this {{/…}} closes a section that was not opened with the same name"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section opened with {{#…}} or {{^…}} is never closed with {{/…}}"
        case .invalidSetDelimiter: return "invalid delimiter change"
        default: return "\(error)"
        }
    }

    /// Renders a page template with its model.
    public func render(_ template: PageTemplate, _ model: PageModel) -> String {
        library.render(TemplateContext.value(model) ?? [:], withTemplate: template.rawValue) ?? ""
    }

    /// Renders an archive's landing page.
    public func render(_ page: ArchivePage) -> String {
        library.render(TemplateContext.value(page) ?? [:], withTemplate: PageTemplate.archive.rawValue) ?? ""
    }
}

/// A template that renders a ``PageModel``, by its name without `.mustache`.
public enum PageTemplate: String, Sendable {
    /// A language's report (`page.mustache`).
    case page
    /// The language chooser (`index.mustache`).
    case index
    /// An archive's landing pages (`archive.mustache`).
    case archive
}
