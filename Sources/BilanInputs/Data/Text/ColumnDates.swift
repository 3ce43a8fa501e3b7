/// What the cells of one column are, read as dates: ``DateCell/classify(column:declared:)``.
package enum ColumnDates: Hashable, Sendable {
    /// Some non-empty cell is not written as a date (or no cell has anything): the column is
    /// text or numbers, to be left as it is.
    case notDates
    /// Every non-empty cell is a date; one value per cell, nil where the cell is empty.
    case dates([DateValue?])
    /// Dates written with the year last and no declared order: always an error, since
    /// `01/04/2024` is April 1 in fr-CA and January 4 in en-US. `suggested` is the only order
    /// that reads every cell, when a cell proves it (`13/04/2024`); nil when none does, or
    /// when two cells prove different orders. `index` is the cell to point at: the proving
    /// cell, the second of two that contradict, or the first that could be either.
    case ambiguous(index: Int, suggested: DateOrder?, message: String)
    /// With no declared order, dates written with the year first and with the year last in
    /// one column (as Excel exports cells typed differently); `index` is the first cell of
    /// the other way than the column's first date.
    case mixed(index: Int, message: String)
    /// A cell shaped like a date that is no real day: `31/02/2024`, a 13th month in the
    /// declared order, a year-last date in a `year-month-day` column, a year before 1000.
    case invalid(index: Int, message: String)

    /// The cell to point at and the message, for the three problems; nil otherwise.
    package var problem: (index: Int, message: String)? {
        switch self {
        case .notDates, .dates: nil
        case .ambiguous(let index, _, let message), .mixed(let index, let message),
            .invalid(let index, let message):
            (index, message)
        }
    }
}

extension DateCell {
    /// How to declare an order, for messages.
    static let declareEither = "\"dates: day-month\" (as in fr-CA) or \"dates: month-day\" (as in en-US)"

    /// Whether a column holds dates, read in its declared order (nil when undeclared).
    ///
    /// Empty cells (nil, "" or spaces only) are missing. Never guesses: a column of dates
    /// written with the year last needs a declared order, even when a cell such as
    /// `13/04/2024` shows which (the message then says which to declare); with one,
    /// year-first and year-last dates mix freely. The first problem found is returned, in
    /// this order: a mix of ways without a declaration, a cell that is no real date (in
    /// either order, undeclared), then the missing declaration.
    package static func classify(column cells: [String?], declared: DateOrder?) -> ColumnDates {
        var shapes: [DateShape?] = []
        shapes.reserveCapacity(cells.count)
        var firstDated: Int?
        for (index, cell) in cells.enumerated() {
            guard let cell, !cell.utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) else {
                shapes.append(nil)
                continue
            }
            guard let shape = shape(of: cell) else { return .notDates }
            if firstDated == nil { firstDated = index }
            shapes.append(shape)
        }
        guard let firstDated, let firstShape = shapes[firstDated] else { return .notDates }
        let text = { (index: Int) in cells[index] ?? "" }

