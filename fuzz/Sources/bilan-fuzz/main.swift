// Fuzz targets for bilan's readers and a whole build (see `scripts/fuzz`).
//
//   bilan-fuzz TARGET FILE...      a plain build: runs each file once through TARGET
//                                  (replays a crash libFuzzer saved)
//   bilan-fuzz TARGET [-flags] [CORPUS...]
//                                  built with -DFUZZING -sanitize=fuzzer,address:
//                                  libFuzzer drives TARGET
//
// TARGET is one of FuzzTarget's cases. A target traps (a crash libFuzzer reports) when
// bilan crashes, or when it breaks a promise the target checks: every diagnostic
// located at a line and column from 1, no executable markup in generated HTML or SVG.
#if FUZZING
import CFuzzDriver
#endif
import Foundation

let usage =
    "usage: bilan-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) [FILE... | libFuzzer flags and"
    + " corpus folders]"
var arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
arguments.remove(at: 1)
FuzzTarget.selected = target
// The shared fixture project, made once before the first input.
_ = Fixture.shared

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
var argc = Int32(arguments.count)
var cStrings = arguments.map { strdup($0) } + [nil]
let status = cStrings.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOne)
}
exit(status)
#else
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("bilan-fuzz: cannot read \(path)\n".utf8))
        exit(1)
    }
    target.run(Array(data))
    print("\(target.rawValue): \(path): ok")
}
#endif
