public import Foundation
public import BilanBase
import BilanInputs
import BilanContent
import BilanRender

/// `bilan build --archive`: a folder of yearly projects (`archive.yaml` beside them) built
/// as one site.
///
/// Each year is built by the pipeline itself, in memory, into `output/<period>/` (its
/// period as a folder name: `2023-2024`), with links from each section to the same
/// section (the same slug) of the year before and the year after when they have it. The
/// archive adds a landing page per language (`output/<lang>/index.html`: every year,
/// newest first, with its title, logo and the key figures of archive.yaml), a language
/// chooser (`output/index.html`) and, with a `base_url`, one sitemap for every page of
/// every year. Any year that fails fails the whole archive, with that year's diagnostics
/// located in its folder (`2023-2024/content/figures.yaml:3:5`), and nothing is written.
public enum ArchiveBuild {
    /// One year of the archive, read before any is built.
    struct Year {
        var folder: String
        var root: URL
        var config: ReportConfig
        /// The period as a folder name of the site.
        var segment: String
        /// Language → slug → title of the sections this build publishes.
        var sections: [String: [String: String]]
    }

    public static func run(
        root: URL, output: URL? = nil, drafts: Bool = false, strict: Bool = false, write: Bool = true,
        sourceDateEpoch: Int? = nil
    ) -> BuildResult {
        var result = BuildResult(diagnostics: [], plan: nil, wrote: false, sectionCount: 0, figureCount: 0, timings: [])
        var problems = DiagnosticList()
        let archive: ArchiveConfig
        do {
            archive = try ArchiveConfigLoader.load(root: root)
        } catch {
            result.diagnostics = DiagnosticList(error.diagnostics).sorted
            return result
        }
        let years = readYears(archive, root: root, drafts: drafts, into: &problems)
        guard !problems.hasErrors, let newest = years.last else {
            if years.isEmpty && !problems.hasErrors {
                problems.error(
                    .invalidConfig,
                    "the archive has no year: list the year folders in 'years:', or put the yearly projects "
                        + "(each with content/report.yaml) in folders beside archive.yaml",
                    at: SourceLocation(file: ArchiveConfigLoader.path))
            }
            result.diagnostics = problems.sorted
            return result
        }

        var plan = OutputPlan()
        var figures: [String: [String: String]] = [:]
        for (index, year) in years.enumerated() {
            var options = BuildOptions(
                projectRoot: year.root, drafts: drafts, strict: strict, write: false, sourceDateEpoch: sourceDateEpoch)
            options.yearLinks = links(of: index, in: years)
            options.archiveBaseURL = archive.baseURL.map { $0 + year.segment + "/" }
            let built = BuildPipeline.run(options)
            result.timings += built.timings
            problems.append(contentsOf: PreviousYears.relocated(built.diagnostics, in: year.folder))
            result.sectionCount += built.sectionCount
            result.figureCount += built.figureCount
            result.chartCount += built.chartCount
            guard let yearPlan = built.plan else { continue }
            for (path, bytes) in yearPlan.files where path != Sitemap.path {
                plan.files[year.segment + "/" + path] = bytes
            }
            for (path, source) in yearPlan.copies {
                plan.copies[year.segment + "/" + path] = PreviousYear.joined(year.folder, source)
            }
            for (language, values) in built.figures { figures[year.folder + "/" + language] = values }
        }
        result.diagnostics = problems.sorted
        guard !result.failed(strict: strict) else { return result }

        let strings =
            (try? InterfaceStrings.load(projectRoot: newest.root, languages: newest.config.languages)) ?? .builtin
        let templates: TemplateSet
        do {
            templates = try TemplateSet.load(projectRoot: newest.root)
        } catch {
            result.diagnostics =
                DiagnosticList(result.diagnostics + PreviousYears.relocated(error.diagnostics, in: newest.folder))
                .sorted
            return result
        }
        landingPages(
            archive, years: years, figures: figures, strings: strings, templates: templates, into: &plan)
        if let base = archive.baseURL {
            plan.add(Sitemap.path, sitemap(base: base, years: years, sourceDateEpoch: sourceDateEpoch))
        }
        result.plan = plan
        guard write else { return result }
        let target = output ?? root.appendingPathComponent("output")
        switch OutputWriter.write(
            plan, to: target, projectRoot: root, displayName: output == nil ? "output" : target.path)
        {
        case .success: result.wrote = true
        case .failure(let diagnostic): result.diagnostics = DiagnosticList(result.diagnostics + [diagnostic]).sorted
        }
        return result
    }

