import BilanTestSupport
import Foundation
import Testing

/// The release artefacts of `scripts/package`: the static binary needs only the C and C++
/// runtimes, the tarball and the `.deb` hold what they promise, and the `.deb` installed
/// into a throw-away root runs and builds a new project there, with no Swift anywhere.
///
/// Runs when `BILAN_DIST` names the folder `scripts/package` wrote (`scripts/test` sets
/// it after packaging); otherwise each test is skipped with the reason, since building the
/// static binary takes minutes.
@Suite(.serialized) struct ReleaseArtefactTests {
    /// The artefacts' folder, from `BILAN_DIST`, when it holds a tarball and a `.deb`.
    static let dist: URL? = {
        guard let path = ProcessInfo.processInfo.environment["BILAN_DIST"] else { return nil }
        let folder = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let suffixes = ["-linux-x86_64.tar.gz", "_amd64.deb"]
        return suffixes.allSatisfy { suffix in names.contains { $0.hasSuffix(suffix) } } ? folder : nil
    }()

    static let skipReason: Comment = "needs BILAN_DIST=dist after scripts/package (scripts/test does both)"

    /// The libraries the static binary may need: glibc's C and maths libraries, the C++
    /// runtime and its unwinder, and the loader (plus the kernel's vDSO, which `ldd` lists
    /// but no package provides).
    static let allowedLibraries: Set<String> = [
        "linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "/lib64/ld-linux-x86-64.so.2",
    ]

    /// The subcommands whose completions and manual entries must be there.
    static let subcommands = ["build", "check", "serve", "export", "figures", "data", "translations", "init"]

    /// The one file of `dist/` whose name ends with `suffix`.
    static func artefact(_ suffix: String) throws -> URL {
        let folder = try #require(dist)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return folder.appendingPathComponent(try #require(names.first { $0.hasSuffix(suffix) }))
    }