        if declared == nil, let other = shapes.firstIndex(where: { $0.map(\.isYearFirst) == !firstShape.isYearFirst }) {
            return .mixed(
                index: other,
                message: "this date is written \(text(other)) but the column's first date is written "
                    + "\(text(firstDated)): write them all the same way (best, with the year first: 2024-04-01), "
                    + "or declare the order of day and month, " + declareEither)
        }
        if declared == nil, !firstShape.isYearFirst {
            return undeclaredOrder(shapes, text)
        }
        var values: [DateValue?] = []
        values.reserveCapacity(cells.count)
        for (index, shape) in shapes.enumerated() {
            guard let shape else {
                values.append(nil)
                continue
            }
            guard let value = value(of: shape, order: declared) else {
                return .invalid(index: index, message: whyInvalid(text(index), shape, declared))
            }
            values.append(value)
        }
        return .dates(values)
    }

    /// The problem of a column of year-last dates with no declared order.
    private static func undeclaredOrder(_ shapes: [DateShape?], _ text: (Int) -> String) -> ColumnDates {
        var proofs: [DateOrder: Int] = [:]
        var firstAmbiguous: Int?
        var firstAny: Int?
        for (index, shape) in shapes.enumerated() {
            guard let shape else { continue }
            if firstAny == nil { firstAny = index }
            let dayMonth = value(of: shape, order: .dayMonth)
            let monthDay = value(of: shape, order: .monthDay)
            switch (dayMonth, monthDay) {
            case (nil, nil):
                return .invalid(index: index, message: whyInvalid(text(index), shape, nil))
            case (_?, nil), (nil, _?):
                let order: DateOrder = dayMonth != nil ? .dayMonth : .monthDay
                if proofs[order] == nil { proofs[order] = index }
            case (let one?, let other?):
                if firstAmbiguous == nil, one != other { firstAmbiguous = index }
            }
        }
        if let dayMonth = proofs[.dayMonth], let monthDay = proofs[.monthDay] {
            let (first, second) = dayMonth < monthDay ? (dayMonth, monthDay) : (monthDay, dayMonth)
            let firstOrder: DateOrder = first == dayMonth ? .dayMonth : .monthDay
            let secondOrder: DateOrder = firstOrder == .dayMonth ? .monthDay : .dayMonth
            return .ambiguous(
                index: second, suggested: nil,
                message: "\(text(second)) can only be \(secondOrder.rawValue) but \(text(first)) can only be "
                    + "\(firstOrder.rawValue): the dates of this column are not written in one order; write them "
                    + "all the same way, best with the year first (2024-04-01)")
        }
        if let order = proofs.keys.first, let index = proofs[order] {
            return .ambiguous(
                index: index, suggested: order,
                message: "\(text(index)) can only be \(order.rawValue), but bilan never guesses the order of day "
                    + "and month: declare it for this column, \"dates: \(order.rawValue)\"")
        }
        let index = firstAmbiguous ?? firstAny ?? 0
        guard case .slashed(let first, let second, let year, _)? = shapes[index], first != second else {
            return .ambiguous(
                index: index, suggested: nil,
                message: "this column writes dates with the year last (\(text(index))) and does not declare the "
                    + "order of day and month: declare it, " + declareEither)
        }
        return .ambiguous(
            index: index, suggested: nil,
            message: "\(text(index)) is \(monthName(second)) \(first), \(year) read day-month and "
                + "\(monthName(first)) \(second), \(year) read month-day, and no date of this column tells which: "
                + "declare the order of day and month, " + declareEither)
    }

    /// Why a date-shaped cell is no date in the declared order (or in either, undeclared).
    private static func whyInvalid(_ text: String, _ shape: DateShape, _ declared: DateOrder?) -> String {
        let (year, month): (Int, Int)
        let reading: String
        switch (shape, declared) {
        case (.iso(let y, let m, _), _), (.yearFirst(let y, let m, _, _), _):
            (year, month) = (y, m)
            reading = "\(text) is not a date"
        case (.slashed, .yearMonthDay?):
            return "\(text) is written with the year last, but this column declares \"dates: year-month-day\": "
                + "write it with the year first (2024-04-01)"
        case (.slashed(_, let second, let y, _), .dayMonth?):
            (year, month) = (y, second)
            reading = "\(text) is not a date in day-month order, as this column declares"
        case (.slashed(let first, _, let y, _), .monthDay?):
            (year, month) = (y, first)
            reading = "\(text) is not a date in month-day order, as this column declares"
        case (.slashed, nil):
            return "\(text) is not a date, in day-month order nor in month-day order"
        }
        if !DateValue.years.contains(year) {
            return reading + ": bilan reads the years 1000 to 9999"
        }
        if !(1...12).contains(month) {
            return reading + ": there is no month \(month)"
        }
        return reading + ": \(monthName(month)) \(year) has \(DateValue.daysIn(month: month, year: year)) days"
    }

    /// The English name of a month (1...12), for messages.
    static func monthName(_ month: Int) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return names.indices.contains(month - 1) ? names[month - 1] : "month \(month)"
    }
}