    /// The years, oldest first: as archive.yaml lists them, or every subfolder that holds
    /// a project, in the order of their periods.
    static func readYears(
        _ archive: ArchiveConfig, root: URL, drafts: Bool, into problems: inout DiagnosticList
    ) -> [Year] {
        let listed: [(folder: String, location: SourceLocation)]
        if let years = archive.years {
            listed = years
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            listed = names.filter { name in
                !name.hasPrefix(".") && name != "output"
                    && FileManager.default.fileExists(
                        atPath: root.appendingPathComponent(name).appendingPathComponent(ReportConfigLoader.path).path)
            }
            .sorted().map { ($0, SourceLocation(file: ArchiveConfigLoader.path)) }
        }
        var years: [Year] = []
        var segments: [String: String] = [:]
        for (folder, location) in listed {
            let yearRoot = root.appendingPathComponent(folder, isDirectory: true)
            let config: ReportConfig
            do {
                config = try ReportConfigLoader.load(projectRoot: yearRoot)
            } catch {
                if error.diagnostics.contains(where: { $0.code == .missingFile }) {
                    problems.error(
                        .invalidConfig, "'\(folder)' is not a bilan project (it has no content/report.yaml)",
                        at: location)
                } else {
                    problems.append(contentsOf: PreviousYears.relocated(error.diagnostics, in: folder))
                }
                continue
            }
            // The default language's period names the year's folder, whatever the page's language.
            let segment = Self.segment(config.defaultPeriod)
            if let other = segments[segment] {
                problems.error(
                    .invalidConfig,
                    "'\(folder)' and '\(other)' have the same period '\(config.defaultPeriod)': each year of an "
                        + "archive is published under its period",
                    at: location)
                continue
            }
            segments[segment] = folder
            let loaded = SectionLoader.load(projectRoot: yearRoot, config: config)
            var sections: [String: [String: String]] = [:]
            for section in loaded.sections where drafts || section.status == .final {
                sections[section.language, default: [:]][section.slug] = section.title
            }
            years.append(Year(folder: folder, root: yearRoot, config: config, segment: segment, sections: sections))
        }
        if archive.years == nil { years.sort { $0.config.defaultPeriod < $1.config.defaultPeriod } }
        return years
    }

    /// A period as a folder of the site: letters without accents, digits and `-`, anything
    /// else a `-`.
    static func segment(_ period: String) -> String {
        let scalars = period.folding(options: .diacriticInsensitive, locale: nil).unicodeScalars.map {
            scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
        }
        let text = String(scalars).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return text.isEmpty ? "year" : text
    }

    /// The links of year `index`'s sections to the same sections the year before and the
    /// year after (language → slug → links).
    static func links(of index: Int, in years: [Year]) -> [String: [String: [YearLink]]] {
        var links: [String: [String: [YearLink]]] = [:]
        let year = years[index]
        for (language, sections) in year.sections {
            for slug in sections.keys {
                var found: [YearLink] = []
                for (other, rel) in [(index - 1, "prev"), (index + 1, "next")] where years.indices.contains(other) {
                    guard let title = years[other].sections[language]?[slug] else { continue }
                    let period = years[other].config.period.text(in: language)
                    let label = rel == "prev" ? "← \(period) · \(title)" : "\(period) · \(title) →"
                    found.append(
                        YearLink(
                            href: "../../\(years[other].segment)/\(language)/index.html#\(slug)", rel: rel,
                            label: label))
                }
                if !found.isEmpty { links[language, default: [:]][slug] = found }
            }
        }
        return links
    }

