/// The bounds that keep a damaged or hostile workbook from exhausting memory or time.
///
/// Every limit is checked while reading, before the work it guards is done: bytes are counted as
/// they come out of the decompressor (the sizes a zip declares can lie), cells are counted as they
/// would be stored, and XML depth is counted while tokenizing. A workbook over a limit is refused
/// with a `WorkbookError` that says which limit.
package struct WorkbookLimits: Hashable, Sendable {
    /// The most bytes one part (a sheet's XML, the shared strings…) may unpack to.
    package var maxPartBytes: Int
    /// The most bytes all the parts that are read may unpack to together.
    package var maxTotalBytes: Int
    /// The most entries the zip archive may hold.
    package var maxEntries: Int
    /// The deepest XML elements may nest.
    package var maxDepth: Int
    /// The most cells the returned workbook may hold, over all sheets, counting the `.empty`
    /// cells that pad each row up to its last value.
    package var maxCells: Int

    /// Makes limits; each must be positive.
    package init(maxPartBytes: Int, maxTotalBytes: Int, maxEntries: Int, maxDepth: Int, maxCells: Int) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxEntries = maxEntries
        self.maxDepth = maxDepth
        self.maxCells = maxCells
    }

    /// 100 MiB a part, 256 MiB in all, 10,000 entries, depth 128, 5 million cells.
    ///
    /// A real 1-million-cell sheet is about 40 MiB of XML; Excel's own workbooks nest about 10
    /// deep; 5 million cells (about 400 MiB in memory at worst) is far above a report's data.
    package static let `default` = WorkbookLimits(
        maxPartBytes: 100 * 1024 * 1024,
        maxTotalBytes: 256 * 1024 * 1024,
        maxEntries: 10_000,
        maxDepth: 128,
        maxCells: 5_000_000
    )
}
