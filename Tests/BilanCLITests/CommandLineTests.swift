import Foundation
import Testing

/// The commands as a user or a pipeline runs them: exit codes, files, output formats.
@Suite struct CommandLineTests {
    static let minimalProject: [String: String] = [
        "content/report.yaml": """
        organization: Test
        period: 2024
        languages:
          fr: { locale: fr-CA, title: Rapport }
          en: { locale: en-CA, title: Report }
        """,
        "content/data/dons.csv": "annee,montant\n2024,1500.5\n",
        "content/figures.yaml": "dons:\n  value: sum(dons.montant)\n  format: currency\n",
        "content/sections/010-intro.fr.md": "---\ntitle: Intro\n---\nDons : {{ dons }}.\n",
        "content/sections/010-intro.en.md": "---\ntitle: Intro\n---\nGifts: {{ dons }}.\n",
    ]

    @Test func versionIsPrinted() throws {
        let run = try BilanBinary.run(["--version"])
        #expect(run.status == 0)
        #expect(
            run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).range(
                of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
    }

    @Test func badCommandLineExitsWithTwo() throws {
        #expect(try BilanBinary.run(["build", "--no-such-flag"]).status == 2)
        #expect(try BilanBinary.run(["build", "--format", "xml"]).status == 2)
        #expect(try BilanBinary.run(["frobnicate"]).status == 2)
    }

    @Test func buildFromAnotherFolderWritesOutput() throws {
        let project = try BilanBinary.project(Self.minimalProject)
        defer { try? FileManager.default.removeItem(at: project) }
        let elsewhere = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let run = try BilanBinary.run(["build", "--root", project.path], in: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: project.appendingPathComponent("output/fr/index.html"), encoding: .utf8)
        #expect(page.contains("1\u{00A0}500,50\u{00A0}$"))
        let english = try String(contentsOf: project.appendingPathComponent("output/en/report.md"), encoding: .utf8)
        #expect(english.contains("$1,500.50"))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("output/index.html").path))
    }

