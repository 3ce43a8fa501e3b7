import BilanTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real binary under faults: special files among the inputs, folders it may not read,
/// output folders it must refuse, two builds at once, builds killed half-way and readers
/// of `output/` during a rebuild (issue 14). Each run has a deadline, so a hang fails the
/// test instead of stopping the suite.
@Suite(.serialized) struct FaultToleranceTests {
    /// A copy of the valid fixture project in a new temporary folder.
    static func project() throws -> URL {
        let root = BilanBinary.temporaryFolder()
        try FileManager.default.copyItem(
            at: FixtureProjects.valid.appendingPathComponent("content"), to: root.appendingPathComponent("content"))
        return root
    }

    /// Runs bilan, killed after 60 s (`timeout` exits 124 then).
    static func run(_ arguments: [String], as user: String? = nil) throws -> BilanBinary.Run {
        var command = ["60", BilanBinary.url.path] + arguments
        if let user {
            command = ["60", "setpriv", "--reuid=\(user)", "--regid=nogroup", "--clear-groups"] + command.dropFirst()
        }
        return try BilanBinary.run(executable: URL(fileURLWithPath: "/usr/bin/timeout"), command)
    }

    /// The names beside `output/` that only a build's staging folders take.
    static func leftovers(_ root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".bilan-") }.sorted()
    }

    static let fifoPlaces = [
        "content/sections/040-tuyau.fr.md", "content/data/tuyau.csv", "content/figures.yaml",
        "content/assets/tuyau.png",
    ]

    @Test(arguments: fifoPlaces)
    func aNamedPipeAmongTheInputsIsAnErrorNotAHang(_ place: String) throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.run(["build", "--root", root.path, "--quiet"]).status == 0)
        let before = FixtureProjects.contents(of: root.appendingPathComponent("output"))
        let fifo = root.appendingPathComponent(place)
        try? FileManager.default.removeItem(at: fifo)
        #expect(mkfifo(fifo.path, 0o644) == 0)
        if place.hasSuffix(".png") {
            let section = root.appendingPathComponent("content/sections/010-accueil.fr.md")
            let text = try String(contentsOf: section, encoding: .utf8) + "\n![Un tuyau](../assets/tuyau.png)\n"
            try text.write(to: section, atomically: true, encoding: .utf8)
        }
        let run = try Self.run(["build", "--root", root.path])
        #expect(run.status == 1, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("this is a named pipe (FIFO), not an ordinary file"), "\(run.stderr)")
        #expect(FixtureProjects.contents(of: root.appendingPathComponent("output")) == before)
        #expect(try Self.leftovers(root).isEmpty)
    }

    /// Whether folders at mode 000 can be tested: root reads through any mode, so as root
    /// bilan runs as `nobody` through setpriv.
    static let modesApply = geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(.enabled(if: modesApply, "running as root without setpriv: root reads through mode 000"))
    func unreadableFoldersAreSaidToBeUnreadable() throws {
        let asRoot = geteuid() == 0
        let user = asRoot ? "nobody" : nil
        let root = try Self.project()
        defer {
            _ = try? Self.chmod(root, "content/sections", 0o755)
            _ = try? Self.chmod(root, "content", 0o755)
            _ = try? Self.chmod(root, "content/assets", 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        // The other user may enter the temporary folders and owns the project.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        if asRoot {
            let chown = try BilanBinary.run(
                executable: URL(fileURLWithPath: "/bin/chown"), ["-R", "nobody:nogroup", root.path])
            #expect(chown.status == 0)
        }
        #expect(try Self.run(["build", "--root", root.path, "--quiet"], as: user).status == 0)
        let before = FixtureProjects.contents(of: root.appendingPathComponent("output"))

        try Self.chmod(root, "content/sections", 0)
        let sections = try Self.run(["build", "--root", root.path], as: user)
        #expect(sections.status == 1)
        #expect(
            sections.stderr.contains("content/sections: error: permission denied: bilan may not list this folder"),
            "\(sections.stderr)")
        #expect(
            FixtureProjects.contents(of: root.appendingPathComponent("output")) == before,
            "an empty report replaced the good one")
        try Self.chmod(root, "content/sections", 0o755)

        try Self.chmod(root, "content", 0)
        let content = try Self.run(["build", "--root", root.path], as: user)
        #expect(content.status == 1)
        #expect(content.stderr.contains("content/report.yaml: error: permission denied"), "\(content.stderr)")
        #expect(!content.stderr.contains("not a bilan project"))
        try Self.chmod(root, "content", 0o755)

        try Self.chmod(root, "content/assets", 0)
        let assets = try Self.run(["build", "--root", root.path], as: user)
        #expect(assets.status == 1)
        #expect(
            assets.stderr.contains(
                "image '../assets/logo.svg' cannot be read: permission denied on the way to content/assets/logo.svg"),
            "\(assets.stderr)")
        #expect(FixtureProjects.contents(of: root.appendingPathComponent("output")) == before)
    }

    static func chmod(_ root: URL, _ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes(
            [.posixPermissions: mode], ofItemAtPath: root.appendingPathComponent(path).path)
    }

    @Test func aLoopOfSymbolicLinksIsCalledALoop() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let assets = root.appendingPathComponent("content/assets")
        for (name, target) in [("a.png", "b.png"), ("b.png", "a.png")] {
            try FileManager.default.createSymbolicLink(
                atPath: assets.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let section = root.appendingPathComponent("content/sections/010-accueil.fr.md")
        try (try String(contentsOf: section, encoding: .utf8) + "\n![Boucle](../assets/a.png)\n")
            .write(to: section, atomically: true, encoding: .utf8)
        let loopedSection = root.appendingPathComponent("content/sections/050-boucle.fr.md")
        try FileManager.default.createSymbolicLink(atPath: loopedSection.path, withDestinationPath: "050-boucle.fr.md")
        let run = try Self.run(["check", "--root", root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/assets/a.png is a loop of symbolic links"), "\(run.stderr)")
        #expect(
            run.stderr.contains("content/sections/050-boucle.fr.md: error: this is a loop of symbolic links"),
            "\(run.stderr)")
    }

    @Test func anOutputAmongTheInputsIsRefused() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            ("content/out", "is inside the project's content/, which bilan reads"),
            ("templates/site", "is inside the project's templates/, which bilan reads"),
            (".", "is the project folder itself"),
            ("..", "holds the project folder"),
            ("a-file/sub", "could not create the folder \(file.path): \(file.path) is a file, not a folder"),
        ]
        for (output, message) in cases {
            let run = try Self.run(["build", "--root", root.path, "--output", root.appendingPathComponent(output).path])
            #expect(run.status == 1, "\(output): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(output): \(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("content/out").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["a-file", "content"])
    }

    /// Whether /dev/shm is a mount point (a file system of its own), as in most Linux systems.
    static let shmIsAMountPoint: Bool = {
        var shm = stat()
        var dev = stat()
        return stat("/dev/shm", &shm) == 0 && stat("/dev", &dev) == 0 && shm.st_dev != dev.st_dev
    }()

    @Test(.enabled(if: shmIsAMountPoint, "/dev/shm is not a mount point here: no mount point to test with"))
    func aMountPointIsRefusedWithTheReason() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["build", "--root", root.path, "--output", "/dev/shm"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/dev/shm is a mount point"), "\(run.stderr)")
        #expect(run.stderr.contains("pass --output with a folder inside it"))
    }

    @Test func twoBuildsAtOnceBothSucceed() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        for _ in 0..<8 {
            let runs = ParallelRuns.run(2) { _ in try Self.run(["build", "--root", root.path]) }
            for run in runs {
                #expect(run?.status == 0, "\(run?.stderr ?? "no run")")
            }
            #expect(try Self.leftovers(root).isEmpty)
        }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/fr/index.html").path))
    }

    /// A large asset whose bytes change before each build, so that writing takes a while.
    static func writeLargeAsset(_ root: URL, seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let bytes = (0..<(16 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
        try Data(bytes).write(to: root.appendingPathComponent("content/assets/donnees.bin"))
    }

    @Test(.tags(.heavy)) func aKilledBuildLeavesTheOutputWholeAndTheNextBuildCleansUp() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let section = root.appendingPathComponent("content/sections/010-accueil.fr.md")
        try (try String(contentsOf: section, encoding: .utf8) + "\n[Les données](../assets/donnees.bin)\n")
            .write(to: section, atomically: true, encoding: .utf8)
        try Self.writeLargeAsset(root, seed: 0)
        #expect(try Self.run(["build", "--root", root.path, "--quiet"]).status == 0)
        var killedWhileWriting = 0
        // Kills at 8 moments, and a last one as soon as the new output folder appears, so
        // that one kill surely comes while the build is writing, however loaded the machine.
        for (index, delay) in [0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.3, 0.45, nil].enumerated() {
            try Self.writeLargeAsset(root, seed: UInt64(index + 1))
            let process = Process()
            process.executableURL = BilanBinary.url
            process.arguments = ["build", "--root", root.path, "--quiet"]
            try process.run()
            if let delay {
                Thread.sleep(forTimeInterval: delay)
            } else {
                let deadline = Date().addingTimeInterval(60)
                while try Self.leftovers(root).isEmpty, process.isRunning, Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.001)
                }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/fr/index.html").path))
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/.bilan-output").path))
            if try !Self.leftovers(root).isEmpty { killedWhileWriting += 1 }
        }
        #expect(killedWhileWriting > 0, "no kill came while a build was writing: the test proved nothing")
        // Leftovers that are not bilan's (unmarked) are never touched.
        let foreign = root.appendingPathComponent(".output.bilan-new-1")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "mine".write(to: foreign.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = try Self.run(["build", "--root", root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.leftovers(root) == [".output.bilan-new-1"])
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
    }

    @Test func theOutputIsNeverMissingDuringARebuild() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.run(["build", "--root", root.path, "--quiet"]).status == 0)
        let index = root.appendingPathComponent("output/fr/index.html").path
        let finished = ManagedBox(false)
        let misses = ManagedBox(0)
        let watcher = Thread {
            while !finished.value {
                if access(index, F_OK) != 0 { misses.update { $0 += 1 } }
            }
        }
        watcher.start()
        for _ in 0..<10 {
            #expect(try Self.run(["build", "--root", root.path, "--quiet"]).status == 0)
        }
        finished.update { $0 = true }
        while !watcher.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(misses.value == 0, "output/fr/index.html was missing \(misses.value) times")
    }
}

/// Runs closures on their own threads at once and returns their results in order.
enum ParallelRuns {
    static func run<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [T?] {
        let results = ManagedBox<[T?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = try? body(index)
            results.update { $0[index] = result }
        }
        return results.value
    }
}

/// A value shared between threads behind a lock.
final class ManagedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
