// The shared test helpers (fixture projects, temporary folders, SplitMix64, tags and
// `assertSnapshot`) for every file of this target, without an import in each.
@_exported import BilanTestSupport
