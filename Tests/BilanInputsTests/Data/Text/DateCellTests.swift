import Foundation
import Testing

@testable import BilanInputs

@Suite struct DateValueTests {
    @Test func validatesTheCalendar() {
        #expect(DateValue(year: 2024, month: 2, day: 29) != nil)
        #expect(DateValue(year: 2023, month: 2, day: 29) == nil)
        #expect(DateValue(year: 2000, month: 2, day: 29) != nil)
        #expect(DateValue(year: 1900, month: 2, day: 29) == nil)
        #expect(DateValue(year: 2024, month: 4, day: 31) == nil)
        #expect(DateValue(year: 2024, month: 12, day: 31) != nil)
        #expect(DateValue(year: 2024, month: 13, day: 1) == nil)
        #expect(DateValue(year: 2024, month: 0, day: 1) == nil)
        #expect(DateValue(year: 2024, month: 1, day: 0) == nil)
        #expect(DateValue(year: 999, month: 1, day: 1) == nil)
        #expect(DateValue(year: 1000, month: 1, day: 1) != nil)
        #expect(DateValue(year: 9999, month: 12, day: 31) != nil)
        #expect(DateValue(year: 10000, month: 1, day: 1) == nil)
        #expect(DateValue(year: Int.min, month: Int.max, day: Int.min) == nil)
    }

    @Test func everyDayOfAYear() {
        let days = (1...12).flatMap { month in (1...31).compactMap { DateValue(year: 2024, month: month, day: $0) } }
        #expect(days.count == 366)
        #expect(days == days.sorted())
        #expect((1...12).flatMap { m in (1...31).compactMap { DateValue(year: 2023, month: m, day: $0) } }.count == 365)
    }

    @Test func isoAndOrder() throws {
        let april = try #require(DateValue(year: 2024, month: 4, day: 1))
        let may = try #require(DateValue(year: 2024, month: 5, day: 1))
        #expect(april.iso == "2024-04-01")
        #expect("\(april)" == "2024-04-01")
        #expect(DateValue(year: 1999, month: 12, day: 31)?.iso == "1999-12-31")
        #expect(april < may)
        #expect(try #require(DateValue(year: 2023, month: 12, day: 31)) < april)
        #expect(Set([april, april, may]).count == 2)
    }

    @Test func orderSpellings() {
        #expect(DateOrder(rawValue: "day-month") == .dayMonth)
        #expect(DateOrder(rawValue: "month-day") == .monthDay)
        #expect(DateOrder(rawValue: "year-month-day") == .yearMonthDay)
        #expect(DateOrder(rawValue: "dd/mm") == nil)
    }
}

@Suite struct DateCellTests {
    @Test(arguments: [
        ("2024-04-01", DateShape.iso(year: 2024, month: 4, day: 1)),
        ("2024-04-01T10:30", .iso(year: 2024, month: 4, day: 1)),
        ("2024-04-01 10:30:59", .iso(year: 2024, month: 4, day: 1)),
        ("2024-04-01T00:00:00", .iso(year: 2024, month: 4, day: 1)),
        ("2024-02-31", .iso(year: 2024, month: 2, day: 31)),
        ("2024/04/01", .yearFirst(year: 2024, month: 4, day: 1, separator: "/")),
        ("2024/4/1", .yearFirst(year: 2024, month: 4, day: 1, separator: "/")),
        ("2024.04.01", .yearFirst(year: 2024, month: 4, day: 1, separator: ".")),
        ("2024-4-1", .yearFirst(year: 2024, month: 4, day: 1, separator: "-")),
        ("2024/04/01 9:05", .yearFirst(year: 2024, month: 4, day: 1, separator: "/")),
        ("01/04/2024", .slashed(first: 1, second: 4, year: 2024, separator: "/")),
        ("1/4/2024", .slashed(first: 1, second: 4, year: 2024, separator: "/")),
        ("13.04.2024", .slashed(first: 13, second: 4, year: 2024, separator: ".")),
        ("1-4-2024", .slashed(first: 1, second: 4, year: 2024, separator: "-")),
        ("4/1/2024 9:30", .slashed(first: 4, second: 1, year: 2024, separator: "/")),
        ("31/31/2024", .slashed(first: 31, second: 31, year: 2024, separator: "/")),
        ("0999-01-01", .iso(year: 999, month: 1, day: 1)),
    ])
    func shapes(text: String, shape: DateShape) {
        #expect(DateCell.shape(of: text) == shape)
    }