    @Test func errorsExitWithOneAndKeepThePreviousOutput() throws {
        let project = try BilanBinary.project(Self.minimalProject)
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try BilanBinary.run(["build", "--root", project.path]).status == 0)
        let page = project.appendingPathComponent("output/fr/index.html")
        let before = try Data(contentsOf: page)
        try "---\ntitle: Intro\n---\nDons : {{ don }}.\n".write(
            to: project.appendingPathComponent("content/sections/010-intro.fr.md"), atomically: true, encoding: .utf8)
        let run = try BilanBinary.run(["build", "--root", project.path, "--format", "json"])
        #expect(run.status == 1)
        let diagnostics = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "content/sections/010-intro.fr.md")
        #expect(first["line"] as? Int == 4)
        #expect(first["column"] as? Int == 8)
        #expect(first["code"] as? String == "unknown-figure")
        #expect(first["severity"] as? String == "error")
        #expect(try Data(contentsOf: page) == before)
    }

    @Test func textDiagnosticsAreCompilerStyleLines() throws {
        var files = Self.minimalProject
        files["content/sections/010-intro.en.md"] = nil
        let project = try BilanBinary.project(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["build", "--root", project.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("content/sections/010-intro.fr.md: warning: section '010-intro' has no en version"))
        #expect(run.stderr.contains("[missing-translation]"))
        let strict = try BilanBinary.run(["build", "--root", project.path, "--strict"])
        #expect(strict.status == 1)
    }

    @Test func checkWritesNothing() throws {
        let project = try BilanBinary.project(Self.minimalProject)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["check", "--root", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("output").path))
    }

    @Test func notAProjectIsAClearError() throws {
        let folder = BilanBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BilanBinary.run(["build", "--root", folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/report.yaml: error: no report.yaml"))
        // A --root that does not exist, or is a file, is said so, at the path given.
        let missing = folder.appendingPathComponent("nowhere")
        let none = try BilanBinary.run(["build", "--root", missing.path])
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("\(missing.path): error: this project folder does not exist: pass --root"))
        let file = folder.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        let asFile = try BilanBinary.run(["check", "--root", file.path])
        #expect(asFile.status == 1)
        #expect(asFile.stderr.hasPrefix("\(file.path): error: this is a file, not a project folder"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }
}

@Suite struct AcceptedWarningTests {
    @Test func anAcceptedWarningNoLongerFailsStrict() throws {
        var files = CommandLineTests.minimalProject
        files["content/figures.yaml"] = "dons:\n  value: sum(dons.montant)\n  format: currency\n  stated: 1400\n"
        let project = try BilanBinary.project(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let strict = try BilanBinary.run(["build", "--root", project.path, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("content/figures.yaml:4:3: warning: figure 'dons' computes"))

        let report = project.appendingPathComponent("content/report.yaml")
        let accepted =
            try String(contentsOf: report, encoding: .utf8)
            + "\naccept:\n  - { code: stated-mismatch, figure: dons, reason: \"the board approved 1400\" }\n"
        try accepted.write(to: report, atomically: true, encoding: .utf8)
        let run = try BilanBinary.run(["build", "--root", project.path, "--strict"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[stated-mismatch] (accepted)"))
    }
}

@Suite struct TemplateOverrideTests {
    @Test func aProjectTemplateReplacesTheBuiltInOneAndSeesFigures() throws {
        var files = CommandLineTests.minimalProject
        files["templates/index.mustache"] = "<p lang=\"{{lang}}\">{{organization}}: {{figures.dons}}</p>\n"
        let project = try BilanBinary.project(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["build", "--root", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: project.appendingPathComponent("output/index.html"), encoding: .utf8)
        #expect(page == "<p lang=\"fr\">Test: 1\u{00A0}500,50\u{00A0}$</p>\n")
    }
}

@Suite struct BilingualDataTests {
    @Test func aLanguageColumnIsReadUnderItsPlainNameInFigures() throws {
        var files = CommandLineTests.minimalProject
        files["content/data/membres.csv"] =
            "type_fr,type_en,nombre\nindividuelle,individual,233\nassociative,associative,53\n"
        files["content/figures.yaml"] =
            "dons: sum(dons.montant)\nindividuelles: sum(membres.nombre where type = \"individuelle\")\n"
        files["content/sections/010-intro.en.md"] = "---\ntitle: Intro\n---\n{{ individuelles }} individual members.\n"
        files["content/assets/notes/plan.txt"] = "copied whole"
        let project = try BilanBinary.project(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try BilanBinary.run(["build", "--root", project.path])
        #expect(run.status == 0, "\(run.stderr)")
        let english = try String(contentsOf: project.appendingPathComponent("output/en/report.md"), encoding: .utf8)
        #expect(english.contains("233 individual members."))
        #expect(
            FileManager.default.fileExists(atPath: project.appendingPathComponent("output/assets/notes/plan.txt").path))
    }
}

@Suite struct TranslationsCommandTests {
    /// `--diff KEY`: the source paragraphs that changed since the stamp, word by word,
    /// from the copy `--stamp` kept in content/.bilan/translations/.
    @Test func diffShowsTheWordsOfTheSourceThatChanged() throws {
        var files = CommandLineTests.minimalProject
        files["content/sections/010-intro.fr.md"] = "---\ntitle: Intro\n---\nDons : {{ dons }}.\n\nMerci à toutes.\n"
        let project = try BilanBinary.project(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let never = try BilanBinary.run(["translations", "--root", project.path, "--diff", "intro"])
        #expect(never.status == 0, "\(never.stderr)")
        #expect(never.stdout.contains("010-intro en: never stamped, so nothing to compare with"))

        #expect(try BilanBinary.run(["translations", "--root", project.path, "--stamp"]).status == 0)
        let kept = try FileManager.default.contentsOfDirectory(
            atPath: project.appendingPathComponent("content/.bilan/translations").path)
        #expect(kept.count == 1 && kept[0].hasPrefix("010-intro."))
        let same = try BilanBinary.run(["translations", "--root", project.path, "--diff", "010-intro"])
        #expect(same.stdout.contains("010-intro en: up to date with content/sections/010-intro.fr.md"))

        try "---\ntitle: Intro\n---\nDons reçus : {{ dons }}.\n\nMerci à toutes.\n\nÀ l'an prochain.\n".write(
            to: project.appendingPathComponent("content/sections/010-intro.fr.md"), atomically: true, encoding: .utf8)
        // Not a terminal: no colours, even without --no-color.
        for arguments in [["--no-color"], []] {
            let diff = try BilanBinary.run(["translations", "--root", project.path, "--diff", "intro"] + arguments)
            #expect(diff.status == 0, "\(diff.stderr)")
            #expect(
                diff.stdout.hasSuffix(
                    """
                    2 paragraphs changed

                    content/sections/010-intro.fr.md:4: changed
                      Dons {+reçus +}: {{ dons }}.

                    content/sections/010-intro.fr.md:8: added
                      {+À l'an prochain.+}

                    """), "\(diff.stdout)")
            #expect(!diff.stdout.contains("\u{1B}"))
        }
        // A stamp keeps the new copy and removes the one no translation names.
        #expect(try BilanBinary.run(["translations", "--root", project.path, "--stamp", "intro"]).status == 0)
        let after = try FileManager.default.contentsOfDirectory(
            atPath: project.appendingPathComponent("content/.bilan/translations").path)
        #expect(after.count == 1 && after != kept)
        // No copy of the version a translation names: said, not guessed.
        try FileManager.default.removeItem(at: project.appendingPathComponent("content/.bilan"))
        try "---\ntitle: Intro\n---\nAutre.\n".write(
            to: project.appendingPathComponent("content/sections/010-intro.fr.md"), atomically: true, encoding: .utf8)
        let lost = try BilanBinary.run(["translations", "--root", project.path, "--diff", "intro"])
        #expect(lost.stdout.contains("bilan kept no copy of version"))

        let unknown = try BilanBinary.run(["translations", "--root", project.path, "--diff", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no section 'nope'"))
        let both = try BilanBinary.run(["translations", "--root", project.path, "--diff", "intro", "--stamp"])
        #expect(both.status == 2)
    }

    @Test func stampMarksTranslationsUpToDateUntilTheSourceChanges() throws {
        let project = try BilanBinary.project(CommandLineTests.minimalProject)
        defer { try? FileManager.default.removeItem(at: project) }
        let before = try BilanBinary.run(["translations", "--root", project.path, "--format", "json"])
        #expect(before.status == 0, "\(before.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]])
        let languages = try #require(entries.first?["languages"] as? [String: [String: Any]])
        #expect(languages["fr"]?["state"] as? String == "source")
        #expect(languages["en"]?["state"] as? String == "unstamped")
        let sourceHash = try #require(languages["fr"]?["hash"] as? String)

        let stamped = try BilanBinary.run(["translations", "--root", project.path, "--stamp"])
        #expect(stamped.status == 0)
        #expect(stamped.stdout.contains("en  ") && stamped.stdout.contains("up-to-date"))
        let english = try String(
            contentsOf: project.appendingPathComponent("content/sections/010-intro.en.md"), encoding: .utf8)
        #expect(english == "---\ntitle: Intro\ntranslation_of: \(sourceHash)\n---\nGifts: {{ dons }}.\n")

        try "---\ntitle: Intro\n---\nDons reçus : {{ dons }}.\n".write(
            to: project.appendingPathComponent("content/sections/010-intro.fr.md"), atomically: true, encoding: .utf8)
        let build = try BilanBinary.run(["build", "--root", project.path, "--strict"])
        #expect(build.status == 1)
        #expect(
            build.stderr.contains(
                "content/sections/010-intro.en.md:3:17: warning: this translation was made from version \(sourceHash)"))
        #expect(build.stderr.contains("[outdated-translation]"))
    }

    /// `--stamp KEY` stamps only that section, and a stamp changes the hash's bytes or
    /// adds one line ended as the file's lines are: a CRLF file with a BOM stays one.
    @Test func stampNamedSectionsKeepsEveryOtherByte() throws {
        var files = CommandLineTests.minimalProject
        files["content/sections/020-suite.fr.md"] = "---\ntitle: Suite\n---\nSuite.\n"
        files["content/sections/020-suite.en.md"] =
            "\u{FEFF}---\r\ntitle: Next\r\ntranslation_of: \"00000000\" # old\r\n---\r\nNext.\r\n"
        files["content/sections/010-intro.en.md"] = "---\r\ntitle: Intro\r\n---\r\nGifts: {{ dons }}.\r\n"
        let project = try BilanBinary.project(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let sections = project.appendingPathComponent("content/sections")
        let listing = try BilanBinary.run(["translations", "--root", project.path, "--format", "json"])
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        let hashes = entries.map { (($0["languages"] as? [String: [String: Any]])?["fr"]?["hash"] as? String) ?? "" }

        let one = try BilanBinary.run(["translations", "--root", project.path, "--stamp", "suite"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stderr == "bilan: stamped content/sections/020-suite.en.md\n")
        let next = try Data(contentsOf: sections.appendingPathComponent("020-suite.en.md"))
        #expect(
            next
                == Data("\u{FEFF}---\r\ntitle: Next\r\ntranslation_of: \"\(hashes[1])\" # old\r\n---\r\nNext.\r\n".utf8)
        )
        #expect(
            try String(contentsOf: sections.appendingPathComponent("010-intro.en.md"), encoding: .utf8)
                == "---\r\ntitle: Intro\r\n---\r\nGifts: {{ dons }}.\r\n")

        let all = try BilanBinary.run(["translations", "--root", project.path, "--stamp", "010-intro"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(
            try String(contentsOf: sections.appendingPathComponent("010-intro.en.md"), encoding: .utf8)
                == "---\r\ntitle: Intro\r\ntranslation_of: \(hashes[0])\r\n---\r\nGifts: {{ dons }}.\r\n")

        let unknown = try BilanBinary.run(["translations", "--root", project.path, "--stamp", "nulle-part"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: no section 'nulle-part'"))
        #expect(try BilanBinary.run(["translations", "--root", project.path, "suite"]).status == 2)
    }
}