    /// `output/index.html` and each language's landing page, in the newest year's
    /// languages.
    private static func landingPages(
        _ archive: ArchiveConfig, years: [Year], figures: [String: [String: String]], strings: InterfaceStrings,
        templates: TemplateSet, into plan: inout OutputPlan
    ) {
        let newest = years[years.count - 1]
        let languages = newest.config.languages
        let rightToLeft = Set(languages.filter(\.isRightToLeft).map(\.code))
        let stylesheet = newest.segment + "/style.css"
        // Addresses under the archive's base_url, as its sitemap lists them; relative ones
        // (`prefix`: the way to the archive's folder) without one.
        func alternates(prefix: String) -> [(hreflang: String, href: String)] {
            if let base = archive.baseURL { return Sitemap.alternates(baseURL: base, languages: languages) }
            return languages.map { ($0.code, prefix + $0.code + "/index.html") } + [
                ("x-default", prefix + "index.html")
            ]
        }
        func chooser(current: String?, prefix: String) -> [(String, String, String, Bool, Bool)] {
            languages.map {
                (
                    $0.code, strings.text(.languageName, language: $0.code), prefix + $0.code + "/index.html",
                    rightToLeft.contains($0.code), $0.code == current
                )
            }
        }
        let first = languages[0].code
        plan.add(
            "index.html",
            templates.render(
                ArchivePage(
                    lang: first, rtl: rightToLeft.contains(first), title: archive.title.text(in: first),
                    generator: BuildPipeline.generator, stylesheet: stylesheet, canonical: archive.baseURL,
                    alternates: alternates(prefix: ""), languages: chooser(current: nil, prefix: ""),
                    years: [])))
        for language in languages {
            let code = language.code
            let entries = years.reversed().compactMap { year -> ArchivePage.Year? in
                guard let own = year.config.language(code) else { return nil }
                let values = figures[year.folder + "/" + code] ?? [:]
                // The period once: not again under a title that says it.
                let period = year.config.period.text(in: code)
                return ArchivePage.Year(
                    title: own.title, period: own.title.contains(period) ? nil : period,
                    href: "../\(year.segment)/\(code)/index.html",
                    logo: year.config.logo.map {
                        "../\(year.segment)/" + OutputLinks.outputPath(ofProjectFile: "content/" + $0)
                    },
                    figures: archive.keyFigures.compactMap { key in
                        values[key.figure].map { ArchivePage.Figure(label: key.label.text(in: code), value: $0) }
                    })
            }
            plan.add(
                "\(code)/index.html",
                templates.render(
                    ArchivePage(
                        lang: code, rtl: rightToLeft.contains(code), title: archive.title.text(in: code),
                        generator: BuildPipeline.generator, stylesheet: "../" + stylesheet,
                        canonical: archive.baseURL.map { $0 + code + "/" },
                        alternates: alternates(prefix: "../"),
                        languages: chooser(current: code, prefix: "../"), years: entries)))
        }
    }

    /// One sitemap for the whole archive: the chooser, each landing page, and each year's
    /// chooser and pages, each with its `hreflang` alternates.
    private static func sitemap(base: String, years: [Year], sourceDateEpoch: Int?) -> String {
        let newest = years[years.count - 1].config.languages
        var sites: [(String, [ReportLanguage])] = [(base, newest)]
        for year in years { sites.append((base + year.segment + "/", year.config.languages)) }
        let maps = sites.map { Sitemap(baseURL: $0.0, languages: $0.1, sourceDateEpoch: sourceDateEpoch).entries }
        return Sitemap.document(maps.joined(separator: ""))
    }
}