    @Test(arguments: [
        "", "2024", "2024-04", "01/04/24", "1/4/24", "2024-04-01T10", "2024-04-01T10:3", "2024-04-01T24:00",
        "2024-04-01T10:60", "2024-04-01T10:30:60", "2024-04-01T10:30:00Z", "2024-04-01T10:30:00.000",
        "2024-04-01T10:30+05:00", "01/04/2024T10:30", " 2024-04-01", "2024-04-01 ", "01/04.2024", "2024/04-01",
        "001/04/2024", "01/004/2024", "01/04/02024", "20244-04-01", "2024-004-01", "2024-04-001", "24-04-01",
        "2024-04-01x", "a2024-04-01", "2024 04 01", "01 04 2024", "2024/04/01T10:30", "١٢/٠٤/٢٠٢٤", "--",
        "12/2024", "2024-04-01 10:30 ", "2024-04-01  10:30",
    ])
    func notShapes(text: String) {
        #expect(DateCell.shape(of: text) == nil)
    }

    @Test func values() {
        #expect(DateCell.value(of: "2024-04-01", order: nil)?.iso == "2024-04-01")
        #expect(DateCell.value(of: "2024-04-01", order: .monthDay)?.iso == "2024-04-01")
        #expect(DateCell.value(of: "2024/4/1", order: nil)?.iso == "2024-04-01")
        #expect(DateCell.value(of: "01/04/2024", order: nil) == nil)
        #expect(DateCell.value(of: "01/04/2024", order: .dayMonth)?.iso == "2024-04-01")
        #expect(DateCell.value(of: "01/04/2024", order: .monthDay)?.iso == "2024-01-04")
        #expect(DateCell.value(of: "01/04/2024", order: .yearMonthDay) == nil)
        #expect(DateCell.value(of: "29/02/2023", order: .dayMonth) == nil)
        #expect(DateCell.value(of: "2024-02-30", order: nil) == nil)
        #expect(DateCell.value(of: "0999-01-01", order: nil) == nil)
        #expect(DateCell.value(of: "2024-04-01T23:59:59", order: nil)?.iso == "2024-04-01")
        #expect(DateCell.value(of: "text", order: .dayMonth) == nil)
    }

    // MARK: Columns

    private func dates(_ isos: [String?]) -> ColumnDates {
        .dates(isos.map { $0.flatMap { DateCell.value(of: $0, order: nil) } })
    }