    /// Runs a program found on the `PATH` (or at an absolute path) and requires it to succeed.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in folder: URL? = nil) throws -> String {
        let found = program.hasPrefix("/") ? URL(fileURLWithPath: program) : ExternalTool.find(program)
        let executable = try #require(found, "\(program) is not installed")
        let run = try BilanBinary.run(executable: executable, arguments, in: folder)
        let command = ([program] + arguments).joined(separator: " ")
        try #require(run.status == 0, "\(command) failed:\n\(run.stdout)\n\(run.stderr)")
        return run.stdout
    }

    /// The tarball, unpacked into a new temporary folder.
    struct UnpackedTarball {
        /// The temporary folder, to remove after the test.
        var folder: URL
        /// The tarball's one top folder, `bilan-VERSION-linux-x86_64`.
        var top: URL
        var binary: URL { top.appendingPathComponent("bin/bilan") }

        init() throws {
            folder = BilanBinary.temporaryFolder()
            try ReleaseArtefactTests.run("tar", ["-xzf", try artefact("-linux-x86_64.tar.gz").path, "-C", folder.path])
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            top = folder.appendingPathComponent(try #require(names.first))
        }
    }

    /// What `bilan --version` prints, without the line end.
    static func version(of binary: URL) throws -> String {
        try run(binary.path, ["--version"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The package names of a `Depends` field (`libc6 (>= 2.34), libgcc-s1 (>= 3.0)…`).
    static func packageNames(_ depends: String) -> [String] {
        depends.split(separator: ",").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// The files of the libraries `ldd` finds for a binary (the loader included), as it
    /// names them: `/lib/x86_64-linux-gnu/libc.so.6` from `libc.so.6 => /lib/… (0x…)`.
    static func libraryPaths(of binary: URL) throws -> [URL] {
        try run("ldd", [binary.path]).split(separator: "\n").compactMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first { $0.hasPrefix("/") }
                .map { URL(fileURLWithPath: String($0)) }
        }
    }

    /// The libraries `ldd` lists for a binary: each line's first word.
    static func sharedLibraries(of binary: URL) throws -> [String] {
        try run("ldd", [binary.path]).split(separator: "\n").compactMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        }
    }

    @Test(.enabled(if: dist != nil, skipReason), .tags(.externalTool))
    func theStaticBinaryNeedsOnlyTheCAndCPlusPlusRuntimes() throws {
        let tarball = try UnpackedTarball()
        defer { try? FileManager.default.removeItem(at: tarball.folder) }
        let libraries = try Self.sharedLibraries(of: tarball.binary)
        #expect(libraries.contains("libc.so.6"), "ldd printed: \(libraries)")
        #expect(Set(libraries).subtracting(Self.allowedLibraries).isEmpty, "unexpected libraries: \(libraries)")
    }

    @Test(.enabled(if: dist != nil, skipReason), .tags(.externalTool))
    func theTarballHoldsTheBinaryTheManPageTheCompletionsAndTheDocuments() throws {
        let tarball = try UnpackedTarball()
        defer { try? FileManager.default.removeItem(at: tarball.folder) }
        let top = tarball.top
        let files = try #require(FileManager.default.subpaths(atPath: top.path)).filter { path in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: top.appendingPathComponent(path).path, isDirectory: &isFolder)
            return exists && !isFolder.boolValue
        }
        let completions = [
            "bash": "share/bash-completion/completions/bilan", "zsh": "share/zsh/vendor-completions/_bilan",
            "fish": "share/fish/vendor_completions.d/bilan.fish",
        ]
        let documents = ["bin/bilan", "share/man/man1/bilan.1", "README.md", "LICENSE"]
        #expect(Set(files) == Set(completions.values).union(documents))
        #expect(top.lastPathComponent == "bilan-\(try Self.version(of: tarball.binary))-linux-x86_64")
        // The completions are the ones the bilan under test generates: they cannot drift.
        for (shell, path) in completions.sorted(by: { $0.key < $1.key }) {
            let packaged = try String(contentsOf: top.appendingPathComponent(path), encoding: .utf8)
            let current = try BilanBinary.run(["--generate-completion-script", shell])
            #expect(packaged == current.stdout, "the \(shell) completions differ from this bilan's")
        }
        let manual = try String(contentsOf: top.appendingPathComponent("share/man/man1/bilan.1"), encoding: .utf8)
        #expect(manual.hasPrefix(".\\\" \"Generated by swift-argument-parser\""))
        for subcommand in Self.subcommands {
            #expect(manual.contains(".It Em \(subcommand)"), "the man page does not describe bilan \(subcommand)")
        }
    }

    @Test(.enabled(if: dist != nil, skipReason), .tags(.externalTool))
    func theDebianPackageDependsOnWhatLddShowsAndPassesLintian() throws {
        let deb = try Self.artefact("_amd64.deb")
        let tarball = try UnpackedTarball()
        defer { try? FileManager.default.removeItem(at: tarball.folder) }
        let version = try Self.version(of: tarball.binary)
        #expect(deb.lastPathComponent == "bilan_\(version)_amd64.deb")
        #expect(try Self.run("dpkg-deb", ["--field", deb.path, "Version"]) == version + "\n")

        // Depends names exactly the packages that hold the libraries ldd finds.
        let depends = try Self.run("dpkg-deb", ["--field", deb.path, "Depends"])
        // dpkg records a library under /lib or /usr/lib, whichever its package used; ldd
        // prints the folder where the loader found it, and on a merged-/usr system the two
        // are one: the folder is left to a pattern.
        let patterns = try Self.libraryPaths(of: tarball.binary).map { "*/" + $0.lastPathComponent }
        let owners = try Self.run("dpkg", ["--search"] + patterns).split(separator: "\n")
        let owning = owners.compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(Set(Self.packageNames(depends)) == Set(owning), "Depends: \(depends)")

        let contents = try Self.run("dpkg-deb", ["--contents", deb.path])
        for path in [
            "./usr/bin/bilan", "./usr/share/man/man1/bilan.1.gz", "./usr/share/bash-completion/completions/bilan",
            "./usr/share/zsh/vendor-completions/_bilan", "./usr/share/fish/vendor_completions.d/bilan.fish",
            "./usr/share/doc/bilan/copyright",
        ] {
            #expect(contents.contains(" \(path)\n"), "the package does not install \(path)")
        }

        // lintian: no error (E:) for the package; warnings are allowed.
        let lintian = try #require(ExternalTool.find("lintian"), "lintian is missing: scripts/test installs it")
        let check = try BilanBinary.run(executable: lintian, ["--allow-root", deb.path])
        let errors = (check.stdout + check.stderr).split(separator: "\n").filter { $0.hasPrefix("E:") }
        #expect(errors.isEmpty, "lintian found errors:\n\(check.stdout)\(check.stderr)")
    }

    /// `dpkg --install` into a new root that holds nothing but the libraries `ldd` lists
    /// (and dpkg's records of the packages that provide them), then bilan run in it by
    /// `chroot`: no Swift toolchain, no Foundation, no other library can be found there.
    /// `/proc` is mounted in it, as on every Linux system: Swift's runtime reads the
    /// command line from `/proc/self/cmdline`.
    @Test(
        .enabled(if: dist != nil, skipReason), .enabled(if: getuid() == 0, "chroot needs root"),
        .tags(.externalTool, .heavy))
    func theDebianPackageInstallsIntoAThrowAwayRootAndBuildsANewReport() throws {
        let deb = try Self.artefact("_amd64.deb")
        let manager = FileManager.default
        let root = BilanBinary.temporaryFolder()
        let admin = root.appendingPathComponent("var/lib/dpkg")
        for folder in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "tmp", "proc"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let proc = root.appendingPathComponent("proc").path
        try Self.run("mount", ["-t", "proc", "proc", proc])
        // Never remove the root while /proc is mounted in it.
        defer { if (try? Self.run("umount", [proc])) != nil { try? manager.removeItem(at: root) } }
        // The packages Depends names, recorded as installed, and their libraries copied in.
        let packages = Self.packageNames(try Self.run("dpkg-deb", ["--field", deb.path, "Depends"]))
        let records = try Self.run("dpkg-query", ["--status"] + packages)
        try Data(records.utf8).write(to: admin.appendingPathComponent("status"))
        try Data().write(to: admin.appendingPathComponent("available"))
        let tarball = try UnpackedTarball()
        defer { try? manager.removeItem(at: tarball.folder) }
        for library in try Self.libraryPaths(of: tarball.binary) {
            let copy = root.appendingPathComponent(library.path)
            try manager.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: library.resolvingSymlinksInPath(), to: copy)
        }

        try Self.run("dpkg", ["--root=\(root.path)", "--install", deb.path])
        let status = try Self.run(
            "dpkg-query", ["--admindir=\(admin.path)", "--show", "--showformat=${Status}", "bilan"])
        #expect(status == "install ok installed")
        let chroot = ExternalTool.find("chroot") ?? URL(fileURLWithPath: "/usr/sbin/chroot")
        let inRoot = { (arguments: [String]) throws -> BilanBinary.Run in
            try BilanBinary.run(
                executable: chroot, [root.path, "/usr/bin/bilan"] + arguments,
                environment: ["PATH": "/usr/bin:/bin", "HOME": "/tmp"])
        }
        let version = try inRoot(["--version"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout == (try Self.run("dpkg-deb", ["--field", deb.path, "Version"])))
        let initialised = try inRoot(["init", "/tmp/rapport"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let built = try inRoot(["build", "--strict", "--root", "/tmp/rapport"])
        #expect(built.status == 0, "\(built.stderr)")
        for page in ["output/index.html", "output/fr/index.html", "output/en/index.html"] {
            #expect(manager.fileExists(atPath: root.appendingPathComponent("tmp/rapport/\(page)").path), "no \(page)")
        }
    }
}
