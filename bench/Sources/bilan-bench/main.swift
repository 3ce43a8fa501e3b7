// Measures what `bilan serve` does after an edit: an incremental rebuild of one section,
// against a full in-memory build. Runs on a copy of the project, never on it.
//
//   BILAN_TOOLS=1 swift build -c release --product bilan-bench && .build/release/bilan-bench [PROJECT] [RUNS]
import BilanBase
import BilanInputs
import BilanContent
import BilanRender
import BilanBuild
import Foundation

let arguments = CommandLine.arguments
let source = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : FileManager.default.currentDirectoryPath)
    .standardizedFileURL
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 30 : 30

let work = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }
for folder in ["content", "templates"]
where FileManager.default.fileExists(atPath: source.appendingPathComponent(folder).path) {
    try FileManager.default.copyItem(at: source.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
}

func milliseconds(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}
func summary(_ values: [Double]) -> String {
    let sorted = values.sorted()
    return String(
        format: "median %.1f ms, min %.1f ms, max %.1f ms (%d runs)", sorted[sorted.count / 2], sorted.first!,
        sorted.last!, sorted.count)
}

let options = BuildOptions(projectRoot: work, drafts: true, write: false)
var full: [Double] = []
for _ in 0..<max(3, runs / 5) {
    let start = DispatchTime.now()
    _ = BuildPipeline.run(options)
    full.append(milliseconds(start))
}
print("full build (in memory):          " + summary(full))

let build = IncrementalBuild(options: options)
let sections = try SectionLoader.fileNames(projectRoot: work).get()
let edited = work.appendingPathComponent(SectionLoader.folder).appendingPathComponent(sections[sections.count / 2])
let original = try String(contentsOf: edited, encoding: .utf8)
var incremental: [Double] = []
var stages: [String: [Double]] = [:]
for run in 0..<runs {
    try (original + "\nÉdition \(run).\n").write(to: edited, atomically: false, encoding: .utf8)
    let start = DispatchTime.now()
    let scope = build.update()
    incremental.append(milliseconds(start))
    precondition(
        scope == .sections([SectionLoader.folder + "/" + edited.lastPathComponent]), "unexpected scope \(scope)")
    precondition(build.result.plan != nil, "the build failed")
    for timing in build.result.timings { stages[timing.stage.rawValue, default: []].append(timing.seconds * 1000) }
}
print("one-section rebuild (\(edited.lastPathComponent)): " + summary(incremental))
for stage in ["project", "figures", "markdown", "render"] where stages[stage] != nil {
    print("  \(stage.padding(toLength: 9, withPad: " ", startingAt: 0)) " + summary(stages[stage]!))
}
var idle: [Double] = []
for _ in 0..<runs {
    let start = DispatchTime.now()
    _ = build.update()
    idle.append(milliseconds(start))
}
print("no change (one poll):            " + summary(idle))