    @Test func isoColumnsNeedNoDeclaration() {
        #expect(
            DateCell.classify(column: ["2024-04-01", nil, "", "  ", "2024-12-31T08:00"], declared: nil)
                == dates(["2024-04-01", nil, nil, nil, "2024-12-31"]))
        #expect(
            DateCell.classify(column: ["2024/04/01", "2024-04-02", "2024.4.3"], declared: nil)
                == dates(["2024-04-01", "2024-04-02", "2024-04-03"]))
        #expect(DateCell.classify(column: ["2024-04-01"], declared: .monthDay) == dates(["2024-04-01"]))
        #expect(DateCell.classify(column: ["2024-04-01"], declared: .yearMonthDay) == dates(["2024-04-01"]))
    }

    @Test func columnsThatAreNotDates() {
        #expect(DateCell.classify(column: [], declared: nil) == .notDates)
        #expect(DateCell.classify(column: [nil, "", " "], declared: .dayMonth) == .notDates)
        #expect(DateCell.classify(column: ["2024-04-01", "n/a"], declared: nil) == .notDates)
        #expect(DateCell.classify(column: ["01/04/2024", "bientôt"], declared: .dayMonth) == .notDates)
        #expect(DateCell.classify(column: ["2024", "2025"], declared: nil) == .notDates)
        #expect(DateCell.classify(column: ["12,5", "1 234"], declared: .dayMonth) == .notDates)
        #expect(DateCell.classify(column: ["01/04/24", "02/04/24"], declared: .dayMonth) == .notDates)
        // Even after problems: a column with text anywhere is not one of dates.
        #expect(DateCell.classify(column: ["01/04/2024", "2024-04-01", "31/02/2024", "x"], declared: nil) == .notDates)
    }

    @Test func declaredOrders() {
        #expect(
            DateCell.classify(column: ["01/04/2024", "13/04/2024", nil, "2024-04-30"], declared: .dayMonth)
                == dates(["2024-04-01", "2024-04-13", nil, "2024-04-30"]))
        #expect(
            DateCell.classify(column: ["01/04/2024", "4/13/2024 9:30", "2024/04/30"], declared: .monthDay)
                == dates(["2024-01-04", "2024-04-13", "2024-04-30"]))
    }

    @Test func undeclaredWithNothingToDecide() {
        #expect(
            DateCell.classify(column: [nil, "05/05/2024", "01/04/2024", "02/04/2024"], declared: nil)
                == .ambiguous(
                    index: 2, suggested: nil,
                    message: "01/04/2024 is April 1, 2024 read day-month and January 4, 2024 read month-day, and no "
                        + "date of this column tells which: declare the order of day and month, \"dates: day-month\" "
                        + "(as in fr-CA) or \"dates: month-day\" (as in en-US)"))
        #expect(
            DateCell.classify(column: ["05/05/2024", "7.7.2024"], declared: nil)
                == .ambiguous(
                    index: 0, suggested: nil,
                    message: "this column writes dates with the year last (05/05/2024) and does not declare the order "
                        + "of day and month: declare it, \"dates: day-month\" (as in fr-CA) or \"dates: month-day\" "
                        + "(as in en-US)"))
    }

    @Test func undeclaredButProvenOrderIsStillAnError() {
        #expect(
            DateCell.classify(column: ["01/04/2024", "13/04/2024", "20/04/2024"], declared: nil)
                == .ambiguous(
                    index: 1, suggested: .dayMonth,
                    message: "13/04/2024 can only be day-month, but bilan never guesses the order of day and month: "
                        + "declare it for this column, \"dates: day-month\""))
        #expect(
            DateCell.classify(column: ["04/30/2024", "04/01/2024"], declared: nil)
                == .ambiguous(
                    index: 0, suggested: .monthDay,
                    message: "04/30/2024 can only be month-day, but bilan never guesses the order of day and month: "
                        + "declare it for this column, \"dates: month-day\""))
        // 30/04 proves day-month; 31/02 fits no order.
        #expect(DateCell.classify(column: ["30/04/2024"], declared: nil).problem?.index == 0)
    }

    @Test func undeclaredContradictoryOrders() {
        #expect(
            DateCell.classify(column: ["01/04/2024", "13/04/2024", "04/13/2024", "14/04/2024"], declared: nil)
                == .ambiguous(
                    index: 2, suggested: nil,
                    message: "04/13/2024 can only be month-day but 13/04/2024 can only be day-month: the dates of "
                        + "this column are not written in one order; write them all the same way, best with the year "
                        + "first (2024-04-01)"))
    }

    @Test func mixedWaysWithoutDeclaration() {
        #expect(
            DateCell.classify(column: ["2024-04-01", nil, "2024-04-02", "03/04/2024", "2024-04-04"], declared: nil)
                == .mixed(
                    index: 3,
                    message: "this date is written 03/04/2024 but the column's first date is written 2024-04-01: "
                        + "write them all the same way (best, with the year first: 2024-04-01), or declare the "
                        + "order of day and month, \"dates: day-month\" (as in fr-CA) or \"dates: month-day\" "
                        + "(as in en-US)"))
        #expect(
            DateCell.classify(column: ["13/04/2024", "2024/04/14"], declared: nil).problem?.index == 1)
        #expect(
            DateCell.classify(column: ["03/04/2024", "2024-04-01"], declared: .dayMonth)
                == dates(["2024-04-03", "2024-04-01"]))
    }

    @Test func invalidCells() {
        #expect(
            DateCell.classify(column: ["01/02/2024", "31/02/2024"], declared: .dayMonth)
                == .invalid(
                    index: 1,
                    message: "31/02/2024 is not a date in day-month order, as this column declares: February 2024 "
                        + "has 29 days"))
        #expect(
            DateCell.classify(column: ["01/04/2024", "04/13/2024"], declared: .dayMonth)
                == .invalid(
                    index: 1,
                    message: "04/13/2024 is not a date in day-month order, as this column declares: there is no "
                        + "month 13"))
        #expect(
            DateCell.classify(column: ["13/04/2024"], declared: .monthDay)
                == .invalid(
                    index: 0,
                    message: "13/04/2024 is not a date in month-day order, as this column declares: there is no "
                        + "month 13"))
        #expect(
            DateCell.classify(column: ["2024-04-01", "2023-02-29"], declared: nil)
                == .invalid(index: 1, message: "2023-02-29 is not a date: February 2023 has 28 days"))
        #expect(
            DateCell.classify(column: ["2024-00-10"], declared: nil)
                == .invalid(index: 0, message: "2024-00-10 is not a date: there is no month 0"))
        #expect(
            DateCell.classify(column: ["0999-12-31"], declared: .dayMonth)
                == .invalid(index: 0, message: "0999-12-31 is not a date: bilan reads the years 1000 to 9999"))
        #expect(
            DateCell.classify(column: ["01/04/2024", "13/13/2024"], declared: nil)
                == .invalid(index: 1, message: "13/13/2024 is not a date, in day-month order nor in month-day order"))
        #expect(
            DateCell.classify(column: ["2024-04-01", "01/04/2024"], declared: .yearMonthDay)
                == .invalid(
                    index: 1,
                    message: "01/04/2024 is written with the year last, but this column declares \"dates: "
                        + "year-month-day\": write it with the year first (2024-04-01)"))
    }

    @Test func seededRandomColumnsNeverCrash() {
        var generator = SeededGenerator(seed: 2024)
        let alphabet = Array("0123456789/.-T: ")
        for _ in 0..<5000 {
            let cells: [String?] = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                Int.random(in: 0..<5, using: &generator) == 0
                    ? nil
                    : String(
                        (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                            alphabet.randomElement(using: &generator) ?? "0"
                        })
            }
            let declared = [nil, DateOrder.dayMonth, .monthDay, .yearMonthDay].randomElement(using: &generator) ?? nil
            let result = DateCell.classify(column: cells, declared: declared)
            if let problem = result.problem {
                #expect(cells.indices.contains(problem.index))
            }
            if case .dates(let values) = result {
                #expect(values.count == cells.count)
            }
        }
    }

    // MARK: Formatting

    @Test func formatsLongDatesInFrenchAndEnglish() throws {
        let french = Locale(identifier: "fr_CA")
        let english = Locale(identifier: "en_CA")
        let april = try #require(DateValue(year: 2024, month: 4, day: 1))
        let december = try #require(DateValue(year: 2024, month: 12, day: 31))
        #expect(Array(DateCell.format(april, locale: french).utf8) == Array("1 avril 2024".utf8))
        #expect(
            Array(DateCell.format(december, locale: french).utf8) == [
                0x33, 0x31, 0x20, 0x64, 0xC3, 0xA9, 0x63, 0x65, 0x6D, 0x62, 0x72, 0x65, 0x20, 0x32, 0x30, 0x32, 0x34,
            ])
        #expect(DateCell.format(december, locale: french) == "31 décembre 2024")
        #expect(Array(DateCell.format(april, locale: english).utf8) == Array("April 1, 2024".utf8))
        #expect(DateCell.format(december, locale: english) == "December 31, 2024")
        let leap = try #require(DateValue(year: 2024, month: 2, day: 29))
        #expect(DateCell.format(leap, locale: french) == "29 février 2024")
        #expect(DateCell.format(leap, locale: english) == "February 29, 2024")
    }

    @Test func formatsTheWholeYearRange() throws {
        let french = Locale(identifier: "fr_CA")
        let first = try #require(DateValue(year: 1000, month: 1, day: 1))
        #expect(DateCell.format(first, locale: french) == "1 janvier 1000")
        #expect(
            DateCell.format(try #require(DateValue(year: 9999, month: 12, day: 31)), locale: french)
                == "31 décembre 9999")
        #expect(DateCell.format(try #require(DateValue(year: 1500, month: 3, day: 1)), locale: french) == "1 mars 1500")
        // The ten days Foundation's Gregorian calendar skips.
        let skipped = try #require(DateValue(year: 1582, month: 10, day: 10))
        #expect(DateCell.format(skipped, locale: french) == "1582-10-10")
        #expect(
            DateCell.format(try #require(DateValue(year: 1582, month: 10, day: 15)), locale: french)
                == "15 octobre 1582")
    }

    @Test func formatsFromManyTasksAtOnce() async throws {
        let date = try #require(DateValue(year: 2024, month: 4, day: 1))
        let results = await withTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                group.addTask { DateCell.format(date, locale: Locale(identifier: index % 2 == 0 ? "fr_CA" : "en_CA")) }
            }
            var all: [String] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(Set(results) == ["1 avril 2024", "April 1, 2024"])
    }
}
