/// Collects one sheet's cells as they are read, then builds its `WorkbookRow`s.
///
/// Only non-empty values are stored, so blank cells that a file lists (styled, or repeated
/// by the thousand in `.ods`) cost nothing. Every stored value pads its row with `.empty` up to
/// its column, and those padded cells are counted against the workbook's cell budget as they
/// arise: a sheet cannot make the reader allocate more than `WorkbookLimits.maxCells` cells.
///
/// Merged ranges are applied at the end: the top-left value fills every cell of the range
/// (a documented decision: callers then see, say, a category label on every row it spans),
/// and cells hidden under a merge lose any value of their own, as spreadsheets show them.
struct SheetGrid {
    private var rows: [Int: [WorkbookCell]] = [:]
    private var openRow = 0
    private var openCells: [WorkbookCell] = []
    private var merges: [CellRange] = []
    private let sheetName: String
    private let maxCells: Int

    /// The number of cells stored so far, padding included; shared by all the sheets of a workbook.
    private(set) var cellCount: Int

    /// Starts an empty sheet; `cellCount` carries on from the sheets already read.
    init(sheetName: String, cellCount: Int, maxCells: Int) {
        self.sheetName = sheetName
        self.cellCount = cellCount
        self.maxCells = maxCells
    }

    /// Stores a value; `.empty` clears nothing and costs nothing.
    mutating func set(_ value: WorkbookCell, row: Int, column: Int) throws(WorkbookError) {
        try set(value, row: row, column: column, count: 1)
    }

    /// Stores the same value in `count` consecutive cells of a row.
    mutating func set(_ value: WorkbookCell, row: Int, column: Int, count: Int) throws(WorkbookError) {
        guard value != .empty, count > 0, column >= 1 else { return }
        let (last, overflow) = column.addingReportingOverflow(count - 1)
        guard !overflow else { throw tooManyCells(row: row, column: column) }
        open(row)
        if last > openCells.count {
            let added = last - openCells.count
            guard added <= maxCells - cellCount else { throw tooManyCells(row: row, column: column) }
            cellCount += added
            openCells.append(contentsOf: repeatElement(.empty, count: added))
        }
        for index in (column - 1)..<last { openCells[index] = value }
    }

    /// Makes `row` the row being written, putting the previous one away.
    private mutating func open(_ row: Int) {
        guard row != openRow else { return }
        if openRow != 0 { rows[openRow] = openCells }
        openCells = rows.removeValue(forKey: row) ?? []
        openRow = row
    }

    /// Records a merged range, applied by `finish()`.
    mutating func merge(_ range: CellRange) {
        if range.cellCount > 1 { merges.append(range) }
    }

    /// Applies the merges and returns the non-empty rows in order, trailing empty cells dropped.
    ///
    /// The cells that merges cover count against the cell budget too, so that many huge merged
    /// ranges cannot make this loop run for long.
    mutating func finish() throws(WorkbookError) -> [WorkbookRow] {
        var mergedCells = 0
        for range in merges {
            mergedCells += range.cellCount
            guard mergedCells <= maxCells else { throw tooManyCells(row: range.first.row, column: range.first.column) }
            open(range.first.row)
            let origin = range.first.column <= openCells.count ? openCells[range.first.column - 1] : .empty
            let width = range.last.column - range.first.column + 1
            for row in range.first.row...range.last.row {
                if origin != .empty {
                    try set(origin, row: row, column: range.first.column, count: width)
                } else {
                    open(row)
                    guard range.first.column <= openCells.count else { continue }
                    for column in range.first.column...min(range.last.column, openCells.count) {
                        openCells[column - 1] = .empty
                    }
                }
            }
        }
        open(0)
        var result: [WorkbookRow] = []
        result.reserveCapacity(rows.count)
        for number in rows.keys.sorted() {
            guard var cells = rows[number] else { continue }
            while let last = cells.last, last == .empty { cells.removeLast() }
            if !cells.isEmpty { result.append(WorkbookRow(number: number, cells: cells)) }
        }
        return result
    }

    private func tooManyCells(row: Int, column: Int) -> WorkbookError {
        WorkbookError(
            "this workbook has more than \(maxCells.formatted(grouping: true)) cells (counting the empty "
                + "cells before the last value of each row), more than bilan reads: split its data into smaller "
                + "sheets or workbooks, or delete the cells far to the right or below your data",
            sheet: sheetName, row: row, column: column)
    }
}

extension Int {
    /// The number with commas between groups of three digits: `5,000,000`.
    func formatted(grouping: Bool) -> String {
        let digits = String(magnitude)
        guard grouping, digits.count > 3 else { return self < 0 ? "-" + digits : digits }
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return self < 0 ? "-" + result : result
    }
}
